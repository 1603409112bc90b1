import type { Round, RoundStatus } from './entities/round.entity.js';

export interface RoundView {
  id: string;
  editionId: string;
  number: number;
  name: string;
  status: RoundStatus;
  closesAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

export function toRoundView(round: Round): RoundView {
  return {
    id: round.id,
    editionId: round.editionId,
    number: round.number,
    name: round.name,
    status: round.status,
    closesAt: round.closesAt?.toISOString() ?? null,
    closedAt: round.closedAt?.toISOString() ?? null,
    createdAt: round.createdAt.toISOString(),
  };
}

export interface PanelJurorView {
  id: string;
  fullName: string;
  email: string;
  employerCompanyId: string | null;
  addedAt: string;
}

export interface PanelView {
  categoryId: string;
  categoryCode: string;
  jurors: PanelJurorView[];
}

export type ConflictSource = 'declared' | 'organiser' | 'membership' | 'employer';

export interface ConflictView {
  /** Null for automatic conflicts (membership, employer): they follow from other records and cannot be removed here. */
  id: string | null;
  editionId: string;
  jurorId: string;
  jurorName: string;
  companyId: string;
  /** Left out for jurors of a blind edition: they learn no company names from the platform. */
  companyName?: string;
  source: ConflictSource;
  reason: string | null;
  createdAt: string | null;
  /**
   * The late conflict (GET /editions/{id}/late-conflicts) awaiting an organiser's decision, when this conflict
   * appeared after the juror had scored the company's nominations; otherwise null.
   */
  awaitingDecision: string | null;
}

export interface AssignmentView {
  roundId: string;
  nominationId: string;
  jurorId: string;
  categoryId: string;
  /** False while a conflict of interest (or the nomination's status) silences it: it is neither shown to the juror nor counted. */
  active: boolean;
  scorecardStatus: 'draft' | 'submitted' | null;
  createdAt: string;
}

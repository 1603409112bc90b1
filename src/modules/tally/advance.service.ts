import { Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog, type AuditRecord } from '../audit/audit.service.js';
import { assertPhase } from '../editions/edition-rules.js';
import type { EntityManager } from 'typeorm';
import { findEdition, type EditionSummary, type Phase } from '../editions/edition.queries.js';
import { CurrentTallies, type CurrentRanking, type Currency } from './current-tallies.js';
import { movePhase } from '../editions/edition-phase.js';
import {
  findRound,
  laterRound,
  type RoundRow,
  lockRoundAndEdition,
  markShortlistAnnounced,
  openNextRound,
  shortlistAnnouncedAt,
} from '../jury/round-state.js';
import { assignPanelsTo } from '../jury/assignments/panel-assignments.js';
import { announceShortlist, roundShortlisted, shortlist } from '../nominations/nomination-status.js';
import { nominationLabels } from '../nominations/nomination.queries.js';
import { ShortlistErrors } from './shortlist.errors.js';
import { TallyErrors } from './tally.errors.js';

export interface ShortlistAnnouncement {
  roundId: string;
  announcedAt: string;
  /** The nominations whose entrants now see `shortlisted`. */
  nominationIds: string[];
}

export interface AdvanceOutcome {
  roundId: string;
  nextRound: { id: string; number: number; name: string };
  editionPhase: Phase;
  shortlisted: ShortlistedCategory[];
  assignments: number;
}

export interface ShortlistedCategory {
  categoryId: string;
  categoryCode: string;
  nominationIds: string[];
}

export interface AdvancePreview {
  roundId: string;
  topN: number;
  categories: (ShortlistedCategory & {
    /** The advancing nominations in rank order, with what names them. */
    nominations: { nomination: string; title: string; companyName: string; rank: number }[];
    /** The nominations sharing the rank at the cut, when they take the shortlist past N (all of them advance). */
    tiedAtCut: string[];
  })[];
}

/**
 * The top N of each category's current tally; ties at the cut all advance: with ranks 1, 2, 3, 3, 5 and
 * topN 3, four nominations go through (no tie-breaker separated them, so neither may be dropped).
 */
function shortlistOf(tallies: CurrentRanking[], topN: number): ShortlistedCategory[] {
  return tallies.map((t) => ({
    categoryId: t.categoryId,
    categoryCode: t.categoryCode,
    nominationIds: t.ranking.filter((n) => n.rank !== null && n.rank <= topN).map((n) => n.nomination),
  }));
}

/**
 * Moves the best of a closed, tallied round into the next one: the top N of each category become
 * `shortlisted`, round number + 1 opens with assignments for them, and the edition returns to `judging`
 * so that jurors can score it. All in one transaction. Entrants learn of the shortlist only when an
 * organiser announces it (`announceShortlist`; see nominations/nomination-status.ts).
 */
@Injectable()
export class AdvanceService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly tallies: CurrentTallies,
  ) {}

  advance(caller: Caller, roundId: string, topN: number): Promise<AdvanceOutcome> {
    return this.transactions.run(async (manager) => {
      const { round, edition } = await lockRoundAndEdition(manager, roundId);
      const { shortlisted } = await this.shortlist(manager, round, edition, topN);
      const advancing = shortlisted.flatMap((s) => s.nominationIds);
      if (!advancing.length) throw new DomainError(TallyErrors.nothingToAdvance);

      // Entrants go on seeing the old status until an organiser announces this round's shortlist.
      const changed = await shortlist(manager, advancing, round.id);

      const created = await openNextRound(manager, round);
      // The default rule: every member of the category's panel gets every advancing nomination, minus conflicts.
      const assignments = await assignPanelsTo(
        manager,
        { id: created.id, editionId: round.editionId },
        advancing,
      );
      await movePhase(manager, edition, 'judging', 'round_opened');

      const base = { editionId: edition.id, actorId: caller.userId };
      const records: AuditRecord[] = [
        ...changed.map((n): AuditRecord => ({
          ...base,
          action: 'nominations.status_changed',
          entityType: 'nomination',
          entityId: n.id,
          data: { from: n.from, to: n.to, reason: 'advanced', roundId: round.id },
        })),
        {
          ...base,
          action: 'rounds.advanced',
          entityType: 'round',
          entityId: round.id,
          data: { topN, nextRoundId: created.id, shortlisted, assignments },
        },
        {
          ...base,
          action: 'editions.phase_changed',
          entityType: 'edition',
          entityId: edition.id,
          data: { from: edition.phase, to: 'judging', reason: 'round_opened', roundId: created.id },
        },
      ];
      await this.audit.appendMany(manager, records);
      return {
        roundId: round.id,
        nextRound: created,
        editionPhase: 'judging',
        shortlisted,
        assignments,
      };
    });
  }
  /**
   * What `advance` with this `topN` would shortlist now, computed the same way, with the ties at the cut
   * named so that an organiser sees them before confirming. Changes nothing.
   */
  preview(roundId: string, topN: number): Promise<AdvancePreview> {
    return this.transactions.run(async (manager) => {
      const round = await findRound(manager, roundId);
      const edition = (await findEdition(manager, round.editionId))!;
      const { shortlisted, tallies } = await this.shortlist(manager, round, edition, topN, 'reuse');
      const labels = await nominationLabels(
        manager,
        shortlisted.flatMap((c) => c.nominationIds),
      );
      return {
        roundId: round.id,
        topN,
        categories: shortlisted.map((category) => {
          const ranks = new Map(
            tallies
              .find((t) => t.categoryId === category.categoryId)!
              .ranking.map((n) => [n.nomination, n.rank]),
          );
          const cutRank = Math.max(0, ...category.nominationIds.map((id) => ranks.get(id) ?? 0));
          const tiedAtCut =
            category.nominationIds.length > topN
              ? category.nominationIds.filter((id) => ranks.get(id) === cutRank)
              : [];
          const nominations = category.nominationIds.map((id) => ({
            nomination: id,
            title: labels.get(id)?.title ?? '',
            companyName: labels.get(id)?.companyName ?? '',
            // Every shortlisted nomination is ranked (`shortlistOf` takes ranks up to N).
            rank: ranks.get(id) ?? 0,
          }));
          return { ...category, nominations, tiedAtCut };
        }),
      };
    });
  }

  /**
   * Refuses a round that cannot advance, then shortlists the top N of its current tallies: rechecked for an
   * advance, reused from the last check while no input changed for a preview.
   */
  private async shortlist(
    manager: EntityManager,
    round: RoundRow,
    edition: EditionSummary,
    topN: number,
    currency: Currency = 'recheck',
  ): Promise<{ shortlisted: ShortlistedCategory[]; tallies: CurrentRanking[] }> {
    if (round.status !== 'closed')
      throw new DomainError(TallyErrors.roundOpen, undefined, { roundStatus: round.status });
    assertPhase(edition, 'tallying');
    const next = await laterRound(manager, round);
    if (next) throw new DomainError(TallyErrors.nextRoundExists, undefined, { nextRoundId: next });
    const tallies = await this.tallies.rankings(manager, round, currency);
    return { shortlisted: shortlistOf(tallies, topN), tallies };
  }

  /**
   * Shows entrants the shortlist this round advanced: its nominations that are still `shortlisted` show so
   * from now on. Once per round; audited.
   */
  announceShortlist(caller: Caller, roundId: string): Promise<ShortlistAnnouncement> {
    return this.transactions.run(async (manager) => {
      const round = await findRound(manager, roundId, true);
      const announcedAt = await shortlistAnnouncedAt(manager, round.id);
      if (announcedAt)
        throw new DomainError(ShortlistErrors.alreadyAnnounced, undefined, {
          announcedAt: announcedAt.toISOString(),
        });
      if (!(await roundShortlisted(manager, round.id))) throw new DomainError(ShortlistErrors.notAdvanced);
      const nominationIds = await announceShortlist(manager, round.id);
      const announced = await markShortlistAnnounced(manager, round.id, caller.userId);
      await this.audit.append(manager, {
        action: 'rounds.shortlist_announced',
        entityType: 'round',
        entityId: round.id,
        editionId: round.editionId,
        actorId: caller.userId,
        data: { nominationIds },
      });
      return { roundId: round.id, announcedAt: announced.toISOString(), nominationIds };
    });
  }
}

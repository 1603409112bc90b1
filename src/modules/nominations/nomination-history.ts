import type { NominationStatus } from './entities/nomination.entity.js';

/** One step of a nomination's way through the award, as its entrants may see it. */
export type NominationEventKind =
  'submitted' | 'eligible' | 'ineligible' | 'shortlisted' | 'finalist' | 'winner' | 'withdrawn';

export const NOMINATION_EVENT_KINDS: readonly NominationEventKind[] = [
  'submitted',
  'eligible',
  'ineligible',
  'shortlisted',
  'finalist',
  'winner',
  'withdrawn',
];

export interface NominationEvent {
  kind: NominationEventKind;
  /** When it happened, where the nomination records it (shortlists and results carry no time of their own). */
  at: string | null;
  /** The organiser's reason, for an ineligible decision. */
  reason: string | null;
}

/** What the history is built from: the nomination's own row. */
export interface HistorySource {
  status: NominationStatus;
  /** The status entrants see (shortlist-visibility.ts): the history follows it, never the true one. */
  shownStatus: NominationStatus;
  submittedAt: Date | null;
  eligibilityDecidedAt: Date | null;
  ineligibilityReason: string | null;
  shortlistedInRoundId: string | null;
  withdrawnAt: Date | null;
}

/**
 * The nomination's history, oldest first, derived from what its row records and told as the caller may know
 * it: a shortlist shows only once announced (or the results are published), since the history reads the
 * shown status; a result (finalist, winner) only exists once published (publication writes it). An
 * eligibility decision revised later shows as the one that stands; its reason exists only when ineligible.
 */
export function nominationHistory(source: HistorySource): NominationEvent[] {
  const events: NominationEvent[] = [];
  const at = (date: Date | null) => date?.toISOString() ?? null;
  if (source.submittedAt) events.push({ kind: 'submitted', at: at(source.submittedAt), reason: null });
  if (source.eligibilityDecidedAt) {
    const ineligible = source.ineligibilityReason !== null;
    events.push({
      kind: ineligible ? 'ineligible' : 'eligible',
      at: at(source.eligibilityDecidedAt),
      reason: ineligible ? source.ineligibilityReason : null,
    });
  }
  const shown = source.shownStatus;
  const revealed = shown === 'shortlisted' || shown === 'finalist' || shown === 'winner';
  if (source.shortlistedInRoundId !== null && revealed)
    events.push({ kind: 'shortlisted', at: null, reason: null });
  if (shown === 'finalist' || shown === 'winner') events.push({ kind: shown, at: null, reason: null });
  if (source.withdrawnAt && shown === 'withdrawn')
    events.push({ kind: 'withdrawn', at: at(source.withdrawnAt), reason: null });
  return events;
}

import type { EntityManager } from 'typeorm';
import type { NominationStatus } from './entities/nomination.entity.js';

/**
 * A nomination's status lifecycle, in one place: the status sets other modules reason with, the allowed
 * transitions, and the only statements that change `nominations.status` (or the shortlist mask beside it).
 * Each statement checks its transition in its WHERE clause, so a caller that skipped a rule cannot move a
 * nomination where the lifecycle does not allow, and returns `from`/`to` for the audit log.
 *
 *   draft → submitted → eligible | ineligible (revisable while the edition is in `eligibility`)
 *   submitted | eligible | ineligible → withdrawn
 *   admitted → shortlisted (a round advances) → winner | finalist (publication)
 */

/**
 * Nominations the jury judges: admitted by the eligibility review, possibly advanced since. The SQL views
 * `active_assignments` and `counted_scorecards` (migration Jury) use the same list.
 */
export const ADMITTED_STATUSES: readonly NominationStatus[] = [
  'eligible',
  'shortlisted',
  'finalist',
  'winner',
];

/** Statuses that count against the per-company limit: everything that was submitted and not withdrawn. */
export const COUNTED_STATUSES: readonly NominationStatus[] = [
  'submitted',
  'eligible',
  'ineligible',
  'shortlisted',
  'finalist',
  'winner',
];

/** A decision may be revised while the edition is in `eligibility`. */
export const REVIEWABLE_STATUSES: readonly NominationStatus[] = ['submitted', 'eligible', 'ineligible'];

/** A submitted (or already reviewed) entry may leave the competition. */
export const WITHDRAWABLE_STATUSES: readonly NominationStatus[] = ['submitted', 'eligible', 'ineligible'];

/**
 * Every transition the lifecycle allows, by the status it leaves. Revising an eligibility decision to the
 * same status (a new reason) is not a transition.
 */
export const TRANSITIONS: Readonly<Record<NominationStatus, readonly NominationStatus[]>> = {
  draft: ['submitted'],
  submitted: ['eligible', 'ineligible', 'withdrawn'],
  eligible: ['ineligible', 'withdrawn', 'shortlisted', 'finalist', 'winner'],
  ineligible: ['eligible', 'withdrawn'],
  shortlisted: ['finalist', 'winner'],
  finalist: ['shortlisted', 'winner'],
  winner: ['shortlisted', 'finalist'],
  withdrawn: [],
};

export function canMove(from: NominationStatus, to: NominationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** One change of status, as the audit log records it. */
export interface StatusChange {
  id: string;
  from: NominationStatus;
  to: NominationStatus;
}

/**
 * The callers below check the rule under the nomination's row lock and answer with a domain error; a row
 * the WHERE refuses then means a caller bypassed that check, which is a bug, not a client error.
 */
function single(rows: StatusChange[], transition: string): StatusChange {
  const [change] = rows;
  if (!change) throw new Error(`Nomination status: ${transition} refused by the lifecycle`);
  return change;
}

/** draft → submitted. */
export async function submit(
  manager: EntityManager,
  id: string,
  at: Date,
  by: string,
): Promise<StatusChange> {
  const [rows] = await manager.query<[StatusChange[], number]>(
    `UPDATE nominations n SET status = 'submitted', submitted_at = $2, submitted_by = $3, version = n.version + 1, updated_at = now()
       FROM nominations old
      WHERE n.id = $1 AND old.id = n.id AND n.status = 'draft'
      RETURNING n.id, old.status AS from, n.status AS to`,
    [id, at, by],
  );
  return single(rows, 'submit');
}

/** submitted | eligible | ineligible → withdrawn. */
export async function withdraw(manager: EntityManager, id: string, at: Date): Promise<StatusChange> {
  const [rows] = await manager.query<[StatusChange[], number]>(
    `UPDATE nominations n SET status = 'withdrawn', withdrawn_at = $2, version = n.version + 1, updated_at = now()
       FROM nominations old
      WHERE n.id = $1 AND old.id = n.id AND n.status = ANY($3::text[])
      RETURNING n.id, old.status AS from, n.status AS to`,
    [id, at, WITHDRAWABLE_STATUSES],
  );
  return single(rows, 'withdraw');
}

/** submitted | eligible | ineligible → eligible | ineligible (with its reason); returns the new version too. */
export async function decideEligibility(
  manager: EntityManager,
  id: string,
  decision: { status: 'eligible' | 'ineligible'; reason: string | null; at: Date; by: string },
): Promise<StatusChange & { version: number }> {
  const [rows] = await manager.query<[(StatusChange & { version: number })[], number]>(
    `UPDATE nominations n SET status = $2, ineligibility_reason = $3, eligibility_decided_at = $4, eligibility_decided_by = $5,
            version = n.version + 1, updated_at = now()
       FROM nominations old
      WHERE n.id = $1 AND old.id = n.id AND n.status = ANY($6::text[])
      RETURNING n.id, old.status AS from, n.status AS to, n.version`,
    [id, decision.status, decision.reason, decision.at, decision.by, REVIEWABLE_STATUSES],
  );
  const [change] = rows;
  if (!change) throw new Error('Nomination status: eligibility decision refused by the lifecycle');
  return change;
}

/**
 * admitted → shortlisted, when a round advances. Entrants go on seeing the old status (kept in
 * `status_before_shortlist`) until an organiser announces this round's shortlist (`announceShortlist`).
 * Nominations already shortlisted, or no longer admitted, are left as they are.
 */
export async function shortlist(
  manager: EntityManager,
  ids: readonly string[],
  roundId: string,
): Promise<StatusChange[]> {
  const [rows] = await manager.query<[StatusChange[], number]>(
    `UPDATE nominations n SET status = 'shortlisted', status_before_shortlist = old.status,
            shortlisted_in_round_id = $3, version = n.version + 1, updated_at = now()
       FROM nominations old
      WHERE n.id = old.id AND n.id = ANY($1::uuid[]) AND n.status = ANY($2::text[]) AND n.status <> 'shortlisted'
      RETURNING n.id, old.status AS from, n.status AS to`,
    [ids, ADMITTED_STATUSES, roundId],
  );
  return rows;
}

/** Whether advancing `roundId` shortlisted any nomination. */
export async function roundShortlisted(manager: EntityManager, roundId: string): Promise<boolean> {
  const [row] = await manager.query<{ advanced: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM nominations WHERE shortlisted_in_round_id = $1) AS advanced`,
    [roundId],
  );
  return row?.advanced ?? false;
}

/**
 * Unmasks the round's shortlist: its nominations still `shortlisted` show so to entrants from now on.
 * Returns their ids, sorted.
 */
export async function announceShortlist(manager: EntityManager, roundId: string): Promise<string[]> {
  const [rows] = await manager.query<[{ id: string }[], number]>(
    `UPDATE nominations SET status_before_shortlist = NULL
      WHERE shortlisted_in_round_id = $1 AND status_before_shortlist IS NOT NULL RETURNING id`,
    [roundId],
  );
  return rows.map((n) => n.id).sort();
}

/**
 * Publication makes the results public, so no shortlist of the edition stays hidden after it; called in
 * the publishing transaction.
 */
export async function revealShortlists(manager: EntityManager, editionId: string): Promise<void> {
  await manager.query(
    `UPDATE nominations SET status_before_shortlist = NULL
      WHERE edition_id = $1 AND status_before_shortlist IS NOT NULL`,
    [editionId],
  );
}

/**
 * admitted → winner | finalist, at publication. A nomination no longer admitted (withdrawn, say) or
 * already in its final status is left as it is.
 */
export async function publishResults(
  manager: EntityManager,
  statuses: readonly { id: string; status: 'winner' | 'finalist' }[],
): Promise<StatusChange[]> {
  const [rows] = await manager.query<[StatusChange[], number]>(
    `UPDATE nominations n SET status = v.status, version = n.version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS v(id, status), nominations old
      WHERE n.id = v.id AND old.id = n.id AND n.status = ANY($3::text[]) AND n.status <> v.status
      RETURNING n.id, old.status AS from, n.status AS to`,
    [statuses.map((s) => s.id), statuses.map((s) => s.status), ADMITTED_STATUSES],
  );
  return rows;
}

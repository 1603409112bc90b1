import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { type EditionSummary, lockEdition } from '../editions/edition.queries.js';
import type { Round } from './entities/round.entity.js';
import { RoundErrors } from './jury.errors.js';

export type { RoundStatus } from './entities/round.entity.js';

/**
 * A round's state, in one place: `open → closed`, the next round opened by advancing, and the
 * announcement of its shortlist. The jury module owns the `rounds` table; tally and publication read and
 * move rounds only through these functions.
 */

/** What closing, tallying and publishing need of a round: the entity's own shape, not a second one. */
export type RoundRow = Pick<Round, 'id' | 'editionId' | 'number' | 'name' | 'status' | 'closedAt'>;

const ROUND_COLUMNS = `id, edition_id AS "editionId", number, name, status, closed_at AS "closedAt"`;

/** The round, or 404. `lock` takes its row lock for the rest of the transaction. */
export async function findRound(manager: EntityManager, id: string, lock = false): Promise<RoundRow> {
  const [round] = await manager.query<RoundRow[]>(
    `SELECT ${ROUND_COLUMNS} FROM rounds WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!round) throw new DomainError(RoundErrors.notFound);
  return round;
}

/**
 * The round and its edition, both locked: lock the edition first, as every writer of an edition's phase
 * does, so that closing, advancing and publishing never deadlock with a phase change.
 */
export async function lockRoundAndEdition(
  manager: EntityManager,
  roundId: string,
): Promise<{ round: RoundRow; edition: EditionSummary }> {
  const { editionId } = await findRound(manager, roundId);
  const edition = await lockEdition(manager, editionId);
  return { round: await findRound(manager, roundId, true), edition: edition! };
}

/** The edition's last round, or undefined before its first. */
export async function finalRound(manager: EntityManager, editionId: string): Promise<RoundRow | undefined> {
  const [round] = await manager.query<RoundRow[]>(
    `SELECT ${ROUND_COLUMNS} FROM rounds WHERE edition_id = $1 ORDER BY number DESC LIMIT 1`,
    [editionId],
  );
  return round;
}

/** The id of a round after `round` in its edition, if one exists. */
export async function laterRound(manager: EntityManager, round: RoundRow): Promise<string | undefined> {
  const [next] = await manager.query<{ id: string }[]>(
    `SELECT id FROM rounds WHERE edition_id = $1 AND number > $2 LIMIT 1`,
    [round.editionId, round.number],
  );
  return next?.id;
}

/** open → closed. The caller holds the round's lock and has refused a closed round already. */
export async function closeRound(manager: EntityManager, roundId: string, at: Date): Promise<void> {
  const [rows] = await manager.query<[{ id: string }[], number]>(
    `UPDATE rounds SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open' RETURNING id`,
    [roundId, at],
  );
  if (!rows.length) throw new Error(`Round ${roundId}: only an open round closes`);
}

/** Opens the round after `round` (advancing): number + 1, named by its number. */
export async function openNextRound(
  manager: EntityManager,
  round: RoundRow,
): Promise<{ id: string; number: number; name: string }> {
  const number = round.number + 1;
  const name = `Round ${number}`;
  const [created] = await manager.query<{ id: string }[]>(
    `INSERT INTO rounds (edition_id, number, name) VALUES ($1, $2, $3) RETURNING id`,
    [round.editionId, number, name],
  );
  return { id: created!.id, number, name };
}

/** When the round's shortlist was announced, or null. */
export async function shortlistAnnouncedAt(manager: EntityManager, roundId: string): Promise<Date | null> {
  const [state] = await manager.query<{ announcedAt: Date | null }[]>(
    `SELECT shortlist_announced_at AS "announcedAt" FROM rounds WHERE id = $1`,
    [roundId],
  );
  return state?.announcedAt ?? null;
}

/** Records the announcement of the round's shortlist; returns its time. */
export async function markShortlistAnnounced(
  manager: EntityManager,
  roundId: string,
  by: string,
): Promise<Date> {
  const [[announced]] = await manager.query<[{ announcedAt: Date }[], number]>(
    `UPDATE rounds SET shortlist_announced_at = now(), shortlist_announced_by = $2 WHERE id = $1
     RETURNING shortlist_announced_at AS "announcedAt"`,
    [roundId, by],
  );
  return announced!.announcedAt;
}

import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { type EditionSummary, lockEdition } from '../editions/edition.queries.js';
import type { Round } from '../jury/entities/round.entity.js';
import { RoundErrors } from '../jury/jury.errors.js';

/** What closing, tallying and publishing need of a round: the owner's entity, not a second shape. */
export type RoundRow = Pick<Round, 'id' | 'editionId' | 'number' | 'name' | 'status' | 'closedAt'>;

const ROUND_COLUMNS = `id, edition_id AS "editionId", number, name, status, closed_at AS "closedAt"`;

/** The round, or 404. `lock` takes its row lock for the rest of the transaction. */
export async function findRound(manager: EntityManager, id: string, lock = false): Promise<RoundRow> {
  const [round] = (await manager.query(
    `SELECT ${ROUND_COLUMNS} FROM rounds WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  )) as RoundRow[];
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

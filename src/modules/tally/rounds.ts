import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Phase } from '../editions/entities/edition.entity.js';
import type { RoundStatus } from '../jury/entities/round.entity.js';
import type { RoundRef } from './tally-inputs.js';
import { RoundErrors } from '../jury/jury.errors.js';

export interface RoundRow extends RoundRef {
  name: string;
  status: RoundStatus;
  closedAt: Date | null;
}

export interface EditionRow {
  id: string;
  slug: string;
  name: string;
  phase: Phase;
  resultsEmbargoUntil: Date | null;
}

const ROUND_COLUMNS = `id, edition_id AS "editionId", number, name, status, closed_at AS "closedAt"`;
const EDITION_COLUMNS = `id, slug, name, phase, results_embargo_until AS "resultsEmbargoUntil"`;

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
): Promise<{ round: RoundRow; edition: EditionRow }> {
  const { editionId } = await findRound(manager, roundId);
  const edition = await lockEdition(manager, editionId);
  return { round: await findRound(manager, roundId, true), edition: edition! };
}

export function lockEdition(manager: EntityManager, editionId: string): Promise<EditionRow | undefined> {
  return findEdition(manager, editionId, true);
}

export async function findEdition(
  manager: EntityManager,
  editionId: string,
  lock = false,
): Promise<EditionRow | undefined> {
  const [edition] = (await manager.query(
    `SELECT ${EDITION_COLUMNS} FROM editions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [editionId],
  )) as EditionRow[];
  return edition;
}

/** The edition's categories in their display order. */
export function categoriesOf(
  manager: EntityManager,
  editionId: string,
): Promise<{ id: string; code: string }[]> {
  return manager.query(`SELECT id, code FROM categories WHERE edition_id = $1 ORDER BY position, code`, [
    editionId,
  ]) as Promise<{ id: string; code: string }[]>;
}

/**
 * Moves the edition's phase as a side effect of judging (a round closing or opening), bumping its version
 * like every edition write; the caller records it in the audit log.
 */
export async function setPhase(manager: EntityManager, editionId: string, phase: Phase): Promise<void> {
  await manager.query(
    `UPDATE editions SET phase = $2, version = version + 1, updated_at = now() WHERE id = $1`,
    [editionId, phase],
  );
}

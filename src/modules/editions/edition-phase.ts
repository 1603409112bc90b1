import type { EntityManager } from 'typeorm';
import { assertPhaseMove, type PhaseMoveReason } from './edition-rules.js';
import type { Edition, Phase } from './entities/edition.entity.js';

/**
 * The one writer of `editions.phase`: the organisers' phase route, closing and advancing rounds, and
 * publication all move the phase through `movePhase`, so the rules in edition-rules.ts cannot be bypassed.
 */

/**
 * Moves the edition (locked by the caller, at phase `edition.phase`) to `to`, if `reason` allows it, and
 * bumps its version like every edition write. Returns the move for the caller's audit entry.
 */
export async function movePhase(
  manager: EntityManager,
  edition: Pick<Edition, 'id' | 'phase'>,
  to: Phase,
  reason: PhaseMoveReason,
): Promise<{ from: Phase; to: Phase }> {
  assertPhaseMove(edition.phase, to, reason);
  const [rows] = await manager.query<[{ id: string }[], number]>(
    `UPDATE editions SET phase = $3, version = version + 1, updated_at = now()
      WHERE id = $1 AND phase = $2 RETURNING id`,
    [edition.id, edition.phase, to],
  );
  // The caller holds the row lock, so the phase it read is the phase the row has.
  if (!rows.length) throw new Error(`Edition ${edition.id}: phase is no longer '${edition.phase}'`);
  return { from: edition.phase, to };
}

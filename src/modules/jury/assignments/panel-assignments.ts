import type { EntityManager } from 'typeorm';
import { conflictExists } from '../conflict-rules.js';

/**
 * The default rule for a round opened by advancing: every member of a category's panel gets every
 * advancing nomination of that category, minus conflicts. The jury module owns `assignments`; the tally
 * module's advance calls this instead of writing the table. Returns how many assignments were added.
 */
export async function assignPanelsTo(
  manager: EntityManager,
  round: { id: string; editionId: string },
  nominationIds: readonly string[],
): Promise<number> {
  const inserted = await manager.query<unknown[]>(
    `INSERT INTO assignments (round_id, nomination_id, juror_id)
     SELECT $1, n.id, pm.juror_id
       FROM nomination_entries n JOIN panel_members pm ON pm.category_id = n.category_id
      WHERE n.id = ANY($2::uuid[]) AND NOT ${conflictExists('$3', 'pm.juror_id', 'n.company_id')}
     ON CONFLICT DO NOTHING RETURNING juror_id`,
    [round.id, nominationIds, round.editionId],
  );
  return inserted.length;
}

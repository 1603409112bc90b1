import type { EntityManager } from 'typeorm';

/**
 * The nominations module's typed reads for other modules, so that their SQL does not name the
 * `nominations` table (the status changes are in nomination-status.ts).
 */

/** What a results table or manifest shows of a nomination: its title and its company. */
export interface NominationLabel {
  id: string;
  title: string;
  companyId: string;
  companyName: string;
}

/** The labels of `ids`, by id; unknown ids are left out. */
export async function nominationLabels(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, NominationLabel>> {
  if (!ids.length) return new Map();
  const rows = (await manager.query(
    `SELECT n.id, n.title, n.company_id AS "companyId", c.name AS "companyName"
       FROM nominations n JOIN companies c ON c.id = n.company_id
      WHERE n.id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  )) as NominationLabel[];
  return new Map(rows.map((row) => [row.id, row]));
}

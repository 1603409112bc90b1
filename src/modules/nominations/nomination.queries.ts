import type { EntityManager } from 'typeorm';
import type { Nomination, NominationStatus } from './entities/nomination.entity.js';

/** The types other modules need with these reads, so that they do not import the nominations' entities. */
export type { Nomination, NominationMetric, NominationStatus } from './entities/nomination.entity.js';

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
  const rows = await manager.query<NominationLabel[]>(
    `SELECT n.id, n.title, n.company_id AS "companyId", c.name AS "companyName"
       FROM nominations n JOIN company_profiles c ON c.id = n.company_id
      WHERE n.id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * The labels of every nomination of an edition, by id: for a results table ranking most of them, one pass
 * over the edition's nominations costs less than looking up thousands of ids.
 */
export async function editionNominationLabels(
  manager: EntityManager,
  editionId: string,
): Promise<Map<string, NominationLabel>> {
  const rows = await manager.query<NominationLabel[]>(
    `SELECT n.id, n.title, n.company_id AS "companyId", c.name AS "companyName"
       FROM nominations n JOIN company_profiles c ON c.id = n.company_id
      WHERE n.edition_id = $1`,
    [editionId],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** The ids of the category's nominations in one of `statuses` (companies' entries, not samples), sorted. */
export async function nominationIdsInCategory(
  manager: EntityManager,
  categoryId: string,
  statuses: readonly NominationStatus[],
): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT id FROM nominations WHERE category_id = $1 AND status = ANY($2::text[]) AND NOT sample ORDER BY id`,
    [categoryId, statuses],
  );
  return rows.map((row) => row.id);
}

/** What assigning a juror needs of a nomination of the edition, if it is one (a sample has no company). */
export async function nominationInEdition(
  manager: EntityManager,
  id: string,
  editionId: string,
): Promise<Pick<Nomination, 'id' | 'categoryId' | 'companyId' | 'status' | 'sample'> | undefined> {
  const [row] = await manager.query<
    Pick<Nomination, 'id' | 'categoryId' | 'companyId' | 'status' | 'sample'>[]
  >(
    `SELECT id, category_id AS "categoryId", company_id AS "companyId", status, sample FROM nominations WHERE id = $1 AND edition_id = $2`,
    [id, editionId],
  );
  return row;
}

/** How many of the edition's nominations (not samples) are in each of `statuses` (those with none left out). */
export async function nominationCountsByStatus(
  manager: EntityManager,
  editionId: string,
  statuses: readonly NominationStatus[],
): Promise<Map<NominationStatus, number>> {
  const rows = await manager.query<{ status: NominationStatus; count: number }[]>(
    `SELECT status, count(*)::int AS count FROM nominations
      WHERE edition_id = $1 AND status = ANY($2::text[]) AND NOT sample GROUP BY status`,
    [editionId, statuses],
  );
  return new Map(rows.map((row) => [row.status, row.count]));
}

/** The ids of the edition's categories that have a nomination (not a sample) in one of `statuses`. */
export async function categoriesWithNominations(
  manager: EntityManager,
  editionId: string,
  statuses: readonly NominationStatus[],
): Promise<string[]> {
  const rows = await manager.query<{ categoryId: string }[]>(
    `SELECT DISTINCT category_id AS "categoryId" FROM nominations
      WHERE edition_id = $1 AND status = ANY($2::text[]) AND NOT sample`,
    [editionId, statuses],
  );
  return rows.map((row) => row.categoryId);
}

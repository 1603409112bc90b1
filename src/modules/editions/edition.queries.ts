import type { EntityManager } from 'typeorm';
import type { Category } from './entities/category.entity.js';
import type { Edition } from './entities/edition.entity.js';

/** The types other modules need with these reads, so that they do not import the editions' entities. */
export type { LocalizedText } from './entities/category.entity.js';
export type { Phase } from './entities/edition.entity.js';

/**
 * The editions module's typed reads for other modules (tally, publication), so that their SQL does not
 * name the `editions` and `categories` tables. The phase is written only by edition-phase.ts.
 */

/** What judging and publication need of an edition. */
export type EditionSummary = Pick<Edition, 'id' | 'slug' | 'name' | 'phase' | 'resultsEmbargoUntil'>;

const SUMMARY_COLUMNS = `id, slug, name, phase, results_embargo_until AS "resultsEmbargoUntil"`;

export async function findEdition(
  manager: EntityManager,
  editionId: string,
  lock = false,
): Promise<EditionSummary | undefined> {
  const [edition] = (await manager.query(
    `SELECT ${SUMMARY_COLUMNS} FROM editions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [editionId],
  )) as EditionSummary[];
  return edition;
}

/** The edition with its row lock for the rest of the transaction: every writer of the phase takes it first. */
export function lockEdition(manager: EntityManager, editionId: string): Promise<EditionSummary | undefined> {
  return findEdition(manager, editionId, true);
}

/** The id of the edition with this slug, if any. */
export async function editionIdBySlug(manager: EntityManager, slug: string): Promise<string | undefined> {
  const [edition] = (await manager.query(`SELECT id FROM editions WHERE slug = $1`, [slug])) as {
    id: string;
  }[];
  return edition?.id;
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

/** The edition's categories with their names, in their display order. */
export function categoryNamesOf(
  manager: EntityManager,
  editionId: string,
): Promise<Pick<Category, 'id' | 'code' | 'name'>[]> {
  return manager.query(
    `SELECT id, code, name FROM categories WHERE edition_id = $1 ORDER BY position, code`,
    [editionId],
  ) as Promise<Pick<Category, 'id' | 'code' | 'name'>[]>;
}

/** The rules a ranking is computed by (SPEC.md "Tally rules"). */
export async function rankingRulesOf(
  manager: EntityManager,
  editionId: string,
): Promise<Pick<Edition, 'scoringMethod' | 'tieBreakers' | 'minScorecards'> | undefined> {
  const [rules] = (await manager.query(
    `SELECT scoring_method AS "scoringMethod", tie_breakers AS "tieBreakers", min_scorecards AS "minScorecards"
       FROM editions WHERE id = $1`,
    [editionId],
  )) as Pick<Edition, 'scoringMethod' | 'tieBreakers' | 'minScorecards'>[];
  return rules;
}

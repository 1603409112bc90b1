import type { EntityManager } from 'typeorm';
import { Category, type LocalizedText } from './entities/category.entity.js';
import { Edition } from './entities/edition.entity.js';

/** The types other modules need with these reads, so that they do not import the editions' entities. */
export type { Category, CategoryQuestion, LocalizedText } from './entities/category.entity.js';
export type { Edition, Phase } from './entities/edition.entity.js';

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
  const [edition] = await manager.query<EditionSummary[]>(
    `SELECT ${SUMMARY_COLUMNS} FROM editions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [editionId],
  );
  return edition;
}

/** The edition with its row lock for the rest of the transaction: every writer of the phase takes it first. */
export function lockEdition(manager: EntityManager, editionId: string): Promise<EditionSummary | undefined> {
  return findEdition(manager, editionId, true);
}

/**
 * The whole edition, its row share-locked for the rest of the transaction: a phase change (which takes
 * `lockEdition`) waits for this transaction, and this one for a phase change.
 */
export function findEditionForShare(manager: EntityManager, editionId: string): Promise<Edition | null> {
  return manager.findOne(Edition, { where: { id: editionId }, lock: { mode: 'pessimistic_read' } });
}

/** The category, if it is one (of `editionId`, when given). */
export function findCategory(
  manager: EntityManager,
  id: string,
  editionId?: string,
): Promise<Category | null> {
  return manager.findOneBy(Category, editionId === undefined ? { id } : { id, editionId });
}

export function findCategoryOrFail(manager: EntityManager, id: string): Promise<Category> {
  return manager.findOneByOrFail(Category, { id });
}

/** The id of the edition with this slug, if any. */
export async function editionIdBySlug(manager: EntityManager, slug: string): Promise<string | undefined> {
  const [edition] = await manager.query<{ id: string }[]>(`SELECT id FROM editions WHERE slug = $1`, [slug]);
  return edition?.id;
}

/** The edition's categories in their display order. */
export function categoriesOf(
  manager: EntityManager,
  editionId: string,
): Promise<{ id: string; code: string }[]> {
  return manager.query<{ id: string; code: string }[]>(
    `SELECT id, code FROM categories WHERE edition_id = $1 ORDER BY position, code`,
    [editionId],
  );
}

/** The edition's categories with their names, in their display order. */
export function categoryNamesOf(
  manager: EntityManager,
  editionId: string,
): Promise<Pick<Category, 'id' | 'code' | 'name'>[]> {
  return manager.query<Pick<Category, 'id' | 'code' | 'name'>[]>(
    `SELECT id, code, name FROM categories WHERE edition_id = $1 ORDER BY position, code`,
    [editionId],
  );
}

/** The rules a ranking is computed by (SPEC.md "Tally rules"). */
export async function rankingRulesOf(
  manager: EntityManager,
  editionId: string,
): Promise<Pick<Edition, 'scoringMethod' | 'tieBreakers' | 'minScorecards'> | undefined> {
  const [rules] = await manager.query<Pick<Edition, 'scoringMethod' | 'tieBreakers' | 'minScorecards'>[]>(
    `SELECT scoring_method AS "scoringMethod", tie_breakers AS "tieBreakers", min_scorecards AS "minScorecards"
       FROM editions WHERE id = $1`,
    [editionId],
  );
  return rules;
}

/** Whether the edition publishes each category's jury statistics with its results (its rule, default off). */
export async function publishesJuryStatistics(manager: EntityManager, editionId: string): Promise<boolean> {
  const [row] = await manager.query<{ publish: boolean }[]>(
    `SELECT publish_jury_statistics AS publish FROM editions WHERE id = $1`,
    [editionId],
  );
  return row?.publish ?? false;
}

/** When jury analytics flags a juror (edition rules with stated defaults 0.3 and 1). */
export interface JuryThresholds {
  minAgreement: number;
  maxLeniencySigma: number;
}

export async function juryThresholdsOf(
  manager: EntityManager,
  editionId: string,
): Promise<JuryThresholds | undefined> {
  const [row] = await manager.query<{ minAgreement: string; maxLeniencySigma: string }[]>(
    `SELECT min_juror_agreement AS "minAgreement", max_juror_leniency_sigma AS "maxLeniencySigma"
       FROM editions WHERE id = $1`,
    [editionId],
  );
  return row && { minAgreement: Number(row.minAgreement), maxLeniencySigma: Number(row.maxLeniencySigma) };
}

/** What a scoring reminder needs of an edition: its name and how long before a deadline to remind. */
export interface ReminderSettings {
  name: string;
  leadHours: number;
  /** A round without a deadline of its own closes with judging. */
  judgingCloseAt: Date;
}

/** The reminder settings of `editionIds`, by id; unknown ids are left out. */
export async function reminderSettingsOf(
  manager: EntityManager,
  editionIds: readonly string[],
): Promise<Map<string, ReminderSettings>> {
  if (!editionIds.length) return new Map();
  const rows = await manager.query<(ReminderSettings & { id: string })[]>(
    `SELECT id, name, reminder_lead_hours AS "leadHours", judging_close_at AS "judgingCloseAt" FROM editions WHERE id = ANY($1::uuid[])`,
    [[...new Set(editionIds)]],
  );
  return new Map(rows.map(({ id, ...settings }) => [id, settings]));
}

/** A category as a juror scores it: its questions and its criteria in their order, weights as exact decimals. */
export interface CategoryWithCriteria extends Pick<Category, 'id' | 'code' | 'name' | 'questions'> {
  criteria: {
    code: string;
    name: LocalizedText;
    description: LocalizedText;
    weight: string;
    scaleMin: number;
    scaleMax: number;
  }[];
}

export async function categoryWithCriteria(
  manager: EntityManager,
  categoryId: string,
): Promise<CategoryWithCriteria | undefined> {
  const [category] = await manager.query<CategoryWithCriteria[]>(
    `SELECT c.id, c.code, c.name, c.questions,
            coalesce((SELECT json_agg(json_build_object('code', cr.code, 'name', cr.name, 'description', cr.description, 'weight', cr.weight::text,
                                                       'scaleMin', cr.scale_min, 'scaleMax', cr.scale_max) ORDER BY cr.position, cr.code)
                        FROM criteria cr WHERE cr.category_id = c.id), '[]') AS criteria
       FROM categories c WHERE c.id = $1`,
    [categoryId],
  );
  return category;
}

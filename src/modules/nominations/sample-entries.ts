import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { EditionErrors } from '../editions/editions.errors.js';
import { findCategory } from '../editions/edition.queries.js';
import type { NominationMetric } from './entities/nomination.entity.js';
import { assertAnswersFit, assertComplete, type NominationContent } from './nomination-rules.js';

/**
 * Sample entries (issue 17): nominations an organiser writes for a round's calibration only. They belong to
 * no company and no entrant (`company_id` NULL, `sample` true: migration SampleEntries), are admitted from
 * the start (eligible in a first round, shortlisted after) and never compete. The nominations module owns
 * the rows; the jury module's calibration decides when one is written or removed, in its transaction.
 */
export interface SampleEntry {
  id: string;
  editionId: string;
  categoryId: string;
  title: string;
  createdAt: Date;
}

/** The status a sample takes to be judged in a round: the field of that round (jury-rules' statusesJudgedInRound). */
export type SampleStatus = 'eligible' | 'shortlisted';

/**
 * Writes a sample entry in a category of the edition (404 for another edition's category). Its content obeys
 * the rules a submitted nomination does (a title, a summary, the category's questions, each required one
 * answered), except that key metrics are optional.
 */
export async function createSampleEntry(
  manager: EntityManager,
  input: {
    editionId: string;
    categoryId: string;
    status: SampleStatus;
    createdBy: string;
    content: NominationContent;
    at: Date;
  },
): Promise<SampleEntry> {
  const category = await findCategory(manager, input.categoryId, input.editionId);
  if (!category) throw new DomainError(EditionErrors.categoryNotFound, 'The edition has no such category');
  const content = { ...input.content, metrics: plainMetrics(input.content.metrics) };
  assertAnswersFit(category.questions, content.answers);
  assertComplete(content, category.questions, { keyMetrics: false });
  const [row] = await manager.query<SampleEntry[]>(
    `INSERT INTO nominations (edition_id, category_id, company_id, sample, created_by, title, summary, answers, metrics,
                              status, submitted_at)
     VALUES ($1, $2, NULL, true, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)
     RETURNING id, edition_id AS "editionId", category_id AS "categoryId", title, created_at AS "createdAt"`,
    [
      input.editionId,
      category.id,
      input.createdBy,
      content.title,
      content.summary,
      JSON.stringify(content.answers),
      JSON.stringify(content.metrics),
      input.status,
      input.at,
    ],
  );
  return row!;
}

/** The sample entry of the edition with this id, locked until the transaction ends; undefined if none. */
export async function lockSampleEntry(
  manager: EntityManager,
  id: string,
  editionId: string,
): Promise<SampleEntry | undefined> {
  const [row] = await manager.query<SampleEntry[]>(
    `SELECT id, edition_id AS "editionId", category_id AS "categoryId", title, created_at AS "createdAt"
       FROM nominations WHERE id = $1 AND edition_id = $2 AND sample FOR UPDATE`,
    [id, editionId],
  );
  return row;
}

/** Removes a sample entry with everything that hangs on it (its marks, assignments and attachments cascade). */
export async function deleteSampleEntry(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`DELETE FROM nominations WHERE id = $1 AND sample`, [id]);
}

function plainMetrics(metrics: readonly NominationMetric[]): NominationMetric[] {
  return metrics.map((m) => ({ name: m.name, value: m.value, unit: m.unit }));
}

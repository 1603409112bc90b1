import { STANDARD_CATEGORIES } from '../../../src/modules/editions/standard-categories.js';
import { createEdition, type TestEdition } from '../../support/editions.js';
import type { TestApp } from '../../support/test-app.js';

const HOUR = 3600_000;

/**
 * An edition taking nominations now, with the award's four standard categories as an organiser would find
 * them (names, descriptions, questions and criteria in every locale), so the screens show real texts.
 */
export async function editionTakingNominations(
  t: TestApp,
  options: { name?: string; closesInHours?: number } = {},
): Promise<TestEdition> {
  const now = Date.now();
  const closeAt = now + (options.closesInHours ?? 24 * 20) * HOUR;
  const edition = await createEdition(t, {
    nominationsOpenAt: new Date(now - HOUR),
    nominationsCloseAt: new Date(closeAt),
    judgingOpenAt: new Date(closeAt + 7 * 24 * HOUR),
    judgingCloseAt: new Date(closeAt + 21 * 24 * HOUR),
    categories: Object.fromEntries(
      STANDARD_CATEGORIES.map((c) => [c.code, Object.fromEntries(c.criteria.map((k) => [k.code, k.weight]))]),
    ),
  });
  await t.db.query(`UPDATE editions SET name = $2 WHERE id = $1`, [
    edition.id,
    options.name ?? `Magistral Awards ${new Date().getFullYear() + 1}`,
  ]);
  for (const standard of STANDARD_CATEGORIES) {
    const category = edition.categories.find((c) => c.code === standard.code)!;
    await t.db.query(
      `UPDATE categories SET name = $2::jsonb, description = $3::jsonb, questions = $4::jsonb WHERE id = $1`,
      [
        category.id,
        JSON.stringify(standard.name),
        JSON.stringify(standard.description),
        JSON.stringify(standard.questions),
      ],
    );
    for (const criterion of standard.criteria)
      await t.db.query(
        `UPDATE criteria SET name = $3::jsonb, description = $4::jsonb WHERE category_id = $1 AND code = $2`,
        [category.id, criterion.code, JSON.stringify(criterion.name), JSON.stringify(criterion.description)],
      );
  }
  return edition;
}

/** The smallest valid PDF the server recognises by its bytes. */
export const SMALL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 3 3]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

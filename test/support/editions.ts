import { randomBytes } from 'node:crypto';
import type { Phase, ScoringMethod } from '../../src/modules/editions/entities/edition.entity.js';
import type { TestApp } from './test-app.js';

export interface TestEdition {
  id: string;
  slug: string;
  categories: { id: string; code: string; criteria: { id: string; code: string; weight: string }[] }[];
}

const HOUR = 3600_000;

export interface EditionOptions {
  phase?: Phase;
  blind?: boolean;
  scoringMethod?: ScoringMethod;
  minScorecards?: number;
  maxNominationsPerCompanyPerCategory?: number;
  tieBreakers?: string[];
  /** Timeline relative to now, in hours (defaults: nominations open since 1 h, close in 48 h, judging 72 h to 240 h). */
  nominationsOpenAt?: Date;
  nominationsCloseAt?: Date;
  judgingOpenAt?: Date;
  judgingCloseAt?: Date;
  /** Categories to create (code → criteria weights by code). Default: one `efficiency` category, 3 criteria. */
  categories?: Record<string, Record<string, string>>;
}

const text = (s: string) => ({ en: s, ru: s, kk: s, de: s });

/** Inserts an edition with categories and criteria directly, in whatever phase a test needs. */
export async function createEdition(t: TestApp, options: EditionOptions = {}): Promise<TestEdition> {
  const now = Date.now();
  const slug = `test-${randomBytes(4).toString('hex')}`;
  const [edition] = await t.db.query<{ id: string }[]>(
    `INSERT INTO editions (slug, name, phase, nominations_open_at, nominations_close_at, judging_open_at, judging_close_at,
                           scoring_method, tie_breakers, min_scorecards, max_nominations_per_company_per_category, blind)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      slug,
      `Test edition ${slug}`,
      options.phase ?? 'nominations',
      options.nominationsOpenAt ?? new Date(now - HOUR),
      options.nominationsCloseAt ?? new Date(now + 48 * HOUR),
      options.judgingOpenAt ?? new Date(now + 72 * HOUR),
      options.judgingCloseAt ?? new Date(now + 240 * HOUR),
      options.scoringMethod ?? 'mean',
      options.tieBreakers ?? [],
      options.minScorecards ?? 3,
      options.maxNominationsPerCompanyPerCategory ?? 3,
      options.blind ?? false,
    ],
  );
  const categories: TestEdition['categories'] = [];
  const spec = options.categories ?? { efficiency: { cost: '1', speed: '1', reliability: '1' } };
  let position = 0;
  for (const [code, criteria] of Object.entries(spec)) {
    const [category] = await t.db.query<{ id: string }[]>(
      `INSERT INTO categories (edition_id, code, name, description, position) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [edition!.id, code, text(code), text(`About ${code}`), position++],
    );
    const created: TestEdition['categories'][number]['criteria'] = [];
    let p = 0;
    for (const [criterion, weight] of Object.entries(criteria)) {
      const [row] = await t.db.query<{ id: string }[]>(
        `INSERT INTO criteria (category_id, code, name, description, weight, position) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [category!.id, criterion, text(criterion), text(`About ${criterion}`), weight, p++],
      );
      created.push({ id: row!.id, code: criterion, weight });
    }
    categories.push({ id: category!.id, code, criteria: created });
  }
  return { id: edition!.id, slug, categories };
}

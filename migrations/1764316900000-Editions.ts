import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Editions, their categories and the criteria they are scored on. */
export class Editions1764316900000 implements MigrationInterface {
  name = 'Editions1764316900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE editions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL CONSTRAINT uq_editions_slug UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        phase text NOT NULL DEFAULT 'draft' CHECK (phase IN ('draft', 'nominations', 'eligibility', 'judging', 'tallying', 'results_ready', 'published', 'archived')),
        nominations_open_at timestamptz NOT NULL,
        nominations_close_at timestamptz NOT NULL,
        judging_open_at timestamptz NOT NULL,
        judging_close_at timestamptz NOT NULL,
        results_embargo_until timestamptz,
        scoring_method text NOT NULL DEFAULT 'mean' CHECK (scoring_method IN ('mean', 'trimmed_mean', 'zscore')),
        tie_breakers text[] NOT NULL DEFAULT '{}',
        min_scorecards int NOT NULL DEFAULT 3 CHECK (min_scorecards >= 1),
        max_nominations_per_company_per_category int NOT NULL DEFAULT 3 CHECK (max_nominations_per_company_per_category >= 1),
        blind boolean NOT NULL DEFAULT false,
        reminder_lead_hours int NOT NULL DEFAULT 72 CHECK (reminder_lead_hours >= 0),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_editions_timeline CHECK (
          nominations_open_at < nominations_close_at AND nominations_close_at <= judging_open_at AND judging_open_at < judging_close_at
        ),
        CONSTRAINT ck_editions_embargo CHECK (results_embargo_until IS NULL OR results_embargo_until >= judging_close_at)
      )`);
    await q.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        code text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,40}$'),
        name jsonb NOT NULL,
        description jsonb NOT NULL,
        questions jsonb NOT NULL DEFAULT '[]',
        position int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_categories_edition_code UNIQUE (edition_id, code)
      )`);
    await q.query(`
      CREATE TABLE criteria (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_id uuid NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        code text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,40}$'),
        name jsonb NOT NULL,
        description jsonb NOT NULL,
        weight numeric(9,4) NOT NULL CHECK (weight > 0),
        scale_min int NOT NULL DEFAULT 0,
        scale_max int NOT NULL DEFAULT 10,
        position int NOT NULL DEFAULT 0,
        CONSTRAINT uq_criteria_category_code UNIQUE (category_id, code),
        CONSTRAINT ck_criteria_scale CHECK (scale_min >= 0 AND scale_min < scale_max AND scale_max <= 100)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE criteria`);
    await q.query(`DROP TABLE categories`);
    await q.query(`DROP TABLE editions`);
  }
}

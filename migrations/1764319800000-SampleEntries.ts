import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sample entries (issue 17): a nomination an organiser writes for calibration only. It belongs to no company
 * and no entrant, so `company_id` is NULL exactly when `sample` is true (the check states it once). It is
 * created as a calibration entry of a round and is always one, and it stays admitted (eligible or
 * shortlisted, never a winner or finalist).
 *
 * Why a flagged row of `nominations` rather than a table of its own: assignments, scorecards, the scoring
 * rules (active_assignments, judging_assignments), the juror's view and the calibration report all key on a
 * nomination id; a sample scored "like any other" must go through exactly that code. Where a query starts
 * from companies (entrant lists, exports, conflicts, nomination limits, results labels), a NULL company
 * leaves the sample out by itself; the reads that do not join a company say `NOT sample` (the nominations
 * module's reads) or read `contest_entries`, which now also states it.
 */
export class SampleEntries1764319800000 implements MigrationInterface {
  name = 'SampleEntries1764319800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE nominations ADD COLUMN sample boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE nominations ALTER COLUMN company_id DROP NOT NULL`);
    await q.query(
      `ALTER TABLE nominations ADD CONSTRAINT ck_nominations_sample CHECK (sample = (company_id IS NULL))`,
    );
    await q.query(
      `ALTER TABLE nominations ADD CONSTRAINT ck_nominations_sample_status CHECK (NOT sample OR status IN ('eligible', 'shortlisted'))`,
    );
    await q.query(`
      CREATE OR REPLACE VIEW nomination_entries AS
        SELECT id, edition_id, category_id, company_id, created_by, status, title, summary, answers, metrics, sample
          FROM nominations`);
    await q.query(`
      CREATE OR REPLACE VIEW contest_entries AS
        SELECT n.id, n.edition_id, n.category_id, n.company_id, n.created_by, n.status, n.title, n.summary,
               n.answers, n.metrics
          FROM nomination_entries n
         WHERE NOT n.sample
           AND NOT EXISTS (SELECT 1 FROM calibration_entries ce WHERE ce.nomination_id = n.id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Samples cannot exist without the column: they go, with their assignments, scorecards and marks.
    await q.query(`DELETE FROM nominations WHERE sample`);
    await q.query(`DROP VIEW contest_entries`);
    await q.query(`DROP VIEW nomination_entries`);
    await q.query(`
      CREATE VIEW nomination_entries AS
        SELECT id, edition_id, category_id, company_id, created_by, status, title, summary, answers, metrics
          FROM nominations`);
    await q.query(`
      CREATE VIEW contest_entries AS
        SELECT n.id, n.edition_id, n.category_id, n.company_id, n.created_by, n.status, n.title, n.summary,
               n.answers, n.metrics
          FROM nomination_entries n
         WHERE NOT EXISTS (SELECT 1 FROM calibration_entries ce WHERE ce.nomination_id = n.id)`);
    await q.query(`ALTER TABLE nominations DROP CONSTRAINT ck_nominations_sample_status`);
    await q.query(`ALTER TABLE nominations DROP CONSTRAINT ck_nominations_sample`);
    await q.query(`ALTER TABLE nominations ALTER COLUMN company_id SET NOT NULL`);
    await q.query(`ALTER TABLE nominations DROP COLUMN sample`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calibration entries (issue 17): an organiser marks a nomination as a calibration entry of a round. Every
 * panel juror of its category scores it like any other, and it never competes: nothing that ranks, advances,
 * publishes or mails results sees it. Kept in SQL alone (no entity): the jury module owns the table, and
 * what other modules may read of it are the views below.
 *
 *   contest_entries          the nominations that compete: `nomination_entries` minus every calibration entry
 *                            of any round of the edition. The one place the exclusion is stated: the tally's
 *                            inputs (hence rankings, snapshots, manifests, advances, shortlists, scoresheets
 *                            and public pages), the results mails and the progress counts read it.
 *   calibration_scorecards   the counted scorecards on a round's calibration entries, for the organiser's
 *                            totals against the panel's median and a juror's own deviation
 *   calibration_assignments  the standing assignments on a round's calibration entries, with whether each is
 *                            submitted (a juror sees their deviation only once all of theirs are)
 */
export class CalibrationEntries1764319500000 implements MigrationInterface {
  name = 'CalibrationEntries1764319500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calibration_entries (
        round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        nomination_id uuid NOT NULL REFERENCES nominations (id) ON DELETE CASCADE,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_calibration_entries PRIMARY KEY (round_id, nomination_id)
      )`);
    // The edition's rule (default off): a juror sees their own deviation from the panel's median once all
    // their calibration scorecards are submitted. Read through the editions module's view edition_settings.
    await q.query(`ALTER TABLE editions ADD COLUMN calibration_feedback boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE OR REPLACE VIEW edition_settings AS
        SELECT id, slug, name, phase, blind, reminder_lead_hours, calibration_feedback
          FROM editions`);
    await q.query(`CREATE INDEX ix_calibration_entries_nomination ON calibration_entries (nomination_id)`);
    await q.query(`
      CREATE VIEW contest_entries AS
        SELECT n.id, n.edition_id, n.category_id, n.company_id, n.created_by, n.status, n.title, n.summary,
               n.answers, n.metrics
          FROM nomination_entries n
         WHERE NOT EXISTS (SELECT 1 FROM calibration_entries ce WHERE ce.nomination_id = n.id)`);
    await q.query(`
      CREATE VIEW calibration_scorecards AS
        SELECT cs.round_id, cs.nomination_id, cs.juror_id, cs.scores, cs.edition_id, cs.category_id
          FROM counted_scorecards cs
          JOIN calibration_entries ce ON ce.round_id = cs.round_id AND ce.nomination_id = cs.nomination_id`);
    await q.query(`
      CREATE VIEW calibration_assignments AS
        SELECT aa.round_id, aa.nomination_id, aa.juror_id, aa.edition_id, aa.category_id,
               EXISTS (SELECT 1 FROM scorecard_states s
                        WHERE s.round_id = aa.round_id AND s.nomination_id = aa.nomination_id
                          AND s.juror_id = aa.juror_id AND s.status = 'submitted') AS submitted
          FROM active_assignments aa
          JOIN calibration_entries ce ON ce.round_id = aa.round_id AND ce.nomination_id = aa.nomination_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW calibration_assignments`);
    await q.query(`DROP VIEW calibration_scorecards`);
    await q.query(`DROP VIEW contest_entries`);
    await q.query(`DROP TABLE calibration_entries`);
    await q.query(`DROP VIEW edition_settings`);
    await q.query(`
      CREATE VIEW edition_settings AS
        SELECT id, slug, name, phase, blind, reminder_lead_hours
          FROM editions`);
    await q.query(`ALTER TABLE editions DROP COLUMN calibration_feedback`);
  }
}

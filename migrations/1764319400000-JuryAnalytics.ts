import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jury analytics (issue 17): the agreement statistics and juror figures of each tally snapshot, computed once
 * by the tally job and kept beside the snapshot (one per snapshot, immutable like it), and the edition's
 * thresholds for flagging a juror, with their stated defaults.
 */
export class JuryAnalytics1764319400000 implements MigrationInterface {
  name = 'JuryAnalytics1764319400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tally_analyses (
        snapshot_id uuid PRIMARY KEY REFERENCES tally_snapshots(id) ON DELETE CASCADE,
        analysis jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TRIGGER tr_tally_analyses_immutable BEFORE UPDATE ON tally_analyses
        FOR EACH ROW EXECUTE FUNCTION tally_snapshots_immutable()`);
    await q.query(`
      ALTER TABLE editions
        ADD COLUMN min_juror_agreement numeric(3,2) NOT NULL DEFAULT 0.3,
        ADD COLUMN max_juror_leniency_sigma numeric(3,2) NOT NULL DEFAULT 1,
        ADD CONSTRAINT ck_editions_min_juror_agreement CHECK (min_juror_agreement BETWEEN -1 AND 1),
        ADD CONSTRAINT ck_editions_max_juror_leniency_sigma CHECK (max_juror_leniency_sigma > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE editions DROP COLUMN max_juror_leniency_sigma, DROP COLUMN min_juror_agreement`);
    await q.query(`DROP TABLE tally_analyses`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The published jury statistics of a snapshot (issue 17), computed once by the tally job where the edition
 * publishes them and kept with its analysis: null where it does not, or for a snapshot analysed before (the
 * publication computes those itself until a tally of the same inputs stores them). An analysis stays
 * immutable but for that one step: statistics added where there were none, nothing else changed.
 */
export class StoredJuryStatistics1764319900000 implements MigrationInterface {
  name = 'StoredJuryStatistics1764319900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tally_analyses ADD COLUMN jury_statistics jsonb`);
    await q.query(`
      CREATE FUNCTION tally_analyses_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.jury_statistics IS NULL AND NEW.jury_statistics IS NOT NULL
           AND (NEW.snapshot_id, NEW.analysis, NEW.created_at)
               IS NOT DISTINCT FROM (OLD.snapshot_id, OLD.analysis, OLD.created_at) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'tally analyses are immutable' USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`DROP TRIGGER tr_tally_analyses_immutable ON tally_analyses`);
    await q.query(`
      CREATE TRIGGER tr_tally_analyses_immutable BEFORE UPDATE ON tally_analyses
        FOR EACH ROW EXECUTE FUNCTION tally_analyses_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_tally_analyses_immutable ON tally_analyses`);
    await q.query(`
      CREATE TRIGGER tr_tally_analyses_immutable BEFORE UPDATE ON tally_analyses
        FOR EACH ROW EXECUTE FUNCTION tally_snapshots_immutable()`);
    await q.query(`DROP FUNCTION tally_analyses_immutable()`);
    await q.query(`ALTER TABLE tally_analyses DROP COLUMN jury_statistics`);
  }
}

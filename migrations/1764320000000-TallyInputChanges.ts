import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose every write can change what a tally counts: a trigger per statement notes it. */
const WHOLE_TABLES = [
  'assignments',
  'rounds',
  'conflicts',
  'late_conflicts',
  'company_members',
  'calibration_entries',
  'categories',
  'criteria',
] as const;

/**
 * One row per committed transaction that changed a tally's inputs (issue 16): the scorecards a tally counts,
 * the assignments and conflicts that decide which count, the nominations in a round's field, the criteria,
 * the categories and the edition's ranking rules. A trigger on each of those tables writes it, so no write
 * path can forget to.
 *
 * What the set of rows a transaction sees says: nothing a tally reads changed while it stays the same. Rows
 * are only ever added, one per writing transaction (its id is the key, so a transaction that writes many
 * rows adds one, and two transactions never wait on each other), and become visible with the changes they
 * note; so two reads that see as many rows, with the same last one, saw the same inputs. The advance
 * preview keeps each round's current digests under that count instead of re-reading and re-hashing tens of
 * thousands of scorecards on every call.
 *
 * Writes that cannot change a tally add nothing: a draft scorecard saved (only submitted ones count), a
 * nomination's text edited, an account's name changed, an edition's phase moved.
 */
export class TallyInputChanges1764320000000 implements MigrationInterface {
  name = 'TallyInputChanges1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tally_input_changes (
        transaction_id xid8 PRIMARY KEY DEFAULT pg_current_xact_id(),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE FUNCTION note_tally_input_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO tally_input_changes DEFAULT VALUES ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    for (const table of WHOLE_TABLES)
      await q.query(`
        CREATE TRIGGER tr_${table}_tally_input AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION note_tally_input_change()`);
    // Only submitted scorecards count: a draft saved, created or deleted changes no tally.
    await q.query(`
      CREATE TRIGGER tr_scorecards_tally_input_insert AFTER INSERT ON scorecards
        FOR EACH ROW WHEN (NEW.status = 'submitted') EXECUTE FUNCTION note_tally_input_change()`);
    await q.query(`
      CREATE TRIGGER tr_scorecards_tally_input_update AFTER UPDATE ON scorecards
        FOR EACH ROW WHEN (OLD.status = 'submitted' OR NEW.status = 'submitted')
        EXECUTE FUNCTION note_tally_input_change()`);
    await q.query(`
      CREATE TRIGGER tr_scorecards_tally_input_delete AFTER DELETE ON scorecards
        FOR EACH ROW WHEN (OLD.status = 'submitted') EXECUTE FUNCTION note_tally_input_change()`);
    await q.query(`
      CREATE TRIGGER tr_scorecards_tally_input_truncate AFTER TRUNCATE ON scorecards
        FOR EACH STATEMENT EXECUTE FUNCTION note_tally_input_change()`);
    // A nomination counts by its edition, category, company, status and whether it is a sample.
    await q.query(`
      CREATE TRIGGER tr_nominations_tally_input_update AFTER UPDATE ON nominations
        FOR EACH ROW WHEN ((OLD.edition_id, OLD.category_id, OLD.company_id, OLD.status, OLD.sample)
                           IS DISTINCT FROM (NEW.edition_id, NEW.category_id, NEW.company_id, NEW.status, NEW.sample))
        EXECUTE FUNCTION note_tally_input_change()`);
    await q.query(`
      CREATE TRIGGER tr_nominations_tally_input AFTER INSERT OR DELETE OR TRUNCATE ON nominations
        FOR EACH STATEMENT EXECUTE FUNCTION note_tally_input_change()`);
    // An account counts by its employer (a conflict with that company).
    await q.query(`
      CREATE TRIGGER tr_users_tally_input_update AFTER UPDATE ON users
        FOR EACH ROW WHEN (OLD.employer_company_id IS DISTINCT FROM NEW.employer_company_id)
        EXECUTE FUNCTION note_tally_input_change()`);
    await q.query(`
      CREATE TRIGGER tr_users_tally_input_insert AFTER INSERT ON users
        FOR EACH ROW WHEN (NEW.employer_company_id IS NOT NULL) EXECUTE FUNCTION note_tally_input_change()`);
    await q.query(`
      CREATE TRIGGER tr_users_tally_input_delete AFTER DELETE ON users
        FOR EACH ROW WHEN (OLD.employer_company_id IS NOT NULL) EXECUTE FUNCTION note_tally_input_change()`);
    await q.query(`
      CREATE TRIGGER tr_users_tally_input_truncate AFTER TRUNCATE ON users
        FOR EACH STATEMENT EXECUTE FUNCTION note_tally_input_change()`);
    // An edition counts by its ranking rules (and, created or removed, by the conflicts it carries).
    await q.query(`
      CREATE TRIGGER tr_editions_tally_input_update AFTER UPDATE ON editions
        FOR EACH ROW WHEN ((OLD.scoring_method, OLD.tie_breakers, OLD.min_scorecards)
                           IS DISTINCT FROM (NEW.scoring_method, NEW.tie_breakers, NEW.min_scorecards))
        EXECUTE FUNCTION note_tally_input_change()`);
    await q.query(`
      CREATE TRIGGER tr_editions_tally_input AFTER INSERT OR DELETE OR TRUNCATE ON editions
        FOR EACH STATEMENT EXECUTE FUNCTION note_tally_input_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of WHOLE_TABLES) await q.query(`DROP TRIGGER tr_${table}_tally_input ON ${table}`);
    for (const trigger of ['insert', 'update', 'delete', 'truncate'])
      await q.query(`DROP TRIGGER tr_scorecards_tally_input_${trigger} ON scorecards`);
    for (const trigger of ['insert', 'update', 'delete', 'truncate'])
      await q.query(`DROP TRIGGER tr_users_tally_input_${trigger} ON users`);
    await q.query(`DROP TRIGGER tr_nominations_tally_input_update ON nominations`);
    await q.query(`DROP TRIGGER tr_nominations_tally_input ON nominations`);
    await q.query(`DROP TRIGGER tr_editions_tally_input_update ON editions`);
    await q.query(`DROP TRIGGER tr_editions_tally_input ON editions`);
    await q.query(`DROP FUNCTION note_tally_input_change()`);
    await q.query(`DROP TABLE tally_input_changes`);
  }
}

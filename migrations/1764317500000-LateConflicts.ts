import type { MigrationInterface, QueryRunner } from 'typeorm';

const CONFLICT_SOURCES = `
        SELECT c.edition_id, c.juror_id, c.company_id, c.source, c.id AS conflict_id
          FROM conflicts c
         WHERE c.removed_at IS NULL
        UNION ALL
        SELECT e.id, m.user_id, m.company_id, 'membership', NULL::uuid
          FROM company_members m CROSS JOIN editions e
        UNION ALL
        SELECT e.id, u.id, u.employer_company_id, 'employer', NULL::uuid
          FROM users u CROSS JOIN editions e
         WHERE u.employer_company_id IS NOT NULL`;

/**
 * Conflicts of interest that appear after the juror has submitted scorecards on the company's nominations
 * (a membership accepted, an employer named, a conflict declared during judging). Such a conflict would
 * silently take scorecards out of the tally, so it waits for an organiser's decision: confirmed, the
 * scorecards stop counting; dismissed, the conflict is set aside for that edition and they count. Until the
 * decision the tally, the results and the publication refuse (tally module).
 *
 * Detection is a trigger on each source of the conflict rule, so no route (present or future, API or
 * SQL) can create one unnoticed. Conflicts an organiser records are already the organiser's decision.
 */
export class LateConflicts1764317500000 implements MigrationInterface {
  name = 'LateConflicts1764317500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE late_conflicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        juror_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('declared', 'membership', 'employer')),
        conflict_id uuid REFERENCES conflicts(id) ON DELETE SET NULL,
        scorecards uuid[] NOT NULL,
        detected_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'dismissed')),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_reason text CHECK (length(decision_reason) BETWEEN 1 AND 2000),
        CONSTRAINT ck_late_conflicts_decided CHECK ((status = 'pending') = (decided_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_late_conflicts_pending ON late_conflicts (edition_id, juror_id, company_id, source) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX ix_late_conflicts_dismissed ON late_conflicts (juror_id, company_id, edition_id, source) WHERE status = 'dismissed'`,
    );
    await q.query(`CREATE INDEX ix_late_conflicts_edition ON late_conflicts (edition_id, status)`);

    // The conflict rule, less what an organiser dismissed after the juror had scored.
    await q.query(`
      CREATE OR REPLACE VIEW juror_conflicts AS
        SELECT jc.edition_id, jc.juror_id, jc.company_id, jc.source, jc.conflict_id
          FROM (${CONFLICT_SOURCES}) jc
         WHERE NOT EXISTS (
           SELECT 1 FROM late_conflicts l
            WHERE l.status = 'dismissed' AND l.juror_id = jc.juror_id AND l.company_id = jc.company_id
              AND l.edition_id = jc.edition_id AND l.source = jc.source)`);

    // Late conflicts that await a decision and still hold (a membership left meanwhile no longer conflicts).
    await q.query(`
      CREATE VIEW pending_late_conflicts AS
        SELECT l.id, l.edition_id, l.juror_id, l.company_id, l.source, l.conflict_id, l.scorecards, l.detected_at
          FROM late_conflicts l
         WHERE l.status = 'pending'
           AND EXISTS (
             SELECT 1 FROM juror_conflicts jc
              WHERE jc.edition_id = l.edition_id AND jc.juror_id = l.juror_id AND jc.company_id = l.company_id
                AND jc.source = l.source)`);

    // One row per edition (not yet published) in which the juror has submitted scorecards on the company's
    // nominations, unless the same conflict already awaits a decision or was dismissed there.
    await q.query(`
      CREATE FUNCTION note_late_conflict(p_juror uuid, p_company uuid, p_source text, p_conflict uuid, p_edition uuid)
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO late_conflicts (edition_id, juror_id, company_id, source, conflict_id, scorecards)
        SELECT r.edition_id, p_juror, p_company, p_source, p_conflict, array_agg(s.id ORDER BY s.id)
          FROM scorecards s
          JOIN rounds r ON r.id = s.round_id
          JOIN editions e ON e.id = r.edition_id
          JOIN nominations n ON n.id = s.nomination_id
         WHERE s.juror_id = p_juror AND s.status = 'submitted' AND n.company_id = p_company
           AND (p_edition IS NULL OR r.edition_id = p_edition)
           AND e.phase NOT IN ('published', 'archived')
           AND NOT EXISTS (
             SELECT 1 FROM late_conflicts l
              WHERE l.edition_id = r.edition_id AND l.juror_id = p_juror AND l.company_id = p_company
                AND l.source = p_source AND l.status IN ('pending', 'dismissed'))
         GROUP BY r.edition_id;
      END $$`);
    await q.query(`
      CREATE FUNCTION late_conflict_from_membership() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM note_late_conflict(NEW.user_id, NEW.company_id, 'membership', NULL, NULL);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_late_conflict_membership AFTER INSERT ON company_members
        FOR EACH ROW EXECUTE FUNCTION late_conflict_from_membership()`);
    await q.query(`
      CREATE FUNCTION late_conflict_from_employer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM note_late_conflict(NEW.id, NEW.employer_company_id, 'employer', NULL, NULL);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_late_conflict_employer AFTER UPDATE OF employer_company_id ON users
        FOR EACH ROW WHEN (NEW.employer_company_id IS NOT NULL AND NEW.employer_company_id IS DISTINCT FROM OLD.employer_company_id)
        EXECUTE FUNCTION late_conflict_from_employer()`);
    await q.query(`
      CREATE FUNCTION late_conflict_from_declaration() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM note_late_conflict(NEW.juror_id, NEW.company_id, 'declared', NEW.id, NEW.edition_id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_late_conflict_declared AFTER INSERT ON conflicts
        FOR EACH ROW WHEN (NEW.source = 'declared')
        EXECUTE FUNCTION late_conflict_from_declaration()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_late_conflict_declared ON conflicts`);
    await q.query(`DROP FUNCTION late_conflict_from_declaration()`);
    await q.query(`DROP TRIGGER tr_late_conflict_employer ON users`);
    await q.query(`DROP FUNCTION late_conflict_from_employer()`);
    await q.query(`DROP TRIGGER tr_late_conflict_membership ON company_members`);
    await q.query(`DROP FUNCTION late_conflict_from_membership()`);
    await q.query(`DROP FUNCTION note_late_conflict(uuid, uuid, text, uuid, uuid)`);
    await q.query(`DROP VIEW pending_late_conflicts`);
    await q.query(`CREATE OR REPLACE VIEW juror_conflicts AS ${CONFLICT_SOURCES}`);
    await q.query(`DROP TABLE late_conflicts`);
  }
}

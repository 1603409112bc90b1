import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rounds, panels, conflicts of interest, assignments and scorecards. */
export class Jury1764317100000 implements MigrationInterface {
  name = 'Jury1764317100000';

  async up(q: QueryRunner): Promise<void> {
    // A juror may name their employer: an automatic conflict with that company.
    await q.query(
      `ALTER TABLE users ADD COLUMN employer_company_id uuid REFERENCES companies(id) ON DELETE SET NULL`,
    );
    await q.query(`
      CREATE TABLE rounds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        number int NOT NULL CHECK (number >= 1),
        name text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        closes_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_rounds_edition_number UNIQUE (edition_id, number),
        CONSTRAINT ck_rounds_closed CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE panel_members (
        category_id uuid NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        juror_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_panel_members PRIMARY KEY (category_id, juror_id)
      )`);
    await q.query(`CREATE INDEX ix_panel_members_juror ON panel_members (juror_id, edition_id)`);
    await q.query(`
      CREATE TABLE conflicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        juror_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('declared', 'organiser')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        removed_by uuid REFERENCES users(id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_conflicts_active ON conflicts (edition_id, juror_id, company_id) WHERE removed_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE conflict_confirmations (
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        juror_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        confirmed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_conflict_confirmations PRIMARY KEY (edition_id, juror_id)
      )`);
    await q.query(`
      CREATE TABLE assignments (
        round_id uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        nomination_id uuid NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
        juror_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_assignments PRIMARY KEY (round_id, nomination_id, juror_id)
      )`);
    await q.query(`CREATE INDEX ix_assignments_juror ON assignments (juror_id, round_id)`);
    // One juror's scores for one nomination in one round: {criterionCode: integer}.
    await q.query(`
      CREATE TABLE scorecards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        nomination_id uuid NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
        juror_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
        scores jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(scores) = 'object'),
        comment text CHECK (length(comment) <= 5000),
        version int NOT NULL DEFAULT 1,
        submitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_scorecards_round_nomination_juror UNIQUE (round_id, nomination_id, juror_id),
        CONSTRAINT ck_scorecards_submitted CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_scorecards_round_status ON scorecards (round_id, status)`);
    await q.query(`CREATE INDEX ix_scorecards_juror ON scorecards (juror_id, round_id)`);
    await q.query(
      `CREATE INDEX ix_conflicts_juror ON conflicts (juror_id, edition_id) WHERE removed_at IS NULL`,
    );
    await q.query(`CREATE INDEX ix_assignments_nomination ON assignments (nomination_id)`);

    // The conflict rule, stated once (jury, scoring and the tally all read it): in an edition a juror may not
    // judge a company they declared or an organiser recorded a conflict with, one they are a member of, or
    // the one they name as employer. Membership and employer hold in every edition.
    await q.query(`
      CREATE VIEW juror_conflicts AS
        SELECT c.edition_id, c.juror_id, c.company_id, c.source, c.id AS conflict_id
          FROM conflicts c
         WHERE c.removed_at IS NULL
        UNION ALL
        SELECT e.id, m.user_id, m.company_id, 'membership', NULL::uuid
          FROM company_members m CROSS JOIN editions e
        UNION ALL
        SELECT e.id, u.id, u.employer_company_id, 'employer', NULL::uuid
          FROM users u CROSS JOIN editions e
         WHERE u.employer_company_id IS NOT NULL`);
    // Assignments that stand: the nomination is admitted (not withdrawn, not ineligible) and the juror has no
    // conflict with its company. A conflict declared later silences an assignment without deleting anything.
    await q.query(`
      CREATE VIEW active_assignments AS
        SELECT a.round_id, a.nomination_id, a.juror_id, a.created_at, r.edition_id, n.category_id, n.company_id
          FROM assignments a
          JOIN rounds r ON r.id = a.round_id
          JOIN nominations n ON n.id = a.nomination_id
         WHERE n.status IN ('eligible', 'shortlisted', 'finalist', 'winner')
           AND NOT EXISTS (
             SELECT 1 FROM juror_conflicts jc
              WHERE jc.edition_id = r.edition_id AND jc.juror_id = a.juror_id AND jc.company_id = n.company_id)`);
    // What a tally counts (SPEC: submitted scorecards of non-conflicted jurors on eligible nominations): the
    // submitted scorecards whose assignment stands. Silenced scorecards stay in scorecards and in the audit log.
    await q.query(`
      CREATE VIEW counted_scorecards AS
        SELECT s.id, s.round_id, s.nomination_id, s.juror_id, s.scores, s.comment, s.version, s.submitted_at,
               aa.edition_id, aa.category_id, aa.company_id
          FROM scorecards s
          JOIN active_assignments aa ON aa.round_id = s.round_id AND aa.nomination_id = s.nomination_id AND aa.juror_id = s.juror_id
         WHERE s.status = 'submitted'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW counted_scorecards`);
    await q.query(`DROP VIEW active_assignments`);
    await q.query(`DROP VIEW juror_conflicts`);
    await q.query(`DROP TABLE scorecards`);
    await q.query(`DROP TABLE assignments`);
    await q.query(`DROP TABLE conflict_confirmations`);
    await q.query(`DROP TABLE conflicts`);
    await q.query(`DROP TABLE panel_members`);
    await q.query(`DROP TABLE rounds`);
    await q.query(`ALTER TABLE users DROP COLUMN employer_company_id`);
  }
}

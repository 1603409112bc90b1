import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tally snapshots and the runs that produce them, juror pseudonym keys, and publications. */
export class Tally1764317200000 implements MigrationInterface {
  name = 'Tally1764317200000';

  async up(q: QueryRunner): Promise<void> {
    // One computed ranking per distinct input: re-running a tally on unchanged scorecards finds its snapshot.
    await q.query(`
      CREATE TABLE tally_snapshots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        category_id uuid NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        inputs_digest char(64) NOT NULL CHECK (inputs_digest ~ '^[0-9a-f]{64}$'),
        algorithm text NOT NULL,
        scorecards int NOT NULL CHECK (scorecards >= 0),
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_tally_snapshots_inputs UNIQUE (round_id, category_id, inputs_digest)
      )`);
    // A snapshot is evidence: it may disappear with its round, never change.
    await q.query(`
      CREATE FUNCTION tally_snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'tally snapshots are immutable' USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_tally_snapshots_immutable BEFORE UPDATE ON tally_snapshots
        FOR EACH ROW EXECUTE FUNCTION tally_snapshots_immutable()`);
    await q.query(`
      CREATE TABLE tally_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        category_id uuid NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'running', 'succeeded', 'failed')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        error text CHECK (length(error) <= 2000),
        snapshot_id uuid REFERENCES tally_snapshots(id) ON DELETE CASCADE,
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT ck_tally_runs_snapshot CHECK ((status = 'succeeded') = (snapshot_id IS NOT NULL)),
        CONSTRAINT ck_tally_runs_finished CHECK ((status IN ('succeeded', 'failed')) = (finished_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX ix_tally_runs_round_category ON tally_runs (round_id, category_id, requested_at DESC)`,
    );
    await q.query(`CREATE INDEX ix_tally_runs_snapshot ON tally_runs (snapshot_id)`);
    // The secret behind an edition's juror pseudonyms (HMAC key): created on first use, never shown.
    await q.query(`
      CREATE TABLE juror_pseudonym_keys (
        edition_id uuid PRIMARY KEY REFERENCES editions(id) ON DELETE CASCADE,
        key bytea NOT NULL CHECK (length(key) = 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One publication per edition: scheduled (embargo) or published, with the exact public documents.
    await q.query(`
      CREATE TABLE publications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        round_id uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('scheduled', 'published')),
        release_at timestamptz NOT NULL,
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        manifest text,
        manifest_sha256 char(64) CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
        results text,
        last_error text CHECK (length(last_error) <= 2000),
        CONSTRAINT uq_publications_edition UNIQUE (edition_id),
        CONSTRAINT ck_publications_published CHECK (
          (status = 'published') = (published_at IS NOT NULL AND manifest IS NOT NULL AND manifest_sha256 IS NOT NULL AND results IS NOT NULL)
        )
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publications`);
    await q.query(`DROP TABLE juror_pseudonym_keys`);
    await q.query(`DROP TABLE tally_runs`);
    await q.query(`DROP TABLE tally_snapshots`);
    await q.query(`DROP FUNCTION tally_snapshots_immutable()`);
  }
}

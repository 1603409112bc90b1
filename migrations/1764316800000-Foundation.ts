import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users and auth, the outbox, notifications and the audit log. */
export class Foundation1764316800000 implements MigrationInterface {
  name = 'Foundation1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CONSTRAINT uq_users_email UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        full_name text NOT NULL,
        locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ru', 'kk', 'de')),
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['entrant', 'juror', 'organiser']),
        email_verified_at timestamptz,
        disabled_at timestamptz,
        failed_login_count int NOT NULL DEFAULT 0,
        locked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await q.query(
      `CREATE INDEX ix_auth_sessions_user_active ON auth_sessions (user_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_sessions(id) ON DELETE CASCADE,
        token_hash text NOT NULL CONSTRAINT uq_refresh_tokens_hash UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_refresh_tokens_session ON refresh_tokens (session_id)`);
    await q.query(`
      CREATE TABLE one_time_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
        token_hash text NOT NULL CONSTRAINT uq_one_time_tokens_hash UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN ('juror', 'organiser')),
        invited_by uuid NOT NULL REFERENCES users(id),
        token_hash text NOT NULL CONSTRAINT uq_invitations_hash UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid REFERENCES users(id)
      )`);
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        name text NOT NULL,
        payload jsonb NOT NULL,
        job_id text,
        run_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX ix_outbox_pending ON outbox (id) WHERE dispatched_at IS NULL`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event text NOT NULL,
        subject text NOT NULL,
        recipient_email text NOT NULL,
        recipient_id uuid REFERENCES users(id) ON DELETE SET NULL,
        locale text NOT NULL,
        params jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_notifications_event_subject_recipient UNIQUE (event, subject, recipient_email)
      )`);
    await q.query(`CREATE INDEX ix_notifications_recipient ON notifications (recipient_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX ix_notifications_failed ON notifications (created_at) WHERE status = 'failed'`,
    );
    // Append-only: rows land unsealed in their writer's transaction (xid recorded) and are chained later.
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        edition_id uuid,
        data jsonb NOT NULL DEFAULT '{}',
        content_hash text NOT NULL,
        seq bigint CONSTRAINT uq_audit_log_seq UNIQUE,
        prev_hash text,
        hash text
      )`);
    await q.query(`CREATE INDEX ix_audit_log_unsealed ON audit_log (xid, id) WHERE seq IS NULL`);
    await q.query(`CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id)`);
    await q.query(
      `CREATE INDEX ix_audit_log_edition ON audit_log (edition_id, id) WHERE edition_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_audit_log_action ON audit_log (action, id)`);
    // Sealed entries never change: refuse UPDATE of a sealed row and DELETE at the database level.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.seq IS NOT NULL THEN
          RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE invitations`);
    await q.query(`DROP TABLE one_time_tokens`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE auth_sessions`);
    await q.query(`DROP TABLE users`);
  }
}

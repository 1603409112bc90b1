import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocations: PostgreSQL is their record and Redis a cache rebuilt from it when Redis loses its data, so
 * the rebuild reads the recent ones by `revoked_at`. Account lockout: the owner is mailed a single-use
 * unlock link (`one_time_tokens.purpose = 'unlock_account'`).
 */
export class DurableRevocations1764317600000 implements MigrationInterface {
  name = 'DurableRevocations1764317600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_auth_sessions_revoked_at ON auth_sessions (revoked_at) WHERE revoked_at IS NOT NULL`,
    );
    await q.query(`ALTER TABLE one_time_tokens DROP CONSTRAINT one_time_tokens_purpose_check`);
    await q.query(
      `ALTER TABLE one_time_tokens ADD CONSTRAINT one_time_tokens_purpose_check
         CHECK (purpose IN ('verify_email', 'password_reset', 'unlock_account'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM one_time_tokens WHERE purpose = 'unlock_account'`);
    await q.query(`ALTER TABLE one_time_tokens DROP CONSTRAINT one_time_tokens_purpose_check`);
    await q.query(
      `ALTER TABLE one_time_tokens ADD CONSTRAINT one_time_tokens_purpose_check
         CHECK (purpose IN ('verify_email', 'password_reset'))`,
    );
    await q.query(`DROP INDEX ix_auth_sessions_revoked_at`);
  }
}

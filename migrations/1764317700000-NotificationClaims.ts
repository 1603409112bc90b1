import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail is delivered exactly once across worker crashes: a worker claims a notification (status `sending`,
 * a fresh claim token, the time) before it hands the mail over, and marks it sent only with that token. A
 * later attempt that finds a claim older than the queue's lock knows its holder died and reconciles
 * (`resends` counts the mails handed over again, with the same Message-ID, because the transport could not
 * tell whether the first hand-over arrived).
 */
export class NotificationClaims1764317700000 implements MigrationInterface {
  name = 'NotificationClaims1764317700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed'))`,
    );
    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN claim_token uuid,
        ADD COLUMN claimed_at timestamptz,
        ADD COLUMN resends int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE notifications SET status = 'pending' WHERE status = 'sending'`);
    await q.query(
      `ALTER TABLE notifications DROP COLUMN resends, DROP COLUMN claimed_at, DROP COLUMN claim_token`,
    );
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sent', 'failed'))`,
    );
  }
}

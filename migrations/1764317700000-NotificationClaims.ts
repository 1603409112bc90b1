import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail is delivered exactly once across worker crashes: a worker claims a notification (a row here, with a
 * fresh token) before it hands the mail over, and marks it sent, deleting the claim, only with that token.
 * A later attempt that finds a claim older than the queue's lock knows its holder died and reconciles
 * (`resends` counts the mails handed over again, with the same Message-ID, because the transport could not
 * tell whether the first hand-over arrived). Claims live in a narrow table of their own: claiming writes a
 * small row instead of a new version of the wide, six-times-indexed notification.
 */
export class NotificationClaims1764317700000 implements MigrationInterface {
  name = 'NotificationClaims1764317700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN resends int NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE notification_claims (
        notification_id uuid PRIMARY KEY REFERENCES notifications(id) ON DELETE CASCADE,
        token uuid NOT NULL,
        claimed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_claims`);
    await q.query(`ALTER TABLE notifications DROP COLUMN resends`);
  }
}

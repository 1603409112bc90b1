import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Opting out of optional mails (scoring reminders), and looking notifications up by address. */
export class Notifications1764317300000 implements MigrationInterface {
  name = 'Notifications1764317300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_opt_outs (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        topic text NOT NULL CHECK (topic IN ('reminders')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_notification_opt_outs PRIMARY KEY (user_id, topic)
      )`);
    // "The mails sent to me" matches the address too (an invitation reaches an address before its account exists).
    await q.query(
      `CREATE INDEX ix_notifications_recipient_email ON notifications (recipient_email, created_at DESC)`,
    );
    await q.query(`CREATE INDEX ix_notifications_created ON notifications (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_notifications_created`);
    await q.query(`DROP INDEX ix_notifications_recipient_email`);
    await q.query(`DROP TABLE notification_opt_outs`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisers remind a round's jurors who are behind by hand (issue 16), at most once per cool-down: one row
 * per round says when that reminder last went and to how many jurors. Kept in SQL alone (no entity): only
 * the jury's manual reminders read and write it, through a conditional upsert.
 */
export class ManualReminders1764318800000 implements MigrationInterface {
  name = 'ManualReminders1764318800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE round_manual_reminders (
        round_id uuid PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
        sent_at timestamptz NOT NULL,
        sent_by uuid NOT NULL REFERENCES users (id),
        reminded integer NOT NULL CHECK (reminded >= 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE round_manual_reminders`);
  }
}

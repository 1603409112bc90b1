import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A shortlist is the organiser's to announce (issue 12): advancing a round shortlists its best nominations
 * at once (jurors must score them in the next round), but entrants keep seeing the status they saw before
 * — `status_before_shortlist` — until an organiser announces that round's shortlist.
 */
export class ShortlistAnnouncement1764317800000 implements MigrationInterface {
  name = 'ShortlistAnnouncement1764317800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE nominations
        ADD COLUMN shortlisted_in_round_id uuid REFERENCES rounds(id) ON DELETE SET NULL,
        ADD COLUMN status_before_shortlist text`);
    await q.query(
      `CREATE INDEX nominations_shortlisted_in_round ON nominations (shortlisted_in_round_id) WHERE shortlisted_in_round_id IS NOT NULL`,
    );
    await q.query(`
      ALTER TABLE rounds
        ADD COLUMN shortlist_announced_at timestamptz,
        ADD COLUMN shortlist_announced_by uuid REFERENCES users(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE rounds DROP COLUMN shortlist_announced_by, DROP COLUMN shortlist_announced_at`,
    );
    await q.query(`DROP INDEX nominations_shortlisted_in_round`);
    await q.query(
      `ALTER TABLE nominations DROP COLUMN status_before_shortlist, DROP COLUMN shortlisted_in_round_id`,
    );
  }
}

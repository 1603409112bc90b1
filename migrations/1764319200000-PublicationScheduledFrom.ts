import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The phase an edition was in when its publication was scheduled (issue 16). Scheduling moves an edition
 * from `tallying` to `results_ready`; cancelling puts back what was there, so an organiser who cancels can
 * again do what `tallying` allows (advance to another round). Null on rows scheduled before this column:
 * their cancellation leaves the phase as it is, as it did then.
 */
export class PublicationScheduledFrom1764319200000 implements MigrationInterface {
  name = 'PublicationScheduledFrom1764319200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE publications
        ADD COLUMN scheduled_from text,
        ADD CONSTRAINT publications_scheduled_from_check CHECK (scheduled_from IN ('tallying', 'results_ready'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publications DROP COLUMN scheduled_from`);
  }
}

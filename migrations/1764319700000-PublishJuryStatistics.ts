import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The edition rule `publish_jury_statistics` (issue 17, default off): the published results manifest and the
 * public results page state each category's Krippendorff's alpha and whether its winner is fragile. Fixed
 * once judging opens, like the rules that decide a ranking.
 */
export class PublishJuryStatistics1764319700000 implements MigrationInterface {
  name = 'PublishJuryStatistics1764319700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE editions ADD COLUMN publish_jury_statistics boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE editions DROP COLUMN publish_jury_statistics`);
  }
}

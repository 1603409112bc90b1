import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time zone a user reads dates in (issue 14: the web app shows deadlines in it, with the zone named).
 * An IANA name, checked by the API; NULL until the user picks one (the app then uses the browser's).
 */
export class UserTimeZone1764317900000 implements MigrationInterface {
  name = 'UserTimeZone1764317900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN time_zone text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN time_zone`);
  }
}

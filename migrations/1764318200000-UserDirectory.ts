import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What other modules may read of a user, as a view the users module owns (issue 13: one owner per table):
 * queries that show a juror's or member's name, address or language beside rows of their own join this
 * instead of `users`, whose password hashes and lockout state stay out of their reach. A plain view:
 * PostgreSQL inlines it, so the plans are those of the join on `users`.
 */
export class UserDirectory1764318200000 implements MigrationInterface {
  name = 'UserDirectory1764318200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW user_directory AS
        SELECT id, email, full_name, locale, roles, disabled_at, employer_company_id FROM users`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW user_directory`);
  }
}

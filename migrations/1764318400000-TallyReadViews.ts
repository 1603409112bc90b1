import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One owner per table (issue 13): what the tally reads of the editions module's tables in its set-based
 * queries, as views that module owns (like those of OwnerReadViews). Plain projections: PostgreSQL inlines
 * them, so a query reads the same indexes as before.
 *
 *   edition_ranking_rules  editions  the rules a ranking is computed by (SPEC.md "Tally rules")
 *   category_criteria      editions  a category's criteria with their weights, in their order
 */
export class TallyReadViews1764318400000 implements MigrationInterface {
  name = 'TallyReadViews1764318400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW edition_ranking_rules AS
        SELECT id, scoring_method, tie_breakers, min_scorecards
          FROM editions`);
    await q.query(`
      CREATE VIEW category_criteria AS
        SELECT id, category_id, code, weight, position
          FROM criteria`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW category_criteria`);
    await q.query(`DROP VIEW edition_ranking_rules`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One owner per table (issue 13): each view is what its owning module lets other modules read of its tables
 * in their set-based queries (joins, INSERT … SELECT), so that their SQL names the view, not the table.
 * Plain projections: PostgreSQL inlines them, so a query reads the same indexes as before.
 *
 *   nomination_entries   nominations  what the jury and the results mail read of a nomination
 *   scorecard_states     scoring      whether and how far a juror has scored an assignment
 *   edition_settings     editions     an edition's name, slug, phase and the settings juries follow
 *   edition_categories   editions     an edition's categories in their order
 *   company_profiles     companies    what jurors and nominees see of a company
 *   company_memberships  companies    who belongs to which company
 */
export class OwnerReadViews1764318300000 implements MigrationInterface {
  name = 'OwnerReadViews1764318300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW nomination_entries AS
        SELECT id, edition_id, category_id, company_id, created_by, status, title, summary, answers, metrics
          FROM nominations`);
    await q.query(`
      CREATE VIEW scorecard_states AS
        SELECT id, round_id, nomination_id, juror_id, status, version, updated_at
          FROM scorecards`);
    await q.query(`
      CREATE VIEW edition_settings AS
        SELECT id, slug, name, phase, blind, reminder_lead_hours
          FROM editions`);
    await q.query(`
      CREATE VIEW edition_categories AS
        SELECT id, edition_id, code, name, position
          FROM categories`);
    await q.query(`
      CREATE VIEW company_profiles AS
        SELECT id, name, country, website
          FROM companies`);
    await q.query(`
      CREATE VIEW company_memberships AS
        SELECT company_id, user_id
          FROM company_members`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW company_memberships`);
    await q.query(`DROP VIEW company_profiles`);
    await q.query(`DROP VIEW edition_categories`);
    await q.query(`DROP VIEW edition_settings`);
    await q.query(`DROP VIEW scorecard_states`);
    await q.query(`DROP VIEW nomination_entries`);
  }
}

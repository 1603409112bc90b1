import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's lists read their first page from an index (issue 16): the audit log filtered by actor (the
 * organiser's "only this person") or by edition and action, newest first; an edition's nominations in the
 * order they came in.
 */
export class ConsoleListIndexes1764319300000 implements MigrationInterface {
  name = 'ConsoleListIndexes1764319300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_audit_log_actor ON audit_log (actor_id, id) WHERE actor_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX ix_audit_log_edition_action ON audit_log (edition_id, action, id) WHERE edition_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_nominations_edition_submitted ON nominations (edition_id, submitted_at, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_nominations_edition_submitted`);
    await q.query(`DROP INDEX ix_audit_log_edition_action`);
    await q.query(`DROP INDEX ix_audit_log_actor`);
  }
}

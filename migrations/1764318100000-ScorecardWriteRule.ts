import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What scoring reads of the jury's and the editions' tables to decide a scorecard write (issue 13: scoring
 * names no other module's table). Both views belong to the jury module; scoring states its rule over them
 * once (`writeRefusalSql`), for its lookup and for its batched write.
 *
 *   judging_assignments  a standing assignment (view active_assignments) with what decides whether its juror
 *                        may score it: the round's status, the edition's phase and judging window, the
 *                        juror's conflict confirmation, and the category's scales
 *   open_rounds          the open rounds: a writer share-locks its round through it, so that closing the
 *                        round waits for writes in flight and no write lands after it
 *
 * Plain views: PostgreSQL inlines them, and a column nobody selects (the scales) costs nothing.
 */
export class ScorecardWriteRule1764318100000 implements MigrationInterface {
  name = 'ScorecardWriteRule1764318100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW judging_assignments AS
        SELECT aa.round_id, aa.nomination_id, aa.juror_id, aa.edition_id, aa.category_id,
               r.status AS round_status, e.phase, e.judging_open_at, e.judging_close_at,
               EXISTS (SELECT 1 FROM conflict_confirmations cc
                        WHERE cc.edition_id = aa.edition_id AND cc.juror_id = aa.juror_id) AS conflicts_confirmed,
               (SELECT coalesce(json_agg(json_build_object('code', c.code, 'min', c.scale_min, 'max', c.scale_max)
                                         ORDER BY c.position, c.code), '[]')
                  FROM criteria c WHERE c.category_id = aa.category_id) AS scales
          FROM active_assignments aa
          JOIN rounds r ON r.id = aa.round_id
          JOIN editions e ON e.id = aa.edition_id`);
    await q.query(`
      CREATE VIEW open_rounds AS
        SELECT id, edition_id FROM rounds WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW open_rounds`);
    await q.query(`DROP VIEW judging_assignments`);
  }
}

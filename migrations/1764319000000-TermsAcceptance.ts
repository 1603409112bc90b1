import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A juror accepts the terms and confidentiality of an edition as an act of its own, before confirming the
 * declaration of interests (issue 15): its own moment, audited. Until now confirming accepted them in the
 * same breath, so every declaration already confirmed accepted the terms at its confirmation.
 */
export class TermsAcceptance1764319000000 implements MigrationInterface {
  name = 'TermsAcceptance1764319000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE terms_acceptances (
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        juror_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_terms_acceptances PRIMARY KEY (edition_id, juror_id)
      )`);
    await q.query(`
      INSERT INTO terms_acceptances (edition_id, juror_id, accepted_at)
      SELECT edition_id, juror_id, confirmed_at FROM conflict_confirmations`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE terms_acceptances`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owners revoke and resend pending company invitations (issue 14). A revoked invitation stays on record (its
 * token dead) so that a second revoke or a resend answers "already revoked" rather than "no such invitation";
 * a resend counts its mails and remembers when it sent the last, for the resend cool-down; each invitation
 * keeps the language its mail went out in, so a resend speaks it again.
 */
export class CompanyInvitationRevocation1764318500000 implements MigrationInterface {
  name = 'CompanyInvitationRevocation1764318500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE company_invitations
        ADD COLUMN revoked_at timestamptz,
        ADD COLUMN locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ru', 'kk', 'de')),
        ADD COLUMN last_sent_at timestamptz,
        ADD COLUMN sends integer NOT NULL DEFAULT 1 CHECK (sends >= 1)`);
    // The mails already sent went out in the invitee's or the inviter's language; the inviter's is the one
    // still known for every row.
    await q.query(`
      UPDATE company_invitations i SET locale = u.locale, last_sent_at = i.created_at
        FROM users u WHERE u.id = i.invited_by`);
    await q.query(`ALTER TABLE company_invitations ALTER COLUMN locale DROP DEFAULT`);
    await q.query(`ALTER TABLE company_invitations ALTER COLUMN last_sent_at SET DEFAULT now()`);
    await q.query(`ALTER TABLE company_invitations ALTER COLUMN last_sent_at SET NOT NULL`);
    // One pending (neither accepted nor revoked) invitation per address and company.
    await q.query(`DROP INDEX uq_company_invitations_pending`);
    await q.query(
      `CREATE UNIQUE INDEX uq_company_invitations_pending ON company_invitations (company_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM company_invitations WHERE revoked_at IS NOT NULL`);
    await q.query(`DROP INDEX uq_company_invitations_pending`);
    await q.query(
      `CREATE UNIQUE INDEX uq_company_invitations_pending ON company_invitations (company_id, email) WHERE accepted_at IS NULL`,
    );
    await q.query(`
      ALTER TABLE company_invitations
        DROP COLUMN sends,
        DROP COLUMN last_sent_at,
        DROP COLUMN locale,
        DROP COLUMN revoked_at`);
  }
}

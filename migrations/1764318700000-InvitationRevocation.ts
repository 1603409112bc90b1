import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisers revoke and resend pending juror and organiser invitations (issue 16), as owners do company
 * invitations (1764318500000): a revoked invitation stays on record with its token dead, a resend counts its
 * mails and remembers when it sent the last (the resend cool-down), and each invitation keeps the language
 * its mail went out in, so that a resend speaks it again.
 */
export class InvitationRevocation1764318700000 implements MigrationInterface {
  name = 'InvitationRevocation1764318700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE invitations
        ADD COLUMN revoked_at timestamptz,
        ADD COLUMN locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ru', 'kk', 'de')),
        ADD COLUMN last_sent_at timestamptz,
        ADD COLUMN sends integer NOT NULL DEFAULT 1 CHECK (sends >= 1)`);
    // The mails already sent went out in the invitee's language or English; the inviter's is a fair guess
    // and the one known for every row.
    await q.query(`
      UPDATE invitations i SET locale = u.locale, last_sent_at = i.created_at
        FROM users u WHERE u.id = i.invited_by`);
    await q.query(`ALTER TABLE invitations ALTER COLUMN locale DROP DEFAULT`);
    await q.query(`ALTER TABLE invitations ALTER COLUMN last_sent_at SET DEFAULT now()`);
    await q.query(`ALTER TABLE invitations ALTER COLUMN last_sent_at SET NOT NULL`);
    // The console lists them newest first.
    await q.query(`CREATE INDEX ix_invitations_created ON invitations (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_invitations_created`);
    await q.query(`DELETE FROM invitations WHERE revoked_at IS NOT NULL`);
    await q.query(`
      ALTER TABLE invitations
        DROP COLUMN sends,
        DROP COLUMN last_sent_at,
        DROP COLUMN locale,
        DROP COLUMN revoked_at`);
  }
}

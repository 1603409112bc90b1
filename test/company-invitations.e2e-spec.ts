import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import {
  countRows,
  DEFAULT_PASSWORD,
  login,
  signIn,
  type SignedIn,
  uniqueEmail,
} from './support/factories.js';
import { nthMailTo } from './support/mailbox.js';
import { createCompany, type TestCompany } from './support/nominations.js';
import { TestSmtpServer, tokenFrom } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const COOL_DOWN_MS = 10 * 60 * 1000;

describe('company invitations: revoke and resend', () => {
  let t: TestApp;
  const smtp = new TestSmtpServer();
  let owner: SignedIn;
  let rival: SignedIn;
  let organiser: SignedIn;
  let juror: SignedIn;

  beforeAll(async () => {
    const url = await smtp.start();
    t = await createTestApp({ SMTP_URL: url });
    [owner, rival, organiser, juror] = await Promise.all([
      signIn(t, ['entrant']),
      signIn(t, ['entrant']),
      signIn(t, ['organiser']),
      signIn(t, ['juror']),
    ]);
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** Invites a fresh address; returns the invitation id, the address and the token of its first mail. */
  async function invite(company: TestCompany, locale: 'en' | 'ru' | 'kk' | 'de' = 'en') {
    const email = uniqueEmail('invitee');
    const res = await t
      .http()
      .post(`/api/v1/companies/${company.id}/members`)
      .set(owner.auth)
      .send({ email, locale })
      .expect(202);
    const token = tokenFrom(await nthMailTo(t, smtp, email, 1));
    return { id: res.body.invitation.id as string, email, token };
  }

  /** Registers the invited address and signs it in. */
  async function register(email: string) {
    await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email, password: DEFAULT_PASSWORD, fullName: 'Invited Person' })
      .expect(201);
    const { token } = await login(t, email);
    return { Authorization: `Bearer ${token}` };
  }

  const revoke = (companyId: string, invitationId: string, who: SignedIn | null = owner) => {
    const request = t.http().delete(`/api/v1/companies/${companyId}/invitations/${invitationId}`);
    return who ? request.set(who.auth) : request;
  };
  const resend = (companyId: string, invitationId: string, who: SignedIn | null = owner) => {
    const request = t.http().post(`/api/v1/companies/${companyId}/invitations/${invitationId}/resend`);
    return who ? request.set(who.auth) : request;
  };
  const audited = (action: string, companyId: string) =>
    countRows(t, 'audit_log', `action = $1 AND entity_id = $2`, [action, companyId]);

  it.each([
    {
      route: 'DELETE /companies/{id}/invitations/{invitationId}',
      call: revoke,
      action: 'company.invitation_revoked',
    },
    { route: 'POST …/resend', call: resend, action: 'company.invitation_reissued' },
  ])(
    '$route refuses without a token (401), members (403), organisers and jurors (403), strangers (404), changing nothing',
    async ({ call, action }) => {
      const member = await signIn(t, ['entrant']);
      const company = await createCompany(t, owner.id, { members: [member.id] });
      const invitation = await invite(company);
      // Past the resend cool-down: only who is asking decides.
      t.app.get(Clock).advance(COOL_DOWN_MS + 1000);
      await call(company.id, invitation.id, null).expect(401);
      expect((await call(company.id, invitation.id, member).expect(403)).body.code).toBe(
        'companies.owner_only',
      );
      await call(company.id, invitation.id, organiser).expect(403);
      await call(company.id, invitation.id, juror).expect(403);
      expect((await call(company.id, invitation.id, rival).expect(404)).body.code).toBe(
        'companies.not_found',
      );
      await call(company.id, 'not-a-uuid').expect(400);
      await call(company.id, '00000000-0000-4000-8000-000000000000').expect(404);
      expect(await audited(action, company.id)).toBe(0);
      expect(await countRows(t, 'notifications', 'recipient_email = $1', [invitation.email])).toBe(1);
      const view = await t.http().get(`/api/v1/companies/${company.id}`).set(owner.auth).expect(200);
      expect(view.body.pendingInvitations).toEqual([expect.objectContaining({ id: invitation.id })]);
    },
  );

  describe('DELETE /companies/{id}/invitations/{invitationId}', () => {
    it('revokes: the invitation leaves the list, its token answers like an unknown one, audited', async () => {
      const company = await createCompany(t, owner.id);
      const invitation = await invite(company);
      await revoke(company.id, invitation.id).expect(204);

      const view = await t.http().get(`/api/v1/companies/${company.id}`).set(owner.auth).expect(200);
      expect(view.body.pendingInvitations).toEqual([]);
      const auth = await register(invitation.email);
      const accepting = (token: string) =>
        t.http().post('/api/v1/companies/invitations/accept').set(auth).send({ token }).expect(400);
      const [revoked, unknown] = [await accepting(invitation.token), await accepting('x'.repeat(43))];
      const shape = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(shape(revoked.body)).toEqual(shape(unknown.body));
      expect(revoked.body.code).toBe('companies.invalid_invitation');
      expect(await countRows(t, 'company_members', 'company_id = $1', [company.id])).toBe(1);
      expect(await audited('company.invitation_revoked', company.id)).toBe(1);

      // Twice, or resent after: the invitation is no longer pending (409), and nothing more is recorded.
      expect((await revoke(company.id, invitation.id).expect(409)).body.code).toBe(
        'companies.invitation_revoked',
      );
      expect((await resend(company.id, invitation.id).expect(409)).body.code).toBe(
        'companies.invitation_revoked',
      );
      expect(await audited('company.invitation_revoked', company.id)).toBe(1);

      // A new invitation of the same address is a new, working one.
      const again = await t
        .http()
        .post(`/api/v1/companies/${company.id}/members`)
        .set(owner.auth)
        .send({ email: invitation.email })
        .expect(202);
      expect(again.body.invitation.id).not.toBe(invitation.id);
    });

    it("answers 404 for another company's invitation, even to an owner of both, and to a rival naming theirs", async () => {
      const [mine, other] = [await createCompany(t, owner.id), await createCompany(t, owner.id)];
      const invitation = await invite(other);
      const wrong = await revoke(mine.id, invitation.id).expect(404);
      expect(wrong.body.code).toBe('companies.invitation_not_found');
      const rivals = await createCompany(t, rival.id);
      expect((await revoke(rivals.id, invitation.id, rival).expect(404)).body.code).toBe(
        'companies.invitation_not_found',
      );
      expect((await resend(rivals.id, invitation.id, rival).expect(404)).body.code).toBe(
        'companies.invitation_not_found',
      );
      expect(
        await countRows(t, 'company_invitations', 'id = $1 AND revoked_at IS NULL', [invitation.id]),
      ).toBe(1);
    });

    it('refuses an accepted (409) or expired (409) invitation', async () => {
      const company = await createCompany(t, owner.id);
      const accepted = await invite(company);
      const auth = await register(accepted.email);
      await t
        .http()
        .post('/api/v1/companies/invitations/accept')
        .set(auth)
        .send({ token: accepted.token })
        .expect(200);
      expect((await revoke(company.id, accepted.id).expect(409)).body.code).toBe(
        'companies.invitation_accepted',
      );
      expect((await resend(company.id, accepted.id).expect(409)).body.code).toBe(
        'companies.invitation_accepted',
      );

      const expiring = await invite(company);
      t.app.get(Clock).advance(15 * 24 * 3600 * 1000);
      expect((await revoke(company.id, expiring.id).expect(409)).body.code).toBe(
        'companies.invitation_expired',
      );
      expect((await resend(company.id, expiring.id).expect(409)).body.code).toBe(
        'companies.invitation_expired',
      );
      expect(await audited('company.invitation_revoked', company.id)).toBe(0);
      expect(await audited('company.invitation_reissued', company.id)).toBe(0);
    });
  });

  describe('POST /companies/{id}/invitations/{invitationId}/resend', () => {
    it("mails a new token in the invitation's language; the old link dies; once per cool-down (429)", async () => {
      const company = await createCompany(t, owner.id, { name: 'Resend & Co' });
      const invitation = await invite(company, 'de');
      t.app.get(Clock).advance(COOL_DOWN_MS + 1000);
      const res = await resend(company.id, invitation.id).expect(200);
      expect(res.body).toEqual({
        id: invitation.id,
        email: invitation.email,
        role: 'member',
        expiresAt: expect.any(String),
      });
      expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + COOL_DOWN_MS);

      const mail = await nthMailTo(t, smtp, invitation.email, 2);
      expect(mail.text).toContain('Dem Unternehmen beitreten');
      expect(mail.subject).toContain('Resend & Co');
      const token = tokenFrom(mail);
      expect(token).not.toBe(invitation.token);
      expect(await audited('company.invitation_reissued', company.id)).toBe(1);

      // At once again: refused with how long to wait, no mail, nothing recorded.
      const refused = await resend(company.id, invitation.id).expect(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.code).toBe('companies.invitation_resent_recently');
      const wait = Number(refused.headers['retry-after']);
      expect(wait).toBeGreaterThan(COOL_DOWN_MS / 1000 - 60);
      expect(wait).toBeLessThanOrEqual(COOL_DOWN_MS / 1000);
      expect(await audited('company.invitation_reissued', company.id)).toBe(1);
      expect(await countRows(t, 'notifications', 'recipient_email = $1', [invitation.email])).toBe(2);

      // The old link is dead; the new one makes a member.
      const auth = await register(invitation.email);
      expect(
        (
          await t
            .http()
            .post('/api/v1/companies/invitations/accept')
            .set(auth)
            .send({ token: invitation.token })
            .expect(400)
        ).body.code,
      ).toBe('companies.invalid_invitation');
      const joined = await t
        .http()
        .post('/api/v1/companies/invitations/accept')
        .set(auth)
        .send({ token })
        .expect(200);
      expect(joined.body).toMatchObject({ id: company.id, role: 'member' });
    });

    it('lets the owner resend again once the cool-down has passed (kept in the database)', async () => {
      const company = await createCompany(t, owner.id);
      const invitation = await invite(company, 'ru');
      expect((await resend(company.id, invitation.id).expect(429)).body.code).toBe(
        'companies.invitation_resent_recently',
      );
      t.app.get(Clock).advance(COOL_DOWN_MS + 1000);
      await resend(company.id, invitation.id).expect(200);
      t.app.get(Clock).advance(COOL_DOWN_MS + 1000);
      await resend(company.id, invitation.id).expect(200);
      const [row] = await t.db.query<{ sends: number; locale: string }[]>(
        `SELECT sends, locale FROM company_invitations WHERE id = $1`,
        [invitation.id],
      );
      expect(row).toEqual({ sends: 3, locale: 'ru' });
      expect(await countRows(t, 'notifications', 'recipient_email = $1', [invitation.email])).toBe(3);
    });
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countRows, signIn, type SignedIn, uniqueEmail } from './support/factories.js';
import { nthMailTo } from './support/mailbox.js';
import { TestSmtpServer, tokenFrom } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';
const PASSWORD = 'Khorgos-Dry-Port-Gateway-3';

/** The organisers' list, resend and revoke of juror and organiser invitations (issue 16, people). */
describe('invitations: list, resend and revoke', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let organiser: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({
      SMTP_URL: await smtp.start(),
      RATE_LIMIT_IP_POINTS: '100000',
      RATE_LIMIT_ACCOUNT_POINTS: '1000',
    });
    organiser = await signIn(t, ['organiser'], { fullName: 'Dana Organiser' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const invite = async (role: 'juror' | 'organiser' = 'juror', locale = 'en') => {
    const email = uniqueEmail(`invited-${role}`);
    const res = await t.http().post(`${API}/invitations`).set(organiser.auth).send({ email, role, locale });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email };
  };
  const resend = (id: string, who: SignedIn | null = organiser) => {
    const request = t.http().post(`${API}/invitations/${id}/resend`);
    return who ? request.set(who.auth) : request;
  };
  const revoke = (id: string, who: SignedIn | null = organiser) => {
    const request = t.http().delete(`${API}/invitations/${id}`);
    return who ? request.set(who.auth) : request;
  };
  const accept = (token: string) =>
    t.http().post(`${API}/invitations/accept`).send({ token, fullName: 'Yerlan Juror', password: PASSWORD });
  /** Past the resend cool-down, as if the last mail went out 11 minutes ago. */
  const coolDown = (id: string) =>
    t.db.query(`UPDATE invitations SET last_sent_at = now() - interval '11 minutes' WHERE id = $1`, [id]);
  const audited = (action: string, id: string) =>
    countRows(t, 'audit_log', `action = $1 AND entity_id = $2 AND actor_id = $3`, [action, id, organiser.id]);

  describe('GET /invitations', () => {
    it('lists them newest first with their state, who invited and who accepted, found by e-mail', async () => {
      const pending = await invite('juror');
      const accepted = await invite('organiser');
      await accept(tokenFrom(await nthMailTo(t, smtp, accepted.email, 1))).expect(201);
      const revoked = await invite('juror');
      await revoke(revoked.id).expect(204);
      const expired = await invite('juror');
      await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        expired.id,
      ]);
      const res = await t.http().get(`${API}/invitations`).query({ pageSize: 100 }).set(organiser.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 100, total: await countRows(t, 'invitations') });
      const byId = new Map((res.body.items as { id: string }[]).map((item) => [item.id, item]));
      expect(byId.get(pending.id)).toEqual({
        id: pending.id,
        email: pending.email,
        role: 'juror',
        state: 'pending',
        locale: 'en',
        invitedByName: 'Dana Organiser',
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        lastSentAt: expect.any(String),
        resendableAt: expect.any(String),
        sends: 1,
        acceptedAt: null,
        acceptedUserName: null,
        revokedAt: null,
      });
      expect(byId.get(accepted.id)).toMatchObject({ state: 'accepted', acceptedUserName: 'Yerlan Juror' });
      expect(byId.get(revoked.id)).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });
      expect(byId.get(expired.id)).toMatchObject({ state: 'expired' });
      const ids = (res.body.items as { id: string }[]).map((item) => item.id);
      expect(ids.indexOf(expired.id)).toBeLessThan(ids.indexOf(pending.id));

      const found = await t
        .http()
        .get(`${API}/invitations`)
        .query({ q: pending.email.toUpperCase(), state: 'pending', role: 'juror' })
        .set(organiser.auth)
        .expect(200);
      expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([pending.id]);
      const none = await t
        .http()
        .get(`${API}/invitations`)
        .query({ q: pending.email, state: 'accepted' })
        .set(organiser.auth)
        .expect(200);
      expect(none.body).toMatchObject({ items: [], total: 0 });
    });

    it('refuses anonymous callers with 401, entrants and jurors with 403, bad filters with 400', async () => {
      await t.http().get(`${API}/invitations`).expect(401);
      for (const roles of [['entrant'], ['juror']] as const) {
        const caller = await signIn(t, [...roles]);
        expect((await t.http().get(`${API}/invitations`).set(caller.auth).expect(403)).body.code).toBe(
          'auth.forbidden',
        );
      }
      for (const query of [{ state: 'lost' }, { role: 'entrant' }, { q: '' }, { pageSize: 101 }]) {
        const res = await t.http().get(`${API}/invitations`).query(query).set(organiser.auth).expect(400);
        expect(res.body.code).toBe('request.validation_failed');
      }
    });
  });

  describe('POST /invitations/{id}/resend', () => {
    it('mails a new link in the first mail’s language (the old one dies), audited, once per cool-down', async () => {
      const { id, email } = await invite('juror', 'de');
      const first = tokenFrom(await nthMailTo(t, smtp, email, 1));
      const early = await resend(id).expect(429);
      expect(early.body.code).toBe('auth.invitation_resent_recently');
      expect(Number(early.headers['retry-after'])).toBeGreaterThan(500);
      await coolDown(id);
      const res = await resend(id).expect(200);
      expect(res.body).toMatchObject({ id, email, state: 'pending', sends: 2, locale: 'de' });
      expect(Date.parse(res.body.resendableAt)).toBeGreaterThan(Date.now() + 500_000);
      expect(await audited('auth.invitation_reissued', id)).toBe(1);
      const mail = await nthMailTo(t, smtp, email, 2);
      expect(mail.subject).toContain('Einladung');
      const second = tokenFrom(mail);
      expect(second).not.toBe(first);
      expect((await accept(first).expect(400)).body.code).toBe('auth.invalid_invitation');
      await accept(second).expect(201);
      expect((await resend(id).expect(409)).body.code).toBe('auth.invitation_accepted');
    });

    it('refuses 401, 403, 404 and 400 before anything is mailed', async () => {
      const { id } = await invite();
      await coolDown(id);
      await resend(id, null).expect(401);
      const juror = await signIn(t, ['juror']);
      expect((await resend(id, juror).expect(403)).body.code).toBe('auth.forbidden');
      expect((await resend(randomUUID()).expect(404)).body.code).toBe('auth.invitation_not_found');
      expect((await resend('not-a-uuid').expect(400)).body.code).toBe('request.validation_failed');
      expect(await countRows(t, 'invitations', 'id = $1 AND sends = 1', [id])).toBe(1);
    });

    it('refuses a revoked or expired invitation with 409', async () => {
      const revoked = await invite();
      await coolDown(revoked.id);
      await revoke(revoked.id).expect(204);
      expect((await resend(revoked.id).expect(409)).body.code).toBe('auth.invitation_revoked');
      const expired = await invite();
      await t.db.query(
        `UPDATE invitations SET expires_at = now() - interval '1 second', last_sent_at = now() - interval '1 day' WHERE id = $1`,
        [expired.id],
      );
      expect((await resend(expired.id).expect(409)).body.code).toBe('auth.invitation_expired');
    });
  });

  describe('DELETE /invitations/{id}', () => {
    it('kills the link at once, audited; a second revoke is 409', async () => {
      const { id, email } = await invite('organiser');
      const token = tokenFrom(await nthMailTo(t, smtp, email, 1));
      await revoke(id).expect(204);
      expect(await audited('auth.invitation_revoked', id)).toBe(1);
      expect((await accept(token).expect(400)).body.code).toBe('auth.invalid_invitation');
      expect(await countRows(t, 'users', 'email = $1', [email])).toBe(0);
      expect((await revoke(id).expect(409)).body.code).toBe('auth.invitation_revoked');
    });

    it('refuses 401, 403, 404, 400, and 409 once accepted, revoking nothing', async () => {
      const { id, email } = await invite();
      await revoke(id, null).expect(401);
      const entrant = await signIn(t, ['entrant']);
      expect((await revoke(id, entrant).expect(403)).body.code).toBe('auth.forbidden');
      expect((await revoke(randomUUID()).expect(404)).body.code).toBe('auth.invitation_not_found');
      expect((await revoke('not-a-uuid').expect(400)).body.code).toBe('request.validation_failed');
      expect(await countRows(t, 'invitations', 'id = $1 AND revoked_at IS NULL', [id])).toBe(1);
      await accept(tokenFrom(await nthMailTo(t, smtp, email, 1))).expect(201);
      expect((await revoke(id).expect(409)).body.code).toBe('auth.invitation_accepted');
    });
  });
});

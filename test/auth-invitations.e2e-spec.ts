import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashOpaqueToken } from '../src/modules/auth/tokens.js';
import { countRows, login, signIn, type SignedIn, uniqueEmail } from './support/factories.js';
import { nthMailTo } from './support/mailbox.js';
import { TestSmtpServer, tokenFrom } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';
const PASSWORD = 'Khorgos-Dry-Port-Gateway-3';

describe('invitations', () => {
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

  const invite = (caller: { auth: { Authorization: string } }, body: Record<string, unknown>) =>
    t.http().post(`${API}/invitations`).set(caller.auth).send(body);
  const accept = (body: Record<string, unknown>) => t.http().post(`${API}/invitations/accept`).send(body);
  const me = (token: string) => t.http().get(`${API}/auth/me`).set('Authorization', `Bearer ${token}`);

  /** Invites and returns the token from the mail. */
  async function invited(
    email: string,
    role: 'juror' | 'organiser',
    mailNumber = 1,
  ): Promise<{ id: string; token: string }> {
    const res = await invite(organiser, { email, role }).expect(201);
    return { id: res.body.id as string, token: tokenFrom(await nthMailTo(t, smtp, email, mailNumber)) };
  }

  it.each(['juror', 'organiser'] as const)(
    'invites as %s: accepting creates the account with the role and a verified e-mail',
    async (role) => {
      const email = uniqueEmail(`invited-${role}`);
      const res = await invite(organiser, { email: email.toUpperCase(), role, locale: 'de' }).expect(201);
      expect(res.body).toEqual({ id: expect.any(String), email, role, expiresAt: expect.any(String) });
      const mail = await nthMailTo(t, smtp, email, 1);
      expect(mail.subject).toContain('Einladung');
      expect(mail.text).toContain('Dana Organiser');
      const accepted = await accept({
        token: tokenFrom(mail),
        fullName: 'Yerlan Juror',
        password: PASSWORD,
        locale: 'ru',
      }).expect(201);
      expect(accepted.body).toMatchObject({
        email,
        fullName: 'Yerlan Juror',
        locale: 'ru',
        roles: [role],
        emailVerified: true,
      });
      const { token } = await login(t, email, PASSWORD);
      expect((await me(token).expect(200)).body.roles).toEqual([role]);
      expect(
        await countRows(t, 'invitations', 'id = $1 AND accepted_user_id = $2 AND accepted_at IS NOT NULL', [
          res.body.id,
          accepted.body.id,
        ]),
      ).toBe(1);
    },
  );

  it('adds the role to a verified account only for its holder (current password), and ends its sessions', async () => {
    const entrant = await signIn(t, ['entrant']);
    const { token } = await invited(entrant.email, 'juror');
    const users = await countRows(t, 'users');
    // The mailbox alone is not the account: without proof of the account, nothing is granted or spent.
    const bare = await accept({ token }).expect(403);
    expect(bare.body.code).toBe('auth.invitation_account_proof_required');
    const wrong = await accept({ token, password: 'Not-The-Current-Password-1' }).expect(401);
    expect(wrong.body.code).toBe('auth.invalid_credentials');
    expect((await me(entrant.token).expect(200)).body.roles).toEqual(['entrant']);
    const res = await accept({ token, password: entrant.password }).expect(201);
    expect(res.body).toMatchObject({ id: entrant.id, roles: ['entrant', 'juror'] });
    expect(await countRows(t, 'users')).toBe(users);
    await me(entrant.token).expect(401);
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: entrant.refreshToken }).expect(401);
    const relogged = await login(t, entrant.email, entrant.password);
    expect((await me(relogged.token).expect(200)).body.roles).toEqual(['entrant', 'juror']);
  });

  it('adds the role to a verified account when accepted signed in to it (no password needed)', async () => {
    const entrant = await signIn(t, ['entrant']);
    const { token } = await invited(entrant.email, 'organiser');
    const res = await t
      .http()
      .post(`${API}/invitations/accept`)
      .set(entrant.auth)
      .send({ token })
      .expect(201);
    expect(res.body).toMatchObject({ id: entrant.id, roles: ['entrant', 'organiser'] });
    // Someone else signed in gains nothing from holding the link.
    const other = await signIn(t, ['entrant']);
    const second = await invited(other.email, 'organiser');
    const refused = await t
      .http()
      .post(`${API}/invitations/accept`)
      .set(entrant.auth)
      .send({ token: second.token });
    expect([401, 403]).toContain(refused.status);
    const [row] = await t.db.query<{ roles: string[] }[]>(`SELECT roles FROM users WHERE id = $1`, [
      other.id,
    ]);
    expect(row!.roles).toEqual(['entrant']);
  });

  it('pre-hijack: an attacker who registered the invited address first loses the account to the invitee', async () => {
    const email = uniqueEmail('hijacked');
    const { token } = await invited(email, 'organiser');
    // The attacker registers the address before the invitee accepts, and signs in (unverified accounts can).
    const attackerPassword = 'Attacker-Chosen-Password-9';
    await t
      .http()
      .post(`${API}/auth/register`)
      .send({ email, password: attackerPassword, fullName: 'Not The Invitee' })
      .expect(201);
    const attacker = await login(t, email, attackerPassword);
    const second = await login(t, email, attackerPassword);
    expect((await me(attacker.token).expect(200)).body.emailVerified).toBe(false);

    // The real invitee accepts from the mail with their own password: the account becomes theirs.
    const accepted = await accept({ token, password: PASSWORD, fullName: 'Real Invitee' }).expect(201);
    expect(accepted.body).toMatchObject({
      email,
      fullName: 'Real Invitee',
      emailVerified: true,
      roles: expect.arrayContaining(['organiser']),
    });

    // Every session of the attacker is dead, refresh tokens included, and their password is refused.
    await me(attacker.token).expect(401);
    await me(second.token).expect(401);
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: attacker.refreshToken }).expect(401);
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: second.refreshToken }).expect(401);
    const refused = await t.http().post(`${API}/auth/login`).send({ email, password: attackerPassword });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('auth.invalid_credentials');

    // The invitee holds the role.
    const invitee = await login(t, email, PASSWORD);
    const mine = await me(invitee.token).expect(200);
    expect(mine.body.roles).toContain('organiser');
    expect(mine.body.emailVerified).toBe(true);
    await t
      .http()
      .get(`${API}/audit`)
      .set({ Authorization: `Bearer ${invitee.token}` })
      .expect(200);
    const [entry] = await t.db.query<
      { data: { tookOverUnverifiedAccount?: boolean; sessionsEnded?: number } }[]
    >(`SELECT data FROM audit_log WHERE action = 'auth.invitation_accepted' AND entity_id = $1`, [
      accepted.body.id,
    ]);
    expect(entry!.data).toMatchObject({ tookOverUnverifiedAccount: true, sessionsEnded: 2 });
  });

  it('pre-hijack: taking over an unverified account needs the new password, and spends nothing without it', async () => {
    const email = uniqueEmail('hijack-nopass');
    const { token } = await invited(email, 'juror');
    await t
      .http()
      .post(`${API}/auth/register`)
      .send({ email, password: 'Attacker-Chosen-Password-9', fullName: 'Squatter' })
      .expect(201);
    const res = await accept({ token }).expect(400);
    expect(res.body.code).toBe('request.validation_failed');
    const [row] = await t.db.query<
      { roles: string[]; email_verified_at: Date | null; accepted_at: Date | null }[]
    >(
      `SELECT u.roles, u.email_verified_at, i.accepted_at FROM users u JOIN invitations i ON i.email = u.email WHERE u.email = $1`,
      [email],
    );
    expect(row).toEqual({ roles: ['entrant'], email_verified_at: null, accepted_at: null });
    await accept({ token, password: PASSWORD }).expect(201);
  });

  it('accepts two invitations of one new address at once: one account with both roles', async () => {
    // A few rounds: the two acceptances interleave differently each time.
    for (let round = 0; round < 4; round++) {
      const email = uniqueEmail('both');
      const first = await invited(email, 'juror');
      const second = await invited(email, 'organiser', 2);
      const results = await Promise.all([
        accept({ token: first.token, fullName: 'Both Roles', password: PASSWORD }),
        accept({ token: second.token, fullName: 'Both Roles', password: PASSWORD }),
      ]);
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      const [row] = await t.db.query<{ roles: string[] }[]>(`SELECT roles FROM users WHERE email = $1`, [
        email,
      ]);
      expect([...row!.roles].sort()).toEqual(['juror', 'organiser']);
    }
  });

  it('adds a role once when two invitations for it are accepted at once', async () => {
    for (let round = 0; round < 4; round++) {
      const entrant = await signIn(t, ['entrant']);
      const first = await invited(entrant.email, 'juror');
      const second = await invited(entrant.email, 'juror', 2);
      const results = await Promise.all([
        accept({ token: first.token, password: entrant.password }),
        accept({ token: second.token, password: entrant.password }),
      ]);
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      const [row] = await t.db.query<{ roles: string[] }[]>(`SELECT roles FROM users WHERE id = $1`, [
        entrant.id,
      ]);
      expect(row!.roles).toEqual(['entrant', 'juror']);
    }
  });

  it('refuses an invitation used twice', async () => {
    const email = uniqueEmail('twice');
    const { token } = await invited(email, 'juror');
    await accept({ token, fullName: 'Once', password: PASSWORD }).expect(201);
    const users = await countRows(t, 'users');
    const again = await accept({ token, fullName: 'Twice', password: PASSWORD }).expect(400);
    expect(again.body.code).toBe('auth.invalid_invitation');
    expect(await countRows(t, 'users')).toBe(users);
  });

  it('refuses an expired invitation', async () => {
    const email = uniqueEmail('expired');
    const { token } = await invited(email, 'organiser');
    await t.db.query(
      `UPDATE invitations SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [hashOpaqueToken(token)],
    );
    const res = await accept({ token, fullName: 'Late', password: PASSWORD }).expect(400);
    expect(res.body.code).toBe('auth.invalid_invitation');
    expect(await countRows(t, 'users', 'email = $1', [email])).toBe(0);
  });

  it('refuses an unknown token', async () => {
    expect(
      (await accept({ token: 'z'.repeat(43), fullName: 'Nobody', password: PASSWORD }).expect(400)).body.code,
    ).toBe('auth.invalid_invitation');
  });

  it('asks for a name and password when the account is new, without spending the invitation', async () => {
    const email = uniqueEmail('incomplete');
    const { token } = await invited(email, 'juror');
    const res = await accept({ token }).expect(400);
    expect(res.body.code).toBe('request.validation_failed');
    expect(res.body.errors).toEqual([
      { field: 'fullName', messages: [expect.any(String)] },
      { field: 'password', messages: [expect.any(String)] },
    ]);
    const noName = await accept({ token, password: PASSWORD }).expect(400);
    expect(noName.body.errors).toEqual([{ field: 'fullName', messages: [expect.any(String)] }]);
    const common = await accept({ token, fullName: 'Common', password: 'qwerty123456' }).expect(400);
    expect(common.body.code).toBe('auth.password_too_common');
    expect(await countRows(t, 'users', 'email = $1', [email])).toBe(0);
    await accept({ token, fullName: 'Complete', password: PASSWORD }).expect(201);
  });

  it('refuses entrants and jurors with 403 and anonymous callers with 401, writing nothing', async () => {
    const invitations = await countRows(t, 'invitations');
    const notifications = await countRows(t, 'notifications');
    for (const roles of [['entrant'], ['juror'], ['entrant', 'juror']] as const) {
      const caller = await signIn(t, [...roles]);
      expect(
        (await invite(caller, { email: uniqueEmail('nope'), role: 'juror' }).expect(403)).body.code,
      ).toBe('auth.forbidden');
    }
    expect(
      (
        await t
          .http()
          .post(`${API}/invitations`)
          .send({ email: uniqueEmail('nope'), role: 'juror' })
          .expect(401)
      ).body.code,
    ).toBe('auth.unauthenticated');
    expect(await countRows(t, 'invitations')).toBe(invitations);
    expect(await countRows(t, 'notifications')).toBe(notifications);
  });

  it('refuses to invite as entrant or with a bad address', async () => {
    const invitations = await countRows(t, 'invitations');
    for (const body of [
      { email: uniqueEmail('x'), role: 'entrant' },
      { email: 'not-an-address', role: 'juror' },
      { email: uniqueEmail('x'), role: 'juror', locale: 'fr' },
    ]) {
      const res = await invite(organiser, body).expect(400);
      expect(res.body.code).toBe('request.validation_failed');
    }
    expect(await countRows(t, 'invitations')).toBe(invitations);
  });

  it('records invitations and their acceptance in the audit log', async () => {
    const email = uniqueEmail('audited');
    const { id, token } = await invited(email, 'juror');
    const accepted = await accept({ token, fullName: 'Audited Juror', password: PASSWORD }).expect(201);
    const created = await t
      .http()
      .get(`${API}/audit`)
      .query({ action: 'auth.invitation_created', entityId: id })
      .set(organiser.auth)
      .expect(200);
    expect(created.body.items).toEqual([
      expect.objectContaining({ actorId: organiser.id, data: { email, role: 'juror' } }),
    ]);
    const acceptedEntries = await t
      .http()
      .get(`${API}/audit`)
      .query({ action: 'auth.invitation_accepted', entityId: accepted.body.id })
      .set(organiser.auth)
      .expect(200);
    expect(acceptedEntries.body.items).toEqual([
      expect.objectContaining({ data: { invitationId: id, role: 'juror' } }),
    ]);
  });

  it('lets an existing user accept an invitation for a role already held without ending sessions', async () => {
    const juror = await signIn(t, ['juror']);
    const { token } = await invited(juror.email, 'juror');
    await t.http().post(`${API}/invitations/accept`).set(juror.auth).send({ token }).expect(201);
    await me(juror.token).expect(200);
    expect((await me(juror.token).expect(200)).body.roles).toEqual(['juror']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countRows, createUser, login, signIn, type SignedIn } from './support/factories.js';
import { mailsTo, nthMailTo } from './support/mailbox.js';
import { TestSmtpServer } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';
const THRESHOLD = 3;
const NEW_PASSWORD = 'Khorgos-Dry-Port-Gateway-9';
/** On the list of common passwords, yet 12 characters long. */
const COMMON_PASSWORD = 'qwerty123456';

/** The signed-in user's own account: GET|PATCH /me and POST /me/password (issue 14). */
describe('/me', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      SMTP_URL: await smtp.start(),
      LOCKOUT_THRESHOLD: String(THRESHOLD),
      RATE_LIMIT_IP_POINTS: '100000',
      RATE_LIMIT_ACCOUNT_POINTS: '1000',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const getMe = (token?: string) => {
    const req = t.http().get(`${API}/me`);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };
  const patchMe = (token: string | undefined, body: unknown) => {
    const req = t.http().patch(`${API}/me`);
    return (token ? req.set('Authorization', `Bearer ${token}`) : req).send(body as object);
  };
  const changePassword = (token: string | undefined, body: unknown) => {
    const req = t.http().post(`${API}/me/password`);
    return (token ? req.set('Authorization', `Bearer ${token}`) : req).send(body as object);
  };
  const userRow = async (id: string) => {
    const [row] = await t.db.query<
      {
        full_name: string;
        locale: string;
        time_zone: string | null;
        password_hash: string;
        failed_login_count: number;
        locked_at: Date | null;
        updated_at: Date;
      }[]
    >(
      `SELECT full_name, locale, time_zone, password_hash, failed_login_count, locked_at, updated_at FROM users WHERE id = $1`,
      [id],
    );
    return row!;
  };

  describe('GET /me', () => {
    it('answers the caller’s own profile, reminders included', async () => {
      const juror = await signIn(t, ['juror'], { fullName: 'Dana Seitkali', locale: 'ru' });
      const res = await getMe(juror.token).expect(200);
      expect(res.body).toEqual({
        id: juror.id,
        email: juror.email,
        fullName: 'Dana Seitkali',
        locale: 'ru',
        timeZone: null,
        roles: ['juror'],
        emailVerified: true,
        createdAt: expect.any(String),
        jurorReminders: true,
      });
    });

    it('is open to an unverified account (it may read its own account)', async () => {
      const user = await createUser(t, { verified: false });
      const { token } = await login(t, user.email);
      const res = await getMe(token).expect(200);
      expect(res.body).toMatchObject({ id: user.id, emailVerified: false });
    });

    it('answers 401 without a token', async () => {
      const res = await getMe().expect(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('auth.unauthenticated');
    });

    it('GET /auth/me keeps answering as before', async () => {
      const user = await signIn(t);
      const res = await t.http().get(`${API}/auth/me`).set(user.auth).expect(200);
      expect(res.body).toMatchObject({ id: user.id, email: user.email, roles: ['entrant'] });
    });
  });

  describe('PATCH /me', () => {
    it('changes name, language, time zone and reminders, and audits what changed', async () => {
      const juror = await signIn(t, ['juror']);
      const res = await patchMe(juror.token, {
        fullName: '  Yerlan Abenov ',
        locale: 'de',
        timeZone: 'asia/almaty',
        jurorReminders: false,
      }).expect(200);
      expect(res.body).toMatchObject({
        id: juror.id,
        fullName: 'Yerlan Abenov',
        locale: 'de',
        // The zone's IANA spelling, whatever the case sent.
        timeZone: 'Asia/Almaty',
        jurorReminders: false,
      });
      expect(await getMe(juror.token).expect(200)).toMatchObject({ body: res.body });
      // Reminders go through the notifications module's own opt-out record, the one its links write.
      const preferences = await t
        .http()
        .get(`${API}/me/notification-preferences`)
        .set(juror.auth)
        .expect(200);
      expect(preferences.body).toEqual({ reminders: false });
      expect(
        await countRows(t, 'notification_opt_outs', `user_id = $1 AND topic = 'reminders'`, [juror.id]),
      ).toBe(1);
      const [entry] = await t.db.query<{ actor_id: string; data: Record<string, unknown> }[]>(
        `SELECT actor_id, data FROM audit_log WHERE action = 'user.profile_updated' AND entity_id = $1`,
        [juror.id],
      );
      expect(entry).toEqual({
        actor_id: juror.id,
        data: {
          before: { fullName: juror.fullName, locale: 'en', timeZone: null },
          after: { fullName: 'Yerlan Abenov', locale: 'de', timeZone: 'Asia/Almaty' },
        },
      });
      // Reminders back on; a field left out stays as it is; null forgets the time zone.
      const back = await patchMe(juror.token, { jurorReminders: true, timeZone: null }).expect(200);
      expect(back.body).toMatchObject({
        fullName: 'Yerlan Abenov',
        locale: 'de',
        timeZone: null,
        jurorReminders: true,
      });
      expect(await countRows(t, 'notification_opt_outs', 'user_id = $1', [juror.id])).toBe(0);
    });

    it('an empty body changes nothing and answers the profile', async () => {
      const user = await signIn(t);
      const before = await userRow(user.id);
      const res = await patchMe(user.token, {}).expect(200);
      expect(res.body).toMatchObject({ id: user.id, fullName: user.fullName });
      expect(await userRow(user.id)).toEqual(before);
      expect(
        await countRows(t, 'audit_log', `action = 'user.profile_updated' AND entity_id = $1`, [user.id]),
      ).toBe(0);
    });

    it.each([
      ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      ['a UTC offset for a time zone', { timeZone: '+05:00' }, 'timeZone'],
      ['a time zone that is not a string', { timeZone: 5 }, 'timeZone'],
      ['an unknown locale', { locale: 'fr' }, 'locale'],
      ['an empty name', { fullName: '   ' }, 'fullName'],
      ['a null name', { fullName: null }, 'fullName'],
      ['a name with control characters', { fullName: 'Aigerim\u0007' }, 'fullName'],
      ['a name of 201 characters', { fullName: 'A'.repeat(201) }, 'fullName'],
      ['a null locale', { locale: null }, 'locale'],
      ['reminders that are not a boolean', { jurorReminders: 'no' }, 'jurorReminders'],
      ['a field that is not the user’s to change', { email: 'other@example.test' }, 'email'],
      ['roles', { roles: ['organiser'] }, 'roles'],
    ])('refuses %s with 400 problem+json and changes nothing', async (_, body, field) => {
      const user = await signIn(t);
      const before = await userRow(user.id);
      const res = await patchMe(user.token, { locale: 'kk', jurorReminders: false, ...body }).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('request.validation_failed');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual([field]);
      expect(await userRow(user.id)).toEqual(before);
      expect(await countRows(t, 'notification_opt_outs', 'user_id = $1', [user.id])).toBe(0);
    });

    it('refuses an unverified account with 403 auth.email_unverified', async () => {
      const user = await createUser(t, { verified: false });
      const { token } = await login(t, user.email);
      const res = await patchMe(token, { fullName: 'Someone Else' }).expect(403);
      expect(res.body.code).toBe('auth.email_unverified');
      expect((await userRow(user.id)).full_name).toBe(user.fullName);
    });

    it('answers 401 without a token', async () => {
      expect((await patchMe(undefined, { locale: 'kk' }).expect(401)).body.code).toBe('auth.unauthenticated');
    });

    it('the language saved is the one of the user’s next mails (Kazakh here)', async () => {
      const user = await signIn(t);
      await patchMe(user.token, { locale: 'kk' }).expect(200);
      await t.http().post(`${API}/auth/password-reset`).send({ email: user.email }).expect(202);
      const mail = await nthMailTo(t, smtp, user.email, 1);
      expect(mail.subject).toContain('Құпиясөзді қалпына келтіру');
      await patchMe(user.token, { locale: 'de' }).expect(200);
      await t.http().post(`${API}/auth/password-reset`).send({ email: user.email }).expect(202);
      expect((await nthMailTo(t, smtp, user.email, 2)).subject).toContain('Passwort zurücksetzen');
    });
  });

  describe('POST /me/password', () => {
    const sessionsOf = async (user: SignedIn) => {
      const other = await login(t, user.email);
      return { current: { token: user.token, refreshToken: user.refreshToken }, other };
    };
    const whoami = (token: string) => t.http().get(`${API}/auth/me`).set('Authorization', `Bearer ${token}`);
    const refresh = (refreshToken: string) => t.http().post(`${API}/auth/refresh`).send({ refreshToken });

    it('changes the password, ends the other sessions and keeps this one', async () => {
      const user = await signIn(t);
      const bystander = await signIn(t);
      const { current, other } = await sessionsOf(user);
      await changePassword(current.token, {
        currentPassword: user.password,
        newPassword: NEW_PASSWORD,
      }).expect(204);
      // This session goes on: its access token, and its refresh token.
      await whoami(current.token).expect(200);
      await refresh(current.refreshToken).expect(200);
      // The other one is over at once.
      await whoami(other.token).expect(401);
      expect((await refresh(other.refreshToken).expect(401)).body.code).toBe('auth.invalid_refresh_token');
      // The new password signs in; the old one no longer does.
      await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: user.email, password: user.password })
        .expect(401);
      await login(t, user.email, NEW_PASSWORD);
      // Another user's sessions are not touched.
      await whoami(bystander.token).expect(200);
      const [entry] = await t.db.query<{ actor_id: string; data: { sessionsEnded: number } }[]>(
        `SELECT actor_id, data FROM audit_log WHERE action = 'auth.password_changed' AND entity_id = $1`,
        [user.id],
      );
      expect(entry).toMatchObject({ actor_id: user.id, data: { sessionsEnded: 1 } });
      // Nothing is mailed (a mail would carry nothing the owner needs, and nothing an attacker should see).
      expect(await countRows(t, 'notifications', 'recipient_id = $1', [user.id])).toBe(0);
    });

    it('refuses a wrong current password with 403, counts it as a failed sign-in and changes nothing', async () => {
      const user = await signIn(t);
      const { other } = await sessionsOf(user);
      const before = await userRow(user.id);
      const res = await changePassword(user.token, {
        currentPassword: 'not-the-password-at-all',
        newPassword: NEW_PASSWORD,
      }).expect(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('auth.current_password_wrong');
      const after = await userRow(user.id);
      expect(after.password_hash).toBe(before.password_hash);
      expect(after.failed_login_count).toBe(before.failed_login_count + 1);
      await whoami(other.token).expect(200);
      expect(
        await countRows(t, 'audit_log', `action = 'auth.login_failed' AND entity_id = $1`, [user.id]),
      ).toBe(1);
    });

    it('locks the account after LOCKOUT_THRESHOLD wrong current passwords, like sign-ins do', async () => {
      const user = await signIn(t);
      for (let i = 0; i < THRESHOLD; i++)
        await changePassword(user.token, {
          currentPassword: `wrong-guess-${i}-xxxxx`,
          newPassword: NEW_PASSWORD,
        }).expect(403);
      expect((await userRow(user.id)).locked_at).not.toBeNull();
      // Locked: the right password no longer helps, here or at sign-in.
      const res = await changePassword(user.token, {
        currentPassword: user.password,
        newPassword: NEW_PASSWORD,
      }).expect(403);
      expect(res.body.code).toBe('auth.current_password_wrong');
      await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: user.email, password: user.password })
        .expect(401);
      // The owner got the unlock link of a lockout.
      expect((await mailsTo(t, smtp, user.email, 1)).length).toBe(1);
    });

    it('refuses a common new password, and one too short, without counting a failed attempt', async () => {
      const user = await signIn(t);
      const before = await userRow(user.id);
      const common = await changePassword(user.token, {
        currentPassword: user.password,
        newPassword: COMMON_PASSWORD,
      }).expect(400);
      expect(common.body.code).toBe('auth.password_too_common');
      const short = await changePassword(user.token, {
        currentPassword: user.password,
        newPassword: 'short-7',
      }).expect(400);
      expect(short.body.code).toBe('request.validation_failed');
      expect(short.body.errors).toEqual([
        { field: 'newPassword', messages: expect.any(Array), codes: expect.any(Array) },
      ]);
      const missing = await changePassword(user.token, { newPassword: NEW_PASSWORD }).expect(400);
      expect((missing.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['currentPassword']);
      expect(await userRow(user.id)).toEqual(before);
    });

    it('refuses an unverified account (403) and a missing token (401)', async () => {
      const user = await createUser(t, { verified: false });
      const { token } = await login(t, user.email);
      const res = await changePassword(token, {
        currentPassword: user.password,
        newPassword: NEW_PASSWORD,
      }).expect(403);
      expect(res.body.code).toBe('auth.email_unverified');
      expect(
        (
          await changePassword(undefined, {
            currentPassword: user.password,
            newPassword: NEW_PASSWORD,
          }).expect(401)
        ).body.code,
      ).toBe('auth.unauthenticated');
      await login(t, user.email, user.password);
    });
  });
});

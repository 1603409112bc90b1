import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashOpaqueToken } from '../src/modules/auth/tokens.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { countRows, createUser, DEFAULT_PASSWORD, login, signIn, uniqueEmail } from './support/factories.js';
import { nthMailTo } from './support/mailbox.js';
import { TestSmtpServer, tokenFrom } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';
const NEW_PASSWORD = 'Aral-Sea-Ferry-Timetable-7';
/** On zxcvbn's list of common passwords, yet 12 characters long. */
const COMMON_PASSWORD = 'qwerty123456';

/** Every auth route except invitations (test/auth-invitations) and rate limits/lockout (their own apps). */
describe('auth', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;

  beforeAll(async () => {
    // Generous limits: every login from this file comes from the same address.
    t = await createTestApp({
      SMTP_URL: await smtp.start(),
      RATE_LIMIT_IP_POINTS: '100000',
      RATE_LIMIT_ACCOUNT_POINTS: '1000',
      RATE_LIMIT_REGISTER_POINTS: '1000',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const me = (token: string) => t.http().get(`${API}/auth/me`).set('Authorization', `Bearer ${token}`);
  const refresh = (refreshToken: string) => t.http().post(`${API}/auth/refresh`).send({ refreshToken });
  const register = (body: Record<string, unknown>) => t.http().post(`${API}/auth/register`).send(body);

  describe('POST /auth/register', () => {
    it('creates a verified-pending entrant and mails a verification link', async () => {
      const email = uniqueEmail('register');
      const res = await register({
        email,
        password: NEW_PASSWORD,
        fullName: '  Aigerim Nurlanovna ',
        locale: 'kk',
      }).expect(201);
      expect(res.body).toMatchObject({
        email,
        fullName: 'Aigerim Nurlanovna',
        locale: 'kk',
        roles: ['entrant'],
        emailVerified: false,
      });
      expect(res.body).not.toHaveProperty('passwordHash');
      const [row] = await t.db.query<{ password_hash: string }[]>(
        `SELECT password_hash FROM users WHERE id = $1`,
        [res.body.id],
      );
      // OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1.
      expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      const mail = await nthMailTo(t, smtp, email, 1);
      expect(tokenFrom(mail)).toBeTruthy();
    });

    it('refuses an e-mail already taken, whatever its case, with 409', async () => {
      const email = uniqueEmail('dup');
      await register({ email, password: NEW_PASSWORD, fullName: 'First' }).expect(201);
      const users = await countRows(t, 'users');
      const res = await register({
        email: email.toUpperCase(),
        password: NEW_PASSWORD,
        fullName: 'Second',
      }).expect(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('auth.email_taken');
      expect(await countRows(t, 'users')).toBe(users);
    });

    it('refuses a common password with auth.password_too_common', async () => {
      const email = uniqueEmail('common');
      const res = await register({ email, password: COMMON_PASSWORD, fullName: 'Common' }).expect(400);
      expect(res.body.code).toBe('auth.password_too_common');
      expect(await countRows(t, 'users', 'email = $1', [email])).toBe(0);
    });

    it.each([
      ['11', 11],
      ['129', 129],
    ])('refuses a password of %s characters', async (_, length) => {
      const email = uniqueEmail('short');
      const res = await register({
        email,
        password: 'x'.repeat(length - 1) + '7',
        fullName: 'Length',
      }).expect(400);
      expect(res.body.code).toBe('request.validation_failed');
      expect(res.body.errors).toEqual([
        { field: 'password', messages: [expect.any(String)], codes: [expect.any(Object)] },
      ]);
      expect(await countRows(t, 'users', 'email = $1', [email])).toBe(0);
    });

    it.each([12, 128])('accepts a password of %s characters, without composition rules', async (length) => {
      const email = uniqueEmail('length');
      const password = 'caravanserai steppe '.repeat(10).slice(0, length);
      expect(password).toHaveLength(length);
      await register({ email, password, fullName: 'Length' }).expect(201);
      await login(t, email, password);
    });
  });

  describe('POST /auth/login', () => {
    it('returns a 15-minute access token and a refresh token', async () => {
      const user = await createUser(t, { roles: ['juror'] });
      const res = await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: user.email.toUpperCase(), password: user.password })
        .expect(200);
      expect(res.body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 900,
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      });
      const claims = JSON.parse(
        Buffer.from((res.body.accessToken as string).split('.')[1]!, 'base64url').toString(),
      ) as Record<string, unknown>;
      expect(claims).toMatchObject({
        sub: user.id,
        roles: ['juror'],
        iss: t.config.JWT_ISSUER,
        aud: t.config.JWT_AUDIENCE,
      });
      expect((claims.exp as number) - (claims.iat as number)).toBe(900);
      // Only the hash of a refresh token is stored.
      expect(
        await countRows(t, 'refresh_tokens', 'token_hash = $1', [
          hashOpaqueToken(res.body.refreshToken as string),
        ]),
      ).toBe(1);
      expect(await countRows(t, 'refresh_tokens', 'token_hash = $1', [res.body.refreshToken])).toBe(0);
      const whoami = await me(res.body.accessToken as string).expect(200);
      expect(whoami.body).toMatchObject({ id: user.id, email: user.email, roles: ['juror'] });
    });

    it('answers a wrong password and an unknown e-mail alike', async () => {
      const user = await createUser(t);
      const wrong = await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: user.email, password: 'not-the-password-at-all' })
        .expect(401);
      const unknown = await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: uniqueEmail('nobody'), password: 'not-the-password-at-all' })
        .expect(401);
      const comparable = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(wrong.body.code).toBe('auth.invalid_credentials');
      expect(comparable(unknown.body as Record<string, unknown>)).toEqual(
        comparable(wrong.body as Record<string, unknown>),
      );
      expect(unknown.headers['content-type']).toBe(wrong.headers['content-type']);
    });

    it('takes about as long for an unknown e-mail as for a wrong password', async () => {
      const user = await createUser(t);
      // The factories' hash is a cheap one; a real account's is made at the production cost.
      await t.db.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [
        user.id,
        await hashPassword(user.password),
      ]);
      const timeLogin = async (email: string): Promise<number> => {
        const started = process.hrtime.bigint();
        await t
          .http()
          .post(`${API}/auth/login`)
          .send({ email, password: 'not-the-password-at-all' })
          .expect(401);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      // Warm up both paths (the dummy hash is computed on first use).
      await timeLogin(user.email);
      await timeLogin(uniqueEmail('ghost'));
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 5; i++) {
        wrong.push(await timeLogin(user.email));
        unknown.push(await timeLogin(uniqueEmail('ghost')));
      }
      // A behaviour check, not a benchmark: an unknown e-mail must not answer without hashing.
      const ratio = median(unknown) / median(wrong);
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    });

    it('refuses a disabled account with the same answer as a wrong password', async () => {
      const user = await createUser(t);
      await t.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [user.id]);
      const res = await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: user.email, password: user.password })
        .expect(401);
      expect(res.body.code).toBe('auth.invalid_credentials');
      expect(await countRows(t, 'auth_sessions', 'user_id = $1', [user.id])).toBe(0);
    });

    it('records failed logins in the audit log', async () => {
      const organiser = await signIn(t, ['organiser']);
      const user = await createUser(t);
      const ghost = uniqueEmail('ghost');
      await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: user.email, password: 'not-the-password-at-all' })
        .expect(401);
      await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: ghost, password: 'not-the-password-at-all' })
        .expect(401);
      const res = await t
        .http()
        .get(`${API}/audit`)
        .query({ action: 'auth.login_failed', pageSize: 100 })
        .set(organiser.auth)
        .expect(200);
      const entries = res.body.items as {
        action: string;
        entityId: string | null;
        data: Record<string, unknown>;
      }[];
      expect(entries.every((e) => e.action === 'auth.login_failed')).toBe(true);
      expect(entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            entityId: user.id,
            data: expect.objectContaining({ reason: 'wrong_password' }),
          }),
        ]),
      );
      expect(entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            entityId: null,
            data: expect.objectContaining({ email: ghost, reason: 'unknown_email' }),
          }),
        ]),
      );
    });
  });

  describe('GET /auth/me', () => {
    it('describes the caller', async () => {
      const user = await signIn(t, ['entrant', 'juror']);
      const res = await t.http().get(`${API}/auth/me`).set(user.auth).expect(200);
      expect(res.body).toEqual({
        id: user.id,
        email: user.email,
        fullName: user.fullName,
        locale: 'en',
        roles: ['entrant', 'juror'],
        emailVerified: true,
        createdAt: expect.any(String),
      });
    });

    it('refuses a request without a token with 401', async () => {
      const res = await t.http().get(`${API}/auth/me`).expect(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('auth.unauthenticated');
    });

    it('refuses a malformed token with 401', async () => {
      await t.http().get(`${API}/auth/me`).set('Authorization', 'Bearer not.a.jwt').expect(401);
      await t.http().get(`${API}/auth/me`).set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    });
  });

  describe('POST /auth/refresh', () => {
    it('rotates: a new pair for the refresh token, which is then spent', async () => {
      const user = await signIn(t);
      const first = await refresh(user.refreshToken).expect(200);
      expect(first.body.refreshToken).not.toBe(user.refreshToken);
      await me(first.body.accessToken as string).expect(200);
      const second = await refresh(first.body.refreshToken as string).expect(200);
      await me(second.body.accessToken as string).expect(200);
      // All three tokens belong to the one session (family).
      expect(await countRows(t, 'auth_sessions', 'user_id = $1', [user.id])).toBe(1);
      expect(
        await countRows(
          t,
          'refresh_tokens r JOIN auth_sessions s ON s.id = r.session_id',
          's.user_id = $1 AND r.used_at IS NOT NULL',
          [user.id],
        ),
      ).toBe(2);
    });

    it('revokes the whole family when a spent refresh token comes back', async () => {
      const user = await signIn(t);
      const other = await login(t, user.email);
      const rotated = await refresh(user.refreshToken).expect(200);
      const reused = await refresh(user.refreshToken).expect(401);
      expect(reused.body.code).toBe('auth.refresh_token_reused');
      // The newest refresh token and every access token of that session stop working.
      expect((await refresh(rotated.body.refreshToken as string).expect(401)).body.code).toBe(
        'auth.invalid_refresh_token',
      );
      await me(rotated.body.accessToken as string).expect(401);
      await me(user.token).expect(401);
      // Another login of the same user is another family and keeps working.
      await me(other.token).expect(200);
      await refresh(other.refreshToken).expect(200);
      const [session] = await t.db.query<{ revoked_reason: string }[]>(
        `SELECT revoked_reason FROM auth_sessions WHERE user_id = $1 AND revoked_at IS NOT NULL`,
        [user.id],
      );
      expect(session!.revoked_reason).toBe('refresh_token_reused');
    });

    it('refuses an expired refresh token', async () => {
      const user = await signIn(t);
      await t.db.query(
        `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
        [hashOpaqueToken(user.refreshToken)],
      );
      const res = await refresh(user.refreshToken).expect(401);
      expect(res.body.code).toBe('auth.invalid_refresh_token');
    });

    it('ends a session at its absolute lifetime, however often it was refreshed', async () => {
      const user = await signIn(t);
      const [{ expires_at: sessionEnd }] = await t.db.query<[{ expires_at: Date }]>(
        `SELECT expires_at FROM auth_sessions WHERE user_id = $1`,
        [user.id],
      );
      expect(sessionEnd.getTime() - Date.now()).toBeGreaterThan(
        (t.config.REFRESH_SESSION_MAX_SECONDS - 60) * 1000,
      );
      // Near its end, a rotated refresh token lives no longer than the session.
      await t.db.query(
        `UPDATE auth_sessions SET expires_at = now() + interval '90 seconds' WHERE user_id = $1`,
        [user.id],
      );
      const near = await refresh(user.refreshToken).expect(200);
      expect(new Date(near.body.refreshExpiresAt as string).getTime()).toBeLessThanOrEqual(
        Date.now() + 91_000,
      );
      // Past its end, a refresh token that has not expired on its own is refused.
      await t.db.query(
        `UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [user.id],
      );
      await t.db.query(
        `UPDATE refresh_tokens SET expires_at = now() + interval '1 day' WHERE token_hash = $1`,
        [hashOpaqueToken(near.body.refreshToken as string)],
      );
      expect((await refresh(near.body.refreshToken as string).expect(401)).body.code).toBe(
        'auth.invalid_refresh_token',
      );
    });

    it('refuses an unknown refresh token', async () => {
      const res = await refresh('x'.repeat(43)).expect(401);
      expect(res.body.code).toBe('auth.invalid_refresh_token');
    });

    it('refuses the refresh token of a user disabled since', async () => {
      const user = await signIn(t);
      await t.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [user.id]);
      await refresh(user.refreshToken).expect(401);
    });
  });

  describe('POST /auth/logout', () => {
    it('ends the session: its access and refresh tokens are refused right after', async () => {
      const user = await signIn(t);
      const other = await login(t, user.email);
      await t.http().post(`${API}/auth/logout`).set(user.auth).expect(204);
      expect((await me(user.token).expect(401)).body.code).toBe('auth.unauthenticated');
      await refresh(user.refreshToken).expect(401);
      await t.http().post(`${API}/auth/logout`).set(user.auth).expect(401);
      // Only this session ends.
      await me(other.token).expect(200);
    });

    it('refuses without a token', async () => {
      await t.http().post(`${API}/auth/logout`).expect(401);
    });
  });

  describe('e-mail verification', () => {
    it('verifies with the mailed token, once', async () => {
      const email = uniqueEmail('verify');
      const registered = await register({ email, password: NEW_PASSWORD, fullName: 'Verify Me' }).expect(201);
      const token = tokenFrom(await nthMailTo(t, smtp, email, 1));
      await t.http().post(`${API}/auth/verify-email`).send({ token }).expect(204);
      const { token: access } = await login(t, email, NEW_PASSWORD);
      expect((await me(access).expect(200)).body.emailVerified).toBe(true);
      const again = await t.http().post(`${API}/auth/verify-email`).send({ token }).expect(400);
      expect(again.body.code).toBe('auth.invalid_token');
      const audit = await t.db.query(
        `SELECT 1 FROM audit_log WHERE action = 'auth.email_verified' AND entity_id = $1`,
        [registered.body.id],
      );
      expect(audit).toHaveLength(1);
    });

    it('refuses an expired token', async () => {
      const email = uniqueEmail('verify-late');
      const registered = await register({ email, password: NEW_PASSWORD, fullName: 'Too Late' }).expect(201);
      const token = tokenFrom(await nthMailTo(t, smtp, email, 1));
      await t.db.query(
        `UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
        [hashOpaqueToken(token)],
      );
      const res = await t.http().post(`${API}/auth/verify-email`).send({ token }).expect(400);
      expect(res.body.code).toBe('auth.invalid_token');
      expect(await countRows(t, 'users', 'id = $1 AND email_verified_at IS NULL', [registered.body.id])).toBe(
        1,
      );
    });

    it('refuses an unknown token and a reset token', async () => {
      await t
        .http()
        .post(`${API}/auth/verify-email`)
        .send({ token: 'y'.repeat(43) })
        .expect(400);
    });

    it('sends the verification mail again on request, and not to a verified address', async () => {
      const email = uniqueEmail('resend');
      await register({ email, password: NEW_PASSWORD, fullName: 'Resend' }).expect(201);
      await nthMailTo(t, smtp, email, 1);
      const { token: access } = await login(t, email, NEW_PASSWORD);
      await t
        .http()
        .post(`${API}/auth/verify-email/resend`)
        .set('Authorization', `Bearer ${access}`)
        .expect(202);
      const token = tokenFrom(await nthMailTo(t, smtp, email, 2));
      await t.http().post(`${API}/auth/verify-email`).send({ token }).expect(204);
      const verified = await signIn(t);
      await t.http().post(`${API}/auth/verify-email/resend`).set(verified.auth).expect(202);
      await t.flushOutbox();
      expect(await countRows(t, 'notifications', 'recipient_email = $1', [verified.email])).toBe(0);
      await t.http().post(`${API}/auth/verify-email/resend`).expect(401);
    });
  });

  describe('password reset', () => {
    const requestReset = (email: string) => t.http().post(`${API}/auth/password-reset`).send({ email });
    const confirm = (token: string, password: string) =>
      t.http().post(`${API}/auth/password-reset/confirm`).send({ token, password });

    it('sets a new password with the mailed token and ends every session', async () => {
      const user = await signIn(t);
      const second = await login(t, user.email);
      await requestReset(user.email.toUpperCase()).expect(202);
      const token = tokenFrom(await nthMailTo(t, smtp, user.email, 1));
      await confirm(token, NEW_PASSWORD).expect(204);
      // Every session ended: access and refresh tokens of both logins.
      await me(user.token).expect(401);
      await me(second.token).expect(401);
      await refresh(user.refreshToken).expect(401);
      await refresh(second.refreshToken).expect(401);
      expect(await countRows(t, 'auth_sessions', 'user_id = $1 AND revoked_at IS NULL', [user.id])).toBe(0);
      // The old password no longer works; the new one does.
      await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: user.email, password: DEFAULT_PASSWORD })
        .expect(401);
      await login(t, user.email, NEW_PASSWORD);
      // The token works once.
      const again = await confirm(token, 'Another-Long-Password-99').expect(400);
      expect(again.body.code).toBe('auth.invalid_token');
    });

    it('refuses an expired token', async () => {
      const user = await createUser(t);
      await requestReset(user.email).expect(202);
      const token = tokenFrom(await nthMailTo(t, smtp, user.email, 1));
      await t.db.query(
        `UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
        [hashOpaqueToken(token)],
      );
      expect((await confirm(token, NEW_PASSWORD).expect(400)).body.code).toBe('auth.invalid_token');
      await login(t, user.email, user.password);
    });

    it('refuses a verification token', async () => {
      const email = uniqueEmail('wrong-purpose');
      await register({ email, password: NEW_PASSWORD, fullName: 'Purpose' }).expect(201);
      const token = tokenFrom(await nthMailTo(t, smtp, email, 1));
      expect((await confirm(token, 'Another-Long-Password-99').expect(400)).body.code).toBe(
        'auth.invalid_token',
      );
      await login(t, email, NEW_PASSWORD);
    });

    it('refuses a common new password without spending the token', async () => {
      const user = await createUser(t);
      await requestReset(user.email).expect(202);
      const token = tokenFrom(await nthMailTo(t, smtp, user.email, 1));
      expect((await confirm(token, COMMON_PASSWORD).expect(400)).body.code).toBe('auth.password_too_common');
      expect((await confirm(token, 'short').expect(400)).body.code).toBe('request.validation_failed');
      await confirm(token, NEW_PASSWORD).expect(204);
    });

    it('answers 202 for an unknown e-mail too, and sends nothing', async () => {
      const email = uniqueEmail('nobody');
      const notifications = await countRows(t, 'notifications');
      await requestReset(email).expect(202);
      await t.flushOutbox();
      expect(await countRows(t, 'notifications')).toBe(notifications);
      expect(smtp.to(email)).toHaveLength(0);
    });
  });

  describe('roles', () => {
    it('refuses a role a route does not name with 403, and no token with 401', async () => {
      const entrant = await signIn(t, ['entrant']);
      const juror = await signIn(t, ['juror']);
      for (const caller of [entrant, juror]) {
        const res = await t.http().get(`${API}/users`).set(caller.auth).expect(403);
        expect(res.body.code).toBe('auth.forbidden');
        await t.http().get(`${API}/audit`).set(caller.auth).expect(403);
      }
      expect((await t.http().get(`${API}/users`).expect(401)).body.code).toBe('auth.unauthenticated');
    });
  });

  it('records registrations in the audit log', async () => {
    const organiser = await signIn(t, ['organiser']);
    const email = uniqueEmail('audited');
    const registered = await register({ email, password: NEW_PASSWORD, fullName: 'Audited' }).expect(201);
    const res = await t
      .http()
      .get(`${API}/audit`)
      .query({ action: 'auth.registered', entityId: registered.body.id })
      .set(organiser.auth)
      .expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        action: 'auth.registered',
        entityId: registered.body.id,
        actorId: registered.body.id,
      }),
    ]);
  });
});

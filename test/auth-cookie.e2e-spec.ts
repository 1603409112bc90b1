import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { hashOpaqueToken } from '../src/modules/auth/tokens.js';
import { countRows, createUser, login, type TestUser } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';
const ORIGIN = 'http://localhost:3000';
const BROWSER = { 'X-Session-Transport': 'cookie', Origin: ORIGIN };

interface Cookie {
  value: string;
  attributes: Map<string, string>;
}

/** The refresh cookie an answer sets, parsed; fails the test when there is none or more than one. */
function refreshCookie(res: request.Response): Cookie {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  const set = (raw ?? []).filter((c) => c.startsWith('magistral_refresh='));
  expect(set).toHaveLength(1);
  const [pair, ...attributes] = set[0]!.split(/;\s*/);
  return {
    value: decodeURIComponent(pair!.slice('magistral_refresh='.length)),
    attributes: new Map(
      attributes.map((a) => {
        const [name, ...value] = a.split('=');
        return [name!.toLowerCase(), value.join('=')];
      }),
    ),
  };
}

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
function hs256(payload: object, secret: string): string {
  const input = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The browser's session: refresh token in an HttpOnly cookie, guarded against cross-site use (issue 14). */
describe('browser sessions (X-Session-Transport: cookie)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000', RATE_LIMIT_ACCOUNT_POINTS: '1000' });
  });
  afterAll(() => t.close());

  const browserLogin = (user: TestUser, headers: Record<string, string> = BROWSER) =>
    t.http().post(`${API}/auth/login`).set(headers).send({ email: user.email, password: user.password });
  const cookieRefresh = (value: string | undefined, headers: Record<string, string> = BROWSER) => {
    const req = t.http().post(`${API}/auth/refresh`).set(headers);
    return value === undefined ? req : req.set('Cookie', `magistral_refresh=${value}`);
  };
  const whoami = (token: string) => t.http().get(`${API}/auth/me`).set('Authorization', `Bearer ${token}`);
  const spent = async (token: string) => {
    const [row] = await t.db.query<{ used_at: Date | null }[]>(
      `SELECT used_at FROM refresh_tokens WHERE token_hash = $1`,
      [hashOpaqueToken(token)],
    );
    return row!.used_at !== null;
  };

  describe('POST /auth/login', () => {
    it('puts the refresh token in an HttpOnly, SameSite=Strict cookie scoped to the auth routes, not in the JSON', async () => {
      const user = await createUser(t);
      const res = await browserLogin(user).expect(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshExpiresAt: expect.any(String),
      });
      const cookie = refreshCookie(res);
      expect(cookie.value.length).toBeGreaterThanOrEqual(40);
      expect(cookie.attributes.get('path')).toBe('/api/v1/auth');
      expect(cookie.attributes.has('httponly')).toBe(true);
      expect(cookie.attributes.get('samesite')).toBe('Strict');
      // PUBLIC_URL is http here: a Secure cookie would never come back.
      expect(cookie.attributes.has('secure')).toBe(false);
      const maxAge = Number(cookie.attributes.get('max-age'));
      expect(Math.abs(maxAge - t.config.REFRESH_TOKEN_TTL_SECONDS)).toBeLessThanOrEqual(5);
      expect(Date.parse(res.body.refreshExpiresAt as string)).toBeGreaterThan(
        Date.now() + (maxAge - 10) * 1000,
      );
      // The cookie holds a genuine refresh token of this session, stored hashed like any other.
      expect(await countRows(t, 'refresh_tokens', 'token_hash = $1', [hashOpaqueToken(cookie.value)])).toBe(
        1,
      );
      await whoami(res.body.accessToken as string).expect(200);
    });

    it('without the header answers as before: both tokens in the JSON and no cookie', async () => {
      const user = await createUser(t);
      const res = await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: user.email, password: user.password })
        .expect(200);
      expect(res.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('marks the cookie Secure when PUBLIC_URL is https', async () => {
      const secure = await t.sibling({ PUBLIC_URL: 'https://awards.example.kz' });
      const user = await createUser(t);
      const res = await request(secure.getHttpServer())
        .post(`${API}/auth/login`)
        .set({ 'X-Session-Transport': 'cookie', Origin: 'https://awards.example.kz' })
        .send({ email: user.email, password: user.password })
        .expect(200);
      expect(refreshCookie(res).attributes.has('secure')).toBe(true);
      // Its origin is the https one: the http origin is another site.
      const refused = await request(secure.getHttpServer())
        .post(`${API}/auth/login`)
        .set(BROWSER)
        .send({ email: user.email, password: user.password })
        .expect(403);
      expect(refused.body.code).toBe('auth.cross_site_request');
    });

    it('refuses a cross-site sign-in before trying the password, and starts no session', async () => {
      const user = await createUser(t);
      const sessions = await countRows(t, 'auth_sessions', 'user_id = $1', [user.id]);
      const audit = await countRows(t, 'audit_log', `action = 'auth.login_failed'`);
      const res = await t
        .http()
        .post(`${API}/auth/login`)
        .set({ 'X-Session-Transport': 'cookie', Origin: 'https://evil.example' })
        .send({ email: user.email, password: 'not-the-password-at-all' })
        .expect(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('auth.cross_site_request');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await countRows(t, 'auth_sessions', 'user_id = $1', [user.id])).toBe(sessions);
      expect(await countRows(t, 'audit_log', `action = 'auth.login_failed'`)).toBe(audit);
    });
  });

  describe('POST /auth/refresh', () => {
    it('reads the cookie and rotates it; the body carries only the new access token', async () => {
      const user = await createUser(t);
      const first = refreshCookie(await browserLogin(user).expect(200));
      const res = await cookieRefresh(first.value).expect(200);
      expect(res.body).not.toHaveProperty('refreshToken');
      expect(res.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer' });
      const second = refreshCookie(res);
      expect(second.value).not.toBe(first.value);
      expect(second.attributes.get('path')).toBe('/api/v1/auth');
      expect(await spent(first.value)).toBe(true);
      expect(await spent(second.value)).toBe(false);
      await whoami(res.body.accessToken as string).expect(200);
      // Again, with an empty JSON body and without an Origin header (some same-origin requests carry none).
      const third = await cookieRefresh(second.value, { 'X-Session-Transport': 'cookie' })
        .send({})
        .expect(200);
      expect(refreshCookie(third).value).not.toBe(second.value);
    });

    it('refuses a rotated cookie that comes back like a reused refresh token, and ends the session', async () => {
      const user = await createUser(t);
      const login = await browserLogin(user).expect(200);
      const first = refreshCookie(login);
      const rotated = await cookieRefresh(first.value).expect(200);
      const second = refreshCookie(rotated);
      const reused = await cookieRefresh(first.value).expect(401);
      expect(reused.body.code).toBe('auth.refresh_token_reused');
      // The browser is told to forget a cookie that can no longer refresh anything.
      expect(refreshCookie(reused).attributes.get('max-age')).toBe('0');
      const revoked = await cookieRefresh(second.value).expect(401);
      expect(revoked.body.code).toBe('auth.invalid_refresh_token');
      expect(refreshCookie(revoked).value).toBe('');
      await whoami(rotated.body.accessToken as string).expect(401);
      await whoami(login.body.accessToken as string).expect(401);
    });

    it('refreshes nothing from the cookie alone: without the header the body token is required, as before', async () => {
      const user = await createUser(t);
      const cookie = refreshCookie(await browserLogin(user).expect(200));
      const res = await cookieRefresh(cookie.value, {}).send({}).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('request.validation_failed');
      expect(res.body.errors).toEqual([
        { field: 'refreshToken', messages: expect.any(Array), codes: expect.any(Array) },
      ]);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await spent(cookie.value)).toBe(false);
      // A wrong value of the header is no header.
      await cookieRefresh(cookie.value, { 'X-Session-Transport': 'body', Origin: ORIGIN })
        .send({})
        .expect(400);
      expect(await spent(cookie.value)).toBe(false);
      await cookieRefresh(cookie.value).expect(200);
    });

    it('refuses a cross-site Origin or Sec-Fetch-Site, and leaves the cookie unspent', async () => {
      const user = await createUser(t);
      const cookie = refreshCookie(await browserLogin(user).expect(200));
      const attempts: Record<string, string>[] = [
        { 'X-Session-Transport': 'cookie', Origin: 'https://evil.example' },
        { 'X-Session-Transport': 'cookie', Origin: 'http://localhost:3001' },
        { 'X-Session-Transport': 'cookie', Origin: 'null' },
        { 'X-Session-Transport': 'cookie', 'Sec-Fetch-Site': 'cross-site' },
      ];
      for (const headers of attempts) {
        const res = await cookieRefresh(cookie.value, headers).expect(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('auth.cross_site_request');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      expect(await spent(cookie.value)).toBe(false);
    });

    it('answers 401 when the header comes without a cookie, or with a forged one', async () => {
      expect((await cookieRefresh(undefined).expect(401)).body.code).toBe('auth.invalid_refresh_token');
      expect((await cookieRefresh('x'.repeat(43)).expect(401)).body.code).toBe('auth.invalid_refresh_token');
    });

    it('still takes a body token with the header, and hands the next one in the cookie', async () => {
      const user = await createUser(t);
      const { refreshToken } = await login(t, user.email);
      const res = await cookieRefresh(undefined).send({ refreshToken }).expect(200);
      expect(res.body).not.toHaveProperty('refreshToken');
      await cookieRefresh(refreshCookie(res).value).expect(200);
    });
  });

  describe('POST /auth/logout and /auth/logout-all', () => {
    it('logout ends the session and clears the cookie', async () => {
      const user = await createUser(t);
      const login = await browserLogin(user).expect(200);
      const cookie = refreshCookie(login);
      const res = await t
        .http()
        .post(`${API}/auth/logout`)
        .set(BROWSER)
        .set('Authorization', `Bearer ${login.body.accessToken as string}`)
        .expect(204);
      const cleared = refreshCookie(res);
      expect(cleared.value).toBe('');
      expect(cleared.attributes.get('max-age')).toBe('0');
      expect(cleared.attributes.get('path')).toBe('/api/v1/auth');
      await cookieRefresh(cookie.value).expect(401);
      await whoami(login.body.accessToken as string).expect(401);
    });

    it('logout refuses a cross-site request and keeps the session', async () => {
      const user = await createUser(t);
      const login = await browserLogin(user).expect(200);
      const res = await t
        .http()
        .post(`${API}/auth/logout`)
        .set({ 'X-Session-Transport': 'cookie', Origin: 'https://evil.example' })
        .set('Authorization', `Bearer ${login.body.accessToken as string}`)
        .expect(403);
      expect(res.body.code).toBe('auth.cross_site_request');
      await whoami(login.body.accessToken as string).expect(200);
    });

    it('logout-all ends every session of the account, this one included, and only that account', async () => {
      const user = await createUser(t);
      const other = await createUser(t);
      const browser = await browserLogin(user).expect(200);
      const cookie = refreshCookie(browser);
      const phone = await login(t, user.email);
      const bystander = await login(t, other.email);
      const res = await t
        .http()
        .post(`${API}/auth/logout-all`)
        .set(BROWSER)
        .set('Authorization', `Bearer ${phone.token}`)
        .expect(204);
      expect(refreshCookie(res).attributes.get('max-age')).toBe('0');
      await whoami(browser.body.accessToken as string).expect(401);
      await whoami(phone.token).expect(401);
      await cookieRefresh(cookie.value).expect(401);
      await t.http().post(`${API}/auth/refresh`).send({ refreshToken: phone.refreshToken }).expect(401);
      expect(await countRows(t, 'auth_sessions', 'user_id = $1 AND revoked_at IS NULL', [user.id])).toBe(0);
      expect(
        await countRows(t, 'audit_log', `action = 'auth.logged_out_everywhere' AND entity_id = $1`, [
          user.id,
        ]),
      ).toBe(1);
      await whoami(bystander.token).expect(200);
      await t.http().post(`${API}/auth/refresh`).send({ refreshToken: bystander.refreshToken }).expect(200);
    });

    it('logout-all without the header works for API clients and sets no cookie', async () => {
      const user = await createUser(t);
      const { token } = await login(t, user.email);
      const res = await t
        .http()
        .post(`${API}/auth/logout-all`)
        .set('Authorization', `Bearer ${token}`)
        .expect(204);
      expect(res.headers['set-cookie']).toBeUndefined();
      await whoami(token).expect(401);
    });

    it('logout and logout-all need an access token', async () => {
      for (const path of ['logout', 'logout-all']) {
        const res = await t.http().post(`${API}/auth/${path}`).set(BROWSER).expect(401);
        expect(res.body.code).toBe('auth.unauthenticated');
      }
    });

    it('an unverified account may sign out everywhere', async () => {
      const user = await createUser(t, { verified: false });
      const { token } = await login(t, user.email);
      await t.http().post(`${API}/auth/logout-all`).set('Authorization', `Bearer ${token}`).expect(204);
      await whoami(token).expect(401);
    });
  });

  describe('expired access tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);

    it('answer 401 auth.token_expired, which other refusals never do', async () => {
      const user = await createUser(t);
      const { token } = await login(t, user.email);
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      const expired = hs256({ ...claims, iat: now() - 1000, exp: now() - 10 }, t.config.JWT_SECRET!);
      const res = await whoami(expired).expect(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('auth.token_expired');
      // Also on routes that need a role, before the role is looked at.
      expect(
        (await t.http().get(`${API}/users`).set('Authorization', `Bearer ${expired}`).expect(401)).body.code,
      ).toBe('auth.token_expired');
      // Expired and signed with another key: a forgery, not an expiry.
      const forged = hs256(
        { ...claims, iat: now() - 1000, exp: now() - 10 },
        'another-secret-long-enough-0123456789',
      );
      expect((await whoami(forged).expect(401)).body.code).toBe('auth.unauthenticated');
      expect((await whoami('not-a-jwt').expect(401)).body.code).toBe('auth.unauthenticated');
      expect((await t.http().get(`${API}/auth/me`).expect(401)).body.code).toBe('auth.unauthenticated');
      // The genuine token of the same session still works; a public route ignores the expired one.
      await whoami(token).expect(200);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { countRows, createUser, uniqueEmail } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';
const WINDOW = 300;
const REGISTER_WINDOW = 3600;

function expectLimited(res: Response, window = WINDOW): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body.code).toBe('auth.too_many_attempts');
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(window);
}

/** Counters live in Redis under each app's own prefix, so each app here starts with fresh limits. */
describe('rate limits behind a trusted proxy', () => {
  let t: TestApp;

  beforeAll(async () => {
    // supertest connects over loopback: the test plays the proxy, X-Forwarded-For carries the client.
    t = await createTestApp({
      TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1',
      RATE_LIMIT_IP_POINTS: '3',
      RATE_LIMIT_ACCOUNT_POINTS: '3',
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW),
      RATE_LIMIT_REGISTER_POINTS: '3',
      RATE_LIMIT_REGISTER_WINDOW_SECONDS: String(REGISTER_WINDOW),
    });
  });
  afterAll(() => t.close());

  const registerFrom = (ip: string, email = uniqueEmail('new')) =>
    t
      .http()
      .post(`${API}/auth/register`)
      .set('X-Forwarded-For', ip)
      .send({ email, password: 'Irtysh-Grain-Terminal-7', fullName: 'New Entrant' });

  it('limits registrations per client IP (each one mails an address): 429 with Retry-After, nothing created', async () => {
    for (let i = 0; i < 3; i++) await registerFrom('203.0.113.50').expect(201);
    const users = await countRows(t, 'users');
    const outbox = await countRows(t, 'outbox');
    const email = uniqueEmail('refused');
    expectLimited(await registerFrom('203.0.113.50', email), REGISTER_WINDOW);
    // Whether the address is new or taken, the answer is the same 429.
    expectLimited(await registerFrom('203.0.113.50'), REGISTER_WINDOW);
    expect(await countRows(t, 'users')).toBe(users);
    expect(await countRows(t, 'users', 'email = $1', [email])).toBe(0);
    expect(await countRows(t, 'outbox')).toBe(outbox);
    // Another client has its own budget.
    await registerFrom('203.0.113.51', email).expect(201);
  });

  const loginFrom = (ip: string, email: string, password = 'not-the-password-at-all') =>
    t.http().post(`${API}/auth/login`).set('X-Forwarded-For', ip).send({ email, password });

  it('limits login attempts per client IP, taken from X-Forwarded-For', async () => {
    const users = await Promise.all([createUser(t), createUser(t), createUser(t), createUser(t)]);
    await loginFrom('203.0.113.1', users[0].email, users[0].password).expect(200);
    await loginFrom('203.0.113.1', users[1].email).expect(401);
    await loginFrom('203.0.113.1', uniqueEmail('ghost')).expect(401);
    // The fourth attempt from that client is refused, even with the right password.
    const sessions = await countRows(t, 'auth_sessions');
    expectLimited(await loginFrom('203.0.113.1', users[3].email, users[3].password));
    expect(await countRows(t, 'auth_sessions')).toBe(sessions);
    // Another client behind the same proxy has its own budget.
    await loginFrom('203.0.113.2', users[3].email, users[3].password).expect(200);
    // The right-most untrusted address is the client: a spoofed left-most entry changes nothing.
    expectLimited(await loginFrom('198.51.100.66, 203.0.113.1', users[2].email, users[2].password));
  });

  it('limits login attempts per account, whichever addresses they come from', async () => {
    const user = await createUser(t);
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
      await loginFrom(ip, user.email).expect(401);
    expectLimited(await loginFrom('198.51.100.4', user.email, user.password));
    // The account key ignores case.
    expectLimited(await loginFrom('198.51.100.5', user.email.toUpperCase(), user.password));
    // Other accounts are not affected.
    const other = await createUser(t);
    await loginFrom('198.51.100.6', other.email, other.password).expect(200);
  });

  it('limits unknown accounts too, so probing e-mails is slowed alike', async () => {
    const ghost = uniqueEmail('ghost');
    for (const ip of ['192.0.2.11', '192.0.2.12', '192.0.2.13']) await loginFrom(ip, ghost).expect(401);
    expectLimited(await loginFrom('192.0.2.14', ghost));
  });

  it('limits password reset requests per IP and per account', async () => {
    const reset = (ip: string, email: string) =>
      t.http().post(`${API}/auth/password-reset`).set('X-Forwarded-For', ip).send({ email });
    const user = await createUser(t);
    for (const ip of ['192.0.2.21', '192.0.2.22', '192.0.2.23']) await reset(ip, user.email).expect(202);
    expectLimited(await reset('192.0.2.24', user.email));
    for (let i = 0; i < 3; i++) await reset('192.0.2.30', uniqueEmail('someone')).expect(202);
    expectLimited(await reset('192.0.2.30', uniqueEmail('someone')));
  });

  it('limits e-mail verification attempts per IP', async () => {
    const verify = (ip: string) =>
      t
        .http()
        .post(`${API}/auth/verify-email`)
        .set('X-Forwarded-For', ip)
        .send({ token: uniqueEmail('guess').replace(/[^a-z0-9]/g, 'x') });
    for (let i = 0; i < 3; i++)
      expect((await verify('192.0.2.40').expect(400)).body.code).toBe('auth.invalid_token');
    expectLimited(await verify('192.0.2.40'));
    await verify('192.0.2.41').expect(400);
  });
});

describe('rate limits without a trusted proxy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_IP_POINTS: '3',
      RATE_LIMIT_ACCOUNT_POINTS: '100',
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW),
    });
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For: the socket address is the client', async () => {
    const user = await createUser(t);
    for (const ip of ['203.0.113.7', '203.0.113.8', '203.0.113.9']) {
      await t
        .http()
        .post(`${API}/auth/login`)
        .set('X-Forwarded-For', ip)
        .send({ email: uniqueEmail('ghost'), password: 'not-the-password-at-all' })
        .expect(401);
    }
    expectLimited(
      await t
        .http()
        .post(`${API}/auth/login`)
        .set('X-Forwarded-For', '203.0.113.10')
        .send({ email: user.email, password: user.password }),
    );
    expectLimited(
      await t.http().post(`${API}/auth/login`).send({ email: user.email, password: user.password }),
    );
  });
});

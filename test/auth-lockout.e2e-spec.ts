import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countRows, createUser, login, signIn } from './support/factories.js';
import { nthMailTo } from './support/mailbox.js';
import { TestSmtpServer, tokenFrom } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';
const THRESHOLD = 3;
const NEW_PASSWORD = 'Tobol-River-Barge-Schedule-4';

describe('account lockout', () => {
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

  const attempt = (email: string, password: string) =>
    t.http().post(`${API}/auth/login`).send({ email, password });

  it('locks after LOCKOUT_THRESHOLD consecutive failures, even for the right password; a reset unlocks', async () => {
    const user = await createUser(t);
    for (let i = 0; i < THRESHOLD; i++)
      expect((await attempt(user.email, 'not-the-password-at-all').expect(401)).body.code).toBe(
        'auth.invalid_credentials',
      );
    const sessions = await countRows(t, 'auth_sessions', 'user_id = $1', [user.id]);
    const locked = await attempt(user.email, user.password).expect(423);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(locked.body.code).toBe('auth.account_locked');
    expect(await countRows(t, 'auth_sessions', 'user_id = $1', [user.id])).toBe(sessions);
    expect(
      await countRows(t, 'audit_log', `action = 'auth.account_locked' AND entity_id = $1`, [user.id]),
    ).toBe(1);

    await t.http().post(`${API}/auth/password-reset`).send({ email: user.email }).expect(202);
    const token = tokenFrom(await nthMailTo(t, smtp, user.email, 1));
    await t
      .http()
      .post(`${API}/auth/password-reset/confirm`)
      .send({ token, password: NEW_PASSWORD })
      .expect(204);
    await login(t, user.email, NEW_PASSWORD);
    expect(
      await countRows(t, 'users', 'id = $1 AND locked_at IS NULL AND failed_login_count = 0', [user.id]),
    ).toBe(1);
  });

  it('counts consecutive failures only: a success starts the count again', async () => {
    const user = await createUser(t);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < THRESHOLD - 1; i++)
        await attempt(user.email, 'not-the-password-at-all').expect(401);
      await login(t, user.email, user.password);
    }
    expect(await countRows(t, 'users', 'id = $1 AND locked_at IS NULL', [user.id])).toBe(1);
  });

  it('keeps the sessions of a locked account until the password is reset', async () => {
    const user = await signIn(t);
    for (let i = 0; i < THRESHOLD; i++) await attempt(user.email, 'not-the-password-at-all').expect(401);
    await attempt(user.email, user.password).expect(423);
    // Locking stops guessing; it does not log out the owner (a reset does).
    await t.http().get(`${API}/auth/me`).set(user.auth).expect(200);
  });
});

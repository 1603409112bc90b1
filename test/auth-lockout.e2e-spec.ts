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

  const wrong = 'not-the-password-at-all';
  /** What a guesser sees of an answer: everything but the per-request id. */
  const seen = (res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) => ({
    status: res.status,
    contentType: res.headers['content-type'],
    body: { ...res.body, instance: undefined, requestId: undefined },
  });
  const lock = async (email: string) => {
    for (let i = 0; i < THRESHOLD; i++)
      expect((await attempt(email, wrong).expect(401)).body.code).toBe('auth.invalid_credentials');
  };

  it('answers the right password of a locked account exactly as a wrong one, and signs nobody in', async () => {
    const user = await createUser(t);
    const unlockedWrong = seen(await attempt(user.email, wrong));
    await login(t, user.email, user.password); // the count starts again
    await lock(user.email);
    const sessions = await countRows(t, 'auth_sessions', 'user_id = $1', [user.id]);
    const lockedRight = await attempt(user.email, user.password);
    const lockedWrong = await attempt(user.email, wrong);
    expect(seen(lockedRight)).toEqual(unlockedWrong);
    expect(seen(lockedWrong)).toEqual(unlockedWrong);
    expect(lockedRight.status).toBe(401);
    expect(lockedRight.body.code).toBe('auth.invalid_credentials');
    expect(await countRows(t, 'auth_sessions', 'user_id = $1', [user.id])).toBe(sessions);
    expect(
      await countRows(t, 'audit_log', `action = 'auth.account_locked' AND entity_id = $1`, [user.id]),
    ).toBe(1);
  });

  it('mails the owner an unlock link once per lock; the link unlocks without a new password, once', async () => {
    const user = await createUser(t);
    await lock(user.email);
    await attempt(user.email, wrong).expect(401); // more failures while locked: no second mail
    const mail = await nthMailTo(t, smtp, user.email, 1);
    expect(mail.subject).toContain('locked');
    const token = tokenFrom(mail);
    await attempt(user.email, user.password).expect(401);

    await t.http().post(`${API}/auth/unlock`).send({ token }).expect(204);
    await login(t, user.email, user.password);
    expect(
      await countRows(t, 'users', 'id = $1 AND locked_at IS NULL AND failed_login_count = 0', [user.id]),
    ).toBe(1);
    const reused = await t.http().post(`${API}/auth/unlock`).send({ token }).expect(400);
    expect(reused.body.code).toBe('auth.invalid_token');
    await t
      .http()
      .post(`${API}/auth/unlock`)
      .send({ token: 'x'.repeat(43) })
      .expect(400);
    await t.http().post(`${API}/auth/unlock`).send({}).expect(400);
    const unlockMails = () =>
      countRows(t, 'notifications', `event = 'account.unlock' AND recipient_id = $1`, [user.id]);
    expect(await unlockMails()).toBe(1);

    // Locked again later: a new mail for the new lock.
    await lock(user.email);
    await nthMailTo(t, smtp, user.email, 2);
    expect(await unlockMails()).toBe(2);
    expect(
      await countRows(t, 'audit_log', `action = 'auth.account_unlocked' AND entity_id = $1`, [user.id]),
    ).toBe(1);
  });

  it('unlocks by a password reset too', async () => {
    const user = await createUser(t);
    await lock(user.email);
    await nthMailTo(t, smtp, user.email, 1); // the unlock mail
    await t.http().post(`${API}/auth/password-reset`).send({ email: user.email }).expect(202);
    const token = tokenFrom(await nthMailTo(t, smtp, user.email, 2));
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
    await lock(user.email);
    await attempt(user.email, user.password).expect(401);
    // Locking stops guessing; it does not log out the owner (a reset does).
    await t.http().get(`${API}/auth/me`).set(user.auth).expect(200);
  });
});

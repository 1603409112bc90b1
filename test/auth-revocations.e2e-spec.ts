import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { SessionRevocations } from '../src/modules/auth/revocations.js';
import { signIn, type SignedIn } from './support/factories.js';
import { withAdmin } from './setup/db.js';
import { ThrowawayRedis } from './support/redis-server.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';

/**
 * Revocations are recorded in PostgreSQL and cached in Redis. These tests run the app on a Redis of their
 * own, which they flush, restart and stop; the shared Redis other test files use is never touched.
 */
describe('revocations survive the loss of Redis data', () => {
  const redis = new ThrowawayRedis();
  let t: TestApp;
  let admin: Redis;
  let organiser: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: await redis.start(), RATE_LIMIT_IP_POINTS: '100000' });
    admin = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    organiser = await signIn(t, ['organiser']);
  });
  afterAll(async () => {
    admin.disconnect();
    await t.close();
    await redis.stop();
  });

  const me = (user: { token: string }) =>
    t.http().get(`${API}/auth/me`).set('Authorization', `Bearer ${user.token}`);
  const expectSignedOut = async (user: { token: string }) => {
    const res = await me(user).expect(401);
    expect(res.body.code).toBe('auth.unauthenticated');
  };
  /** Waits until the app's own Redis connection is back (it reconnects with a backoff after a restart). */
  const redisBack = async () => {
    for (let i = 0; i < 200; i++) {
      if ((await t.http().get(`${API}/health/ready`)).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the app did not reconnect to Redis within 10 s');
  };
  const restartRedis = async () => {
    await redis.stop();
    await redis.start();
    await redisBack();
  };
  const revocations = () => t.app.get(SessionRevocations);

  it('answers from PostgreSQL while Redis is down (no 401 for live sessions), with one warning', async () => {
    const live = await signIn(t, ['entrant']);
    const revoked = await signIn(t, ['entrant']);
    const leavingDuringOutage = await signIn(t, ['juror']);
    await t.http().post(`${API}/auth/logout`).set(revoked.auth).expect(204);
    const logger = (revocations() as unknown as { logger: Logger }).logger;
    const warn = jest.spyOn(logger, 'warn');
    try {
      await redis.stop();
      for (let i = 0; i < 10; i++) await me(live).expect(200);
      await expectSignedOut(revoked);
      // Logging out still works: the record is PostgreSQL.
      await t.http().post(`${API}/auth/logout`).set(leavingDuringOutage.auth).expect(204);
      await expectSignedOut(leavingDuringOutage);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toContain('Revocation cache (Redis) unavailable');

      await redis.start();
      // As if Redis had kept its data through the outage (sentinel there, the new revocation missing):
      // written before the app's client reconnects (it backs off), the set must not be trusted as is.
      await admin.connect();
      await admin.zadd(`${t.config.REDIS_PREFIX}:auth:revoked-sessions`, '+inf', '~built');
      admin.disconnect();
      // Whenever the app reconnects, the logout made during the outage is not forgotten.
      for (let i = 0; i < 20; i++) {
        await expectSignedOut(leavingDuringOutage);
        await expectSignedOut(revoked);
        await me(live).expect(200);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses a logged-out token after FLUSHALL, and still accepts live ones', async () => {
    const leaving = await signIn(t, ['entrant']);
    const staying = await signIn(t, ['entrant']);
    await me(leaving).expect(200);
    await t.http().post(`${API}/auth/logout`).set(leaving.auth).expect(204);
    await expectSignedOut(leaving);

    await admin.connect();
    await admin.flushall();
    await expectSignedOut(leaving);
    await me(staying).expect(200);
    // Rebuilt from PostgreSQL: the answer comes from Redis again.
    expect(await admin.keys('*auth:revoked-sessions')).toHaveLength(1);
    await expectSignedOut(leaving);
    admin.disconnect();
  });

  it('refuses the tokens of a disabled user and a demoted organiser after Redis restarts empty', async () => {
    const disabled = await signIn(t, ['juror']);
    const demoted = await signIn(t, ['organiser']);
    for (const user of [disabled, demoted]) await me(user).expect(200);
    await t
      .http()
      .patch(`${API}/users/${disabled.id}`)
      .set(organiser.auth)
      .send({ disabled: true })
      .expect(200);
    await t
      .http()
      .patch(`${API}/users/${demoted.id}`)
      .set(organiser.auth)
      .send({ roles: ['juror'] })
      .expect(200);
    for (const user of [disabled, demoted]) await expectSignedOut(user);

    await restartRedis();
    for (const user of [disabled, demoted]) await expectSignedOut(user);
    // The demoted organiser's old token (which still says "organiser") opens no organiser route either.
    await t.http().get(`${API}/users`).set(demoted.auth).expect(401);
    await me(organiser).expect(200);
  });

  it('reads no database row to check a session once the cache is built', async () => {
    const user = await signIn(t, ['entrant']);
    const query = jest.spyOn(t.db, 'query');
    const sessionReads = () => query.mock.calls.filter(([sql]) => String(sql).includes('auth_sessions'));
    try {
      // After the Redis restart above, sessions are checked in PostgreSQL until the cache is resynchronised.
      for (let i = 0; i < 100; i++) {
        query.mockClear();
        await me(user).expect(200);
        if (!sessionReads().length) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      query.mockClear();
      for (let i = 0; i < 20; i++) await me(user).expect(200);
      expect(sessionReads()).toHaveLength(0);
    } finally {
      query.mockRestore();
    }
  });

  it('answers 503 auth.revocations_unavailable, not 401, when neither Redis nor PostgreSQL can be read', async () => {
    const user = await signIn(t, ['entrant']);
    const database = new URL(t.config.DATABASE_URL).pathname.slice(1);
    await redis.stop();
    try {
      // PostgreSQL refuses this database's connections: the app's pool loses them and cannot reconnect.
      await withAdmin(async (client) => {
        await client.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
        await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
          database,
        ]);
      });
      const res = await me(user).expect(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('auth.revocations_unavailable');
    } finally {
      await withAdmin((client) => client.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`));
      await redis.start();
    }
    await redisBack();
    await me(user).expect(200);
  });
});

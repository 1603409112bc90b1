import { getQueueToken } from '@nestjs/bullmq';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { Housekeeping } from '../src/modules/housekeeping/housekeeping.service.js';
import { REPEATING_JOBS } from '../src/queue/repeating-jobs.js';
import { createUser, type TestUser } from './support/factories.js';
import { eventually } from './support/notifications.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('housekeeping', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    // No relay: the outbox rows below are made up, and must stay as they are put.
    t = await createTestApp({ OUTBOX_RELAY: 'false' });
    user = await createUser(t);
  });
  afterAll(() => t.close());

  async function seed(): Promise<void> {
    await t.db.query(
      `INSERT INTO idempotency_keys (user_id, key, route, request_hash, created_at)
       VALUES ($1, 'expired', 'POST /x', repeat('a', 64), now() - interval '25 hours'),
              ($1, 'fresh', 'POST /x', repeat('a', 64), now() - interval '23 hours')`,
      [user.id],
    );
    // A pending row is a job still to run, however old; relayed rows stay a week.
    await t.db.query(
      `INSERT INTO outbox (queue, name, payload, created_at, dispatched_at) VALUES
         ('schedule', 'old-relayed', '{}', now() - interval '9 days', now() - interval '8 days'),
         ('schedule', 'recent-relayed', '{}', now() - interval '6 days', now() - interval '6 days'),
         ('schedule', 'old-pending', '{}', now() - interval '30 days', NULL)`,
    );
  }

  const keys = async () =>
    (await t.db.query<{ key: string }[]>(`SELECT key FROM idempotency_keys ORDER BY key`)).map((r) => r.key);
  const outbox = async () =>
    (await t.db.query<{ name: string }[]>(`SELECT name FROM outbox ORDER BY name`)).map((r) => r.name);

  it('a sweep job run by the workers deletes expired idempotency keys and week-old relayed outbox rows', async () => {
    await seed();
    const queue = t.app.get<Queue>(getQueueToken('schedule'), { strict: false });
    await queue.add('housekeeping.sweep', {});
    // The sweep clears one table after the other: wait for both.
    await eventually(t, async () => (await keys()).length === 1 && (await outbox()).length === 2);
    expect(await keys()).toEqual(['fresh']);
    expect(await outbox()).toEqual(['old-pending', 'recent-relayed']);
  });

  it('is safe to run again, or in two workers at once', async () => {
    const housekeeping = t.app.get(Housekeeping);
    const [first, second] = await Promise.all([housekeeping.sweep(), housekeeping.sweep()]);
    expect(first).toEqual({ idempotency_keys: 0, outbox: 0 });
    expect(second).toEqual({ idempotency_keys: 0, outbox: 0 });
    expect(await keys()).toEqual(['fresh']);
    expect(await outbox()).toEqual(['old-pending', 'recent-relayed']);
  });

  it('repeats hourly under one scheduler id, however many instances start', async () => {
    await t.sibling();
    const queue = t.app.get<Queue>(getQueueToken('schedule'), { strict: false });
    await eventually(t, async () => (await queue.getJobScheduler('housekeeping')) !== undefined);
    expect(await queue.getJobScheduler('housekeeping')).toMatchObject({
      name: 'housekeeping.sweep',
      every: 60 * 60_000,
    });
    expect(await queue.getJobSchedulersCount()).toBe(REPEATING_JOBS.length);
  });
});

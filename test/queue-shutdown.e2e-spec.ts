import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { WorkerHost } from '@nestjs/bullmq';
import { DiscoveryService } from '@nestjs/core';
import type { RedisClient, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { REDIS } from '../src/common/redis/redis.module.js';
import { ThrowawayRedis } from './support/redis-server.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Within SHUTDOWN_TIMEOUT_MS (10 s by default) with room to spare; a hung close never returns at all. */
const CLOSE_BOUND_MS = 5000;

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function workersOf(t: TestApp): Worker[] {
  return t.app
    .get(DiscoveryService)
    .getProviders()
    .flatMap((wrapper) => {
      const instance: unknown = wrapper.instance;
      return instance instanceof WorkerHost ? [instance.worker as Worker] : [];
    });
}

/**
 * A Redis failover, or a restart, seen from one process: the platform's own client is back while the
 * workers' blocking connections still wait out BullMQ's reconnection delay (1 s after a first failure, up
 * to 20 s after more). Here the server stays up and drops just those connections, so the state at shutdown
 * is the same every run.
 */
describe('stopping while queue connections wait to reconnect', () => {
  const redis = new ThrowawayRedis();
  let admin: Redis;

  beforeAll(async () => {
    await redis.start();
    admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    admin.disconnect();
    await redis.stop();
  });

  const clientList = async () =>
    String(await admin.call('CLIENT', 'LIST'))
      .trim()
      .split('\n');
  const blockedIds = async () =>
    (await clientList())
      .filter((line) => line.includes('cmd=bzpopmin'))
      .map((line) => /id=(\d+)/.exec(line)![1]!);

  /** Drops every worker's blocking connection on the server side and waits until each client is waiting. */
  async function dropBlockingConnections(t: TestApp, workers: Worker[]): Promise<RedisClient[]> {
    await eventually(async () => (await blockedIds()).length === workers.length);
    const blocking = await Promise.all(workers.map((worker) => worker.getBackend().blockingClient!));
    for (const id of await blockedIds()) await admin.call('CLIENT', 'KILL', 'ID', id);
    await eventually(() => blocking.every((client) => client.status === 'reconnecting'), 900);
    expect(t.app.get<Redis>(REDIS).status).toBe('ready');
    return blocking;
  }

  /** Closes the app, or says that it hung (a hung close never returns). */
  async function closeWithin(t: TestApp): Promise<'closed' | 'hung'> {
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      t.close().then(() => 'closed' as const),
      new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), CLOSE_BOUND_MS))),
    ]);
    clearTimeout(timer);
    return outcome;
  }

  it('closes the workers gracefully once their connections are asked to come back at once', async () => {
    const t = await createTestApp({ REDIS_URL: redis.url });
    const workers = workersOf(t);
    expect(workers.length).toBeGreaterThan(0);
    const closes = workers.map((worker) => jest.spyOn(worker, 'close'));
    await dropBlockingConnections(t, workers);

    expect(await closeWithin(t)).toBe('closed');
    // Graceful: running jobs would have been waited for.
    for (const close of closes) expect(close.mock.calls[0]).toEqual([false]);
    // Nothing of the app's is left connected, nor reconnects later.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await clientList()).toHaveLength(1);
  }, 60_000);

  it('forces the workers closed when their connections cannot come back, though the platform client is up', async () => {
    const t = await createTestApp({ REDIS_URL: redis.url });
    const workers = workersOf(t);
    const closes = workers.map((worker) => jest.spyOn(worker, 'close'));
    const connected = (await clientList()).length;
    // The server refuses new connections; those already open (the platform's client among them) stay.
    await admin.call('CONFIG', 'SET', 'maxclients', String(connected - workers.length));
    try {
      await dropBlockingConnections(t, workers);
      expect(await closeWithin(t)).toBe('closed');
    } finally {
      await admin.call('CONFIG', 'SET', 'maxclients', '10000');
    }
    for (const close of closes) expect(close.mock.calls[0]).toEqual([true]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await clientList()).toHaveLength(1);
  }, 60_000);
});

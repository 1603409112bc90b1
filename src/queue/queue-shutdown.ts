import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import type { Queue, RedisClient, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { InjectRedis } from '../common/redis/redis.module.js';
import { QUEUE_NAMES } from './jobs.js';

/** How long a connection waiting out its reconnection delay gets to come back at shutdown. */
const RECONNECT_AT_SHUTDOWN_MS = 2000;

/**
 * Lets a process stop after Redis outages, not only while Redis is up.
 *
 * A BullMQ worker closing gracefully disconnects its blocking connection and waits for ioredis's `end` event.
 * ioredis never emits it for a connection that is waiting out its reconnection delay (status
 * `reconnecting`: no socket to close; the pending reconnection is cancelled instead), so `close()` never
 * returns. Each BullMQ connection backs off on its own, up to 20 s: after an outage (a Redis failover, a
 * restart) the platform's own client is often back while a worker's connections still wait. So each
 * worker is judged by its own connections: any waiting one is asked to reconnect now; a worker whose
 * connections are all up is closed gracefully (running jobs finish), any other with `force` (there is
 * nothing to finish without Redis: its jobs are taken over once their locks lapse).
 */
@Injectable()
export class QueueShutdown implements OnModuleInit, BeforeApplicationShutdown {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly moduleRef: ModuleRef,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  onModuleInit(): void {
    // Producers report failures where they enqueue (the outbox relay retries); without a listener an
    // outage is an "Unhandled error event" per reconnection in the log.
    for (const queue of this.queues())
      if (queue.listenerCount('error') === 0) queue.on('error', () => undefined);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.workers();
    const queues = this.queues();
    // With Redis unreachable for the platform's own client too, trying again would only wait.
    if (this.redis.status === 'ready')
      await Promise.all([...workers, ...queues].map((owner) => reconnectWaiting(owner)));
    for (const queue of queues) {
      if (await connected(queue)) continue;
      // A producer's QUIT fails at once while its connection is down ("Stream isn't writeable"), and Nest
      // logs the failed hook as an error with its stack: close the queue here instead, where that is expected.
      Object.assign(queue, { onApplicationShutdown: () => queue.close().catch(() => undefined) });
    }
    // Closed here, before Nest's own hooks, which would close every worker gracefully; theirs then returns
    // this close.
    await Promise.all(
      workers.map(async (worker) => worker.close(!(await connected(worker))).catch(() => undefined)),
    );
  }

  private queues(): Queue[] {
    return QUEUE_NAMES.flatMap((name) => {
      try {
        return [this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })];
      } catch {
        return [];
      }
    });
  }

  private workers(): Worker[] {
    return this.discovery.getProviders().flatMap((wrapper): Worker[] => {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) return [];
      try {
        return [instance.worker as Worker];
      } catch {
        return []; // never started (the process stopped during start-up)
      }
    });
  }
}

/**
 * The Redis clients of a worker (its connection and its blocking one) or a queue; none when a connection has
 * not come up since the process started (BullMQ hands a client out only once it first connected).
 */
async function clientsOf(owner: Worker | Queue): Promise<RedisClient[]> {
  const backend = owner.getBackend();
  const clients = Promise.all([backend.client, ...(backend.blockingClient ? [backend.blockingClient] : [])]);
  const notYet = new Promise<RedisClient[]>((resolve) => setImmediate(() => resolve([])));
  return Promise.race([clients, notYet]).catch(() => []);
}

async function connected(owner: Worker | Queue): Promise<boolean> {
  const clients = await clientsOf(owner);
  return clients.length > 0 && clients.every((client) => client.status === 'ready');
}

/** Asks each of `owner`'s connections that waits out its reconnection delay to reconnect now. */
async function reconnectWaiting(owner: Worker | Queue): Promise<void> {
  const clients = await clientsOf(owner);
  await Promise.all(clients.map((client) => reconnectNow(client)));
}

/**
 * One attempt, now, for a client waiting out its reconnection delay (a client in any other state is left
 * alone): `disconnect()` cancels the scheduled reconnection (which would otherwise reopen the connection
 * after it was closed) and `connect()` tries at once. Being closed by hand, the client does not retry
 * again: it ends up ready or ended. Resolves then, or after RECONNECT_AT_SHUTDOWN_MS.
 */
async function reconnectNow(client: RedisClient): Promise<void> {
  if (client.status !== 'reconnecting') return;
  await new Promise<void>((resolve) => {
    const settle = (): void => {
      clearTimeout(timer);
      for (const event of SETTLED) client.off(event, settle);
      resolve();
    };
    const timer = setTimeout(settle, RECONNECT_AT_SHUTDOWN_MS);
    for (const event of SETTLED) client.once(event, settle);
    client.disconnect();
    client.connect().catch(() => undefined);
  });
}

const SETTLED = ['ready', 'end'] as const;

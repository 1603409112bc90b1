import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { InjectRedis } from '../common/redis/redis.module.js';
import { QUEUE_NAMES } from './jobs.js';

/**
 * Lets a process stop while Redis is away. A BullMQ worker closing normally first waits for its blocking
 * connection to disconnect, which waits for a connection that never came up: `close()` hangs for as long as
 * Redis is unreachable. When Redis is down at shutdown (there is nothing to finish: no job can be
 * completed without it), workers are closed with `force`, which skips the wait and drops their connections.
 * With Redis up, Nest's own hooks close them gracefully, waiting for running jobs.
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
    if (this.redis.status === 'ready') return;
    // A producer's QUIT fails at once while Redis is away ("Stream isn't writeable"), and Nest logs the
    // failed hook as an error with its stack: close the queues here instead, where the failure is expected.
    for (const queue of this.queues())
      Object.assign(queue, { onApplicationShutdown: () => queue.close().catch(() => undefined) });
    await Promise.all(this.workers().map((worker) => worker.close(true).catch(() => undefined)));
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

import { getQueueToken } from '@nestjs/bullmq';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { JobsOptions, Queue } from 'bullmq';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { type JobName, QUEUE_NAMES, type QueueName } from './jobs.js';
import { OUTBOX_CHANNEL } from './outbox.service.js';

interface PendingRow {
  id: string;
  queue: QueueName;
  name: JobName;
  payload: unknown;
  job_id: string | null;
  run_at: Date | null;
}

const BATCH = 500;
const MAX_BACKOFF_MS = 5000;

/** Retry policy per job: mail retries as configured, everything else five times with backoff. */
export function jobOptions(name: JobName, config: AppConfig): JobsOptions {
  const base: JobsOptions = {
    removeOnComplete: { age: 24 * 3600, count: 100_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
  if (name === 'notification.send') {
    return {
      ...base,
      attempts: config.MAIL_ATTEMPTS,
      backoff: { type: 'exponential', delay: config.MAIL_BACKOFF_MS },
    };
  }
  return { ...base, attempts: 5, backoff: { type: 'exponential', delay: 2000 } };
}

/**
 * Moves committed outbox rows to BullMQ. Any number of relays may run (one per process): rows are
 * claimed with `FOR UPDATE SKIP LOCKED`, and each job's BullMQ id is derived from its row so that a
 * relay dying between `add` and its commit can't enqueue a job twice. While Redis is down the rows
 * simply stay, and the relay tries again on its next tick.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  /** After a failed move (Redis away), ticks are skipped until then; doubles up to MAX_BACKOFF_MS. */
  private retryAt = 0;
  private backoffMs = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.OUTBOX_RELAY) return;
    for (const name of QUEUE_NAMES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      // Connection errors surface as failed moves (logged once per wake); without a listener ioredis
      // would print each reconnect attempt as an unhandled error.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.OUTBOX_POLL_MS);
    this.wake();
  }

  // Before the connection pools close, so no tick runs against a closed pool.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
  }

  /** Drains now (tests and the CLI call it to avoid waiting for a tick). */
  async flush(): Promise<void> {
    await this.running;
    this.retryAt = 0;
    await this.drain();
  }

  private wake(): void {
    if (this.stopped || Date.now() < this.retryAt) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.warn(`Outbox relay will retry: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const options = this.dataSource.options as { url?: string };
    const client = new pg.Client({ connectionString: options.url });
    client.on('error', () => {
      // The poll timer keeps the relay going; try to listen again shortly (unless shutting down).
      this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
    });
    client.on('notification', () => this.wake());
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.listener = client;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const batch: string[] = [];
      const moved = await this.moveBatch(batch).catch(async (error: unknown) => {
        // Recorded outside the failed transaction, on the rows this attempt tried, for whoever looks at a
        // stuck outbox; then wait a little longer before the next try while Redis stays away.
        this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 250), MAX_BACKOFF_MS);
        this.retryAt = Date.now() + this.backoffMs;
        if (batch.length) {
          await this.dataSource
            .query(
              `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`,
              [batch, String((error as Error).message).slice(0, 500)],
            )
            .catch(() => undefined);
        }
        throw error;
      });
      this.backoffMs = 0;
      this.retryAt = 0;
      if (moved < BATCH) return;
    }
  }

  /** Moves one batch; `attempted` receives the ids it claimed, for the failure record. */
  private moveBatch(attempted: string[]): Promise<number> {
    {
      return this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<PendingRow[]>(
          `SELECT id, queue, name, payload, job_id, run_at FROM outbox
            WHERE dispatched_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        );
        if (!rows.length) return 0;
        attempted.push(...rows.map((r) => r.id));
        const byQueue = new Map<QueueName, PendingRow[]>();
        for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
        await Promise.all(
          [...byQueue].map(([queue, queued]) =>
            this.queue(queue).addBulk(queued.map((row) => this.toJob(row))),
          ),
        );
        await manager.query(`UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::bigint[])`, [
          rows.map((r) => r.id),
        ]);
        return rows.length;
      });
    }
  }

  private queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    return queue;
  }

  private toJob(row: PendingRow): { name: string; data: unknown; opts: JobsOptions } {
    const delay = row.run_at ? Math.max(0, new Date(row.run_at).getTime() - Date.now()) : 0;
    return {
      name: row.name,
      data: row.payload,
      opts: {
        ...jobOptions(row.name, this.config),
        jobId: row.job_id ?? `outbox-${row.id}`,
        ...(delay ? { delay } : {}),
      },
    };
  }
}

import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { JOB_QUEUE, type JobName } from './jobs.js';

export interface RepeatingJob {
  /** One scheduler id for every process: BullMQ keeps a single repeating job however many workers start. */
  scheduler: string;
  name: JobName;
  everyMs: number;
}

/** The jobs that repeat on their own. Their payloads are empty: each run reads the current state. */
export const REPEATING_JOBS: readonly RepeatingJob[] = [
  // Safety net for reminders whose own delayed job was lost or is late.
  { scheduler: 'reminder-sweep', name: 'reminder.sweep', everyMs: 15 * 60_000 },
  { scheduler: 'housekeeping', name: 'housekeeping.sweep', everyMs: 60 * 60_000 },
];

const RETRY_MS = 30_000;

/**
 * Registers the repeating jobs where workers run. Upserting a job scheduler by a fixed id is idempotent,
 * so several workers (or restarts) never add a second one. While Redis is down it tries again.
 */
@Injectable()
export class RepeatingJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RepeatingJobs.name);
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly moduleRef: ModuleRef) {}

  onApplicationBootstrap(): void {
    void this.register();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private async register(): Promise<void> {
    if (this.stopped) return;
    try {
      for (const job of REPEATING_JOBS) {
        const queue = this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[job.name]), { strict: false });
        await queue.upsertJobScheduler(
          job.scheduler,
          { every: job.everyMs },
          {
            name: job.name,
            data: {},
            opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
          },
        );
      }
    } catch (error) {
      this.logger.warn(`Repeating jobs not scheduled yet, trying again: ${(error as Error).message}`);
      if (!this.stopped) this.retry = setTimeout(() => void this.register(), RETRY_MS).unref();
    }
  }
}

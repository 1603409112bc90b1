import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { JobDispatcher } from '../../../queue/job-dispatcher.js';
import { JOB_QUEUE } from '../../../queue/jobs.js';

/** One scheduler id for every process: BullMQ keeps a single repeating sweep however many workers start. */
export const REMINDER_SWEEP_SCHEDULER = 'reminder-sweep';
export const REMINDER_SWEEP_EVERY_MS = 15 * 60_000;
const RETRY_MS = 30_000;

/**
 * Registers the repeating `reminder.sweep` job where workers run. Upserting a job scheduler by a fixed id is
 * idempotent, so several workers (or restarts) never add a second sweep. While Redis is down it tries again.
 */
@Injectable()
export class ReminderSweepSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderSweepSchedule.name);
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly moduleRef: ModuleRef) {}

  onApplicationBootstrap(): void {
    if (!this.runsWorkers()) return;
    void this.register();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private async register(): Promise<void> {
    if (this.stopped) return;
    try {
      const queue = this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE['reminder.sweep']), { strict: false });
      await queue.upsertJobScheduler(
        REMINDER_SWEEP_SCHEDULER,
        { every: REMINDER_SWEEP_EVERY_MS },
        {
          name: 'reminder.sweep',
          data: {},
          opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
        },
      );
    } catch (error) {
      this.logger.warn(`Reminder sweep not scheduled yet, trying again: ${(error as Error).message}`);
      if (!this.stopped) this.retry = setTimeout(() => void this.register(), RETRY_MS).unref();
    }
  }

  /** Workers run here (the API by default, or the worker process) iff the job dispatcher exists. */
  private runsWorkers(): boolean {
    try {
      this.moduleRef.get(JobDispatcher, { strict: false });
      return true;
    } catch {
      return false;
    }
  }
}

import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type Type } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import type { Job } from 'bullmq';
import { JobDispatcher } from './job-dispatcher.js';
import { QUEUE_NAMES, type QueueName } from './jobs.js';
import { bullConnection } from './redis-connection.js';

const CONCURRENCY: Record<QueueName, number> = { notifications: 20, tally: 2, schedule: 5 };
/**
 * How often a job may be taken over from a worker that died holding it before BullMQ fails it. A mail job
 * whose worker was killed waits for the dead worker's claim on the mail to lapse, so it is active longer than
 * most and may be caught by the next crash too: give it room (its delivery is safe to take over, see
 * `Notifications.deliver`). Other queues keep BullMQ's default of one.
 */
const MAX_STALLED: Record<QueueName, number> = { notifications: 10, tally: 1, schedule: 1 };

/**
 * One BullMQ worker per queue; each hands its jobs to the dispatcher. Workers get a connection of their
 * own that queues commands while Redis is away (the producers' connection fails fast instead) and
 * reconnects forever.
 */
function processorFor(queue: QueueName, config: AppConfig): Type<WorkerHost> {
  @Processor(queue, {
    concurrency: CONCURRENCY[queue],
    lockDuration: config.QUEUE_LOCK_MS,
    stalledInterval: config.QUEUE_LOCK_MS,
    maxStalledCount: MAX_STALLED[queue],
    connection: bullConnection(config.REDIS_URL),
    prefix: config.REDIS_PREFIX,
  })
  class QueueProcessor extends WorkerHost {
    constructor(private readonly dispatcher: JobDispatcher) {
      super();
    }

    private readonly logger = new Logger(`${queue}-worker`);
    private lastWarning = 0;

    process(job: Job): Promise<void> {
      return this.dispatcher.dispatch(job);
    }

    /** Redis going away is expected (the worker reconnects): say so at most every 10 s. */
    @OnWorkerEvent('error')
    onError(error: Error): void {
      if (Date.now() - this.lastWarning < 10_000) return;
      this.lastWarning = Date.now();
      this.logger.warn(`Queue worker lost Redis, reconnecting: ${error.message}`);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', {
    value: `${queue[0]!.toUpperCase()}${queue.slice(1)}Processor`,
  });
  return QueueProcessor;
}

export function queueProcessors(config: AppConfig): Type<WorkerHost>[] {
  return QUEUE_NAMES.map((queue) => processorFor(queue, config));
}

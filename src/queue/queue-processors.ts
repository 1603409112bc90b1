import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type Type } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import type { Job } from 'bullmq';
import { JobDispatcher } from './job-dispatcher.js';
import { QUEUE_NAMES, type QueueName } from './jobs.js';
import { bullConnection } from './redis-connection.js';

const CONCURRENCY: Record<QueueName, number> = { notifications: 20, tally: 2, schedule: 5 };

/**
 * One BullMQ worker per queue; each hands its jobs to the dispatcher. Workers get a connection of their
 * own that queues commands while Redis is away (the producers' connection fails fast instead) and
 * reconnects forever.
 */
function processorFor(queue: QueueName, config: AppConfig): Type<WorkerHost> {
  @Processor(queue, {
    concurrency: CONCURRENCY[queue],
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

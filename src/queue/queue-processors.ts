import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Type } from '@nestjs/common';
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
  @Processor(queue, { concurrency: CONCURRENCY[queue], connection: bullConnection(config.REDIS_URL), prefix: config.REDIS_PREFIX })
  class QueueProcessor extends WorkerHost {
    constructor(private readonly dispatcher: JobDispatcher) {
      super();
    }

    process(job: Job): Promise<void> {
      return this.dispatcher.dispatch(job);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue[0]!.toUpperCase()}${queue.slice(1)}Processor` });
  return QueueProcessor;
}

export function queueProcessors(config: AppConfig): Type<WorkerHost>[] {
  return QUEUE_NAMES.map((queue) => processorFor(queue, config));
}

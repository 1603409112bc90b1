import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobDispatcher } from './job-dispatcher.js';
import { QUEUE_NAMES, type QueueName } from './jobs.js';

const CONCURRENCY: Record<QueueName, number> = { notifications: 20, tally: 2, schedule: 5 };

/** One BullMQ worker per queue; each hands its jobs to the dispatcher. */
function processorFor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, { concurrency: CONCURRENCY[queue] })
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

export const QUEUE_PROCESSORS = QUEUE_NAMES.map(processorFor);

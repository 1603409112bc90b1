import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_HANDLER_METADATA, type JobContext, type JobHandler } from './job-handler.js';
import { JOB_QUEUE, type JobName } from './jobs.js';

/** Routes a BullMQ job to the handler registered for its name; refuses to start when a job has none. */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const metatype = wrapper.metatype as object | null;
      const instance = wrapper.instance as unknown;
      if (!metatype || !instance) continue;
      const name = Reflect.getMetadata(JOB_HANDLER_METADATA, metatype) as JobName | undefined;
      if (!name) continue;
      if (this.handlers.has(name)) throw new Error(`Two handlers for job "${name}"`);
      this.handlers.set(name, instance as JobHandler<JobName>);
    }
    const missing = (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => !this.handlers.has(name));
    if (missing.length) throw new Error(`Jobs without a handler: ${missing.join(', ')}`);
  }

  async dispatch(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    const context: JobContext = {
      id: job.id ?? '',
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    };
    await handler.handle(job.data as never, context);
  }
}

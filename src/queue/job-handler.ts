import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from './jobs.js';

export const JOB_HANDLER_METADATA = 'magistral:job-handler';

export interface JobContext {
  id: string;
  attempt: number;
  /** Attempts this job may make in all; the last one may record a final failure. */
  maxAttempts: number;
}

/** Handles one job type. Keep it thin: read ids from the payload and call a service that is tested on its own. */
export interface JobHandler<N extends JobName> {
  handle(payload: JobPayloads[N], context: JobContext): Promise<void>;
}

/** Marks a provider as the handler of a job name; `JobDispatcher` finds it at start-up. */
export const HandlesJob = (name: JobName): ClassDecorator => SetMetadata(JOB_HANDLER_METADATA, name);

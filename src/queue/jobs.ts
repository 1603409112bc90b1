/**
 * Every background job: its name, the queue it runs on and its payload. Producers (through the outbox)
 * and handlers share this map, so a payload can't drift from what its handler expects. Payloads carry
 * ids, never entities: a job reads the current state when it runs.
 */
export interface JobPayloads {
  /** Deliver one notification row by mail. */
  'notification.send': { notificationId: string };
}

export type JobName = keyof JobPayloads;

export const QUEUE_NAMES = ['notifications', 'tally', 'schedule'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  'notification.send': 'notifications',
};

export interface JobRequest<N extends JobName = JobName> {
  name: N;
  payload: JobPayloads[N];
  /** Run no earlier than this (embargoes, reminders). */
  runAt?: Date;
  /**
   * A stable id for jobs that must exist once per thing (e.g. one publication job per edition); BullMQ
   * ignores a second job with the same id while the first is kept.
   */
  jobId?: string;
}

export function jobRequest<N extends JobName>(name: N, payload: JobPayloads[N], options: Omit<JobRequest<N>, 'name' | 'payload'> = {}): JobRequest<N> {
  return { name, payload, ...options };
}

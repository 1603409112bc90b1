/**
 * Every background job: its name, the queue it runs on and its payload. Producers (through the outbox)
 * and handlers share this map, so a payload can't drift from what its handler expects. Payloads carry
 * ids, never entities: a job reads the current state when it runs.
 */
export interface JobPayloads {
  /** Deliver one notification row by mail. */
  'notification.send': { notificationId: string };
  /** Remind the jurors behind in a round; stale (does nothing) once the round closes or `closesAt` (ISO) changes. */
  'reminder.round': { roundId: string; slot: 'lead' | 'day'; closesAt: string };
  /** Safety net, repeated every few minutes: sends every due reminder not sent yet. */
  'reminder.sweep': Record<string, never>;
  /** Repeated hourly: deletes what has outlived its use (expired idempotency keys, relayed outbox rows). */
  'housekeeping.sweep': Record<string, never>;
  /** Tally one category of a closed round (one `tally_runs` row); idempotent per inputs digest. */
  'tally.category': { roundId: string; categoryId: string; runId: string };
  /** Release an edition's results scheduled for `releaseAt` (ISO); a rescheduled publication ignores it. */
  'publication.release': { editionId: string; publicationId: string; releaseAt: string };
}

export type JobName = keyof JobPayloads;

export const QUEUE_NAMES = ['notifications', 'tally', 'schedule'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  'notification.send': 'notifications',
  'reminder.round': 'schedule',
  'reminder.sweep': 'schedule',
  'housekeeping.sweep': 'schedule',
  'tally.category': 'tally',
  'publication.release': 'schedule',
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

export function jobRequest<N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  options: Omit<JobRequest<N>, 'name' | 'payload'> = {},
): JobRequest<N> {
  return { name, payload, ...options };
}

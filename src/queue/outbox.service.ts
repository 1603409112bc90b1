import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JOB_QUEUE, type JobName, type JobRequest } from './jobs.js';

export const OUTBOX_CHANNEL = 'magistral_outbox';

/**
 * The only way to start a job: write it to the outbox inside the caller's transaction. The relay moves
 * it to BullMQ after commit, so a rolled-back transaction starts nothing and a Redis outage loses nothing.
 */
@Injectable()
export class Outbox {
  async enqueue(manager: EntityManager, ...jobs: JobRequest<JobName>[]): Promise<void> {
    if (!jobs.length) return;
    const values: unknown[] = [];
    const rows = jobs.map((job, i) => {
      values.push(
        JOB_QUEUE[job.name],
        job.name,
        JSON.stringify(job.payload),
        job.jobId ?? null,
        job.runAt ?? null,
      );
      const o = i * 5;
      return `($${o + 1}, $${o + 2}, $${o + 3}::jsonb, $${o + 4}, $${o + 5}::timestamptz)`;
    });
    await manager.query(
      `INSERT INTO outbox (queue, name, payload, job_id, run_at) VALUES ${rows.join(', ')}`,
      values,
    );
    // Delivered by PostgreSQL only when (and if) the transaction commits: the relay wakes at once.
    await manager.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IDEMPOTENCY_KEY_RETENTION } from '../../common/http/idempotency.js';

/** How long relayed outbox rows stay, for looking into what was sent when. */
export const OUTBOX_RETENTION = '7 days';

/**
 * The platform's technical tables that only grow, with what each keeps; anything else goes. Records that
 * tell the award's story (audit log, notifications, scorecards, snapshots) are never swept.
 */
const SWEEPS = [
  {
    table: 'idempotency_keys',
    condition: `created_at < now() - interval '${IDEMPOTENCY_KEY_RETENTION}'`,
  },
  // Rows not yet relayed stay whatever their age: they are jobs still to run.
  { table: 'outbox', condition: `dispatched_at < now() - interval '${OUTBOX_RETENTION}'` },
] as const;

const BATCH = 10_000;

/**
 * Deletes what has outlived its use, in batches so no statement holds many row locks for long. Safe to
 * run twice or in two workers at once: each run deletes what is expired when it runs.
 */
@Injectable()
export class Housekeeping {
  private readonly logger = new Logger(Housekeeping.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Rows deleted per table. */
  async sweep(): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const { table, condition } of SWEEPS) {
      deleted[table] = 0;
      for (;;) {
        const [{ n }] = await this.dataSource.query<[{ n: number }]>(
          `WITH gone AS (
             DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE ${condition} LIMIT ${BATCH})
             RETURNING 1)
           SELECT count(*)::int AS n FROM gone`,
        );
        deleted[table] += n;
        if (n < BATCH) break;
      }
      if (deleted[table]) this.logger.log(`Housekeeping deleted ${deleted[table]} rows of ${table}`);
    }
    return deleted;
  }
}

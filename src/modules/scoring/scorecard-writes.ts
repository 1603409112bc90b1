import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { auditInsertSql, type AuditRowValues } from '../audit/audit.service.js';
import type { ScorecardStatus } from './entities/scorecard.entity.js';
import { runPrepared } from '../../database/prepared-statements.js';
import { writeRefusalSql } from './scorecard-rules.js';

/** One scorecard write and its audit entry, as the service has checked and prepared them. */
export interface ScorecardWrite {
  roundId: string;
  nominationId: string;
  jurorId: string;
  /** The scorecard's id: its current id when it exists, a new one otherwise. */
  id: string;
  status: ScorecardStatus;
  scores: Record<string, number>;
  comment: string | null;
  submittedAt: Date | null;
  /** The version this write replaces; 0 when there is no scorecard yet. */
  replaces: number;
  /** The moment the judging window is checked against (the platform's clock). */
  checkedAt: Date;
  audit: AuditRowValues;
}

/** What a write that landed returns. */
export interface WrittenScorecard {
  version: number;
  updatedAt: Date;
}

/**
 * The writes of one batch and their audit entries in one statement, which also re-checks, row by row,
 * everything that allows them: scoring's write rule (`writeRefusalSql`: the assignment stands, the round is
 * open, the edition is judging and the write's clock inside its window, the juror has confirmed their
 * conflicts), and the round still open under its row's share lock (view `open_rounds`), so closing the
 * round waits for writes in flight and no write lands after it.
 * The version check sits in the upsert's own WHERE, with the row's id, so a write that lost a race writes
 * nothing; an audit row exists only for a scorecard row the upsert returned. Rows are upserted in key order,
 * so two batches can never wait on each other in opposite orders. A row missing from the answer means
 * "something changed": its caller looks up what.
 *
 * The rule is looked up row by row (`OFFSET 0` keeps the lateral subquery from being flattened): joined as
 * a whole, the planner may hash every standing assignment of the edition to check one batch.
 *
 * A new scorecard is inserted at version `replaces + 1` (1 for a first save); an existing one moves from
 * `replaces` to `replaces + 1`, which the upsert checks as `EXCLUDED.version - 1`.
 */
const WRITE_BATCH_SQL = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
      id uuid, round_id uuid, nomination_id uuid, juror_id uuid, status text, scores jsonb, comment text,
      submitted_at timestamptz, replaces int, checked_at timestamptz,
      occurred_at timestamptz, action text, edition_id uuid, data text, content_hash text)
  ), allowed AS (
    SELECT i.* FROM input i
      JOIN open_rounds o ON o.id = i.round_id
     CROSS JOIN LATERAL (
       SELECT ${writeRefusalSql('ja', 'i.checked_at')} AS refusal FROM judging_assignments ja
        WHERE ja.round_id = i.round_id AND ja.nomination_id = i.nomination_id AND ja.juror_id = i.juror_id
       OFFSET 0) w
     WHERE w.refusal IS NULL
       FOR SHARE OF o
  ), written AS (
    INSERT INTO scorecards AS s (id, round_id, nomination_id, juror_id, status, scores, comment, submitted_at, version)
    SELECT id, round_id, nomination_id, juror_id, status, scores, comment, submitted_at, replaces + 1
      FROM allowed ORDER BY round_id, nomination_id, juror_id
    ON CONFLICT ON CONSTRAINT uq_scorecards_round_nomination_juror DO UPDATE
       SET status = EXCLUDED.status, scores = EXCLUDED.scores, comment = EXCLUDED.comment,
           submitted_at = EXCLUDED.submitted_at, version = EXCLUDED.version, updated_at = now()
     WHERE s.id = EXCLUDED.id AND s.version = EXCLUDED.version - 1
    RETURNING s.id, s.version, s.updated_at
  ), audited AS (
    ${auditInsertSql(`SELECT a.occurred_at, a.juror_id, a.action, 'scorecard', a.id::text, a.edition_id, a.data::jsonb, a.content_hash
      FROM written w JOIN allowed a ON a.id = w.id`)}
  )
  SELECT id, version, updated_at AS "updatedAt" FROM written`;

/** At most this many writes go in one statement. */
const MAX_BATCH = 100;

interface Pending {
  write: ScorecardWrite;
  key: string;
  resolve: (written: WrittenScorecard | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Scorecard writes, grouped: writes that arrive while earlier ones are with the database leave together,
 * as one statement and one commit, instead of one each. Nothing waits for a batch to fill: with fewer than
 * `parallel` statements in flight a write leaves on the next turn of the event loop, alone if need be; only
 * a busy database makes batches grow. Each write keeps its own checks and outcome, and two writes of the
 * same scorecard never share a batch or run at once (the later one waits for the earlier one's answer).
 * Correctness does not depend on the grouping: every row is checked by the statement, so several
 * instances each batching their own writes are as safe as one.
 */
@Injectable()
export class ScorecardWrites {
  private readonly queue: Pending[] = [];
  private readonly busy = new Set<string>();
  private readonly parallel: number;
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    // Leave half the pool to the reads and to every other route.
    this.parallel = Math.max(1, Math.floor(config.DATABASE_POOL_SIZE / 2));
  }

  /** Writes one scorecard; null when the statement wrote nothing (a lost race, or the write is no longer allowed). */
  write(write: ScorecardWrite): Promise<WrittenScorecard | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        write,
        key: `${write.roundId}:${write.nominationId}:${write.jurorId}`,
        resolve,
        reject,
      });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.parallel || !this.queue.length) return;
    this.scheduled = true;
    // Writes whose requests were read in the same turn of the event loop leave together.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.parallel) {
      const batch = this.take();
      if (!batch.length) return;
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        for (const pending of batch) this.busy.delete(pending.key);
        this.schedule();
      });
    }
  }

  /** The oldest waiting writes, one per scorecard and none of a scorecard already being written. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    for (let i = 0; i < this.queue.length && batch.length < MAX_BATCH;) {
      const pending = this.queue[i]!;
      if (this.busy.has(pending.key)) {
        i++;
        continue;
      }
      this.busy.add(pending.key);
      batch.push(pending);
      this.queue.splice(i, 1);
    }
    return batch;
  }

  /** Runs a batch; when it fails as a whole, each write is tried alone so one bad row fails only itself. */
  private async send(batch: Pending[]): Promise<void> {
    let rows: (WrittenScorecard & { id: string })[];
    try {
      rows = await this.run(batch.map((p) => p.write));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(batch.map((pending) => this.send([pending])));
      return;
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const pending of batch) {
      const row = byId.get(pending.write.id);
      pending.resolve(row ? { version: row.version, updatedAt: row.updatedAt } : null);
    }
  }

  private run(writes: ScorecardWrite[]): Promise<(WrittenScorecard & { id: string })[]> {
    const input = writes.map((w) => ({
      id: w.id,
      round_id: w.roundId,
      nomination_id: w.nominationId,
      juror_id: w.jurorId,
      status: w.status,
      scores: w.scores,
      comment: w.comment,
      submitted_at: w.submittedAt,
      replaces: w.replaces,
      checked_at: w.checkedAt,
      occurred_at: w.audit.occurredAt,
      action: w.audit.action,
      edition_id: w.audit.editionId,
      data: w.audit.data,
      content_hash: w.audit.contentHash,
    }));
    return runPrepared(this.dataSource, 'scorecards.write', WRITE_BATCH_SQL, [JSON.stringify(input)]);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { first } from '../../common/checked-index.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../database/transaction.js';
import type { JobContext } from '../../queue/job-handler.js';
import { jobRequest, type JobPayloads } from '../../queue/jobs.js';
import { Outbox } from '../../queue/outbox.service.js';
import { AuditLog, type AuditRecord } from '../audit/audit.service.js';
import { assertPhase } from '../editions/edition-rules.js';
import type { Phase } from '../editions/edition.queries.js';
import { tally, TallyInputError, type TallyInput, type TallyResult } from './arithmetic/tally.js';
import { analyseCategory } from './analytics/analysis.js';
import { publishedInput } from './analytics/published-input.js';
import { JurorPseudonyms } from './juror-pseudonyms.js';
import { publishedStatistics } from './published-statistics.js';
import { inputsDigest } from './inputs-digest.js';
import { movePhase } from '../editions/edition-phase.js';
import { categoriesOf, publishesJuryStatistics } from '../editions/edition.queries.js';
import { closeRound, findRound, lockRoundAndEdition, type RoundRow } from '../jury/round-state.js';
import { assertConflictsDecided, TallyInputs } from './tally-inputs.js';
import { RoundErrors } from '../jury/jury.errors.js';
import { TallyErrors } from './tally.errors.js';

export interface TallyJobView {
  /** The BullMQ job id. */
  jobId: string;
  runId: string;
  categoryId: string;
  categoryCode: string;
}

export interface TallyRequested {
  roundId: string;
  roundStatus: 'closed';
  closedAt: Date;
  editionPhase: Phase;
  jobs: TallyJobView[];
}

export interface StoredSnapshot {
  snapshotId: string;
  inputsDigest: string;
  /** False when a snapshot of the same inputs already existed. */
  created: boolean;
  scorecards: number;
}

interface ClaimedRun {
  id: string;
  round_id: string;
  category_id: string;
  edition_id: string;
  status: string;
}

const MAX_ERROR = 2000;

/**
 * Closing rounds and tallying them. Tallies run as `tally.category` jobs, one per category, each tracked by
 * a `tally_runs` row and producing an immutable snapshot per distinct input.
 */
@Injectable()
export class TallyService {
  private readonly logger = new Logger(TallyService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly inputs: TallyInputs,
    private readonly pseudonyms: JurorPseudonyms,
  ) {}

  /**
   * Closes an open round (its scorecards freeze: the jury module refuses writes to a closed round) and, in
   * the same transaction, asks for a tally of every category. An edition in `judging` moves to `tallying`.
   */
  closeRound(caller: Caller, roundId: string): Promise<TallyRequested> {
    return this.transactions.run(async (manager) => {
      const { round, edition } = await lockRoundAndEdition(manager, roundId);
      if (round.status === 'closed')
        throw new DomainError(RoundErrors.closed, undefined, { roundStatus: round.status });
      assertPhase(edition, 'judging', 'tallying');
      const closedAt = this.clock.now();
      await closeRound(manager, round.id, closedAt);
      const records: AuditRecord[] = [
        {
          action: 'rounds.closed',
          entityType: 'round',
          entityId: round.id,
          editionId: round.editionId,
          actorId: caller.userId,
          data: { number: round.number, closedAt: closedAt.toISOString() },
        },
      ];
      let phase = edition.phase;
      if (phase === 'judging') {
        await movePhase(manager, edition, 'tallying', 'round_closed');
        records.push({
          action: 'editions.phase_changed',
          entityType: 'edition',
          entityId: edition.id,
          editionId: edition.id,
          actorId: caller.userId,
          data: { from: phase, to: 'tallying', reason: 'round_closed', roundId: round.id },
        });
        phase = 'tallying';
      }
      await this.audit.appendMany(manager, records);
      const jobs = await this.requestRuns(manager, caller, round, 'round_closed');
      return { roundId: round.id, roundStatus: 'closed', closedAt, editionPhase: phase, jobs };
    });
  }

  /** Tallies a closed round again (after a conflict or eligibility correction, or a failed run). */
  requestTally(caller: Caller, roundId: string): Promise<TallyRequested> {
    return this.transactions.run(async (manager) => {
      const { round, edition } = await lockRoundAndEdition(manager, roundId);
      if (round.status !== 'closed')
        throw new DomainError(TallyErrors.roundOpen, undefined, { roundStatus: round.status });
      await assertConflictsDecided(manager, round.editionId);
      const jobs = await this.requestRuns(manager, caller, round, 'on_demand');
      return {
        roundId: round.id,
        roundStatus: 'closed',
        closedAt: round.closedAt!,
        editionPhase: edition.phase,
        jobs,
      };
    });
  }

  private async requestRuns(
    manager: EntityManager,
    caller: Caller,
    round: RoundRow,
    reason: 'round_closed' | 'on_demand',
  ): Promise<TallyJobView[]> {
    const categories = await categoriesOf(manager, round.editionId);
    if (!categories.length) return [];
    const runs = await manager.query<{ id: string; category_id: string }[]>(
      `INSERT INTO tally_runs (round_id, category_id, edition_id, requested_by, requested_at)
       SELECT $1, c.id, $2, $3, $4 FROM unnest($5::uuid[]) WITH ORDINALITY AS c(id, position)
       ORDER BY c.position
       RETURNING id, category_id`,
      [round.id, round.editionId, caller.userId, this.clock.now(), categories.map((c) => c.id)],
    );
    const codes = new Map(categories.map((c) => [c.id, c.code]));
    const jobs = runs.map((run) => ({
      jobId: `tally-${run.id}`,
      runId: run.id,
      categoryId: run.category_id,
      categoryCode: codes.get(run.category_id)!,
    }));
    await this.outbox.enqueue(
      manager,
      ...jobs.map((job) =>
        jobRequest(
          'tally.category',
          { roundId: round.id, categoryId: job.categoryId, runId: job.runId },
          { jobId: job.jobId },
        ),
      ),
    );
    await this.audit.append(manager, {
      action: 'tally.requested',
      entityType: 'round',
      entityId: round.id,
      editionId: round.editionId,
      actorId: caller.userId,
      data: { reason, runs: jobs.map(({ runId, categoryId }) => ({ runId, categoryId })) },
    });
    return jobs;
  }

  /**
   * The `tally.category` job. Safe to run any number of times, also at once: the run row is the lock (a
   * duplicate waits, then finds it succeeded), and a snapshot exists once per inputs digest (a crash before
   * commit leaves nothing; the retry computes again). An input the rules can't tally fails the run for good,
   * with its error; anything else is retried with backoff and recorded on the run meanwhile.
   */
  async runJob(payload: JobPayloads['tally.category'], context: JobContext): Promise<void> {
    const [claimed] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE tally_runs SET status = 'running', attempts = attempts + 1, started_at = now(), finished_at = NULL
        WHERE id = $1 AND status <> 'succeeded' RETURNING id`,
      [payload.runId],
    );
    if (!claimed.length) return; // already done (a duplicate delivery), or the round is gone
    try {
      await this.tallyRun(payload.runId);
    } catch (error) {
      // Retrying cannot settle a conflict awaiting an organiser: the run fails with the reason, and the
      // organiser asks for a tally again after deciding.
      const settled = error instanceof TallyInputError || awaitsDecision(error);
      const final = settled || context.attempt >= context.maxAttempts;
      await this.recordFailure(payload.runId, error, final);
      if (!settled) throw error;
    }
  }

  /** Computes one run's snapshot and marks it succeeded, all in one transaction. */
  private tallyRun(runId: string): Promise<StoredSnapshot | null> {
    return this.transactions.run(async (manager) => {
      const [run] = await manager.query<ClaimedRun[]>(
        `SELECT id, round_id, category_id, edition_id, status FROM tally_runs WHERE id = $1 FOR UPDATE`,
        [runId],
      );
      if (!run || run.status === 'succeeded') return null;
      const round = await findRound(manager, run.round_id);
      const stored = await this.computeSnapshot(manager, round, run.category_id);
      await manager.query(
        `UPDATE tally_runs SET status = 'succeeded', snapshot_id = $2, error = NULL, finished_at = now() WHERE id = $1`,
        [run.id, stored.snapshotId],
      );
      await this.audit.append(manager, {
        action: 'tally.computed',
        entityType: 'tally_snapshot',
        entityId: stored.snapshotId,
        editionId: run.edition_id,
        data: {
          runId: run.id,
          roundId: run.round_id,
          categoryId: run.category_id,
          inputsDigest: stored.inputsDigest,
          scorecards: stored.scorecards,
          created: stored.created,
        },
      });
      return stored;
    });
  }

  /**
   * Reads the counted scorecards, tallies them and stores the snapshot, unless one of the same inputs
   * exists. What the job does between start and commit; the benchmark times it.
   */
  async computeSnapshot(
    manager: EntityManager,
    round: RoundRow,
    categoryId: string,
  ): Promise<StoredSnapshot> {
    const { input } = await this.inputs.load(manager, round, categoryId);
    const digest = inputsDigest(input);
    const [existing] = await manager.query<{ id: string }[]>(
      `SELECT id FROM tally_snapshots WHERE round_id = $1 AND category_id = $2 AND inputs_digest = $3`,
      [round.id, categoryId, digest],
    );
    if (existing) {
      // A snapshot from before jury analytics (or its stored statistics) existed gets them now; a later run
      // finds them.
      await this.storeAnalysis(manager, round, existing.id, input, digest);
      return {
        snapshotId: existing.id,
        inputsDigest: digest,
        created: false,
        scorecards: input.scorecards.length,
      };
    }
    const result = tally(input);
    const stored = await this.storeSnapshot(
      manager,
      round,
      categoryId,
      digest,
      result,
      input.scorecards.length,
    );
    await this.storeAnalysis(manager, round, stored.snapshotId, input, digest, result);
    return stored;
  }

  /**
   * The jury analysis of a snapshot and, where the edition publishes them, the jury statistics its manifest
   * will state, computed once: a snapshot that has them keeps them (the same inputs give the same figures),
   * and of two concurrent runs the second writes nothing. The rule is fixed once judging opens, so it is the
   * one the results are published under.
   */
  private async storeAnalysis(
    manager: EntityManager,
    round: RoundRow,
    snapshotId: string,
    input: TallyInput,
    digest: string,
    computed?: TallyResult,
  ): Promise<void> {
    const [stored] = await manager.query<
      { result: TallyResult | null; analysed: boolean; stated: boolean }[]
    >(
      `SELECT CASE WHEN $2 AND a.snapshot_id IS NULL THEN s.result END AS result,
              a.snapshot_id IS NOT NULL AS analysed, a.jury_statistics IS NOT NULL AS stated
         FROM tally_snapshots s LEFT JOIN tally_analyses a ON a.snapshot_id = s.id
        WHERE s.id = $1`,
      [snapshotId, computed === undefined],
    );
    if (!stored || (stored.analysed && stored.stated)) return;
    const statistics =
      !stored.stated && (await publishesJuryStatistics(manager, round.editionId))
        ? publishedStatistics(
            publishedInput(input, await this.pseudonyms.forEdition(manager, round.editionId)),
          )
        : null;
    if (stored.analysed) {
      if (statistics)
        await manager.query(
          `UPDATE tally_analyses SET jury_statistics = $2::jsonb
            WHERE snapshot_id = $1 AND jury_statistics IS NULL`,
          [snapshotId, JSON.stringify(statistics)],
        );
      return;
    }
    const result = computed ?? stored.result;
    if (!result) return;
    const analysis = analyseCategory(input, result, digest);
    await manager.query(
      `INSERT INTO tally_analyses (snapshot_id, analysis, jury_statistics) VALUES ($1, $2::jsonb, $3::jsonb)
       ON CONFLICT (snapshot_id) DO NOTHING`,
      [snapshotId, JSON.stringify(analysis), statistics && JSON.stringify(statistics)],
    );
  }

  private async storeSnapshot(
    manager: EntityManager,
    round: RoundRow,
    categoryId: string,
    digest: string,
    result: TallyResult,
    scorecards: number,
  ): Promise<StoredSnapshot> {
    // A concurrent run of the same inputs may have committed meanwhile: then its snapshot is this one.
    const [inserted] = await manager.query<{ id: string }[]>(
      `INSERT INTO tally_snapshots (round_id, category_id, edition_id, inputs_digest, algorithm, scorecards, result)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
       ON CONFLICT ON CONSTRAINT uq_tally_snapshots_inputs DO NOTHING RETURNING id`,
      [round.id, categoryId, round.editionId, digest, result.algorithm, scorecards, JSON.stringify(result)],
    );
    if (inserted) return { snapshotId: inserted.id, inputsDigest: digest, created: true, scorecards };
    // The conflicting row that stopped the insert.
    const existing = first(
      await manager.query<{ id: string }[]>(
        `SELECT id FROM tally_snapshots WHERE round_id = $1 AND category_id = $2 AND inputs_digest = $3`,
        [round.id, categoryId, digest],
      ),
    );
    return { snapshotId: existing.id, inputsDigest: digest, created: false, scorecards };
  }

  private async recordFailure(runId: string, error: unknown, final: boolean): Promise<void> {
    const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(
      0,
      MAX_ERROR,
    );
    this.logger.warn(`Tally run ${runId} failed${final ? '' : ' (will retry)'}: ${message}`);
    await this.transactions
      .run(async (manager) => {
        const [rows] = await manager.query<
          [{ edition_id: string; round_id: string; category_id: string }[], number]
        >(
          `UPDATE tally_runs SET status = $2, error = $3, finished_at = CASE WHEN $2 = 'failed' THEN now() END
            WHERE id = $1 AND status <> 'succeeded' RETURNING edition_id, round_id, category_id`,
          [runId, final ? 'failed' : 'requested', message],
        );
        const run = rows[0];
        if (final && run) {
          await this.audit.append(manager, {
            action: 'tally.failed',
            entityType: 'tally_run',
            entityId: runId,
            editionId: run.edition_id,
            data: { roundId: run.round_id, categoryId: run.category_id, error: message },
          });
        }
      })
      .catch((recording: unknown) =>
        this.logger.error(
          `Could not record the failure of tally run ${runId}: ${(recording as Error).message}`,
        ),
      );
  }
}

function awaitsDecision(error: unknown): boolean {
  return error instanceof DomainError && error.definition === TallyErrors.conflictsAwaitingDecision;
}

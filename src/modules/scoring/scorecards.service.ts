import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { BoundedCache } from '../../common/bounded-cache.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { type ExpectedVersions, isFresh, staleVersion } from '../../common/http/etag.js';
import type { FieldProblem } from '../../common/http/validation.pipe.js';
import { auditRowValues } from '../audit/audit.service.js';
import { assertPhase } from '../editions/edition-rules.js';
import type { Phase } from '../editions/edition.queries.js';
import { ConflictErrors, RoundErrors } from '../jury/jury.errors.js';
import { NominationErrors } from '../nominations/nominations.errors.js';
import type { ScorecardStatus } from './entities/scorecard.entity.js';
import { runPrepared } from '../../database/prepared-statements.js';
import { ScorecardWrites } from './scorecard-writes.js';
import { type ScaleOf, scoreProblems, type WriteRefusal, writeRefusalSql } from './scorecard-rules.js';
import { ScoringErrors } from './scoring.errors.js';

export interface ScorecardView {
  roundId: string;
  nominationId: string;
  status: ScorecardStatus;
  scores: Record<string, number>;
  comment: string | null;
  /** 0 until the first save; also sent as the `ETag`. */
  version: number;
  submittedAt: string | null;
  updatedAt: string | null;
}

/** A scorecard at one version. A version's content never changes, so knowing it is never wrong, only possibly old. */
interface KnownScorecard {
  id: string;
  version: number;
  status: ScorecardStatus;
  scores: Record<string, number>;
  comment: string | null;
}

/** What one lookup tells about the caller's scorecard: may they write it, against which criteria, and what it holds now. */
interface ScorecardContext {
  editionId: string;
  phase: Phase;
  judgingOpenAt: Date;
  judgingCloseAt: Date;
  /** Why the caller may not write it at the lookup's clock (scoring's rule, in SQL), or null. */
  refusal: WriteRefusal | null;
  criteria: ScaleOf[];
  id: string | null;
  status: ScorecardStatus | null;
  scores: Record<string, number> | null;
  comment: string | null;
  version: number | null;
  submittedAt: Date | null;
  updatedAt: Date | null;
}

interface Content {
  status: ScorecardStatus;
  scores: Record<string, number>;
  comment: string | null;
}

type Change = (current: KnownScorecard | null) => { scores: Record<string, unknown>; comment: string | null };

/** Writes without `If-Match` that lose a race are re-read and retried this often before giving up with 409. */
const ATTEMPTS = 3;

/**
 * One lookup: the caller's standing assignment (none: 404) from the jury's view `judging_assignments`,
 * scoring's write rule applied to it at the platform's clock (`writeRefusalSql`, the statement the batched
 * write checks too), the category's scales and the current scorecard, in one round trip.
 */
const CONTEXT_SQL = `
  SELECT ja.edition_id AS "editionId", ja.phase,
         ja.judging_open_at AS "judgingOpenAt", ja.judging_close_at AS "judgingCloseAt",
         ${writeRefusalSql('ja', '$4::timestamptz')} AS refusal, ja.scales AS criteria,
         s.id, s.status, s.scores, s.comment, s.version, s.submitted_at AS "submittedAt", s.updated_at AS "updatedAt"
    FROM judging_assignments ja
    LEFT JOIN scorecards s ON s.round_id = ja.round_id AND s.nomination_id = ja.nomination_id AND s.juror_id = ja.juror_id
   WHERE ja.round_id = $1 AND ja.nomination_id = $2 AND ja.juror_id = $3`;

@Injectable()
export class ScorecardsService {
  /**
   * A category's scales by nomination, learned from a lookup made while its edition was judging: criteria
   * are frozen from then on (SPEC: editable until judging opens, never after), so this never goes stale.
   */
  private readonly scales = new BoundedCache<string, { editionId: string; criteria: ScaleOf[] }>(5_000);
  /** The last version of each scorecard this process read or wrote: what the next save most likely replaces. */
  private readonly known = new BoundedCache<string, KnownScorecard>(10_000);

  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: ScorecardWrites,
    private readonly clock: Clock,
  ) {}

  /** The caller's scorecard; an empty draft at version 0 until they first save. */
  async read(caller: Caller, roundId: string, nominationId: string): Promise<ScorecardView> {
    const context = await this.context(caller, roundId, nominationId);
    return view(roundId, nominationId, context);
  }

  /** Saves a draft (partial scores allowed). A submitted scorecard saved again is a draft until submitted again. */
  async save(
    caller: Caller,
    roundId: string,
    nominationId: string,
    body: { scores: Record<string, unknown>; comment?: string | null },
    expected: ExpectedVersions,
  ): Promise<ScorecardView> {
    return this.write(caller, roundId, nominationId, expected, false, () => ({
      scores: body.scores,
      comment: body.comment ?? null,
    }));
  }

  /** Submits with every criterion scored: the body's scores and comment, or else those of the saved draft. */
  async submit(
    caller: Caller,
    roundId: string,
    nominationId: string,
    body: { scores?: Record<string, unknown>; comment?: string | null },
    expected: ExpectedVersions,
  ): Promise<ScorecardView> {
    return this.write(caller, roundId, nominationId, expected, true, (current) => ({
      scores: body.scores ?? current?.scores ?? {},
      comment: body.comment === undefined ? (current?.comment ?? null) : body.comment,
    }));
  }

  private async write(
    caller: Caller,
    roundId: string,
    nominationId: string,
    expected: ExpectedVersions,
    submit: boolean,
    change: Change,
  ): Promise<ScorecardView> {
    const fast = await this.writeFromMemory(caller, roundId, nominationId, expected, submit, change);
    if (fast) return fast;
    for (let attempt = 1; ; attempt++) {
      const context = await this.context(caller, roundId, nominationId);
      assertWritable(context);
      const current = known(context);
      const version = current?.version ?? 0;
      if (!isFresh(expected, version)) throw staleVersion(version, 'scorecard');
      const wanted = change(current);
      const problems = scoreProblems(context.criteria, wanted.scores, { complete: submit });
      if (problems.length) throw scoresRefused(problems);
      const written = await this.upsert(
        caller,
        roundId,
        nominationId,
        context.editionId,
        current,
        contentOf(wanted, submit),
        submit,
      );
      if (written) return written;
      // Lost a race (or the round closed meanwhile): the next lookup says which, or the write is tried afresh.
      if (attempt >= ATTEMPTS) throw staleVersion(version, 'scorecard');
    }
  }

  /**
   * The common case in one statement: this process knows the category's scales and what the write replaces
   * (the version it last saw, or none for a first save). The statement itself re-checks every condition,
   * so knowing too little or too old only costs a fall back to the lookup (null), never a wrong write.
   * Invalid scores fall back as well: the lookup answers 404 before 400 to a juror who may not see the
   * nomination.
   */
  private async writeFromMemory(
    caller: Caller,
    roundId: string,
    nominationId: string,
    expected: ExpectedVersions,
    submit: boolean,
    change: Change,
  ): Promise<ScorecardView | null> {
    const scales = this.scales.get(nominationId);
    if (!scales) return null;
    const last = this.known.get(keyOf(roundId, nominationId, caller.userId)) ?? null;
    if (!isFresh(expected, last?.version ?? 0)) return null;
    const wanted = change(last);
    if (scoreProblems(scales.criteria, wanted.scores, { complete: submit }).length) return null;
    return this.upsert(
      caller,
      roundId,
      nominationId,
      scales.editionId,
      last,
      contentOf(wanted, submit),
      submit,
    );
  }

  /** Writes `after` over `before` (null: no scorecard yet); null when the statement wrote nothing. */
  private async upsert(
    caller: Caller,
    roundId: string,
    nominationId: string,
    editionId: string,
    before: KnownScorecard | null,
    after: Content,
    submit: boolean,
  ): Promise<ScorecardView | null> {
    const version = before?.version ?? 0;
    const id = before?.id ?? randomUUID();
    const now = this.clock.now();
    const submittedAt = submit ? now : null;
    const audit = auditRowValues(
      {
        action: submit ? 'scorecard.submitted' : 'scorecard.saved',
        entityType: 'scorecard',
        entityId: id,
        editionId,
        actorId: caller.userId,
        data: {
          roundId,
          nominationId,
          jurorId: caller.userId,
          before: before && {
            status: before.status,
            scores: before.scores,
            comment: before.comment,
            version,
          },
          after: { ...after, version: version + 1 },
        },
      },
      new Date(),
    );
    const row = await this.writes.write({
      roundId,
      nominationId,
      jurorId: caller.userId,
      id,
      ...after,
      submittedAt,
      replaces: version,
      checkedAt: now,
      audit,
    });
    if (!row) return null;
    this.known.set(keyOf(roundId, nominationId, caller.userId), { id, version: row.version, ...after });
    return {
      roundId,
      nominationId,
      ...after,
      version: row.version,
      submittedAt: submittedAt?.toISOString() ?? null,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  private async context(caller: Caller, roundId: string, nominationId: string): Promise<ScorecardContext> {
    const rows = await runPrepared<ScorecardContext>(this.dataSource, 'scorecards.context', CONTEXT_SQL, [
      roundId,
      nominationId,
      caller.userId,
      this.clock.now(),
    ]);
    const context = rows[0];
    // Not assigned, conflicted or withdrawn reads exactly like an unknown id.
    if (!context) throw new DomainError(NominationErrors.notFound);
    if (context.phase === 'judging')
      this.scales.set(nominationId, { editionId: context.editionId, criteria: context.criteria });
    const current = known(context);
    const key = keyOf(roundId, nominationId, caller.userId);
    if (current) this.known.set(key, current);
    else this.known.delete(key);
    return context;
  }
}

/** Turns the write rule's answer (`writeRefusalSql`) into the domain error it stands for. */
function assertWritable(context: ScorecardContext): void {
  switch (context.refusal) {
    case null:
      return;
    case 'round_closed':
      throw new DomainError(RoundErrors.closed);
    case 'wrong_phase':
      return assertPhase(context, 'judging');
    case 'judging_not_open':
      throw new DomainError(
        ScoringErrors.judgingNotOpen,
        `Judging is open from ${context.judgingOpenAt.toISOString()} to ${context.judgingCloseAt.toISOString()}.`,
        {
          judgingOpenAt: context.judgingOpenAt.toISOString(),
          judgingCloseAt: context.judgingCloseAt.toISOString(),
        },
      );
    case 'conflicts_not_confirmed':
      throw new DomainError(ConflictErrors.notConfirmed);
  }
}

/** The content a save or submit writes, once its scores have been checked. */
function contentOf(
  wanted: { scores: Record<string, unknown>; comment: string | null },
  submit: boolean,
): Content {
  return {
    status: submit ? 'submitted' : 'draft',
    scores: wanted.scores as Record<string, number>,
    comment: wanted.comment,
  };
}

function scoresRefused(problems: FieldProblem[]): DomainError {
  const missing = problems.every((p) => p.messages.includes('is required to submit'));
  return new DomainError(
    missing ? ScoringErrors.incomplete : ScoringErrors.invalidScores,
    problems.map((p) => `${p.field}: ${p.messages.join('; ')}`).join(' | '),
    { errors: problems },
  );
}

function keyOf(roundId: string, nominationId: string, jurorId: string): string {
  return `${roundId}:${nominationId}:${jurorId}`;
}

function known(context: ScorecardContext): KnownScorecard | null {
  if (context.id === null || context.version === null || context.status === null) return null;
  return {
    id: context.id,
    version: context.version,
    status: context.status,
    scores: context.scores ?? {},
    comment: context.comment,
  };
}

function view(roundId: string, nominationId: string, context: ScorecardContext): ScorecardView {
  return {
    roundId,
    nominationId,
    status: context.status ?? 'draft',
    scores: context.scores ?? {},
    comment: context.comment,
    version: context.version ?? 0,
    submittedAt: context.submittedAt?.toISOString() ?? null,
    updatedAt: context.updatedAt?.toISOString() ?? null,
  };
}

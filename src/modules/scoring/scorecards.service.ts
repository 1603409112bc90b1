import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { Clock } from '../../common/clock.js';
import { CommonErrors, DomainError } from '../../common/errors/domain-error.js';
import { auditRowValues } from '../audit/audit.service.js';
import { assertPhase, isJudgingOpen } from '../editions/edition-rules.js';
import type { Phase } from '../editions/entities/edition.entity.js';
import type { RoundStatus } from '../jury/entities/round.entity.js';
import { JurorAccess } from '../jury/juror-access.js';
import { ConflictErrors, RoundErrors } from '../jury/jury.errors.js';
import { NominationErrors } from '../nominations/nominations.errors.js';
import type { ScorecardStatus } from './entities/scorecard.entity.js';
import { runPrepared } from './prepared-statements.js';
import { type ScaleOf, scoreProblems } from './scorecard-rules.js';
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

/** What one lookup tells about the caller's scorecard: may they write it, against which criteria, and what it holds now. */
interface ScorecardContext {
  editionId: string;
  roundStatus: RoundStatus;
  phase: Phase;
  nominationsOpenAt: Date;
  nominationsCloseAt: Date;
  judgingOpenAt: Date;
  judgingCloseAt: Date;
  stands: boolean;
  confirmed: boolean;
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

/** Writes without `If-Match` that lose a race are re-read and retried this often before giving up with 409. */
const ATTEMPTS = 3;

/**
 * One lookup per request: the round and edition state, whether the caller's assignment stands (the jury's
 * rule, `JurorAccess.standsSql`), their conflict confirmation, the category's scales and the current
 * scorecard, all in one round trip.
 */
const CONTEXT_SQL = `
  SELECT r.edition_id AS "editionId", r.status AS "roundStatus", e.phase,
         e.nominations_open_at AS "nominationsOpenAt", e.nominations_close_at AS "nominationsCloseAt", e.judging_open_at AS "judgingOpenAt", e.judging_close_at AS "judgingCloseAt",
         ${JurorAccess.standsSql('r.id', '$2', '$3')} AS stands,
         EXISTS (SELECT 1 FROM conflict_confirmations cc WHERE cc.edition_id = r.edition_id AND cc.juror_id = $3) AS confirmed,
         coalesce((SELECT json_agg(json_build_object('code', c.code, 'min', c.scale_min, 'max', c.scale_max) ORDER BY c.position, c.code)
                     FROM nominations n JOIN criteria c ON c.category_id = n.category_id WHERE n.id = $2), '[]') AS criteria,
         s.id, s.status, s.scores, s.comment, s.version, s.submitted_at AS "submittedAt", s.updated_at AS "updatedAt"
    FROM rounds r
    JOIN editions e ON e.id = r.edition_id
    LEFT JOIN scorecards s ON s.round_id = r.id AND s.nomination_id = $2 AND s.juror_id = $3
   WHERE r.id = $1`;

/**
 * The write and its audit entry in one statement. The version check sits in the upsert's own WHERE (a lost
 * race updates 0 rows, never overwrites), the round row is share-locked so that closing the round waits
 * for writes in flight and no write lands after it, and the audit row exists only if the upsert returned one.
 */
const WRITE_SQL = `
  WITH open_round AS (
    SELECT r.id FROM rounds r JOIN editions e ON e.id = r.edition_id
     WHERE r.id = $1 AND r.status = 'open' AND e.phase = 'judging'
       FOR SHARE OF r
  ), written AS (
    INSERT INTO scorecards AS s (id, round_id, nomination_id, juror_id, status, scores, comment, submitted_at)
    SELECT $4, open_round.id, $2, $3, $5, $6::jsonb, $7, $8 FROM open_round
    ON CONFLICT ON CONSTRAINT uq_scorecards_round_nomination_juror DO UPDATE
       SET status = EXCLUDED.status, scores = EXCLUDED.scores, comment = EXCLUDED.comment, submitted_at = EXCLUDED.submitted_at,
           version = s.version + 1, updated_at = now()
     WHERE s.version = $9
    RETURNING s.version, s.updated_at
  ), audited AS (
    INSERT INTO audit_log (occurred_at, actor_id, action, entity_type, entity_id, edition_id, data, content_hash)
    SELECT $10, $3, $11, 'scorecard', $12, $13, $14::jsonb, $15 FROM written
  )
  SELECT version, updated_at AS "updatedAt" FROM written`;

@Injectable()
export class ScorecardsService {
  constructor(
    private readonly dataSource: DataSource,
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
    expected: number | undefined,
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
    expected: number | undefined,
  ): Promise<ScorecardView> {
    return this.write(caller, roundId, nominationId, expected, true, (current) => ({
      scores: body.scores ?? current.scores ?? {},
      comment: body.comment === undefined ? current.comment : body.comment,
    }));
  }

  private async write(
    caller: Caller,
    roundId: string,
    nominationId: string,
    expected: number | undefined,
    submit: boolean,
    change: (current: ScorecardContext) => { scores: Record<string, unknown>; comment: string | null },
  ): Promise<ScorecardView> {
    for (let attempt = 1; ; attempt++) {
      const context = await this.context(caller, roundId, nominationId);
      this.assertWritable(context);
      const current = context.version ?? 0;
      if (expected !== undefined && expected !== current) throw stale(current);
      const wanted = change(context);
      const problems = scoreProblems(context.criteria, wanted.scores, { complete: submit });
      if (problems.length) {
        const missing = problems.every((p) => p.messages.includes('is required to submit'));
        throw new DomainError(
          missing ? ScoringErrors.incomplete : ScoringErrors.invalidScores,
          problems.map((p) => `${p.field}: ${p.messages.join('; ')}`).join(' | '),
          { errors: problems },
        );
      }
      const after: Content = {
        status: submit ? 'submitted' : 'draft',
        scores: wanted.scores as Record<string, number>,
        comment: wanted.comment,
      };
      const written = await this.upsert(caller, roundId, nominationId, context, after, submit);
      if (written) return written;
      // Lost a race (or the round closed meanwhile): the next lookup says which, or the write is tried afresh.
      if (attempt >= ATTEMPTS) throw stale(current);
    }
  }

  private async upsert(
    caller: Caller,
    roundId: string,
    nominationId: string,
    context: ScorecardContext,
    after: Content,
    submit: boolean,
  ): Promise<ScorecardView | null> {
    const current = context.version ?? 0;
    const id = context.id ?? randomUUID();
    const submittedAt = submit ? this.clock.now() : null;
    const audit = auditRowValues(
      {
        action: submit ? 'scorecard.submitted' : 'scorecard.saved',
        entityType: 'scorecard',
        entityId: id,
        editionId: context.editionId,
        actorId: caller.userId,
        data: {
          roundId,
          nominationId,
          jurorId: caller.userId,
          before:
            context.version === null
              ? null
              : {
                  status: context.status,
                  scores: context.scores,
                  comment: context.comment,
                  version: current,
                },
          after: { ...after, version: current + 1 },
        },
      },
      new Date(),
    );
    const rows = await runPrepared<{ version: number; updatedAt: Date }>(
      this.dataSource,
      'scorecards.write',
      WRITE_SQL,
      [
        roundId,
        nominationId,
        caller.userId,
        id,
        after.status,
        JSON.stringify(after.scores),
        after.comment,
        submittedAt,
        current,
        audit.occurredAt,
        audit.action,
        audit.entityId,
        audit.editionId,
        audit.data,
        audit.contentHash,
      ],
    );
    const row = rows[0];
    if (!row) return null;
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
    ]);
    const context = rows[0];
    // Not assigned, conflicted or withdrawn reads exactly like an unknown id.
    if (!context?.stands) throw new DomainError(NominationErrors.notFound);
    return context;
  }

  private assertWritable(context: ScorecardContext): void {
    if (context.roundStatus === 'closed') throw new DomainError(RoundErrors.closed);
    assertPhase(context, 'judging');
    if (!isJudgingOpen(context, this.clock.now())) {
      throw new DomainError(
        ScoringErrors.judgingNotOpen,
        `Judging is open from ${context.judgingOpenAt.toISOString()} to ${context.judgingCloseAt.toISOString()}.`,
        {
          judgingOpenAt: context.judgingOpenAt.toISOString(),
          judgingCloseAt: context.judgingCloseAt.toISOString(),
        },
      );
    }
    if (!context.confirmed) throw new DomainError(ConflictErrors.notConfirmed);
  }
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

function stale(current: number): DomainError {
  return new DomainError(
    CommonErrors.staleVersion,
    `The scorecard is at version ${current}; read it again and reapply your change.`,
    { currentVersion: current },
    { ETag: `"${current}"` },
  );
}

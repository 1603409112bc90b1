import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { page, type Page } from '../../common/http/pagination.js';
import { categoryWithCriteria } from '../editions/edition.queries.js';
import type { CategoryQuestion, LocalizedText } from '../editions/edition.queries.js';
import { plainDecimal } from '../editions/views.js';
import { type AttachmentListing, attachmentsOf } from '../nominations/attachments/attachment.queries.js';
import { AttachmentStorage } from '../nominations/attachments/attachment-storage.js';
import type { AttachmentMediaType } from '../nominations/attachments/attachment.queries.js';
import type { NominationMetric } from '../nominations/nomination.queries.js';
import { AttachmentErrors } from '../nominations/nominations.errors.js';
import type { MyAssignmentsQuery, WorklistState } from './dto/jury.dto.js';
import type { RoundStatus } from './entities/round.entity.js';
import { type AssignedNomination, JurorAccess } from './juror-access.js';
import { blindAttachmentLabel } from './jury-rules.js';
import { ConflictErrors, RoundErrors } from './jury.errors.js';
import { meanOf } from './own-totals.js';

/** The company behind an entry; jurors of a blind edition never get it. */
export interface CompanyForJuror {
  name: string;
  country: string;
  website: string | null;
}

export interface WorklistItem {
  roundId: string;
  nominationId: string;
  categoryId: string;
  categoryCode: string;
  categoryName: LocalizedText;
  title: string;
  company: CompanyForJuror | null;
  /** Where the juror's scorecard stands: none saved yet, a draft, or submitted. */
  state: WorklistState;
  scorecard: { status: 'draft' | 'submitted'; version: number; updatedAt: string } | null;
  /** A calibration entry of the round (issue 17): scored like any other, it never competes. */
  calibration: boolean;
  /** A sample entry an organiser wrote for calibration: no company behind it (`company` is null). */
  sample: boolean;
}

/** The juror's calibration entries in a round, and whether the edition shows them their deviation. */
export interface WorklistCalibration {
  assigned: number;
  submitted: number;
  /** The edition lets a juror see their own deviation from the panel's median once all theirs are submitted. */
  feedback: boolean;
}

export interface WorklistProgress {
  assigned: number;
  drafted: number;
  submitted: number;
  remaining: number;
}

export interface WorklistRound extends WorklistProgress {
  id: string;
  editionId: string;
  editionName: string;
  blind: boolean;
  number: number;
  name: string;
  status: RoundStatus;
  /** The round's own deadline, when the organisers set one. */
  closesAt: string | null;
  /** The end of the edition's judging window: no scorecard is written after it, whatever `closesAt` says. */
  judgingClosesAt: string;
  /** The juror's declaration for the edition is complete (GET /me/declarations/{editionId}). */
  conflictsConfirmed: boolean;
  calibration: WorklistCalibration;
}

/** A category of a round as the juror's worklist groups it, with the juror's own progress in it. */
export interface WorklistCategory extends WorklistProgress {
  roundId: string;
  categoryId: string;
  categoryCode: string;
  categoryName: LocalizedText;
}

export interface Worklist extends Page<WorklistItem> {
  /** Progress per round over all the juror's standing assignments (not just this page, whatever the filters). */
  rounds: WorklistRound[];
  /** Progress per round and category, in worklist order (the round filter applies, the others do not). */
  categories: WorklistCategory[];
  /**
   * The first nomination in worklist order, in an open round, that the juror has not submitted (the round
   * and category filters apply, the state filter and the page do not); null when all are submitted.
   */
  next: { roundId: string; nominationId: string; title: string } | null;
}

export interface AttachmentForJuror {
  id: string;
  /** The uploader's file name, or "Attachment n.pdf" in a blind edition. */
  fileName: string;
  mediaType: AttachmentMediaType;
  sizeBytes: number;
  downloadUrl: string;
}

export interface CriterionForJuror {
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  weight: string;
  scaleMin: number;
  scaleMax: number;
}

/** A nomination as its juror reads it: the entry's content, never another juror's scores or any aggregate. */
export interface NominationForJuror {
  id: string;
  roundId: string;
  editionId: string;
  blind: boolean;
  category: {
    id: string;
    code: string;
    name: LocalizedText;
    questions: CategoryQuestion[];
    criteria: CriterionForJuror[];
  };
  title: string;
  summary: string;
  answers: Record<string, string>;
  metrics: NominationMetric[];
  company: CompanyForJuror | null;
  /** A sample entry an organiser wrote for calibration: no company behind it. */
  sample: boolean;
  attachments: AttachmentForJuror[];
  myScorecard: { status: 'draft' | 'submitted'; version: number } | null;
}

/** One of the juror's own submitted totals in a round (rule 1: the weighted mean of their marks). */
export interface OwnTotal {
  nominationId: string;
  title: string;
  /** Exact decimal, rounded half away from zero to 4 decimals. */
  total: string;
}

/** How many of the juror's totals round (half away from zero) to `value`. */
export interface DistributionBucket {
  value: number;
  count: number;
}

/** The juror's own totals in one category of a round, against the scale a total can take there. */
export interface CategoryDistribution {
  categoryId: string;
  categoryCode: string;
  categoryName: LocalizedText;
  /** The lowest and highest total the criteria allow (weighted means of their scales' ends), 4 decimals. */
  scaleMin: string;
  scaleMax: string;
  assigned: number;
  submitted: number;
  lowest: string | null;
  highest: string | null;
  mean: string | null;
  /** One bucket per whole number from the scale's floor to its ceiling, empty ones included. */
  histogram: DistributionBucket[];
  /** Highest first. */
  totals: OwnTotal[];
}

/** The juror's own picture of a round: only their submitted scorecards, never anyone else's or an aggregate of others. */
export interface OwnDistribution {
  roundId: string;
  editionId: string;
  categories: CategoryDistribution[];
}

@Injectable()
export class JurorViewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: JurorAccess,
    private readonly storage: AttachmentStorage,
  ) {}

  async worklist(caller: Caller, query: MyAssignmentsQuery): Promise<Worklist> {
    const params: unknown[] = [caller.userId, query.roundId ?? null];
    const mine = `aa.juror_id = $1 AND ($2::uuid IS NULL OR aa.round_id = $2)`;
    const scorecard = `LEFT JOIN scorecard_states s ON s.round_id = aa.round_id AND s.nomination_id = aa.nomination_id AND s.juror_id = aa.juror_id`;
    const counts = `count(*)::int AS assigned,
              count(*) FILTER (WHERE s.status = 'draft')::int AS drafted,
              count(*) FILTER (WHERE s.status = 'submitted')::int AS submitted`;
    const order = `r.created_at DESC, r.number DESC, c.position, c.code, n.title, n.id`;
    const rounds = await this.dataSource.query<
      (Omit<WorklistRound, 'closesAt' | 'judgingClosesAt' | 'remaining' | 'calibration'> & {
        calibrationAssigned: number;
        calibrationSubmitted: number;
        calibrationFeedback: boolean;
        closesAt: Date | null;
        judgingClosesAt: Date;
      })[]
    >(
      `SELECT r.id, r.edition_id AS "editionId", e.name AS "editionName", e.blind, r.number, r.name, r.status, r.closes_at AS "closesAt",
              max(aa.judging_close_at) AS "judgingClosesAt",
              EXISTS (SELECT 1 FROM conflict_confirmations cc WHERE cc.edition_id = e.id AND cc.juror_id = $1) AS "conflictsConfirmed",
              e.calibration_feedback AS "calibrationFeedback",
              (SELECT count(*)::int FROM calibration_assignments ca WHERE ca.round_id = r.id AND ca.juror_id = $1) AS "calibrationAssigned",
              (SELECT count(*)::int FROM calibration_assignments ca WHERE ca.round_id = r.id AND ca.juror_id = $1 AND ca.submitted) AS "calibrationSubmitted",
              ${counts}
         FROM judging_assignments aa
         JOIN rounds r ON r.id = aa.round_id
         JOIN edition_settings e ON e.id = r.edition_id
         ${scorecard}
        WHERE ${mine}
        GROUP BY r.id, e.id, e.name, e.blind, e.calibration_feedback
        ORDER BY r.created_at DESC, r.number DESC`,
      params,
    );
    const categories = await this.dataSource.query<Omit<WorklistCategory, 'remaining'>[]>(
      `SELECT r.id AS "roundId", c.id AS "categoryId", c.code AS "categoryCode", c.name AS "categoryName", ${counts}
         FROM active_assignments aa
         JOIN rounds r ON r.id = aa.round_id
         JOIN edition_categories c ON c.id = aa.category_id
         ${scorecard}
        WHERE ${mine}
        GROUP BY r.id, c.id, c.code, c.name, c.position
        ORDER BY r.created_at DESC, r.number DESC, c.position, c.code`,
      params,
    );
    const filtered = [...params, query.categoryId ?? null, query.state ?? null];
    const matching = `${mine} AND ($3::uuid IS NULL OR aa.category_id = $3) AND ($4::text IS NULL OR coalesce(s.status, 'not_started') = $4)`;
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(
      `SELECT count(*)::int AS total FROM active_assignments aa ${scorecard} WHERE ${matching}`,
      filtered,
    );
    const rows = await this.dataSource.query<
      (Omit<WorklistItem, 'scorecard' | 'state'> & {
        status: 'draft' | 'submitted' | null;
        version: number | null;
        updatedAt: Date | null;
      })[]
    >(
      `SELECT aa.round_id AS "roundId", aa.nomination_id AS "nominationId", aa.category_id AS "categoryId", c.code AS "categoryCode",
              c.name AS "categoryName", n.title,
              CASE WHEN e.blind OR co.id IS NULL THEN NULL ELSE json_build_object('name', co.name, 'country', co.country, 'website', co.website) END AS company,
              n.sample,
              s.status, s.version, s.updated_at AS "updatedAt",
              EXISTS (SELECT 1 FROM calibration_assignments ca
                       WHERE ca.round_id = aa.round_id AND ca.nomination_id = aa.nomination_id AND ca.juror_id = aa.juror_id) AS calibration
         FROM active_assignments aa
         JOIN rounds r ON r.id = aa.round_id
         JOIN edition_settings e ON e.id = r.edition_id
         JOIN nomination_entries n ON n.id = aa.nomination_id
         JOIN edition_categories c ON c.id = aa.category_id
         LEFT JOIN company_profiles co ON co.id = n.company_id
         ${scorecard}
        WHERE ${matching}
        ORDER BY ${order}
        OFFSET ${query.offset} LIMIT ${query.pageSize}`,
      filtered,
    );
    const [next] = await this.dataSource.query<{ roundId: string; nominationId: string; title: string }[]>(
      `SELECT aa.round_id AS "roundId", aa.nomination_id AS "nominationId", n.title
         FROM active_assignments aa
         JOIN rounds r ON r.id = aa.round_id
         JOIN nomination_entries n ON n.id = aa.nomination_id
         JOIN edition_categories c ON c.id = aa.category_id
         ${scorecard}
        WHERE ${mine} AND ($3::uuid IS NULL OR aa.category_id = $3) AND r.status = 'open' AND s.status IS DISTINCT FROM 'submitted'
        ORDER BY ${order}
        LIMIT 1`,
      [...params, query.categoryId ?? null],
    );
    return {
      ...page(
        rows.map(({ status, version, updatedAt, ...item }) => ({
          ...item,
          state: status ?? 'not_started',
          scorecard: status ? { status, version: version!, updatedAt: updatedAt!.toISOString() } : null,
        })),
        query,
        total,
      ),
      rounds: rounds.map(({ calibrationAssigned, calibrationSubmitted, calibrationFeedback, ...r }) => ({
        ...r,
        calibration: {
          assigned: calibrationAssigned,
          submitted: calibrationSubmitted,
          feedback: calibrationFeedback,
        },
        closesAt: r.closesAt?.toISOString() ?? null,
        judgingClosesAt: r.judgingClosesAt.toISOString(),
        remaining: r.assigned - r.submitted,
      })),
      categories: categories.map((c) => ({ ...c, remaining: c.assigned - c.submitted })),
      next: next ?? null,
    };
  }

  async nomination(caller: Caller, roundId: string, nominationId: string): Promise<NominationForJuror> {
    const assigned = await this.access.findAssigned(this.dataSource.manager, caller, roundId, nominationId);
    assertDeclared(assigned);
    const category = await categoryWithCriteria(this.dataSource.manager, assigned.categoryId);
    const [scorecard] = await this.dataSource.query<{ status: 'draft' | 'submitted'; version: number }[]>(
      `SELECT status, version FROM scorecard_states WHERE round_id = $1 AND nomination_id = $2 AND juror_id = $3`,
      [roundId, nominationId, caller.userId],
    );
    const attachments = await this.attachments(nominationId);
    return {
      id: assigned.nominationId,
      roundId: assigned.roundId,
      editionId: assigned.editionId,
      blind: assigned.blind,
      category: {
        ...category!,
        criteria: category!.criteria.map((c) => ({ ...c, weight: plainDecimal(c.weight) })),
      },
      title: assigned.title,
      summary: assigned.summary,
      answers: assigned.answers,
      metrics: assigned.metrics,
      company: await this.company(assigned),
      sample: assigned.sample,
      attachments: attachments.map((a) => ({
        id: a.id,
        fileName: fileNameFor(assigned, a),
        mediaType: a.mediaType,
        sizeBytes: Number(a.sizeBytes),
        downloadUrl: `/api/v1/rounds/${roundId}/nominations/${nominationId}/attachments/${a.id}`,
      })),
      myScorecard: scorecard ?? null,
    };
  }

  /**
   * The distribution of the caller's own submitted totals in a round, per category of their standing
   * assignments. A round in which the caller holds no standing assignment is unknown to them (404).
   */
  async distribution(caller: Caller, roundId: string): Promise<OwnDistribution> {
    const params = [roundId, caller.userId];
    const categories = await this.dataSource.query<
      (Omit<CategoryDistribution, 'histogram' | 'totals' | 'lowest' | 'highest' | 'mean'> & {
        editionId: string;
        from: number;
        to: number;
      })[]
    >(
      `WITH mine AS (
         SELECT aa.category_id, aa.edition_id, count(*)::int AS assigned,
                count(*) FILTER (WHERE s.status = 'submitted')::int AS submitted
           FROM active_assignments aa
           LEFT JOIN scorecard_states s ON s.round_id = aa.round_id AND s.nomination_id = aa.nomination_id AND s.juror_id = aa.juror_id
          WHERE aa.round_id = $1 AND aa.juror_id = $2
          GROUP BY aa.category_id, aa.edition_id),
       scales AS (
         SELECT DISTINCT ON (ja.category_id) ja.category_id, ja.scales
           FROM judging_assignments ja WHERE ja.round_id = $1 AND ja.juror_id = $2
          ORDER BY ja.category_id),
       ends AS (
         SELECT sc.category_id,
                sum(cr.weight * (x.scale->>'min')::numeric) / sum(cr.weight) AS low,
                sum(cr.weight * (x.scale->>'max')::numeric) / sum(cr.weight) AS high
           FROM scales sc
           CROSS JOIN LATERAL json_array_elements(sc.scales) AS x(scale)
           JOIN category_criteria cr ON cr.category_id = sc.category_id AND cr.code = x.scale->>'code'
          GROUP BY sc.category_id)
       SELECT m.category_id AS "categoryId", m.edition_id AS "editionId", c.code AS "categoryCode", c.name AS "categoryName",
              round(e.low, 4)::text AS "scaleMin", round(e.high, 4)::text AS "scaleMax",
              floor(e.low)::int AS "from", ceil(e.high)::int AS "to", m.assigned, m.submitted
         FROM mine m
         JOIN edition_categories c ON c.id = m.category_id
         JOIN ends e ON e.category_id = m.category_id
        ORDER BY c.position, c.code`,
      params,
    );
    if (!categories.length) throw new DomainError(RoundErrors.notFound);
    const totals = await this.dataSource.query<(OwnTotal & { categoryId: string; bucket: number })[]>(
      `WITH totals AS (
         SELECT cs.category_id, cs.nomination_id, sum(cr.weight * (cs.scores->>cr.code)::numeric) / sum(cr.weight) AS total
           FROM counted_scorecards cs
           JOIN category_criteria cr ON cr.category_id = cs.category_id
          WHERE cs.round_id = $1 AND cs.juror_id = $2
          GROUP BY cs.category_id, cs.nomination_id)
       SELECT t.category_id AS "categoryId", t.nomination_id AS "nominationId", n.title,
              round(t.total, 4)::text AS total, round(t.total)::int AS bucket
         FROM totals t JOIN nomination_entries n ON n.id = t.nomination_id
        ORDER BY t.total DESC, n.title, n.id`,
      params,
    );
    return {
      roundId,
      editionId: categories[0]!.editionId,
      categories: categories.map(({ editionId: _edition, from, to, ...category }) => {
        const own = totals.filter((t) => t.categoryId === category.categoryId);
        const histogram: DistributionBucket[] = [];
        for (let value = from; value <= to; value++)
          histogram.push({ value, count: own.filter((t) => t.bucket === value).length });
        return {
          ...category,
          lowest: own.at(-1)?.total ?? null,
          highest: own[0]?.total ?? null,
          mean: meanOf(own.map((t) => t.total)),
          histogram,
          totals: own.map(({ nominationId, title, total }) => ({ nominationId, title, total })),
        };
      }),
    };
  }

  /** An attachment of a nomination assigned to the caller; in a blind edition under its generated label. */
  async openAttachment(
    caller: Caller,
    roundId: string,
    nominationId: string,
    attachmentId: string,
  ): Promise<{
    fileName: string;
    mediaType: AttachmentMediaType;
    sizeBytes: number;
    sha256: string;
    content: Buffer;
  }> {
    const assigned = await this.access.findAssigned(this.dataSource.manager, caller, roundId, nominationId);
    assertDeclared(assigned);
    const attachment = (await this.attachments(nominationId)).find((a) => a.id === attachmentId);
    if (!attachment) throw new DomainError(AttachmentErrors.notFound);
    const content = await this.storage.read(attachment.storedName);
    if (!content) throw new DomainError(AttachmentErrors.notFound);
    return {
      fileName: fileNameFor(assigned, attachment),
      mediaType: attachment.mediaType,
      sizeBytes: Number(attachment.sizeBytes),
      sha256: attachment.sha256,
      content,
    };
  }

  private attachments(nominationId: string): Promise<AttachmentListing[]> {
    return attachmentsOf(this.dataSource.manager, nominationId);
  }

  private async company(assigned: AssignedNomination): Promise<CompanyForJuror | null> {
    if (assigned.blind || assigned.companyId === null) return null;
    const [company] = await this.dataSource.query<CompanyForJuror[]>(
      `SELECT name, country, website FROM company_profiles WHERE id = $1`,
      [assigned.companyId],
    );
    return company ?? null;
  }
}

/**
 * A nomination opens to a juror only once their declaration for its edition is complete (terms accepted,
 * conflicts declared): 409 conflicts.not_confirmed, with the edition to declare in, until then.
 */
function assertDeclared(assigned: AssignedNomination): void {
  if (!assigned.declarationComplete)
    throw new DomainError(
      ConflictErrors.notConfirmed,
      'Complete your declaration for this edition (GET /me/declarations/{editionId}) before a nomination opens.',
      { editionId: assigned.editionId },
    );
}

function fileNameFor(assigned: AssignedNomination, attachment: AttachmentListing): string {
  return assigned.blind
    ? blindAttachmentLabel(Number(attachment.position), attachment.mediaType)
    : attachment.originalName;
}

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
import type { MyAssignmentsQuery } from './dto/jury.dto.js';
import type { RoundStatus } from './entities/round.entity.js';
import { type AssignedNomination, JurorAccess } from './juror-access.js';
import { blindAttachmentLabel } from './jury-rules.js';

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
  title: string;
  company: CompanyForJuror | null;
  scorecard: { status: 'draft' | 'submitted'; version: number; updatedAt: string } | null;
}

export interface WorklistRound {
  id: string;
  editionId: string;
  editionName: string;
  blind: boolean;
  number: number;
  name: string;
  status: RoundStatus;
  closesAt: string | null;
  conflictsConfirmed: boolean;
  assigned: number;
  drafted: number;
  submitted: number;
  remaining: number;
}

export interface Worklist extends Page<WorklistItem> {
  /** Progress per round over all the juror's standing assignments (not just this page). */
  rounds: WorklistRound[];
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
  attachments: AttachmentForJuror[];
  myScorecard: { status: 'draft' | 'submitted'; version: number } | null;
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
    const rounds = await this.dataSource.query<
      (Omit<WorklistRound, 'closesAt' | 'remaining'> & { closesAt: Date | null })[]
    >(
      `SELECT r.id, r.edition_id AS "editionId", e.name AS "editionName", e.blind, r.number, r.name, r.status, r.closes_at AS "closesAt",
              EXISTS (SELECT 1 FROM conflict_confirmations cc WHERE cc.edition_id = e.id AND cc.juror_id = $1) AS "conflictsConfirmed",
              count(*)::int AS assigned,
              count(*) FILTER (WHERE s.status = 'draft')::int AS drafted,
              count(*) FILTER (WHERE s.status = 'submitted')::int AS submitted
         FROM active_assignments aa
         JOIN rounds r ON r.id = aa.round_id
         JOIN edition_settings e ON e.id = r.edition_id
         LEFT JOIN scorecard_states s ON s.round_id = aa.round_id AND s.nomination_id = aa.nomination_id AND s.juror_id = aa.juror_id
        WHERE ${mine}
        GROUP BY r.id, e.id, e.name, e.blind
        ORDER BY r.created_at DESC, r.number DESC`,
      params,
    );
    const rows = await this.dataSource.query<
      (Omit<WorklistItem, 'scorecard'> & {
        status: 'draft' | 'submitted' | null;
        version: number | null;
        updatedAt: Date | null;
      })[]
    >(
      `SELECT aa.round_id AS "roundId", aa.nomination_id AS "nominationId", aa.category_id AS "categoryId", c.code AS "categoryCode", n.title,
              CASE WHEN e.blind THEN NULL ELSE json_build_object('name', co.name, 'country', co.country, 'website', co.website) END AS company,
              s.status, s.version, s.updated_at AS "updatedAt"
         FROM active_assignments aa
         JOIN rounds r ON r.id = aa.round_id
         JOIN edition_settings e ON e.id = r.edition_id
         JOIN nomination_entries n ON n.id = aa.nomination_id
         JOIN edition_categories c ON c.id = aa.category_id
         JOIN company_profiles co ON co.id = n.company_id
         LEFT JOIN scorecard_states s ON s.round_id = aa.round_id AND s.nomination_id = aa.nomination_id AND s.juror_id = aa.juror_id
        WHERE ${mine}
        ORDER BY r.created_at DESC, r.number DESC, c.position, c.code, n.title, n.id
        OFFSET ${query.offset} LIMIT ${query.pageSize}`,
      params,
    );
    const total = rounds.reduce((sum, r) => sum + r.assigned, 0);
    return {
      ...page(
        rows.map(({ status, version, updatedAt, ...item }) => ({
          ...item,
          scorecard: status ? { status, version: version!, updatedAt: updatedAt!.toISOString() } : null,
        })),
        query,
        total,
      ),
      rounds: rounds.map((r) => ({
        ...r,
        closesAt: r.closesAt?.toISOString() ?? null,
        remaining: r.assigned - r.submitted,
      })),
    };
  }

  async nomination(caller: Caller, roundId: string, nominationId: string): Promise<NominationForJuror> {
    const assigned = await this.access.findAssigned(this.dataSource.manager, caller, roundId, nominationId);
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
    if (assigned.blind) return null;
    const [company] = await this.dataSource.query<CompanyForJuror[]>(
      `SELECT name, country, website FROM company_profiles WHERE id = $1`,
      [assigned.companyId],
    );
    return company ?? null;
  }
}

function fileNameFor(assigned: AssignedNomination, attachment: AttachmentListing): string {
  return assigned.blind
    ? blindAttachmentLabel(Number(attachment.position), attachment.mediaType)
    : attachment.originalName;
}

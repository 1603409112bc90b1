import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { assertFresh, type ExpectedVersions } from '../../common/http/etag.js';
import {
  type IdempotentOutcome,
  type IdempotentRequest,
  IdempotentRequests,
} from '../../common/http/idempotency.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { CompanyAccess } from '../companies/company-access.js';
import { companyIdentity, findCompanyOrFail, lockCompany } from '../companies/company.queries.js';
import { assertPhase, nominationsOpen } from '../editions/edition-rules.js';
import { EditionErrors } from '../editions/editions.errors.js';
import {
  type Edition,
  findCategory,
  findCategoryOrFail,
  findEditionForShare,
} from '../editions/edition.queries.js';
import { Notifications } from '../notifications/notifications.service.js';
import { findUserOrFail } from '../users/user.queries.js';
import { type AttachmentView, toAttachmentView } from './attachments/attachment-view.js';
import type { CreateNominationDto, UpdateNominationDto } from './dto/nomination.dto.js';
import {
  ATTACHMENT_MEDIA_TYPES,
  Attachment,
  type AttachmentMediaType,
} from './entities/attachment.entity.js';
import { nominationHistory, type NominationEvent } from './nomination-history.js';
import {
  type CompanyNomination,
  type NominationMetric,
  type NominationStatus,
} from './entities/nomination.entity.js';
import { NominationAccess } from './nomination-access.js';
import {
  COUNTED_STATUSES,
  submit,
  WITHDRAWABLE_STATUSES as WITHDRAWABLE,
  withdraw,
} from './nomination-status.js';
import { shownStatus, statusShownToEntrants } from './shortlist-visibility.js';
import {
  assertAnonymous,
  assertAnswersFit,
  assertComplete,
  assertNominationsOpen,
} from './nomination-rules.js';
import { NominationErrors } from './nominations.errors.js';

export interface NominationView {
  id: string;
  editionId: string;
  categoryId: string;
  companyId: string;
  companyName: string;
  title: string;
  summary: string;
  answers: Record<string, string>;
  metrics: NominationMetric[];
  status: NominationStatus;
  ineligibilityReason: string | null;
  eligibilityDecidedAt: string | null;
  submittedAt: string | null;
  withdrawnAt: string | null;
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  attachments: AttachmentView[];
  /** What entrants see of its way through the award (nomination-history.ts). */
  history: NominationEvent[];
  /** What an upload may be, so that forms state it before the file is sent. */
  attachmentRules: AttachmentRules;
}

export interface AttachmentRules {
  mediaTypes: readonly AttachmentMediaType[];
  maxBytes: number;
  maxFiles: number;
}

/** Statuses in which entrants may still change a nomination (while the edition's window is open). */
const EDITABLE: readonly NominationStatus[] = ['draft', 'submitted'];

const SUMMARY_EXCERPT = 300;

@Injectable()
export class NominationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly idempotency: IdempotentRequests,
    private readonly access: NominationAccess,
    private readonly companies: CompanyAccess,
    private readonly audit: AuditLog,
    private readonly notifications: Notifications,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A member starts a draft for the company in a category of an edition that takes nominations. */
  async create(
    caller: Caller,
    dto: CreateNominationDto,
    idempotent: IdempotentRequest | null,
  ): Promise<IdempotentOutcome<NominationView>> {
    return this.idempotency.run(idempotent, dto, async (manager) => {
      await this.companies.findAsMember(manager, caller, dto.companyId);
      const edition = await this.editionFor(manager, dto.editionId);
      const category = await findCategory(manager, dto.categoryId, edition.id);
      if (!category)
        throw new DomainError(EditionErrors.categoryNotFound, 'The edition has no such category');
      assertNominationsOpen(edition, this.clock.now());
      const answers = dto.answers ?? {};
      assertAnswersFit(category.questions, answers);
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO nominations (edition_id, category_id, company_id, created_by, title, summary, answers, metrics)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb) RETURNING id`,
        [
          edition.id,
          category.id,
          dto.companyId,
          caller.userId,
          dto.title,
          dto.summary ?? '',
          JSON.stringify(answers),
          JSON.stringify(plainMetrics(dto.metrics ?? [])),
        ],
      );
      await this.audit.append(manager, {
        action: 'nomination.created',
        entityType: 'nomination',
        entityId: row!.id,
        editionId: edition.id,
        actorId: caller.userId,
        data: { companyId: dto.companyId, categoryId: category.id, title: dto.title },
      });
      return this.view(manager, row!.id, caller);
    });
  }

  async get(caller: Caller, id: string): Promise<NominationView> {
    const nomination = await this.access.findVisible(this.dataSource.manager, caller, id);
    return this.view(this.dataSource.manager, nomination.id, caller);
  }

  /**
   * Drafts and submitted nominations change until the nominations close; a submitted one must stay
   * complete. `expected` (from If-Match) refuses a change based on a stale read, as on every write here:
   * the row is locked before its version is compared.
   */
  async update(
    caller: Caller,
    id: string,
    dto: UpdateNominationDto,
    expected?: ExpectedVersions,
  ): Promise<NominationView> {
    return this.transactions.run(async (manager) => {
      const nomination = await this.access.findWritable(manager, caller, id);
      assertFresh(expected, nomination.version, 'nomination');
      await this.assertEditable(manager, nomination);
      const category = await findCategoryOrFail(manager, nomination.categoryId);
      const next = {
        title: dto.title ?? nomination.title,
        summary: dto.summary ?? nomination.summary,
        answers: dto.answers ?? nomination.answers,
        metrics: dto.metrics ? plainMetrics(dto.metrics) : nomination.metrics,
      };
      assertAnswersFit(category.questions, next.answers);
      if (nomination.status === 'submitted') {
        assertComplete(next, category.questions);
        const edition = await this.editionFor(manager, nomination.editionId);
        if (edition.blind) assertAnonymous(next, await companyIdentity(manager, nomination.companyId));
      }
      await manager.query(
        `UPDATE nominations SET title = $2, summary = $3, answers = $4::jsonb, metrics = $5::jsonb, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, next.title, next.summary, JSON.stringify(next.answers), JSON.stringify(next.metrics)],
      );
      if (nomination.status === 'submitted') {
        await this.audit.append(manager, {
          action: 'nomination.updated',
          entityType: 'nomination',
          entityId: id,
          editionId: nomination.editionId,
          actorId: caller.userId,
          data: {
            fields: Object.keys(dto).filter((key) => dto[key as keyof UpdateNominationDto] !== undefined),
            version: nomination.version + 1,
          },
        });
      }
      return this.view(manager, id, caller);
    });
  }

  /** Only drafts are deleted, with their attachments and files (which go with the rows). */
  async remove(caller: Caller, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const nomination = await this.access.findWritable(manager, caller, id);
      if (nomination.status !== 'draft')
        throw new DomainError(
          NominationErrors.notDraft,
          `The nomination is ${statusShownToEntrants(nomination)}; withdraw it instead.`,
        );
      const [files] = await manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM attachments WHERE nomination_id = $1`,
        [id],
      );
      await manager.query(`DELETE FROM nominations WHERE id = $1`, [id]);
      await this.audit.append(manager, {
        action: 'nomination.deleted',
        entityType: 'nomination',
        entityId: id,
        editionId: nomination.editionId,
        actorId: caller.userId,
        data: { title: nomination.title, attachments: files!.n },
      });
    });
  }

  /**
   * Submits a complete draft before the deadline. The company row is locked first, so concurrent submits of
   * one company queue up and each counts the ones committed before it: the limit holds on any number of
   * API instances.
   */
  async submit(caller: Caller, id: string, expected?: ExpectedVersions): Promise<NominationView> {
    return this.transactions.run(async (manager) => {
      const visible = await this.access.findVisible(manager, caller, id);
      // The company row before the nomination's, in every transaction that takes both: no deadlock.
      await lockCompany(manager, visible.companyId);
      const nomination = await this.access.findWritable(manager, caller, id);
      assertFresh(expected, nomination.version, 'nomination');
      if (nomination.status !== 'draft')
        throw new DomainError(
          NominationErrors.notDraft,
          `The nomination is already ${statusShownToEntrants(nomination)}.`,
        );
      const edition = await this.editionFor(manager, nomination.editionId);
      const now = this.clock.now();
      assertNominationsOpen(edition, now);
      const category = await findCategoryOrFail(manager, nomination.categoryId);
      assertComplete(nomination, category.questions);
      if (edition.blind) assertAnonymous(nomination, await companyIdentity(manager, nomination.companyId));
      const [counted] = await manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM nominations WHERE company_id = $1 AND category_id = $2 AND status = ANY($3)`,
        [nomination.companyId, nomination.categoryId, COUNTED_STATUSES],
      );
      const limit = edition.maxNominationsPerCompanyPerCategory;
      if ((counted?.n ?? 0) >= limit) {
        throw new DomainError(
          NominationErrors.limitReached,
          `At most ${limit} nominations per company in this category.`,
          { limit },
        );
      }
      await submit(manager, id, now, caller.userId);
      const submitter = await findUserOrFail(manager, caller.userId);
      const company = await findCompanyOrFail(manager, nomination.companyId);
      const [attachments] = await manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM attachments WHERE nomination_id = $1`,
        [id],
      );
      await this.notifications.notify(manager, {
        template: 'nomination.submitted',
        subject: id,
        recipient: { email: submitter.email, userId: submitter.id, locale: submitter.locale },
        params: {
          name: submitter.fullName,
          nominationId: id,
          title: nomination.title,
          companyName: company.name,
          editionName: edition.name,
          categoryName: category.name,
          summary: excerpt(nomination.summary, SUMMARY_EXCERPT),
          metricCount: nomination.metrics.length,
          attachmentCount: attachments?.n ?? 0,
          submittedAt: now.toISOString(),
          editableUntil: edition.nominationsCloseAt.toISOString(),
          link: `${this.config.PUBLIC_URL}/nominations/${id}`,
        },
      });
      await this.audit.append(manager, {
        action: 'nomination.submitted',
        entityType: 'nomination',
        entityId: id,
        editionId: edition.id,
        actorId: caller.userId,
        data: {
          companyId: nomination.companyId,
          categoryId: nomination.categoryId,
          title: nomination.title,
          submittedAt: now.toISOString(),
        },
      });
      return this.view(manager, id, caller);
    });
  }

  /** A submitted (or already reviewed) entry leaves the competition, while nominations or eligibility run. */
  async withdraw(caller: Caller, id: string, expected?: ExpectedVersions): Promise<NominationView> {
    return this.transactions.run(async (manager) => {
      const nomination = await this.access.findWritable(manager, caller, id);
      assertFresh(expected, nomination.version, 'nomination');
      // Judged by the status the entrant sees, so an unannounced shortlist answers like `eligible` (the
      // phase refuses it: a round advances only after eligibility); the true status is checked after.
      const shown = statusShownToEntrants(nomination);
      if (!WITHDRAWABLE.includes(shown)) {
        throw new DomainError(
          NominationErrors.notWithdrawable,
          shown === 'draft' ? 'A draft is deleted, not withdrawn.' : `The nomination is ${shown}.`,
        );
      }
      const edition = await this.editionFor(manager, nomination.editionId);
      assertPhase(edition, 'nominations', 'eligibility');
      if (!WITHDRAWABLE.includes(nomination.status))
        throw new DomainError(NominationErrors.notWithdrawable, `The nomination is ${shown}.`);
      await withdraw(manager, id, this.clock.now());
      await this.audit.append(manager, {
        action: 'nomination.withdrawn',
        entityType: 'nomination',
        entityId: id,
        editionId: edition.id,
        actorId: caller.userId,
        data: {
          previousStatus: nomination.status,
          companyId: nomination.companyId,
          categoryId: nomination.categoryId,
        },
      });
      return this.view(manager, id, caller);
    });
  }

  /** Entrants change a nomination, or its attachments, only in an editable status while nominations are open. */
  async assertEditable(manager: EntityManager, nomination: CompanyNomination): Promise<void> {
    if (!EDITABLE.includes(nomination.status))
      throw new DomainError(
        NominationErrors.frozen,
        `The nomination is ${statusShownToEntrants(nomination)}.`,
      );
    const edition = await this.editionFor(manager, nomination.editionId);
    const now = this.clock.now();
    if (nomination.status === 'submitted' && !nominationsOpen(edition, now)) {
      throw new DomainError(
        NominationErrors.frozen,
        `Submitted nominations are frozen once nominations close (${edition.nominationsCloseAt.toISOString()}).`,
        { frozenAt: edition.nominationsCloseAt.toISOString() },
      );
    }
    assertNominationsOpen(edition, now);
  }

  /** Shared-locked: a phase change waits for this transaction, and this one for a phase change. */
  async editionFor(manager: EntityManager, editionId: string): Promise<Edition> {
    const edition = await findEditionForShare(manager, editionId);
    if (!edition) throw new DomainError(EditionErrors.notFound);
    return edition;
  }

  /** The nomination as `caller` sees it (an unannounced shortlist shows the status before it). */
  async view(manager: EntityManager, id: string, caller: Caller): Promise<NominationView> {
    // The entity's own row shape (its camelCase properties), not a second one written beside it.
    const rows = await manager.query<
      (Omit<CompanyNomination, 'eligibilityDecidedBy' | 'submittedBy'> & { companyName: string })[]
    >(
      `SELECT n.id, n.edition_id AS "editionId", n.category_id AS "categoryId", n.company_id AS "companyId",
              n.created_by AS "createdBy", n.title, n.summary, n.answers, n.metrics, n.status,
              n.status_before_shortlist AS "statusBeforeShortlist", n.shortlisted_in_round_id AS "shortlistedInRoundId",
              n.ineligibility_reason AS "ineligibilityReason",
              n.eligibility_decided_at AS "eligibilityDecidedAt", n.submitted_at AS "submittedAt",
              n.withdrawn_at AS "withdrawnAt", n.version, n.created_at AS "createdAt", n.updated_at AS "updatedAt",
              c.name AS "companyName"
         FROM nominations n JOIN company_profiles c ON c.id = n.company_id WHERE n.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new DomainError(NominationErrors.notFound);
    const attachments = await manager.find(Attachment, {
      where: { nominationId: id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const status = shownStatus(caller, row.status, row.statusBeforeShortlist);
    return {
      id: row.id,
      editionId: row.editionId,
      categoryId: row.categoryId,
      companyId: row.companyId,
      companyName: row.companyName,
      title: row.title,
      summary: row.summary,
      answers: row.answers,
      metrics: row.metrics,
      status,
      ineligibilityReason: row.ineligibilityReason,
      eligibilityDecidedAt: row.eligibilityDecidedAt?.toISOString() ?? null,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
      createdBy: row.createdBy,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      attachments: attachments.map(toAttachmentView),
      history: nominationHistory({ ...row, shownStatus: status }),
      attachmentRules: {
        mediaTypes: ATTACHMENT_MEDIA_TYPES,
        maxBytes: this.config.UPLOAD_MAX_BYTES,
        maxFiles: this.config.UPLOAD_MAX_FILES,
      },
    };
  }
}

/** Only the three declared fields are stored, whatever else a metric object carried. */
function plainMetrics(metrics: readonly NominationMetric[]): NominationMetric[] {
  return metrics.map((m) => ({ name: m.name, value: m.value, unit: m.unit }));
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

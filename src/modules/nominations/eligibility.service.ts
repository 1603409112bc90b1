import { Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/roles.js';
import { Clock } from '../../common/clock.js';
import { CommonErrors, DomainError } from '../../common/errors/domain-error.js';
import { assertFresh, type ExpectedVersions } from '../../common/http/etag.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { findCompanyOrFail } from '../companies/company.queries.js';
import { assertPhase } from '../editions/edition-rules.js';
import { findCategoryOrFail } from '../editions/edition.queries.js';
import { Notifications } from '../notifications/notifications.service.js';
import type { EligibilityDto } from './dto/nomination.dto.js';
import { NominationAccess } from './nomination-access.js';
import { decideEligibility, REVIEWABLE_STATUSES } from './nomination-status.js';
import { type NominationView, NominationsService } from './nominations.service.js';
import { NominationErrors } from './nominations.errors.js';

@Injectable()
export class EligibilityService {
  constructor(
    private readonly transactions: Transactions,
    private readonly access: NominationAccess,
    private readonly nominations: NominationsService,
    private readonly audit: AuditLog,
    private readonly notifications: Notifications,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Organisers mark a submitted nomination eligible or ineligible (with a reason); the company's members are mailed. */
  async decide(
    caller: Caller,
    id: string,
    dto: EligibilityDto,
    expected?: ExpectedVersions,
  ): Promise<NominationView> {
    if (dto.decision === 'eligible' && dto.reason !== undefined) {
      throw new DomainError(CommonErrors.validation, 'reason: only an ineligible decision has a reason', {
        errors: [{ field: 'reason', messages: ['only an ineligible decision has a reason'] }],
      });
    }
    return this.transactions.run(async (manager) => {
      const nomination = await this.access.findVisible(manager, caller, id, { lock: true });
      assertFresh(expected, nomination.version, 'nomination');
      const edition = await this.nominations.editionFor(manager, nomination.editionId);
      assertPhase(edition, 'eligibility');
      // A decision may be revised while the edition is in `eligibility`; every one is audited and mailed.
      if (!REVIEWABLE_STATUSES.includes(nomination.status))
        throw new DomainError(NominationErrors.notSubmitted, `The nomination is ${nomination.status}.`);
      const reason = dto.decision === 'ineligible' ? (dto.reason ?? null) : null;
      if (dto.decision === 'ineligible' && !reason) throw new DomainError(NominationErrors.reasonRequired);
      // Repeating the standing decision changes nothing and mails nobody.
      if (nomination.status === dto.decision && nomination.ineligibilityReason === reason)
        return this.nominations.view(manager, id, caller);

      const { version } = await decideEligibility(manager, id, {
        status: dto.decision,
        reason,
        at: this.clock.now(),
        by: caller.userId,
      });
      await this.audit.append(manager, {
        action: 'nomination.eligibility_decided',
        entityType: 'nomination',
        entityId: id,
        editionId: edition.id,
        actorId: caller.userId,
        data: {
          decision: dto.decision,
          reason,
          previousStatus: nomination.status,
          companyId: nomination.companyId,
        },
      });
      const company = await findCompanyOrFail(manager, nomination.companyId);
      const category = await findCategoryOrFail(manager, nomination.categoryId);
      const members = await manager.query<{ id: string; email: string; locale: string }[]>(
        `SELECT u.id, u.email, u.locale FROM company_memberships m JOIN user_directory u ON u.id = m.user_id WHERE m.company_id = $1 AND u.disabled_at IS NULL ORDER BY u.email`,
        [company.id],
      );
      for (const member of members) {
        await this.notifications.notify(manager, {
          template: 'nomination.eligibility_decision',
          // One mail per decision: a revised decision (a new version) is mailed again.
          subject: `${id}:v${version}`,
          recipient: { email: member.email, userId: member.id, locale: member.locale },
          params: {
            nominationId: id,
            title: nomination.title,
            companyName: company.name,
            editionName: edition.name,
            categoryName: category.name,
            decision: dto.decision,
            reason,
            link: `${this.config.PUBLIC_URL}/nominations/${id}`,
          },
        });
      }
      return this.nominations.view(manager, id, caller);
    });
  }
}

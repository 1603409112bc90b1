import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '../../common/auth/roles.js';
import { AppConfig } from '../../config/app-config.js';
import { ADMITTED_STATUSES } from '../jury/jury-rules.js';
import { Notifications, type NotificationRequest } from '../notifications/notifications.service.js';
import type { ResultOutcome } from '../notifications/templates/results.templates.js';

interface Recipient {
  nominationId: string;
  title: string;
  status: string;
  companyName: string;
  categoryName: Record<Locale, string>;
  userId: string;
  email: string;
  fullName: string;
  locale: string;
}

const OUTCOMES: Record<string, ResultOutcome> = { winner: 'winner', finalist: 'finalist' };

/**
 * The results mail to nominees: for every nomination that went to the jury, each member of its company
 * (the nomination's author when the company has no active member left) learns whether it won, with the
 * public results link. Call it inside the transaction that makes the results public, and only there.
 */
@Injectable()
export class ResultsMailer {
  constructor(
    private readonly notifications: Notifications,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records the mails (one per nomination and recipient: a re-run sends nothing twice) and enqueues them
   * through the outbox, so they exist iff the publication commits. Refuses, by throwing, to run for an
   * edition whose results are not published in this transaction: a results mail must never precede them.
   */
  async enqueue(manager: EntityManager, editionId: string): Promise<number> {
    const [edition] = await manager.query<{ slug: string; name: string; publishedAt: Date }[]>(
      `SELECT e.slug, e.name, p.published_at AS "publishedAt"
         FROM edition_settings e JOIN publications p ON p.edition_id = e.id
        WHERE e.id = $1 AND e.phase = 'published' AND p.status = 'published'`,
      [editionId],
    );
    if (!edition) throw new Error(`Results mails for edition ${editionId} before its results are published`);

    // Per nomination through the company_members primary key: no scan of every member for every nomination.
    const recipients = await manager.query<Recipient[]>(
      `SELECT n.id AS "nominationId", n.title, n.status, c.name AS "companyName", cat.name AS "categoryName",
              r.id AS "userId", r.email, r.full_name AS "fullName", r.locale
         FROM contest_entries n
         JOIN company_profiles c ON c.id = n.company_id
         JOIN edition_categories cat ON cat.id = n.category_id
         JOIN LATERAL (
           SELECT u.id, u.email, u.full_name, u.locale
             FROM company_memberships m JOIN user_directory u ON u.id = m.user_id
            WHERE m.company_id = n.company_id AND u.disabled_at IS NULL
           UNION ALL
           SELECT u.id, u.email, u.full_name, u.locale
             FROM user_directory u
            WHERE u.id = n.created_by AND u.disabled_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM company_memberships m JOIN user_directory member ON member.id = m.user_id
                               WHERE m.company_id = n.company_id AND member.disabled_at IS NULL)
         ) r ON true
        WHERE n.edition_id = $1 AND n.status = ANY($2::text[])
        ORDER BY n.id, r.email`,
      [editionId, ADMITTED_STATUSES],
    );

    // The results page (HTML, opened in the recipient's language), not the JSON behind it.
    const resultsUrl = `${this.config.PUBLIC_URL}/results/${edition.slug}`;
    const requests: NotificationRequest<'results.published'>[] = recipients.map((r) => ({
      template: 'results.published',
      subject: `results:${r.nominationId}`,
      recipient: { email: r.email, userId: r.userId, locale: r.locale },
      params: {
        name: r.fullName,
        editionName: edition.name,
        nominationId: r.nominationId,
        title: r.title,
        companyName: r.companyName,
        categoryName: r.categoryName,
        outcome: OUTCOMES[r.status] ?? 'participant',
        publishedAt: edition.publishedAt.toISOString(),
        resultsUrl: `${resultsUrl}?lang=${encodeURIComponent(r.locale)}`,
      },
    }));
    return this.notifications.notifyMany(manager, requests);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Caller, hasRole } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { page, type Page } from '../../common/http/pagination.js';
import { Transactions } from '../../database/transaction.js';
import { jobRequest } from '../../queue/jobs.js';
import { Outbox } from '../../queue/outbox.service.js';
import { AuditLog } from '../audit/audit.service.js';
import { contactsOf } from '../users/user.queries.js';
import type { ListNotificationsQuery } from './dto/notification.dto.js';
import type { NotificationStatus } from './entities/notification.entity.js';
import { NotificationErrors } from './notifications.errors.js';
import { renderMail, type TemplateName } from './templates/index.js';

interface NotificationRow {
  id: string;
  event: string;
  subject: string;
  recipient_email: string;
  recipient_id: string | null;
  locale: string;
  params: Record<string, unknown>;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Date;
}

/** What a recipient sees of a mail sent to them: never its parameters (they hold links with tokens). */
export interface RecipientNotificationView {
  id: string;
  template: string;
  /** The mail's subject line as it was sent, in the recipient's language. */
  title: string | null;
  locale: string;
  status: NotificationStatus;
  createdAt: string;
  sentAt: string | null;
}

/** What organisers see, to find and retry failed mails. Still no parameters. */
export interface NotificationView extends RecipientNotificationView {
  subject: string;
  recipientEmail: string;
  recipientId: string | null;
  attempts: number;
  lastError: string | null;
}

/** The mails the platform recorded: each user's own, everyone's for organisers, and retrying failed ones. */
@Injectable()
export class NotificationLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
  ) {}

  /**
   * A user sees the mails addressed to their account or to their e-mail address (an invitation sent before
   * they registered, say). Organisers see everyone's by default, and may narrow by recipient.
   */
  async list(
    caller: Caller,
    query: ListNotificationsQuery,
  ): Promise<Page<RecipientNotificationView | NotificationView>> {
    const organiser = hasRole(caller, 'organiser');
    const scope = query.scope ?? (organiser ? 'all' : 'mine');
    if (!organiser && (scope === 'all' || query.recipient !== undefined))
      throw new DomainError(NotificationErrors.listForbidden);

    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => (params.push(value), `$${params.length}`);
    if (scope === 'mine') {
      const [user] = await contactsOf(this.dataSource.manager, [caller.userId]);
      where.push(`(recipient_id = ${param(caller.userId)} OR recipient_email = ${param(user?.email ?? '')})`);
    }
    if (query.status) where.push(`status = ${param(query.status)}`);
    if (query.template) where.push(`event = ${param(query.template)}`);
    if (query.recipient) where.push(`recipient_email = ${param(query.recipient.toLowerCase())}`);
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';

    const [{ total }] = await this.dataSource.query<[{ total: number }]>(
      `SELECT count(*)::int AS total FROM notifications ${condition}`,
      params,
    );
    const rows = await this.dataSource.query<NotificationRow[]>(
      `SELECT * FROM notifications ${condition} ORDER BY created_at DESC, id DESC LIMIT ${param(query.pageSize)} OFFSET ${param(query.offset)}`,
      params,
    );
    const full = scope === 'all' || organiser;
    return page(
      rows.map((row) => (full ? notificationView(row) : recipientView(row))),
      query,
      total,
    );
  }

  /**
   * A failed mail goes back to `pending` with its attempts reset and a fresh delivery job (a new outbox row,
   * hence a new job id). Anything not failed is a 409: a pending mail is on its way, a sent one arrived.
   */
  async retry(caller: Caller, id: string): Promise<NotificationView> {
    return this.transactions.run(async (manager) => {
      const [previous] = await manager.query<NotificationRow[]>(
        `SELECT * FROM notifications WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!previous) throw new DomainError(NotificationErrors.notFound);
      if (previous.status !== 'failed')
        throw new DomainError(NotificationErrors.notRetryable, `The notification is ${previous.status}.`, {
          currentStatus: previous.status,
        });
      const [[row]] = await manager.query<[NotificationRow[], number]>(
        `UPDATE notifications SET status = 'pending', attempts = 0, last_error = NULL WHERE id = $1 RETURNING *`,
        [id],
      );
      await this.outbox.enqueue(manager, jobRequest('notification.send', { notificationId: id }));
      await this.audit.append(manager, {
        action: 'notification.retried',
        entityType: 'notification',
        entityId: id,
        actorId: caller.userId,
        data: {
          template: previous.event,
          recipient: previous.recipient_email,
          attempts: previous.attempts,
          lastError: previous.last_error,
        },
      });
      return notificationView(row!);
    });
  }
}

function title(row: NotificationRow): string | null {
  try {
    return renderMail(row.event as TemplateName, row.locale, row.params as never).subject;
  } catch {
    // A row from a template that no longer exists (or no longer fits its parameters) still lists.
    return null;
  }
}

function recipientView(row: NotificationRow): RecipientNotificationView {
  return {
    id: row.id,
    template: row.event,
    title: title(row),
    locale: row.locale,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}

function notificationView(row: NotificationRow): NotificationView {
  return {
    ...recipientView(row),
    subject: row.subject,
    recipientEmail: row.recipient_email,
    recipientId: row.recipient_id,
    attempts: row.attempts,
    lastError: row.last_error,
  };
}

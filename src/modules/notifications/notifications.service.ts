import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { jobRequest } from '../../queue/jobs.js';
import { Outbox } from '../../queue/outbox.service.js';
import type { JobContext } from '../../queue/job-handler.js';
import { AppConfig } from '../../config/app-config.js';
import type { Notification } from './entities/notification.entity.js';
import { Batched } from './batched.js';
import { MailTransport } from './mail-transport.js';
import { renderMail, type TemplateName, type TemplateParams } from './templates/index.js';

export interface NotificationRequest<T extends TemplateName> {
  template: T;
  /** What the mail is about; with the template and the recipient it makes the mail unique. */
  subject: string;
  /** Any string: an unknown locale falls back to English. */
  recipient: { email: string; userId?: string | null; locale: string };
  params: TemplateParams[T];
}

/** Rows per statement: keeps the outbox insert under PostgreSQL's 65,535 parameters. */
const BATCH = 5000;

@Injectable()
export class Notifications {
  /** Message-IDs are `<notification id@this host>`: a resend after a lost acknowledgement is the same mail. */
  private readonly messageIdHost: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly transport: MailTransport,
    config: AppConfig,
  ) {
    this.messageIdHost = new URL(config.PUBLIC_URL).hostname;
  }

  private readonly rows = new Batched<string, DeliveryRow | undefined>(async (ids) => {
    const found = (await this.dataSource.query(
      `SELECT id, event, recipient_email AS "recipientEmail", locale, params, status FROM notifications WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as DeliveryRow[];
    const byId = new Map(found.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  });

  private readonly sent = new Batched<string, void>(async (ids) => {
    await this.dataSource.query(
      `UPDATE notifications SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return ids.map(() => undefined);
  });

  /**
   * Records the mail and enqueues its delivery in the caller's transaction. A second request for the same
   * (template, subject, recipient) is ignored: that is what makes retries and re-runs send nothing twice.
   */
  async notify<T extends TemplateName>(
    manager: EntityManager,
    request: NotificationRequest<T>,
  ): Promise<boolean> {
    return (await this.notifyMany(manager, [request])) === 1;
  }

  /**
   * `notify` for many mails at once (results to every nominee, reminders to every juror behind): one
   * statement per thousands of rows instead of two per mail. Returns how many were new.
   */
  async notifyMany<T extends TemplateName>(
    manager: EntityManager,
    requests: readonly NotificationRequest<T>[],
  ): Promise<number> {
    let created = 0;
    for (let start = 0; start < requests.length; start += BATCH) {
      const rows = requests.slice(start, start + BATCH).map((r) => ({
        event: r.template,
        subject: r.subject,
        recipient_email: r.recipient.email.toLowerCase(),
        recipient_id: r.recipient.userId ?? null,
        locale: r.recipient.locale,
        params: r.params,
      }));
      const inserted = (await manager.query(
        `INSERT INTO notifications (event, subject, recipient_email, recipient_id, locale, params)
         SELECT event, subject, recipient_email, recipient_id, locale, params
           FROM jsonb_to_recordset($1::jsonb) AS r(event text, subject text, recipient_email text, recipient_id uuid, locale text, params jsonb)
          -- One order for every writer: two transactions recording the same mails wait on each other, never deadlock.
          ORDER BY event, subject, recipient_email
         ON CONFLICT ON CONSTRAINT uq_notifications_event_subject_recipient DO NOTHING
         RETURNING id`,
        [JSON.stringify(rows)],
      )) as { id: string }[];
      await this.outbox.enqueue(
        manager,
        ...inserted.map((row) => jobRequest('notification.send', { notificationId: row.id })),
      );
      created += inserted.length;
    }
    return created;
  }

  /**
   * Sends one notification unless it already went; records each failure and, after the last attempt,
   * `failed`. The row is read and marked sent together with those of the other deliveries under way.
   */
  async deliver(notificationId: string, context: JobContext): Promise<void> {
    const notification = await this.rows.call(notificationId);
    if (!notification || notification.status === 'sent') return;
    try {
      const mail = renderMail(
        notification.event as TemplateName,
        notification.locale,
        notification.params as never,
      );
      await this.transport.send({
        ...mail,
        to: notification.recipientEmail,
        messageId: `<${notification.id}@${this.messageIdHost}>`,
      });
    } catch (error) {
      const final = context.attempt >= context.maxAttempts;
      await this.dataSource.query(
        `UPDATE notifications SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE id = $1`,
        [notification.id, String((error as Error).message).slice(0, 1000), final],
      );
      throw error;
    }
    await this.sent.call(notification.id);
  }
}

type DeliveryRow = Pick<Notification, 'id' | 'event' | 'recipientEmail' | 'locale' | 'params' | 'status'>;

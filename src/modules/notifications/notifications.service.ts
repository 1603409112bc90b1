import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { jobRequest } from '../../queue/jobs.js';
import { Outbox } from '../../queue/outbox.service.js';
import type { JobContext } from '../../queue/job-handler.js';
import { AppConfig } from '../../config/app-config.js';
import { Notification } from './entities/notification.entity.js';
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

@Injectable()
export class Notifications {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records the mail and enqueues its delivery in the caller's transaction. A second request for the same
   * (template, subject, recipient) is ignored: that is what makes retries and re-runs send nothing twice.
   */
  async notify<T extends TemplateName>(manager: EntityManager, request: NotificationRequest<T>): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO notifications (event, subject, recipient_email, recipient_id, locale, params)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT ON CONSTRAINT uq_notifications_event_subject_recipient DO NOTHING
       RETURNING id`,
      [request.template, request.subject, request.recipient.email.toLowerCase(), request.recipient.userId ?? null, request.recipient.locale, JSON.stringify(request.params)],
    )) as { id: string }[];
    const created = rows[0];
    if (!created) return false;
    await this.outbox.enqueue(manager, jobRequest('notification.send', { notificationId: created.id }));
    return true;
  }

  /** Sends one notification unless it already went; records each failure and, after the last attempt, `failed`. */
  async deliver(notificationId: string, context: JobContext): Promise<void> {
    const repo = this.dataSource.getRepository(Notification);
    const notification = await repo.findOneBy({ id: notificationId });
    if (!notification || notification.status === 'sent') return;
    try {
      const mail = renderMail(notification.event as TemplateName, notification.locale, notification.params as never);
      await this.transport.send({ ...mail, to: notification.recipientEmail, messageId: `<${notification.id}@${new URL(this.config.PUBLIC_URL).hostname}>` });
    } catch (error) {
      const final = context.attempt >= context.maxAttempts;
      await repo.update(
        { id: notification.id },
        { attempts: () => 'attempts + 1', lastError: String((error as Error).message).slice(0, 1000), ...(final ? { status: 'failed' as const } : {}) },
      );
      throw error;
    }
    await repo.update({ id: notification.id }, { status: 'sent', sentAt: new Date(), attempts: () => 'attempts + 1', lastError: null });
  }
}

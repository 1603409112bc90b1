import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { jobRequest } from '../../queue/jobs.js';
import { Outbox } from '../../queue/outbox.service.js';
import type { JobContext } from '../../queue/job-handler.js';
import { AppConfig } from '../../config/app-config.js';
import type { NotificationStatus } from './entities/notification.entity.js';
import { Batched } from './batched.js';
import { MailTransport } from './mail-transport.js';
import { brandOf, renderMail, type TemplateName, type TemplateParams } from './templates/index.js';

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
  /** A claim older than this belongs to a dead attempt: the queue lock, after which BullMQ reruns its job. */
  private readonly claimLeaseMs: number;
  /** The platform's name in the mails' header: the display name mails are sent from. */
  private readonly brand: string;
  private readonly logger = new Logger(Notifications.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly transport: MailTransport,
    config: AppConfig,
  ) {
    this.messageIdHost = new URL(config.PUBLIC_URL).hostname;
    this.claimLeaseMs = config.QUEUE_LOCK_MS;
    this.brand = brandOf(config.MAIL_FROM);
  }

  /**
   * Claims the notifications that are free to send: `pending` ones without a claim, or with one older than
   * the queue lock (its worker died: BullMQ gives a job to another worker only after as long). The
   * notification is locked first, so a claim and the marking of it as sent never cross; the claim itself is
   * an insert into a unique key, so of two workers on the same row exactly one gets it. Rows of other
   * deliveries under way are claimed in the same statement.
   */
  private readonly claims = new Batched<string, ClaimResult>(async (ids) => {
    const rows = await this.dataSource.query<ClaimRow[]>(
      `WITH current AS (
         SELECT id, status, event, recipient_email, locale, params
           FROM notifications WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE
       ), claimed AS (
         INSERT INTO notification_claims (notification_id, token, claimed_at)
         SELECT id, gen_random_uuid(), clock_timestamp() FROM current WHERE status = 'pending' ORDER BY id
         ON CONFLICT (notification_id) DO UPDATE SET token = EXCLUDED.token, claimed_at = EXCLUDED.claimed_at
          WHERE notification_claims.claimed_at < clock_timestamp() - $2 * interval '1 millisecond'
         -- xmax is set on a row that replaced a lapsed claim, and 0 on a new one.
         RETURNING notification_id, token, xmax <> 0 AS takeover
       )
       SELECT c.id, c.status, c.event, c.recipient_email AS "recipientEmail", c.locale, c.params,
              k.token AS "claimToken", coalesce(k.takeover, false) AS takeover
         FROM current c LEFT JOIN claimed k ON k.notification_id = c.id`,
      [ids, this.claimLeaseMs],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const handedOut = new Set<string>();
    return ids.map((id): ClaimResult => {
      const row = byId.get(id);
      if (!row || row.status !== 'pending') return { kind: 'gone' };
      // Two deliveries of one row in the same batch (a job run again in the process that holds it): one claim.
      if (row.claimToken && !handedOut.has(id)) {
        handedOut.add(id);
        return { kind: 'claimed', row, takeover: row.takeover };
      }
      return { kind: 'busy' };
    });
  });

  /** Marks sent what this attempt still holds the claim of: a row taken over meanwhile is left to its new holder. */
  private readonly sent = new Batched<{ id: string; claimToken: string }, boolean>(async (claims) => {
    // TypeORM answers an UPDATE with [rows, affected].
    const [updated] = await this.dataSource.query<[{ id: string }[], number]>(
      `WITH released AS (
         DELETE FROM notification_claims c
          USING unnest($1::uuid[], $2::uuid[]) AS u(id, token)
          WHERE c.notification_id = u.id AND c.token = u.token
         RETURNING c.notification_id
       )
       UPDATE notifications n
          SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL
         FROM released r
        WHERE n.id = r.notification_id
       RETURNING n.id`,
      [claims.map((c) => c.id), claims.map((c) => c.claimToken)],
    );
    const done = new Set(updated.map((row) => row.id));
    return claims.map((c) => done.has(c.id));
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
      const inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO notifications (event, subject, recipient_email, recipient_id, locale, params)
         SELECT event, subject, recipient_email, recipient_id, locale, params
           FROM jsonb_to_recordset($1::jsonb) AS r(event text, subject text, recipient_email text, recipient_id uuid, locale text, params jsonb)
          -- One order for every writer: two transactions recording the same mails wait on each other, never deadlock.
          ORDER BY event, subject, recipient_email
         ON CONFLICT ON CONSTRAINT uq_notifications_event_subject_recipient DO NOTHING
         RETURNING id`,
        [JSON.stringify(rows)],
      );
      await this.outbox.enqueue(
        manager,
        ...inserted.map((row) => jobRequest('notification.send', { notificationId: row.id })),
      );
      created += inserted.length;
    }
    return created;
  }

  /**
   * Sends one notification unless it already went, exactly once across crashes as far as the transport
   * allows. The row is claimed (a `notification_claims` row with a token) before the mail is handed over and marked sent
   * with that token after, so a retry never sends a mail whose row says it went, and two workers never
   * send the same row at once. An attempt that finds a live claim waits for it to end or lapse. One that
   * takes over a dead attempt's claim asks the transport whether the mail was handed over: the .eml
   * transport knows; over SMTP it is sent again with the same Message-ID, so the receiving side can tell
   * it is the same mail, and the row counts it in `resends`. A failure releases the claim (`pending`
   * for the next attempt, `failed` after the last). Says what it did, for tests and nothing else.
   */
  async deliver(notificationId: string, context: JobContext): Promise<DeliveryOutcome> {
    let claim = await this.claims.call(notificationId);
    while (claim.kind === 'busy') {
      await delay(Math.min(1000, Math.max(50, this.claimLeaseMs / 4)));
      claim = await this.claims.call(notificationId);
    }
    if (claim.kind === 'gone') return 'nothing_to_do';
    const { row, takeover } = claim;
    const claimToken = row.claimToken!;
    const messageId = `<${row.id}@${this.messageIdHost}>`;
    try {
      if (takeover) {
        const delivered = await this.transport.delivered(messageId);
        if (delivered)
          return (await this.sent.call({ id: row.id, claimToken })) ? 'found_delivered' : 'claim_lost';
        if (delivered === undefined) {
          this.logger.warn(
            `Mail ${row.id} was being sent by a worker that stopped; sending it again with its Message-ID`,
          );
          await this.dataSource.query(
            `UPDATE notifications SET resends = resends + 1
              WHERE id = $1 AND EXISTS (SELECT 1 FROM notification_claims WHERE notification_id = $1 AND token = $2)`,
            [row.id, claimToken],
          );
        }
      }
      const mail = renderMail(row.event as TemplateName, row.locale, row.params as never, {
        brand: this.brand,
      });
      await this.transport.send({ ...mail, to: row.recipientEmail, messageId, template: row.event });
    } catch (error) {
      const final = context.attempt >= context.maxAttempts;
      await this.dataSource.query(
        `WITH released AS (
           DELETE FROM notification_claims WHERE notification_id = $1 AND token = $2 RETURNING notification_id
         )
         UPDATE notifications
            SET attempts = attempts + 1, last_error = $3, status = CASE WHEN $4 THEN 'failed' ELSE status END
          WHERE id IN (SELECT notification_id FROM released)`,
        [row.id, claimToken, String((error as Error).message).slice(0, 1000), final],
      );
      throw error;
    }
    if (await this.sent.call({ id: row.id, claimToken })) return 'sent';
    this.logger.warn(`Mail ${row.id} was sent after its claim lapsed and another worker took it over`);
    return 'claim_lost';
  }
}

/**
 * `sent`: handed over and marked sent; `found_delivered`: a dead attempt had handed it over, now marked;
 * `nothing_to_do`: already sent or failed, or no such row; `claim_lost`: this attempt held the claim so long
 * that another took it over (the mail may then go twice, the price of a worker stalled past the lock).
 */
export type DeliveryOutcome = 'sent' | 'found_delivered' | 'nothing_to_do' | 'claim_lost';

interface ClaimRow {
  id: string;
  status: NotificationStatus;
  event: string;
  recipientEmail: string;
  locale: string;
  params: Record<string, unknown>;
  claimToken: string | null;
  takeover: boolean;
}

type ClaimResult =
  /** This attempt holds the row; `takeover` when it took the claim of an attempt that died holding it. */
  | { kind: 'claimed'; row: ClaimRow; takeover: boolean }
  /** Another live attempt holds it. */
  | { kind: 'busy' }
  /** Sent, failed, or no such row: nothing to do. */
  | { kind: 'gone' };

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LOCALES, type Locale } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { contactsOf } from '../users/user.queries.js';
import { OPTIONAL_TOPICS, type OptionalTopic } from './entities/notification-opt-out.entity.js';
import { NotificationErrors } from './notifications.errors.js';
import { UnsubscribeLinks } from './unsubscribe-links.js';

export interface UnsubscribeResult {
  topic: OptionalTopic;
  unsubscribed: true;
}

/** Whether each optional kind of mail is on for a user. */
export type NotificationPreferences = Record<OptionalTopic, boolean>;

/** Turning optional mails off (through the signed link they carry, or signed in) and on again (signed in). */
@Injectable()
export class OptOuts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly links: UnsubscribeLinks,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Records the opt-out the token names; idempotent (a second click changes nothing and says the same).
   * Answers in the recipient's language, for the page that follows a form post.
   */
  async unsubscribe(token: string): Promise<UnsubscribeResult & { locale: Locale }> {
    const claim = this.links.verify(token);
    if (!claim) throw new DomainError(NotificationErrors.invalidUnsubscribeToken);
    return this.transactions.run(async (manager) => {
      const locale = await this.localeOf(manager, claim.userId);
      await this.setTopic(manager, claim.userId, claim.topic, false);
      return { topic: claim.topic, unsubscribed: true, locale };
    });
  }

  /** The language of the page a genuine link opens; the link itself changes nothing (mail scanners open links). */
  async linkLocale(token: string): Promise<Locale> {
    const claim = this.links.verify(token);
    if (!claim) throw new DomainError(NotificationErrors.invalidUnsubscribeToken);
    return this.localeOf(this.dataSource.manager, claim.userId);
  }

  /** A genuine link of a deleted account is as useless as a forged one. */
  private async localeOf(manager: EntityManager, userId: string): Promise<Locale> {
    const [user] = await contactsOf(manager, [userId]);
    if (!user) throw new DomainError(NotificationErrors.invalidUnsubscribeToken);
    return (LOCALES as readonly string[]).includes(user.locale) ? user.locale : 'en';
  }

  async preferences(userId: string, manager = this.dataSource.manager): Promise<NotificationPreferences> {
    return this.read(manager, userId);
  }

  /**
   * Sets each optional topic on or off; only actual changes are recorded and audited. In the caller's
   * transaction when given one (a profile edit that changes reminders too).
   */
  async setPreferences(
    userId: string,
    wanted: NotificationPreferences,
    manager?: EntityManager,
  ): Promise<NotificationPreferences> {
    const work = async (m: EntityManager) => {
      for (const topic of OPTIONAL_TOPICS) await this.setTopic(m, userId, topic, wanted[topic]);
      return this.read(m, userId);
    };
    return manager ? work(manager) : this.transactions.run(work);
  }

  private async read(manager: EntityManager, userId: string): Promise<NotificationPreferences> {
    const rows = await manager.query<{ topic: OptionalTopic }[]>(
      `SELECT topic FROM notification_opt_outs WHERE user_id = $1`,
      [userId],
    );
    const off = new Set(rows.map((row) => row.topic));
    return Object.fromEntries(
      OPTIONAL_TOPICS.map((topic) => [topic, !off.has(topic)]),
    ) as NotificationPreferences;
  }

  /** Turns one topic on or off for an existing user; true when that changed something (then audited). */
  private async setTopic(
    manager: EntityManager,
    userId: string,
    topic: OptionalTopic,
    on: boolean,
  ): Promise<boolean> {
    const changed = await manager.query<unknown[]>(
      on
        ? // As a CTE: TypeORM answers a bare DELETE with [rows, count], not the rows.
          `WITH gone AS (DELETE FROM notification_opt_outs WHERE user_id = $1 AND topic = $2 RETURNING user_id)
           SELECT user_id FROM gone`
        : `INSERT INTO notification_opt_outs (user_id, topic) SELECT id, $2 FROM user_directory WHERE id = $1
           ON CONFLICT ON CONSTRAINT pk_notification_opt_outs DO NOTHING RETURNING user_id`,
      [userId, topic],
    );
    if (!changed.length) return false;
    await this.audit.append(manager, {
      action: on ? 'notifications.resubscribed' : 'notifications.unsubscribed',
      entityType: 'user',
      entityId: userId,
      actorId: userId,
      data: { topic },
    });
    return true;
  }
}

import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import type { OptionalTopic } from './entities/notification-opt-out.entity.js';
import { NotificationErrors } from './notifications.errors.js';
import { UnsubscribeLinks } from './unsubscribe-links.js';

export interface UnsubscribeResult {
  topic: OptionalTopic;
  unsubscribed: true;
}

/** Turning optional mails off through the signed link they carry. */
@Injectable()
export class OptOuts {
  constructor(
    private readonly transactions: Transactions,
    private readonly links: UnsubscribeLinks,
    private readonly audit: AuditLog,
  ) {}

  /** Records the opt-out the token names; idempotent (a second click changes nothing and says the same). */
  async unsubscribe(token: string): Promise<UnsubscribeResult> {
    const claim = this.links.verify(token);
    if (!claim) throw new DomainError(NotificationErrors.invalidUnsubscribeToken);
    return this.transactions.run(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO notification_opt_outs (user_id, topic) SELECT id, $2 FROM users WHERE id = $1
         ON CONFLICT ON CONSTRAINT pk_notification_opt_outs DO NOTHING RETURNING user_id`,
        [claim.userId, claim.topic],
      )) as unknown[];
      if (inserted.length) {
        await this.audit.append(manager, {
          action: 'notifications.unsubscribed',
          entityType: 'user',
          entityId: claim.userId,
          actorId: claim.userId,
          data: { topic: claim.topic },
        });
        return { topic: claim.topic, unsubscribed: true };
      }
      const [exists] = (await manager.query(`SELECT 1 FROM users WHERE id = $1`, [
        claim.userId,
      ])) as unknown[];
      // A genuine link of a deleted account: as useless as a forged one.
      if (!exists) throw new DomainError(NotificationErrors.invalidUnsubscribeToken);
      return { topic: claim.topic, unsubscribed: true };
    });
  }
}

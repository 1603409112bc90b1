import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../../../common/auth/roles.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { Transactions } from '../../../database/transaction.js';
import { AuditLog } from '../../audit/audit.service.js';
import { assertPhase } from '../../editions/edition-rules.js';
import { ReminderErrors, RoundErrors } from '../jury.errors.js';
import { RoundsService } from '../rounds.service.js';
import { Reminders } from './reminders.service.js';

/** How long after an organiser's reminder the next one waits: jurors get at most one such mail a day. */
export const MANUAL_REMINDER_COOLDOWN_HOURS = 24;

export interface ManualReminderState {
  lastSentAt: string | null;
  lastReminded: number | null;
  /** Until when the reminder cools down; null when it can be sent now. */
  availableAt: string | null;
  cooldownHours: number;
}

export interface ManualReminderView extends ManualReminderState {
  roundId: string;
}

/** When the round's jurors were last reminded by hand (table `round_manual_reminders`, this file's own). */
export async function manualReminderState(
  manager: EntityManager,
  roundId: string,
): Promise<ManualReminderState> {
  const [row] = await manager.query<{ sentAt: Date; reminded: number; availableAt: Date; due: boolean }[]>(
    `SELECT sent_at AS "sentAt", reminded, sent_at + make_interval(hours => $2) AS "availableAt",
            sent_at + make_interval(hours => $2) > now() AS due
       FROM round_manual_reminders WHERE round_id = $1`,
    [roundId, MANUAL_REMINDER_COOLDOWN_HOURS],
  );
  return {
    lastSentAt: row?.sentAt.toISOString() ?? null,
    lastReminded: row?.reminded ?? null,
    availableAt: row?.due ? row.availableAt.toISOString() : null,
    cooldownHours: MANUAL_REMINDER_COOLDOWN_HOURS,
  };
}

/**
 * "Remind the jurors who are behind", by an organiser: the scheduled reminders' mail, now, to every juror
 * with a standing assignment not yet submitted, at most once per cool-down per round. The cool-down is a
 * row in PostgreSQL claimed by a conditional upsert under the round's row lock, so two clicks, two tabs or
 * two API instances send one batch.
 */
@Injectable()
export class ManualReminders {
  constructor(
    private readonly transactions: Transactions,
    private readonly rounds: RoundsService,
    private readonly reminders: Reminders,
    private readonly audit: AuditLog,
  ) {}

  async send(caller: Caller, roundId: string): Promise<ManualReminderView> {
    return this.transactions.run(async (manager) => {
      const { round, edition } = await this.rounds.find(manager, roundId, { lock: true });
      if (round.status === 'closed')
        throw new DomainError(RoundErrors.closed, `Round ${round.number} is closed.`);
      assertPhase(edition, 'judging');
      const claimed = await manager.query<{ sentAt: Date }[]>(
        `INSERT INTO round_manual_reminders (round_id, sent_at, sent_by, reminded) VALUES ($1, now(), $2, 0)
         ON CONFLICT (round_id) DO UPDATE SET sent_at = EXCLUDED.sent_at, sent_by = EXCLUDED.sent_by, reminded = 0
          WHERE round_manual_reminders.sent_at + make_interval(hours => $3) <= EXCLUDED.sent_at
         RETURNING sent_at AS "sentAt"`,
        [round.id, caller.userId, MANUAL_REMINDER_COOLDOWN_HOURS],
      );
      if (!claimed.length) {
        const state = await manualReminderState(manager, round.id);
        const waitSeconds = Math.max(1, Math.ceil((Date.parse(state.availableAt!) - Date.now()) / 1000));
        throw new DomainError(
          ReminderErrors.coolingDown,
          `The jurors were reminded at ${state.lastSentAt}; the next reminder can go at ${state.availableAt}.`,
          { lastSentAt: state.lastSentAt, availableAt: state.availableAt },
          { 'Retry-After': String(waitSeconds) },
        );
      }
      const sentAt = claimed[0]!.sentAt;
      // Nobody to remind rolls the claim back with the refusal: the cool-down starts with a mail.
      const reminded = await this.reminders.remindBehindNow(manager, round.id, sentAt);
      if (!reminded) throw new DomainError(ReminderErrors.nobodyBehind);
      await manager.query(`UPDATE round_manual_reminders SET reminded = $2 WHERE round_id = $1`, [
        round.id,
        reminded,
      ]);
      await this.audit.append(manager, {
        action: 'round.jurors_reminded',
        entityType: 'round',
        entityId: round.id,
        editionId: edition.id,
        actorId: caller.userId,
        data: { reminded, sentAt: sentAt.toISOString() },
      });
      return { roundId: round.id, ...(await manualReminderState(manager, round.id)) };
    });
  }
}

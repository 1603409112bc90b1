import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock.js';
import { AppConfig } from '../../../config/app-config.js';
import { Transactions } from '../../../database/transaction.js';
import type { JobPayloads } from '../../../queue/jobs.js';
import { Notifications, type NotificationRequest } from '../notifications.service.js';
import { UnsubscribeLinks } from '../unsubscribe-links.js';
import { currentReminder, type ReminderMoment, reminderSubject } from './reminder-slots.js';

/** A delayed job may wake a moment before its time by this clock (Redis keeps its own): that counts as due. */
const EARLY_TOLERANCE_MS = 5000;

interface RoundToRemind {
  id: string;
  name: string;
  status: 'open' | 'closed';
  closesAt: Date | null;
  editionName: string;
  leadHours: number;
}

interface JurorBehind {
  id: string;
  email: string;
  fullName: string;
  locale: string;
  remaining: number;
}

/**
 * Scoring reminders: the jurors of a round with assignments still unsubmitted, mailed once per reminder
 * (the notification subject names the round, the slot and the deadline). Every path that sends — the
 * delayed job of a slot, a late duplicate of it, the periodic sweep — goes through `remind`, which re-reads
 * the round, so a job scheduled for an old deadline or a closed round sends nothing.
 */
@Injectable()
export class Reminders {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly notifications: Notifications,
    private readonly links: UnsubscribeLinks,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The `reminder.round` job. Returns how many reminders it recorded (0 when stale, early or done already). */
  async remind(payload: JobPayloads['reminder.round']): Promise<number> {
    return this.transactions.run(async (manager) => {
      const round = await this.findRound(manager, payload.roundId);
      // Stale: the round closed or its deadline moved since the job was queued (the new one has jobs of its own).
      const deadline = round?.status === 'open' ? round.closesAt : null;
      if (!round || !deadline || deadline.getTime() !== Date.parse(payload.closesAt)) return 0;
      const now = new Date(this.clock.now().getTime() + EARLY_TOLERANCE_MS);
      const current = currentReminder(deadline, round.leadHours, now);
      // Early (the lead time changed since) or late (a later reminder is due already, and is sent instead):
      // nothing. The sweep sends whatever is due and was missed.
      if (current?.slot !== payload.slot) return 0;
      return this.mailJurorsBehind(manager, round, deadline, current);
    });
  }

  /** The safety net: every open round whose current reminder is due gets it, unless it went already. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const rounds = (await this.dataSource.query(
      `SELECT r.id, r.closes_at AS "closesAt", e.reminder_lead_hours AS "leadHours"
         FROM rounds r JOIN editions e ON e.id = r.edition_id
        WHERE r.status = 'open' AND r.closes_at > $1
          AND r.closes_at <= $1::timestamptz + make_interval(hours => greatest(e.reminder_lead_hours, 24))`,
      [now],
    )) as { id: string; closesAt: Date; leadHours: number }[];
    let sent = 0;
    for (const round of rounds) {
      const current = currentReminder(round.closesAt, round.leadHours, now);
      if (current)
        sent += await this.remind({
          roundId: round.id,
          slot: current.slot,
          closesAt: round.closesAt.toISOString(),
        });
    }
    return sent;
  }

  /**
   * The round, share-locked so that a deadline being changed waits for this reminder (or this reminder for
   * it): a reminder never names a deadline the round no longer has.
   */
  private async findRound(manager: EntityManager, roundId: string): Promise<RoundToRemind | undefined> {
    const [round] = (await manager.query(
      `SELECT r.id, r.name, r.status, r.closes_at AS "closesAt", e.name AS "editionName", e.reminder_lead_hours AS "leadHours"
         FROM rounds r JOIN editions e ON e.id = r.edition_id
        WHERE r.id = $1
          FOR SHARE OF r`,
      [roundId],
    )) as RoundToRemind[];
    return round;
  }

  /**
   * Jurors with standing assignments (the `active_assignments` view: admitted nominations, no conflict)
   * that have no submitted scorecard, who have not turned reminders off. A juror whose every open assignment
   * came after the reminder was due is left out: their assignment mail, sent since, already named the deadline.
   */
  private async mailJurorsBehind(
    manager: EntityManager,
    round: RoundToRemind,
    closesAt: Date,
    moment: ReminderMoment,
  ): Promise<number> {
    const jurors = (await manager.query(
      `SELECT u.id, u.email, u.full_name AS "fullName", u.locale, count(*)::int AS remaining
         FROM active_assignments aa
         JOIN users u ON u.id = aa.juror_id
        WHERE aa.round_id = $1
          AND u.disabled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM scorecards s
                           WHERE s.round_id = aa.round_id AND s.nomination_id = aa.nomination_id AND s.juror_id = aa.juror_id AND s.status = 'submitted')
          AND NOT EXISTS (SELECT 1 FROM notification_opt_outs o WHERE o.user_id = u.id AND o.topic = 'reminders')
        GROUP BY u.id
       HAVING min(aa.created_at) <= $2`,
      [round.id, moment.dueAt],
    )) as JurorBehind[];
    const subject = reminderSubject(round.id, moment.slot, closesAt);
    const requests: NotificationRequest<'jury.scoring_reminder'>[] = jurors.map((juror) => ({
      template: 'jury.scoring_reminder',
      subject,
      recipient: { email: juror.email, userId: juror.id, locale: juror.locale },
      params: {
        name: juror.fullName,
        editionName: round.editionName,
        roundName: round.name,
        remaining: juror.remaining,
        closesAt: closesAt.toISOString(),
        link: `${this.config.PUBLIC_URL}/jury/assignments?roundId=${round.id}`,
        unsubscribeUrl: this.links.url(juror.id, 'reminders'),
      },
    }));
    return this.notifications.notifyMany(manager, requests);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock.js';
import { AppConfig } from '../../../config/app-config.js';
import { Transactions } from '../../../database/transaction.js';
import type { JobPayloads } from '../../../queue/jobs.js';
import { reminderSettingsOf } from '../../editions/edition.queries.js';
import { Notifications, type NotificationRequest } from '../../notifications/notifications.service.js';
import { optedOut } from '../../notifications/opt-out.queries.js';
import { UnsubscribeLinks } from '../../notifications/unsubscribe-links.js';
import { jurorLink } from '../jury-links.js';
import { currentReminder, reminderSubject } from './reminder-slots.js';

/** A delayed job may wake a moment before its time by this clock (Redis keeps its own): that counts as due. */
const EARLY_TOLERANCE_MS = 5000;

interface RoundToRemind {
  id: string;
  name: string;
  status: 'open' | 'closed';
  closesAt: Date | null;
  editionName: string;
  leadHours: number;
  judgingCloseAt: Date;
}

interface JurorBehind {
  id: string;
  email: string;
  fullName: string;
  locale: string;
  remaining: number;
  /** The nomination left, when only one is. */
  onlyNominationId: string | null;
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
      return this.mailJurorsBehind(
        manager,
        round,
        deadline,
        current.dueAt,
        reminderSubject(round.id, current.slot, deadline),
      );
    });
  }

  /**
   * The same mail at an organiser's request (`ManualReminders` keeps its cool-down): every juror behind,
   * naming the round's deadline, or judging's end when the round has none. Returns how many were mailed.
   */
  async remindBehindNow(manager: EntityManager, roundId: string, sentAt: Date): Promise<number> {
    const round = await this.findRound(manager, roundId);
    if (!round || round.status !== 'open') return 0;
    const closesAt = round.closesAt ?? round.judgingCloseAt;
    return this.mailJurorsBehind(
      manager,
      round,
      closesAt,
      sentAt,
      `round:${round.id}:manual:${sentAt.toISOString()}`,
    );
  }

  /** The safety net: every open round whose current reminder is due gets it, unless it went already. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const rounds = await this.dataSource.query<{ id: string; editionId: string; closesAt: Date }[]>(
      `SELECT id, edition_id AS "editionId", closes_at AS "closesAt" FROM rounds WHERE status = 'open' AND closes_at > $1`,
      [now],
    );
    const settings = await reminderSettingsOf(
      this.dataSource.manager,
      rounds.map((r) => r.editionId),
    );
    let sent = 0;
    for (const round of rounds) {
      const leadHours = settings.get(round.editionId)?.leadHours;
      // No reminder is current before the earliest moment: a round not yet in its window sends nothing.
      const current = leadHours === undefined ? null : currentReminder(round.closesAt, leadHours, now);
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
    const [round] = await manager.query<
      (Omit<RoundToRemind, 'editionName' | 'leadHours' | 'judgingCloseAt'> & { editionId: string })[]
    >(
      `SELECT id, edition_id AS "editionId", name, status, closes_at AS "closesAt" FROM rounds WHERE id = $1 FOR SHARE`,
      [roundId],
    );
    if (!round) return undefined;
    const edition = (await reminderSettingsOf(manager, [round.editionId])).get(round.editionId);
    if (!edition) return undefined;
    return {
      ...round,
      editionName: edition.name,
      leadHours: edition.leadHours,
      judgingCloseAt: edition.judgingCloseAt,
    };
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
    /** Jurors whose every open assignment came after this were told the deadline by their assignment mail. */
    assignedBy: Date,
    subject: string,
  ): Promise<number> {
    const jurors = await manager.query<JurorBehind[]>(
      `SELECT u.id, u.email, u.full_name AS "fullName", u.locale, count(*)::int AS remaining,
              CASE WHEN count(*) = 1 THEN min(aa.nomination_id::text) END AS "onlyNominationId"
         FROM active_assignments aa
         JOIN user_directory u ON u.id = aa.juror_id
        WHERE aa.round_id = $1
          AND u.disabled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM scorecard_states s
                           WHERE s.round_id = aa.round_id AND s.nomination_id = aa.nomination_id AND s.juror_id = aa.juror_id AND s.status = 'submitted')
        GROUP BY u.id, u.email, u.full_name, u.locale
       HAVING min(aa.created_at) <= $2`,
      [round.id, assignedBy],
    );
    const off = await optedOut(
      manager,
      jurors.map((j) => j.id),
      'reminders',
    );
    const requests: NotificationRequest<'jury.scoring_reminder'>[] = jurors
      .filter((juror) => !off.has(juror.id))
      .map((juror) => ({
        template: 'jury.scoring_reminder',
        subject,
        recipient: { email: juror.email, userId: juror.id, locale: juror.locale },
        params: {
          name: juror.fullName,
          editionName: round.editionName,
          roundName: round.name,
          remaining: juror.remaining,
          closesAt: closesAt.toISOString(),
          // The one nomination left, when only one is: straight to its scorecard.
          link: jurorLink(this.config.PUBLIC_URL, round.id, juror.onlyNominationId ?? undefined),
          unsubscribeUrl: this.links.url(juror.id, 'reminders'),
        },
      }));
    return this.notifications.notifyMany(manager, requests);
  }
}

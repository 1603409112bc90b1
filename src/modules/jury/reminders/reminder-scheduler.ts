import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock.js';
import { jobRequest } from '../../../queue/jobs.js';
import { Outbox } from '../../../queue/outbox.service.js';
import { EditionReminders } from '../../editions/edition-reminders.js';
import { reminderSettingsOf } from '../../editions/edition.queries.js';
import type { Round } from '../entities/round.entity.js';
import { reminderJobId, reminderMoments } from './reminder-slots.js';

export type ScheduledRound = Pick<Round, 'id' | 'editionId' | 'status' | 'closesAt'>;

/**
 * Puts a round's reminders on the `schedule` queue as delayed jobs, in the caller's transaction (through the
 * outbox): call it wherever a round is created or its deadline changes. Jobs for an old deadline stay queued
 * and do nothing when they run; moments already past run at once, and only the latest of them sends.
 * It is also the editions module's `EditionReminders`: a new lead time plans every open round again.
 */
@Injectable()
export class ReminderScheduler implements EditionReminders {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async schedule(manager: EntityManager, round: ScheduledRound): Promise<void> {
    const closesAt = round.closesAt;
    if (round.status !== 'open' || !closesAt || closesAt <= this.clock.now()) return;
    const edition = (await reminderSettingsOf(manager, [round.editionId])).get(round.editionId);
    if (!edition) return;
    await this.outbox.enqueue(
      manager,
      ...reminderMoments(closesAt, edition.leadHours).map((moment) =>
        jobRequest(
          'reminder.round',
          { roundId: round.id, slot: moment.slot, closesAt: closesAt.toISOString() },
          { runAt: moment.dueAt, jobId: reminderJobId(round.id, moment, closesAt) },
        ),
      ),
    );
  }

  /** Every open round of an edition, e.g. after its reminder lead time changed. */
  async scheduleEdition(manager: EntityManager, editionId: string): Promise<void> {
    const rounds = await manager.query<ScheduledRound[]>(
      `SELECT id, edition_id AS "editionId", status, closes_at AS "closesAt" FROM rounds WHERE edition_id = $1 AND status = 'open' AND closes_at IS NOT NULL`,
      [editionId],
    );
    for (const round of rounds) await this.schedule(manager, round);
  }

  leadTimeChanged(manager: EntityManager, editionId: string): Promise<void> {
    return this.scheduleEdition(manager, editionId);
  }
}

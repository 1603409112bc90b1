/** The two reminders of a round: the edition's lead time before it closes, and a day before. */
export type ReminderSlot = 'lead' | 'day';

export interface ReminderMoment {
  slot: ReminderSlot;
  dueAt: Date;
}

const HOUR = 3600_000;

/**
 * When a round's reminders are due, earliest first. A lead time of 24 h (or none) leaves only the day-before
 * reminder: the same moment is never mailed twice under two names.
 */
export function reminderMoments(closesAt: Date, leadHours: number): ReminderMoment[] {
  const moments: ReminderMoment[] = [{ slot: 'day', dueAt: new Date(closesAt.getTime() - 24 * HOUR) }];
  if (leadHours > 0 && leadHours !== 24)
    moments.push({ slot: 'lead', dueAt: new Date(closesAt.getTime() - leadHours * HOUR) });
  return moments.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * The reminder to send at `now`: the latest one already due, while the round is still open. Only one is
 * ever current, so a round scheduled (or a worker back) late sends one reminder, never a burst.
 */
export function currentReminder(closesAt: Date, leadHours: number, now: Date): ReminderMoment | null {
  if (now >= closesAt) return null;
  const due = reminderMoments(closesAt, leadHours).filter((m) => m.dueAt <= now);
  return due.at(-1) ?? null;
}

/** The notification subject of one reminder: one mail per juror, round, slot and deadline. */
export function reminderSubject(roundId: string, slot: ReminderSlot, closesAt: Date): string {
  return `reminder:${roundId}:${slot}:${closesAt.toISOString()}`;
}

/**
 * The BullMQ id of one reminder's delayed job, from the round, the slot, the deadline and the moment (the
 * lead time may change): scheduling the same round twice queues nothing more. BullMQ forbids `:` in ids.
 */
export function reminderJobId(roundId: string, moment: ReminderMoment, closesAt: Date): string {
  return `reminder-${roundId}-${moment.slot}-${closesAt.getTime()}-${moment.dueAt.getTime()}`;
}

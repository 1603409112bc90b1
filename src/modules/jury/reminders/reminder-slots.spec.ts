import { describe, expect, it } from '@jest/globals';
import { currentReminder, reminderJobId, reminderMoments, reminderSubject } from './reminder-slots.js';

const closesAt = new Date('2026-03-10T18:00:00.000Z');
const at = (iso: string) => new Date(iso);

describe('reminder moments', () => {
  it('the lead time before the close and a day before, earliest first', () => {
    expect(reminderMoments(closesAt, 72)).toEqual([
      { slot: 'lead', dueAt: at('2026-03-07T18:00:00.000Z') },
      { slot: 'day', dueAt: at('2026-03-09T18:00:00.000Z') },
    ]);
  });

  it('a lead time shorter than a day comes after the day-before reminder', () => {
    expect(reminderMoments(closesAt, 6).map((m) => m.slot)).toEqual(['day', 'lead']);
  });

  it('a lead time of 24 h or none is the day-before reminder only', () => {
    expect(reminderMoments(closesAt, 24).map((m) => m.slot)).toEqual(['day']);
    expect(reminderMoments(closesAt, 0).map((m) => m.slot)).toEqual(['day']);
  });
});

describe('current reminder', () => {
  it('nothing before the first moment', () => {
    expect(currentReminder(closesAt, 72, at('2026-03-07T17:59:59.999Z'))).toBeNull();
  });

  it('the latest moment already due', () => {
    expect(currentReminder(closesAt, 72, at('2026-03-07T18:00:00.000Z'))?.slot).toBe('lead');
    expect(currentReminder(closesAt, 72, at('2026-03-09T17:00:00.000Z'))?.slot).toBe('lead');
    expect(currentReminder(closesAt, 72, at('2026-03-09T18:00:00.000Z'))?.slot).toBe('day');
  });

  it('a round scheduled inside both windows sends only the later reminder', () => {
    expect(currentReminder(closesAt, 72, at('2026-03-10T06:00:00.000Z'))?.slot).toBe('day');
  });

  it('nothing once the round has closed', () => {
    expect(currentReminder(closesAt, 72, closesAt)).toBeNull();
  });
});

describe('names', () => {
  it('subjects and job ids name the round, the slot and the deadline; job ids hold no colon', () => {
    expect(reminderSubject('r1', 'day', closesAt)).toBe('reminder:r1:day:2026-03-10T18:00:00.000Z');
    const [lead] = reminderMoments(closesAt, 72);
    expect(reminderJobId('r1', lead!, closesAt)).toBe(
      `reminder-r1-lead-${closesAt.getTime()}-${lead!.dueAt.getTime()}`,
    );
    expect(reminderJobId('r1', lead!, closesAt)).not.toContain(':');
  });
});

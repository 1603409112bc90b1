import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isoTimes } from './nomination-list.js';

describe('isoTimes (the list’s times in the API’s form)', () => {
  it('writes PostgreSQL’s JSON timestamps as toISOString does, for 0 to 6 fractional digits', () => {
    const item = (createdAt: string) => `[{"title":"T","createdAt":"${createdAt}","submittedAt":null}]`;
    expect(isoTimes(item('2026-11-28T10:00:00'))).toBe(item('2026-11-28T10:00:00.000Z'));
    expect(isoTimes(item('2026-11-28T10:00:00.1'))).toBe(item('2026-11-28T10:00:00.100Z'));
    expect(isoTimes(item('2026-11-28T10:00:00.12'))).toBe(item('2026-11-28T10:00:00.120Z'));
    expect(isoTimes(item('2026-11-28T10:00:00.123'))).toBe(item('2026-11-28T10:00:00.123Z'));
    // Truncated, not rounded, as to_char's MS was.
    expect(isoTimes(item('2026-11-28T10:00:00.999999'))).toBe(item('2026-11-28T10:00:00.999Z'));
  });

  it('leaves anything an entrant wrote alone, even text that looks like a time field', () => {
    const sneaky = JSON.stringify([
      { title: '","createdAt":"2026-11-28T10:00:00', summary: '"updatedAt":"x"' },
    ]);
    expect(isoTimes(sneaky)).toBe(sneaky);
  });

  it('agrees with Date.toISOString for any instant and any microseconds', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2200-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 999 }),
        (date, micros) => {
          const iso = date.toISOString();
          // As PostgreSQL writes a timestamp in JSON: microseconds, trailing zeros dropped, no zone.
          const fraction = `${iso.slice(20, 23)}${String(micros).padStart(3, '0')}`.replace(/0+$/, '');
          const pg = `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}`;
          expect(isoTimes(`{"updatedAt":"${pg}"}`)).toBe(`{"updatedAt":"${iso}"}`);
        },
      ),
    );
  });
});

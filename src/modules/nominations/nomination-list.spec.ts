import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isoTime, listItemJson, type NominationListItem } from './nomination-list.js';

/** As PostgreSQL writes a UTC timestamp under DateStyle ISO: microseconds, trailing zeros dropped. */
function pgTimestamp(iso: string, micros: number): string {
  const fraction = `${iso.slice(20, 23)}${String(micros).padStart(3, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}`;
}

const instant = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2200-01-01T00:00:00Z'),
  noInvalidDate: true,
});

describe('isoTime (the list’s times in the API’s form)', () => {
  it('writes PostgreSQL’s ISO timestamps as toISOString does, for 0 to 6 fractional digits', () => {
    expect(isoTime('2026-11-28 10:00:00')).toBe('2026-11-28T10:00:00.000Z');
    expect(isoTime('2026-11-28 10:00:00.1')).toBe('2026-11-28T10:00:00.100Z');
    expect(isoTime('2026-11-28 10:00:00.12')).toBe('2026-11-28T10:00:00.120Z');
    expect(isoTime('2026-11-28 10:00:00.123')).toBe('2026-11-28T10:00:00.123Z');
    // Truncated, not rounded, as toISOString truncates what it cannot show.
    expect(isoTime('2026-11-28 10:00:00.999999')).toBe('2026-11-28T10:00:00.999Z');
  });

  it('refuses anything that is not such a timestamp instead of guessing', () => {
    for (const text of [
      '28.11.2026 10:00:00', // German
      '11/28/2026 10:00:00.12', // SQL
      'Sat Nov 28 10:00:00.12 2026', // Postgres
      '2026-11-28 10:00:00+00', // timestamptz, not UTC timestamp
      '2026-11-28T10:00:00',
      '2026-11-28 10:00:00.',
      '2026-11-28 10:00:00.1234567',
      '12026-11-28 10:00:00',
      '0010-01-01 00:00:00 BC',
      'infinity',
    ])
      expect(() => isoTime(text)).toThrow(/Not an ISO timestamp/);
  });

  it('agrees with Date.toISOString for any instant and any microseconds', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 999 }), (date, micros) => {
        expect(isoTime(pgTimestamp(date.toISOString(), micros))).toBe(date.toISOString());
      }),
    );
  });
});

describe('listItemJson (a row of the page as JSON)', () => {
  it('is the JSON of the item, whatever an entrant put in the names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uuid(), { minLength: 4, maxLength: 4 }),
        fc.string({ unit: 'binary' }), // any code points, quotes, backslashes and controls included
        fc.string({ unit: 'grapheme' }),
        fc.constantFrom('draft', 'submitted', 'eligible', 'winner'),
        fc.option(instant, { nil: null }),
        instant,
        instant,
        (ids, companyName, title, status, submitted, created, updated) => {
          const [id, editionId, categoryId, companyId] = ids as [string, string, string, string];
          const row = [
            id,
            editionId,
            categoryId,
            companyId,
            companyName,
            title,
            status,
            submitted && pgTimestamp(submitted.toISOString(), 0),
            pgTimestamp(created.toISOString(), 500),
            pgTimestamp(updated.toISOString(), 999),
          ];
          const expected: NominationListItem = {
            id,
            editionId,
            categoryId,
            companyId,
            companyName,
            title,
            status,
            submittedAt: submitted && submitted.toISOString(),
            createdAt: created.toISOString(),
            updatedAt: updated.toISOString(),
          };
          const json = listItemJson(row);
          expect(JSON.parse(json)).toEqual(expected);
          expect(json).toBe(JSON.stringify(expected));
        },
      ),
    );
  });
});

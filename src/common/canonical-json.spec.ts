import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

/** The definition, written for clarity: what the optimised function must always agree with. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value))
    return `[${value.map((item) => reference(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members, writes undefined items as null and dates as ISO strings', () => {
    expect(canonicalJson({ b: 1, a: [undefined, 'x', { d: undefined, c: true }], é: null, Z: 2 })).toBe(
      '{"Z":2,"a":[null,"x",{"c":true}],"b":1,"é":null}',
    );
    expect(canonicalJson({ at: new Date('2026-11-28T10:00:00.000Z') })).toBe(
      '{"at":"2026-11-28T10:00:00.000Z"}',
    );
    expect(canonicalJson({ only: undefined })).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/Non-finite/);
  });

  it('agrees with its definition on any JSON value, and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(reference(value));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});

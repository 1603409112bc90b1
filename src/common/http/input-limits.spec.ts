import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { hostileStrings, nestsDeeperThan } from './input-limits.js';

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object')
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('input limits', () => {
  it('measures nesting from the raw text exactly as parsed, brackets in strings aside', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(nestsDeeperThan(text, max)).toBe(depthOf(JSON.parse(text)) > max);
      }),
      { seed: 11, numRuns: 500 },
    );
    expect(nestsDeeperThan(JSON.stringify({ a: '[[[[{{{{', b: '\\"[[[' }), 1)).toBe(false);
    expect(nestsDeeperThan('['.repeat(2000), 32)).toBe(true);
  });

  it('names every field with NUL or a lone surrogate, and control characters in one-line fields', () => {
    expect(
      hostileStrings(
        {
          fullName: 'A\r\nB',
          summary: 'line\nline\ttab',
          comment: 'nul\u0000',
          answers: { q1: 'ok 😀', q2: '\ud800' },
          keyMetrics: [{ name: 'x\u0007', unit: 't' }],
          ['bad\u0000key']: 1,
        },
        false,
      ).map((p) => p.field),
    ).toEqual(['fullName', 'comment', 'answers.q2', 'keyMetrics.0.name', 'bad\u0000key']);
    expect(hostileStrings({ q: 'a\nb', page: '1' }, true).map((p) => p.field)).toEqual(['q']);
    expect(hostileStrings({ email: 'a@b.test', title: 'Rail 🚄 freight' }, false)).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { TallyInputError } from './errors.js';
import { categoryWeights, parseWeight, weightedSum } from './totals.js';

describe('parseWeight', () => {
  it.each([
    ['1', 10_000n],
    ['1.5', 15_000n],
    ['0.0001', 1n],
    ['2.25', 22_500n],
    ['12.3400', 123_400n],
    ['999999999999.9999', 9_999_999_999_999_999n],
  ])('reads %s as %p ten-thousandths', (weight, scaled) => {
    expect(parseWeight(weight)).toBe(scaled);
  });

  it.each(['0', '0.0000', '-1', '1.23456', '.5', '1.', '1e3', ' 1', ''])('refuses "%s"', (weight) => {
    expect(() => parseWeight(weight)).toThrow(TallyInputError);
  });
});

describe('weightedSum', () => {
  it('is exact on both sides of 2^53 (float fast path and bigint path agree with bigint arithmetic)', () => {
    const arb = fc
      .record({
        weights: fc.array(fc.bigInt({ min: 1n, max: 10n ** 16n }), { minLength: 1, maxLength: 4 }),
        magnitude: fc.constantFrom(10, 1_000, 2 ** 40, Number.MAX_SAFE_INTEGER),
      })
      .chain(({ weights, magnitude }) =>
        fc.record({
          weights: fc.constant(weights),
          scores: fc.tuple(...weights.map(() => fc.integer({ min: -magnitude, max: magnitude }))),
        }),
      );
    fc.assert(
      fc.property(arb, ({ weights, scores }) => {
        const criteria = weights.map((w, i) => ({
          code: `c${i}`,
          weight: `${w / 10_000n}.${String(w % 10_000n).padStart(4, '0')}`,
        }));
        const scoresByCode = Object.fromEntries(scores.map((x, i) => [`c${i}`, x]));
        const expected = weights.reduce((sum, w, i) => sum + w * BigInt(scores[i]!), 0n);
        expect(weightedSum(categoryWeights(criteria), scoresByCode)).toBe(expected);
      }),
    );
  });
});

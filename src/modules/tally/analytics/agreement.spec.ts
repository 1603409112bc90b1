import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { concordanceBlocks, kendallW } from './kendall.js';
import { krippendorffAlpha, krippendorffAlphaWithInterval } from './krippendorff.js';
import type { Rating } from './ratings.js';

/** Rows are coders, columns units; null where the coder did not rate the unit. */
function ratingsOf(rows: readonly (readonly (number | null)[])[]): Rating[] {
  return rows.flatMap((row, coder) =>
    row.flatMap((value, unit) =>
      value === null ? [] : [{ coder: `c${coder}`, unit: `u${String(unit).padStart(2, '0')}`, value }],
    ),
  );
}

const _ = null;

describe("Krippendorff's alpha (interval metric)", () => {
  it('matches the worked example of Wikipedia\'s "Krippendorff\'s alpha", "A computational example" (3 coders, 15 units)', () => {
    // The same data and figure (0.810845) are in the documentation of the `krippendorff` Python package.
    const data = ratingsOf([
      [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
      [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
      [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
    ]);
    const alpha = krippendorffAlpha(data);
    expect(alpha.value).toBeCloseTo(0.810845, 6);
    // Units 2 and 14 have no value and unit 1 only one: 12 pairable units with 26 values (n in the example).
    expect(alpha).toMatchObject({ units: 12, values: 26, coders: 3 });
  });

  it('matches Krippendorff (2011), "Computing Krippendorff\'s Alpha-Reliability", section C data, α_interval = 0.849', () => {
    const data = ratingsOf([
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ]);
    const alpha = krippendorffAlpha(data);
    expect(Number(alpha.value?.toFixed(3))).toBe(0.849);
    // Unit 12 has one value: it is not pairable.
    expect(alpha).toMatchObject({ units: 11, values: 40, coders: 4 });
  });

  it('is null, with the reason, when no nomination has two scorecards or nothing varies', () => {
    expect(
      krippendorffAlpha(
        ratingsOf([
          [1, 2, 3],
          [_, _, _],
        ]),
      ),
    ).toEqual({ value: null, reason: 'too_few_pairable' });
    expect(
      krippendorffAlpha(
        ratingsOf([
          [4, 4],
          [4, 4],
        ]),
      ),
    ).toEqual({ value: null, reason: 'no_variance' });
    expect(krippendorffAlpha([])).toEqual({ value: null, reason: 'too_few_pairable' });
  });

  const table = fc
    .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 12 }))
    .chain(([coders, units]) =>
      fc.array(
        fc.array(fc.option(fc.integer({ min: 0, max: 50 }), { freq: 4 }), {
          minLength: units,
          maxLength: units,
        }),
        {
          minLength: coders,
          maxLength: coders,
        },
      ),
    );

  it('is 1 when every juror gives every nomination the same total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 20 }),
        fc.integer({ min: 2, max: 5 }),
        (totals, jurors) => {
          fc.pre(new Set(totals).size > 1);
          const alpha = krippendorffAlpha(ratingsOf(Array.from({ length: jurors }, () => totals)));
          expect(alpha.value).toBeCloseTo(1, 10);
        },
      ),
    );
  });

  it('does not depend on the order of jurors, nominations or ratings', () => {
    fc.assert(
      fc.property(table, fc.infiniteStream(fc.integer()), (rows, stream) => {
        const ratings = ratingsOf(rows);
        const shuffled = [...ratings]
          .map((rating) => ({ rating, key: stream.next().value as number }))
          .sort((a, b) => a.key - b.key)
          .map(({ rating }) => ({ ...rating, coder: `x${rating.coder}`, unit: `y${rating.unit}` }));
        expect(krippendorffAlpha(shuffled).value).toBe(krippendorffAlpha(ratings).value);
      }),
    );
  });

  it('ignores a nomination with one scorecard', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 0, max: 50 }), (rows, lone) => {
        const ratings = ratingsOf(rows);
        const withLone = [...ratings, { coder: 'c0', unit: 'lonely', value: lone }];
        expect(krippendorffAlpha(withLone)).toEqual(krippendorffAlpha(ratings));
      }),
    );
  });

  it('gives the same bootstrap interval for the same seed, and one that holds alpha', () => {
    const data = ratingsOf([
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ]);
    const seed = 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778';
    const first = krippendorffAlphaWithInterval(data, { seed, resamples: 1000 });
    expect(krippendorffAlphaWithInterval(data, { seed, resamples: 1000 })).toEqual(first);
    expect(first.interval).not.toBeNull();
    expect(first.interval!.low).toBeLessThanOrEqual(first.alpha.value!);
    expect(first.interval!.high).toBeGreaterThanOrEqual(first.alpha.value!);
    expect(
      krippendorffAlphaWithInterval(data, { seed: 'another digest', resamples: 1000 }).interval,
    ).not.toEqual(first.interval);
  });
});

describe("Kendall's W (corrected for ties)", () => {
  // The `anxiety` data of R's irr package (20 subjects, 3 raters): DescTools' KendallW documentation gives
  // KendallW(anxiety, correct = TRUE) = 0.5396569.
  const anxiety = {
    rater1: [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3],
    rater2: [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4],
    rater3: [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2],
  };

  it('matches the worked example: the anxiety ratings, W_t = 0.5397', () => {
    const table = anxiety.rater1.map((_, i) => [anxiety.rater1[i]!, anxiety.rater2[i]!, anxiety.rater3[i]!]);
    expect(kendallW(table)).toEqual({ value: 0.5397, jurors: 3, nominations: 20 });
  });

  it('is 1 for jurors who order the nominations alike and 0 for exactly opposite pairs', () => {
    expect(
      kendallW([
        [1, 10],
        [2, 20],
        [3, 30],
      ]).value,
    ).toBe(1);
    expect(
      kendallW([
        [1, 3],
        [2, 2],
        [3, 1],
      ]).value,
    ).toBe(0);
  });

  it('is computed per block of nominations scored by the same jurors', () => {
    const ratings = ratingsOf([
      [1, 2, 3, 4, _, _, _],
      [2, 3, 4, 5, 9, 8, 7],
      [_, _, _, _, 1, 2, 3],
    ]);
    const blocks = concordanceBlocks(ratings);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatchObject({
      jurors: ['c0', 'c1'],
      nominations: ['u00', 'u01', 'u02', 'u03'],
      w: { value: 1 },
    });
    expect(blocks[1]).toMatchObject({ jurors: ['c1', 'c2'], w: { value: 0 } });
  });
});

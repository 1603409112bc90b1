import { describe, expect, it } from '@jest/globals';

import { tally, type TallyInput } from '../arithmetic/tally.js';
import { inputsDigest } from '../inputs-digest.js';
import { analyseCategory } from './analysis.js';
import { krippendorffAlpha } from './krippendorff.js';

/** Criteria q (weight 2) and c (weight 1): a juror total is (2q + c) / 3. */
function inputOf(cards: [string, string, number, number][]): TallyInput {
  return {
    rules: { method: 'mean', tieBreakers: [], minScorecards: 2 },
    criteria: [
      { code: 'q', weight: '2' },
      { code: 'c', weight: '1' },
    ],
    nominations: [...new Set(cards.map(([, n]) => n))].sort(),
    scorecards: cards.map(([juror, nomination, q, c]) => ({ juror, nomination, scores: { q, c } })),
  };
}

const CARDS: [string, string, number, number][] = [
  ['A', 'n1', 10, 4],
  ['B', 'n1', 7, 7],
  ['C', 'n1', 9, 0],
  ['A', 'n2', 6, 6],
  ['B', 'n2', 6, 3],
  ['C', 'n2', 9, 9],
  ['A', 'n3', 2, 2],
  ['B', 'n3', 3, 1],
  ['C', 'n3', 4, 4],
];

describe('analyseCategory', () => {
  it("reads the tally's weighted juror totals and its pool σ", () => {
    const input = inputOf(CARDS);
    const result = tally(input);
    const analysis = analyseCategory(input, result, inputsDigest(input));
    // Totals: n1 8, 7, 6; n2 6, 5, 9; n3 2, 2.3333…, 4.
    const alpha = krippendorffAlpha(
      CARDS.map(([coder, unit, q, c]) => ({ coder, unit, value: (2 * q + c) / 3 })),
    );
    expect(analysis.alpha).toEqual({ ...alpha, value: Math.round(alpha.value! * 10_000) / 10_000 });
    expect(analysis.sigma).toBeCloseTo(Number(result.overall!.sigmaExact), 12);
    expect(analysis.concordance).toHaveLength(1);
    expect(analysis.jurors.map((j) => j.scaleUse)).toContainEqual([
      { criterion: 'c', lowest: 0, highest: 9 },
      { criterion: 'q', lowest: 4, highest: 9 },
    ]);
    expect(analysis.jurors[0]).not.toHaveProperty('flags');
  });

  it('gives the same analysis for the same inputs in any order (the interval is seeded by the digest)', () => {
    const input = inputOf(CARDS);
    const reversed = inputOf([...CARDS].reverse());
    expect(inputsDigest(reversed)).toBe(inputsDigest(input));
    const a = analyseCategory(input, tally(input), inputsDigest(input));
    const b = analyseCategory(reversed, tally(reversed), inputsDigest(reversed));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.alphaInterval).not.toBeNull();
  });

  it('says why nothing is computable for a category without scorecards', () => {
    const input = { ...inputOf([]), criteria: [] };
    expect(analyseCategory(input, tally({ ...inputOf([]) }), 'ab'.repeat(32))).toMatchObject({
      sigma: null,
      alpha: { value: null, reason: 'too_few_pairable' },
      alphaInterval: null,
      concordance: [],
      jurors: [],
    });
  });
});

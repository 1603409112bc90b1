import { describe, expect, it } from '@jest/globals';

import { canonicalJson, sha256Hex } from '../../../common/canonical-json.js';
import type { TallyInput } from '../arithmetic/tally.js';
import { analyseCategory } from './analysis.js';
import { tally } from '../arithmetic/tally.js';
import {
  fixedDecimals,
  juryStatistics,
  statisticsDifferences,
  statisticsSeedText,
} from './jury-statistics.js';

/** Three jurors, three nominations: the first two close, so one juror decides the winner. */
const INPUT: TallyInput = {
  rules: { method: 'mean', tieBreakers: [], minScorecards: 2 },
  criteria: [
    { code: 'impact', weight: '2' },
    { code: 'rigour', weight: '1' },
  ],
  nominations: ['n1', 'n2', 'n3'],
  scorecards: [
    { juror: 'J-a', nomination: 'n1', scores: { impact: 9, rigour: 8 } },
    { juror: 'J-b', nomination: 'n1', scores: { impact: 6, rigour: 6 } },
    { juror: 'J-c', nomination: 'n1', scores: { impact: 7, rigour: 7 } },
    { juror: 'J-a', nomination: 'n2', scores: { impact: 7, rigour: 7 } },
    { juror: 'J-b', nomination: 'n2', scores: { impact: 7, rigour: 8 } },
    { juror: 'J-c', nomination: 'n2', scores: { impact: 7, rigour: 6 } },
    { juror: 'J-a', nomination: 'n3', scores: { impact: 3, rigour: 4 } },
    { juror: 'J-b', nomination: 'n3', scores: { impact: 2, rigour: 3 } },
    { juror: 'J-c', nomination: 'n3', scores: { impact: 4, rigour: 2 } },
  ],
};
const SEED = sha256Hex(statisticsSeedText(INPUT));

describe('fixedDecimals: alpha as text, one way only', () => {
  it.each([
    [0.72, '0.7200'],
    [1, '1.0000'],
    [1 / 6, '0.1667'],
    [-1 / 3, '-0.3333'],
    [-2.5, '-2.5000'],
    [0.00004, '0.0000'],
    [-0.00004, '0.0000'],
    [0.99996, '1.0000'],
    [0.123449999, '0.1234'],
  ])('%p → %p', (value, text) => {
    expect(fixedDecimals(value)).toBe(text);
  });

  it('writes every value of a fine grid as its own four decimals, whatever the float', () => {
    for (let k = -20_000; k <= 10_000; k += 7) {
      const text = fixedDecimals(k / 10_000);
      expect(text).toMatch(/^-?\d+\.\d{4}$/);
      expect(Math.round(Number(text) * 10_000)).toBe(k);
    }
  });
});

describe('juryStatistics', () => {
  it('states the analysis’s own alpha and interval, as fixed decimals, with what it was computed on', () => {
    const analysis = analyseCategory(INPUT, tally(INPUT), SEED);
    const stated = juryStatistics(INPUT, SEED);
    expect(analysis.alpha.value).not.toBeNull();
    expect(stated.alpha).toEqual({
      value: fixedDecimals(analysis.alpha.value!),
      interval: {
        low: fixedDecimals(analysis.alphaInterval!.low),
        high: fixedDecimals(analysis.alphaInterval!.high),
        resamples: 1000,
      },
      units: 3,
      values: 9,
      jurors: 3,
    });
    expect(stated.seed).toBe(SEED);
    // The same fragile verdict as the organisers' analysis.
    expect(stated.fragile).toBe(analysis.sensitivity!.fragile);
    expect(stated.causes).toEqual(analysis.sensitivity!.causes);
  });

  it('is reproducible: the same input and seed give the same text; the seed moves the interval only', () => {
    const once = canonicalJson(juryStatistics(INPUT, SEED));
    expect(canonicalJson(juryStatistics(structuredClone(INPUT), SEED))).toBe(once);
    const other = juryStatistics(INPUT, sha256Hex('another seed'));
    expect(other.alpha.value).toBe(juryStatistics(INPUT, SEED).alpha.value);
  });

  it('says why alpha has no value, and that nothing is fragile where nothing is ranked', () => {
    const single: TallyInput = {
      ...INPUT,
      scorecards: INPUT.scorecards.filter((card) => card.juror === 'J-a'),
    };
    expect(juryStatistics(single, SEED).alpha).toEqual({ value: null, reason: 'too_few_pairable' });
    const empty: TallyInput = { ...INPUT, criteria: [], scorecards: [] };
    expect(juryStatistics(empty, SEED)).toEqual({
      alpha: { value: null, reason: 'too_few_pairable' },
      seed: SEED,
      fragile: false,
      fragileMargin: '1',
      causes: [],
    });
  });

  it('names what makes a close winner fragile: a juror left out, the margin', () => {
    const stated = juryStatistics(INPUT, SEED);
    expect(stated.fragile).toBe(true);
    expect(stated.causes.map((cause) => cause.kind)).toContain('leave_one_out');
    expect(stated.causes).toContainEqual({ kind: 'leave_one_out', juror: 'J-a', winners: ['n2'] });
    // A wider margin never makes fewer causes.
    expect(juryStatistics(INPUT, SEED, '5').causes.length).toBeGreaterThanOrEqual(stated.causes.length);
  });

  it('statisticsDifferences names each member that differs, and members it does not know', () => {
    const recomputed = juryStatistics(INPUT, SEED);
    expect(statisticsDifferences(structuredClone(recomputed), recomputed)).toEqual([]);
    expect(
      statisticsDifferences({ ...recomputed, fragile: !recomputed.fragile, extra: 1 }, recomputed),
    ).toEqual([
      `jury statistics: fragile published ${!recomputed.fragile}, recomputed ${recomputed.fragile}`,
      'jury statistics: unknown members extra',
    ]);
    expect(statisticsDifferences(null, recomputed)).toHaveLength(5);
  });
});

import { describe, expect, it } from '@jest/globals';

import {
  jurorTotal,
  tally,
  TALLY_ALGORITHM_VERSION,
  TallyInputError,
  type NominationTally,
  type TallyCriterion,
  type TallyInput,
  type TallyRules,
  type TallyScorecard,
} from './tally.js';

const ONE_CRITERION: TallyCriterion[] = [{ code: 'q', weight: '1' }];

/** Scorecards on the single criterion `q`, so each score is the juror total: { juror: { nomination: total } }. */
function totals(byJuror: Record<string, Record<string, number>>): TallyScorecard[] {
  return Object.entries(byJuror).flatMap(([juror, byNomination]) =>
    Object.entries(byNomination).map(([nomination, q]) => ({ juror, nomination, scores: { q } })),
  );
}

function rules(overrides: Partial<TallyRules> = {}): TallyRules {
  return { method: 'mean', tieBreakers: [], minScorecards: 1, ...overrides };
}

function tallyTotals(
  byJuror: Record<string, Record<string, number>>,
  ruleOverrides: Partial<TallyRules> = {},
  nominations?: string[],
) {
  const scorecards = totals(byJuror);
  return tally({
    rules: rules(ruleOverrides),
    criteria: ONE_CRITERION,
    nominations: nominations ?? [...new Set(scorecards.map((card) => card.nomination))],
    scorecards,
  });
}

function row(result: { nominations: NominationTally[] }, nomination: string): NominationTally {
  const found = result.nominations.find((n) => n.nomination === nomination);
  if (found === undefined) throw new Error(`no row for ${nomination}`);
  return found;
}

/** [nomination, rank, score] per row, in output order. */
function standings(result: { nominations: NominationTally[] }) {
  return result.nominations.map((n) => [n.nomination, n.rank, n.score]);
}

describe('tally: SPEC worked example (z-score)', () => {
  it('gives T1 = 47.6393 and T2 = 92.3607', () => {
    const result = tallyTotals({ A: { T1: 40, T2: 60 }, B: { T1: 80, T2: 100 } }, { method: 'zscore' });

    expect(standings(result)).toEqual([
      ['T2', 1, '92.3607'],
      ['T1', 2, '47.6393'],
    ]);
    // μ = 70, σ = √500; every total sits one juror-σ from its juror's mean: 70 ± √500.
    expect(row(result, 'T1').scoreExact).toBe('47.6393202250');
    expect(row(result, 'T2').scoreExact).toBe('92.3606797750');
    expect(result.overall).toEqual({
      count: 4,
      mean: '70.0000',
      sigma: '22.3607',
      meanExact: '70.0000000000',
      sigmaExact: '22.3606797750',
    });
    expect(result.jurors).toEqual([
      {
        juror: 'A',
        count: 2,
        mean: '50.0000',
        sigma: '10.0000',
        meanExact: '50.0000000000',
        sigmaExact: '10.0000000000',
      },
      {
        juror: 'B',
        count: 2,
        mean: '90.0000',
        sigma: '10.0000',
        meanExact: '90.0000000000',
        sigmaExact: '10.0000000000',
      },
    ]);
  });
});

describe('tally: juror totals', () => {
  const weighted: TallyCriterion[] = [
    { code: 'a', weight: '1.5' },
    { code: 'b', weight: '0.5' },
  ];

  it('is the weighted mean over the criteria', () => {
    expect(jurorTotal(weighted, { a: 8, b: 4 }).toString()).toBe('7'); // (12 + 2) / 2
    expect(jurorTotal(weighted, { a: 9, b: 0 }).toString()).toBe('6.75'); // 13.5 / 2
    expect(jurorTotal(weighted, { a: 0, b: 1 }).toFixed(10)).toBe('0.2500000000');
  });

  it('is exact where binary floating point is not', () => {
    // 0.3333·10 + 0.6667·0 in doubles is 3.3329999999999997.
    const thirds: TallyCriterion[] = [
      { code: 'a', weight: '0.3333' },
      { code: 'b', weight: '0.6667' },
    ];
    expect(jurorTotal(thirds, { a: 10, b: 0 }).toString()).toBe('3.333');
  });

  it('scores a nomination from weighted totals', () => {
    const result = tally({
      rules: rules(),
      criteria: weighted,
      nominations: ['N'],
      scorecards: [
        { juror: 'A', nomination: 'N', scores: { a: 8, b: 4 } }, // 7
        { juror: 'B', nomination: 'N', scores: { a: 6, b: 10 } }, // (9 + 5) / 2 = 7
        { juror: 'C', nomination: 'N', scores: { a: 9, b: 0 } }, // 6.75
      ],
    });
    // (7 + 7 + 6.75) / 3 = 6.91666…
    expect(row(result, 'N')).toMatchObject({ score: '6.9167', scoreExact: '6.9166666667', median: '7.0000' });
  });

  it('stays exact with large weights and scales (beyond 2^53)', () => {
    const heavy: TallyCriterion[] = [
      { code: 'a', weight: '999999999999.9999' },
      { code: 'b', weight: '0.0001' },
    ];
    // Σ w·x = 999999999999.9999·1000000000 + 0.0001·3, over Σ w = 1000000000000.
    expect(jurorTotal(heavy, { a: 1_000_000_000, b: 3 }).toString()).toBe('999999999.9999999000000003');
  });
});

describe('tally: mean', () => {
  it('ranks by the mean of the juror totals', () => {
    const result = tallyTotals({
      A: { T1: 7, T2: 9, T3: 5 },
      B: { T1: 8, T2: 5, T3: 5 },
      C: { T1: 8, T2: 4, T3: 6 },
    });
    expect(standings(result)).toEqual([
      ['T1', 1, '7.6667'], // 23 / 3
      ['T2', 2, '6.0000'],
      ['T3', 3, '5.3333'], // 16 / 3
    ]);
    expect(row(result, 'T1').scoreExact).toBe('7.6666666667');
  });
});

describe('tally: trimmed_mean', () => {
  it('drops one highest and one lowest total from 3 or more', () => {
    const result = tallyTotals(
      {
        A: { T1: 2, T2: 5 },
        B: { T1: 6, T2: 5 },
        C: { T1: 7, T2: 9 },
        D: { T1: 8 },
        E: { T1: 10 },
      },
      { method: 'trimmed_mean' },
    );
    expect(row(result, 'T1').score).toBe('7.0000'); // (6 + 7 + 8) / 3; the plain mean would be 6.6
    expect(row(result, 'T2').score).toBe('5.0000'); // one 5 and the 9 dropped
  });

  it('is the plain mean below 3 scorecards', () => {
    const result = tallyTotals({ A: { T1: 4, T2: 3 }, B: { T1: 9 } }, { method: 'trimmed_mean' });
    expect(row(result, 'T1').score).toBe('6.5000');
    expect(row(result, 'T2').score).toBe('3.0000');
  });
});

describe('tally: zscore', () => {
  it('lets a juror with σ_j = 0 contribute μ', () => {
    const result = tallyTotals(
      { A: { T1: 40, T2: 60 }, B: { T1: 80, T2: 100 }, C: { T1: 70, T2: 70 } },
      { method: 'zscore' },
    );
    // μ = 70, σ = √(2000/6); A and B each give μ ∓ σ, C gives μ: T1 = μ − 2σ/3, T2 = μ + 2σ/3.
    expect(row(result, 'T1').scoreExact).toBe('57.8283876110');
    expect(row(result, 'T2').scoreExact).toBe('82.1716123890');
    expect(result.jurors.find((j) => j.juror === 'C')?.sigma).toBe('0.0000');
  });

  it('gives every nomination μ when no juror spreads their totals', () => {
    const result = tallyTotals({ A: { T1: 4, T2: 4 }, B: { T1: 8, T2: 8 } }, { method: 'zscore' });
    expect(standings(result)).toEqual([
      ['T1', 1, '6.0000'],
      ['T2', 1, '6.0000'],
    ]);
  });

  it('keeps the totals of unranked nominations in the pools', () => {
    const byJuror = { A: { T1: 40, T2: 60, T3: 50 }, B: { T1: 80, T2: 100 } };
    const result = tallyTotals(byJuror, { method: 'zscore', minScorecards: 2 }, ['T1', 'T2', 'T3', 'T4']);

    // A: μ_A = 50, σ_A = √(200/3); B: μ_B = 90, σ_B = 10; all five totals: μ = 66, σ = √464.
    // T1 = 66 + σ·(−√(3/2) − 1)/2, T2 = 66 + σ·(√(3/2) + 1)/2. Without T3's card they would be 47.6393/92.3607.
    expect(standings(result)).toEqual([
      ['T2', 1, '89.9612'],
      ['T1', 2, '42.0388'],
      ['T3', null, null],
      ['T4', null, null],
    ]);
    expect(row(result, 'T1').scoreExact).toBe('42.0387644275');
    expect(row(result, 'T3')).toEqual({
      nomination: 'T3',
      rank: null,
      score: null,
      scoreExact: null,
      scorecards: 1,
      median: '50.0000',
      medianExact: '50.0000000000',
      flags: ['insufficient_scorecards'],
      tieBrokenBy: null,
      tieBreakerValues: [],
    });
    expect(row(result, 'T4')).toMatchObject({
      scorecards: 0,
      median: null,
      flags: ['insufficient_scorecards'],
    });
    expect(result.overall?.count).toBe(5);
    expect(result.jurors.map((j) => [j.juror, j.count, j.mean, j.sigma])).toEqual([
      ['A', 3, '50.0000', '8.1650'],
      ['B', 2, '90.0000', '10.0000'],
    ]);
  });
});

describe('tally: minScorecards', () => {
  it('lists a nomination with too few scorecards as unranked, after the ranked ones', () => {
    const result = tallyTotals({ A: { A1: 3, B1: 9, C1: 5 }, B: { A1: 4, C1: 5 } }, { minScorecards: 2 });
    expect(standings(result)).toEqual([
      ['C1', 1, '5.0000'],
      ['A1', 2, '3.5000'],
      ['B1', null, null],
    ]);
    expect(row(result, 'B1').flags).toEqual(['insufficient_scorecards']);
  });

  it('never ranks a nomination without scorecards, even with minScorecards 0', () => {
    const result = tallyTotals({ A: { T1: 3 } }, { minScorecards: 0 }, ['T0', 'T1']);
    expect(standings(result)).toEqual([
      ['T1', 1, '3.0000'],
      ['T0', null, null],
    ]);
  });
});

describe('tally: tie-breakers', () => {
  it('median: the higher median of totals wins', () => {
    // Both mean 7; medians 6 and 7.
    const byJuror = { A: { T1: 5, T2: 7 }, B: { T1: 6, T2: 7 }, C: { T1: 10, T2: 7 } };
    const result = tallyTotals(byJuror, { tieBreakers: ['median'] });
    expect(standings(result)).toEqual([
      ['T2', 1, '7.0000'],
      ['T1', 2, '7.0000'],
    ]);
    expect(result.nominations.map((n) => [n.tieBrokenBy, n.flags, n.tieBreakerValues])).toEqual([
      ['median', [], [{ tieBreaker: 'median', value: '7.0000', valueExact: '7.0000000000' }]],
      ['median', [], [{ tieBreaker: 'median', value: '6.0000', valueExact: '6.0000000000' }]],
    ]);
  });

  it('median of an even number of totals is the mean of the middle two', () => {
    const result = tallyTotals({ A: { T1: 1 }, B: { T1: 4 }, C: { T1: 6 }, D: { T1: 9 } });
    expect(row(result, 'T1').median).toBe('5.0000');
  });

  it('criterion:<code>: the higher mean of raw scores on that criterion wins', () => {
    const criteria: TallyCriterion[] = [
      { code: 'impact', weight: '1' },
      { code: 'novelty', weight: '1' },
    ];
    const scorecards: TallyScorecard[] = [
      { juror: 'A', nomination: 'T1', scores: { impact: 8, novelty: 6 } },
      { juror: 'B', nomination: 'T1', scores: { impact: 7, novelty: 7 } },
      { juror: 'A', nomination: 'T2', scores: { impact: 6, novelty: 8 } },
      { juror: 'B', nomination: 'T2', scores: { impact: 6, novelty: 8 } },
    ];
    const input = (tieBreakers: TallyRules['tieBreakers']): TallyInput => ({
      rules: rules({ tieBreakers }),
      criteria,
      nominations: ['T1', 'T2'],
      scorecards,
    });

    const byImpact = tally(input(['criterion:impact']));
    expect(standings(byImpact)).toEqual([
      ['T1', 1, '7.0000'],
      ['T2', 2, '7.0000'],
    ]);
    expect(byImpact.nominations[0]!.tieBrokenBy).toBe('criterion:impact');
    expect(byImpact.nominations[0]!.tieBreakerValues).toEqual([
      { tieBreaker: 'criterion:impact', value: '7.5000', valueExact: '7.5000000000' },
    ]);

    expect(standings(tally(input(['criterion:novelty'])))).toEqual([
      ['T2', 1, '7.0000'],
      ['T1', 2, '7.0000'],
    ]);
  });

  // T1 and T2 both total 21. A's highest total (9) is shared by T1 and T2 and counts for both; B's highest
  // is T1; C's highest is T3. So top marks: T1 2, T2 1, T3 1.
  const topMarks = {
    A: { T1: 9, T2: 9, T3: 1 },
    B: { T1: 8, T2: 6, T3: 7 },
    C: { T1: 4, T2: 6, T3: 7 },
  };

  it('top_marks: more jurors whose highest total is this one, shared highs included', () => {
    const result = tallyTotals(topMarks, { tieBreakers: ['top_marks'] });
    expect(standings(result)).toEqual([
      ['T1', 1, '7.0000'],
      ['T2', 2, '7.0000'],
      ['T3', 3, '5.0000'],
    ]);
    expect(result.nominations.map((n) => [n.tieBrokenBy, n.tieBreakerValues[0]!.value])).toEqual([
      ['top_marks', '2'],
      ['top_marks', '1'],
      [null, '1'],
    ]);
  });

  it("top_marks looks at every counted total of the juror, also an unranked nomination's", () => {
    // B's highest total is now T4 (unranked), so T1 keeps only A's shared mark: T1 and T2 stay tied.
    const result = tallyTotals(
      { ...topMarks, B: { ...topMarks.B, T4: 10 } },
      { tieBreakers: ['top_marks'], minScorecards: 2 },
    );
    expect(standings(result)).toEqual([
      ['T1', 1, '7.0000'],
      ['T2', 1, '7.0000'],
      ['T3', 3, '5.0000'],
      ['T4', null, null],
    ]);
    expect(row(result, 'T1').flags).toEqual(['tied']);
    expect(row(result, 'T1').tieBreakerValues).toEqual([
      { tieBreaker: 'top_marks', value: '1', valueExact: '1' },
    ]);
  });

  describe('declared order', () => {
    // T1 and T2 both total 21. Median: T2 (7 against 6). Top marks: T1 (A's highest is T1; B's and C's are T3).
    const disagreeing = {
      A: { T1: 10, T2: 6, T3: 1 },
      B: { T1: 5, T2: 7, T3: 9 },
      C: { T1: 6, T2: 8, T3: 9 },
    };

    it('applies the first tie-breaker that separates', () => {
      const medianFirst = tallyTotals(disagreeing, { tieBreakers: ['median', 'top_marks'] });
      expect(standings(medianFirst).slice(0, 2)).toEqual([
        ['T2', 1, '7.0000'],
        ['T1', 2, '7.0000'],
      ]);
      expect(medianFirst.nominations.slice(0, 2).map((n) => n.tieBrokenBy)).toEqual(['median', 'median']);

      const topMarksFirst = tallyTotals(disagreeing, { tieBreakers: ['top_marks', 'median'] });
      expect(standings(topMarksFirst).slice(0, 2)).toEqual([
        ['T1', 1, '7.0000'],
        ['T2', 2, '7.0000'],
      ]);
      expect(topMarksFirst.nominations.slice(0, 2).map((n) => n.tieBrokenBy)).toEqual([
        'top_marks',
        'top_marks',
      ]);
      expect(row(topMarksFirst, 'T1').tieBreakerValues.map((v) => [v.tieBreaker, v.value])).toEqual([
        ['top_marks', '1'],
        ['median', '6.0000'],
      ]);
    });

    it('goes on to the next tie-breaker while the earlier ones are equal', () => {
      // Equal score (7) and median (7): the criterion decides.
      const criteria: TallyCriterion[] = [
        { code: 'a', weight: '1' },
        { code: 'b', weight: '1' },
      ];
      const result = tally({
        rules: rules({ tieBreakers: ['median', 'criterion:b'] }),
        criteria,
        nominations: ['T1', 'T2'],
        scorecards: [
          { juror: 'A', nomination: 'T1', scores: { a: 7, b: 7 } },
          { juror: 'B', nomination: 'T1', scores: { a: 7, b: 7 } },
          { juror: 'A', nomination: 'T2', scores: { a: 5, b: 9 } },
          { juror: 'B', nomination: 'T2', scores: { a: 9, b: 5 } },
          { juror: 'C', nomination: 'T2', scores: { a: 4, b: 10 } },
          { juror: 'C', nomination: 'T1', scores: { a: 7, b: 7 } },
        ],
      });
      expect(standings(result)).toEqual([
        ['T2', 1, '7.0000'],
        ['T1', 2, '7.0000'],
      ]);
      expect(result.nominations.map((n) => n.tieBrokenBy)).toEqual(['criterion:b', 'criterion:b']);
    });
  });

  it('reports the deepest tie-breaker needed against any nomination with an equal score', () => {
    // All score 7. Median: T1 8 > T2 = T3 = 7. T2 and T3 are then separated by top marks (A's highest is
    // T2; B's and C's are T1).
    const result = tallyTotals(
      {
        A: { T1: 5, T2: 10, T3: 7 },
        B: { T1: 8, T2: 7, T3: 7 },
        C: { T1: 8, T2: 4, T3: 7 },
      },
      { tieBreakers: ['median', 'top_marks'] },
    );
    expect(result.nominations.map((n) => [n.nomination, n.rank, n.tieBrokenBy])).toEqual([
      ['T1', 1, 'median'],
      ['T2', 2, 'top_marks'],
      ['T3', 3, 'top_marks'],
    ]);
  });
});

describe('tally: equal ranks', () => {
  it('gives still-tied nominations the same rank and skips the next ones (1, 1, 3)', () => {
    const result = tallyTotals(
      { A: { zeta: 8, alpha: 8, mid: 6 }, B: { zeta: 6, alpha: 6, mid: 6 } },
      { tieBreakers: ['median', 'top_marks'] },
    );
    expect(result.nominations.map((n) => [n.nomination, n.rank, n.flags, n.tieBrokenBy])).toEqual([
      ['alpha', 1, ['tied'], null],
      ['zeta', 1, ['tied'], null],
      ['mid', 3, [], null],
    ]);
  });

  it('still reports what separated a tied pair from another nomination with their score', () => {
    // All score 7; T1 leads on median, T2 and T3 remain tied behind it.
    const result = tallyTotals(
      { A: { T1: 5, T2: 6, T3: 6 }, B: { T1: 8, T2: 7, T3: 7 }, C: { T1: 8, T2: 8, T3: 8 } },
      { tieBreakers: ['median'] },
    );
    expect(result.nominations.map((n) => [n.nomination, n.rank, n.flags, n.tieBrokenBy])).toEqual([
      ['T1', 1, [], 'median'],
      ['T2', 2, ['tied'], 'median'],
      ['T3', 2, ['tied'], 'median'],
    ]);
  });
});

describe('tally: decimal precision', () => {
  // Σ w = 0.0001 + 9999.9999 = 10⁴; a juror scoring (0, 5) totals 4.99999995, one scoring (1, 5) totals
  // 4.99999996. With k jurors, one of them at (1, 5) lifts the mean by 10⁻⁸/k.
  const criteria: TallyCriterion[] = [
    { code: 'a', weight: '0.0001' },
    { code: 'b', weight: '9999.9999' },
  ];
  function nearlyEqual(jurors: number): TallyInput {
    const scorecards: TallyScorecard[] = [];
    for (let j = 0; j < jurors; j++) {
      const juror = `j${String(j).padStart(3, '0')}`;
      scorecards.push({ juror, nomination: 'A', scores: { a: 0, b: 5 } });
      scorecards.push({ juror, nomination: 'B', scores: { a: j === 0 ? 1 : 0, b: 5 } });
    }
    return { rules: rules({ tieBreakers: ['median'] }), criteria, nominations: ['A', 'B'], scorecards };
  }

  it('holds scores equal when they differ only beyond the 10th decimal', () => {
    // B − A = 10⁻⁸/250 = 4·10⁻¹¹
    const result = tally(nearlyEqual(250));
    expect(result.nominations.map((n) => [n.nomination, n.rank, n.scoreExact, n.flags])).toEqual([
      ['A', 1, '4.9999999500', ['tied']],
      ['B', 1, '4.9999999500', ['tied']],
    ]);
  });

  it('rounds the 10th decimal half away from zero before comparing', () => {
    // B − A = 10⁻⁸/200 = 5·10⁻¹¹: B = 4.99999995005 compares as 4.9999999501.
    const result = tally(nearlyEqual(200));
    expect(
      result.nominations.map((n) => [n.nomination, n.rank, n.score, n.scoreExact, n.tieBrokenBy]),
    ).toEqual([
      ['B', 1, '5.0000', '4.9999999501', null],
      ['A', 2, '5.0000', '4.9999999500', null],
    ]);
  });

  it('shows scores rounded half away from zero to 4 decimals', () => {
    // 32 jurors, one giving 8 and the others 7: 7 + 1/32 = 7.03125 shows as 7.0313 (not 7.0312).
    const byJuror: Record<string, Record<string, number>> = {};
    for (let j = 0; j < 32; j++) byJuror[`j${String(j).padStart(2, '0')}`] = { T: j === 0 ? 8 : 7 };
    const result = tallyTotals(byJuror);
    expect(row(result, 'T')).toMatchObject({ score: '7.0313', scoreExact: '7.0312500000', median: '7.0000' });
  });
});

describe('tally: result', () => {
  it('names the algorithm and echoes the rules', () => {
    const result = tallyTotals(
      { A: { T: 1 } },
      { method: 'trimmed_mean', tieBreakers: ['top_marks'], minScorecards: 1 },
    );
    expect(result.algorithm).toBe(TALLY_ALGORITHM_VERSION);
    expect(result.rules).toEqual({ method: 'trimmed_mean', tieBreakers: ['top_marks'], minScorecards: 1 });
  });

  it('survives a JSON round trip unchanged', () => {
    const result = tallyTotals(
      { A: { T1: 3, T2: 5 }, B: { T1: 4 } },
      { method: 'zscore', tieBreakers: ['median'] },
    );
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('handles a category without any counted scorecard', () => {
    const result = tallyTotals({}, { method: 'zscore' }, ['T1']);
    expect(result.overall).toBeNull();
    expect(result.jurors).toEqual([]);
    expect(standings(result)).toEqual([['T1', null, null]]);
  });
});

describe('tally: refuses inconsistent input', () => {
  const valid: TallyInput = {
    rules: rules(),
    criteria: ONE_CRITERION,
    nominations: ['T1'],
    scorecards: [{ juror: 'A', nomination: 'T1', scores: { q: 5 } }],
  };

  it.each<[string, Partial<TallyInput>]>([
    [
      'a scorecard for an unlisted nomination',
      { scorecards: [{ juror: 'A', nomination: 'T9', scores: { q: 5 } }] },
    ],
    [
      'two scorecards of one juror for one nomination',
      { scorecards: [...valid.scorecards, ...valid.scorecards] },
    ],
    ['a missing criterion score', { scorecards: [{ juror: 'A', nomination: 'T1', scores: {} }] }],
    ['a fractional score', { scorecards: [{ juror: 'A', nomination: 'T1', scores: { q: 5.5 } }] }],
    [
      'a score for an unknown criterion',
      { scorecards: [{ juror: 'A', nomination: 'T1', scores: { q: 5, x: 1 } }] },
    ],
    ['a nomination listed twice', { nominations: ['T1', 'T1'] }],
    ['no criteria', { criteria: [] }],
    ['a criterion listed twice', { criteria: [...ONE_CRITERION, ...ONE_CRITERION] }],
    ['a zero weight', { criteria: [{ code: 'q', weight: '0.0000' }] }],
    ['a weight with 5 decimals', { criteria: [{ code: 'q', weight: '1.00001' }] }],
    ['a negative weight', { criteria: [{ code: 'q', weight: '-1' }] }],
    ['a weight in exponent notation', { criteria: [{ code: 'q', weight: '1e2' }] }],
    ['an unknown criterion tie-breaker', { rules: rules({ tieBreakers: ['criterion:x'] }) }],
    ['a tie-breaker declared twice', { rules: rules({ tieBreakers: ['median', 'median'] }) }],
    ['a negative minScorecards', { rules: rules({ minScorecards: -1 }) }],
  ])('refuses %s', (_, change) => {
    expect(() => tally({ ...valid, ...change })).toThrow(TallyInputError);
  });
});

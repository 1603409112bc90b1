import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import {
  parseWeight,
  prepareTally,
  scoresWithChange,
  tally,
  type TallyInput,
  type TallyRules,
  type ScoringMethod,
  type TallyScorecard,
} from '../arithmetic/tally.js';
import { sensitivity, type CategorySensitivity } from './sensitivity.js';

/** One criterion `q` of the given weight, so each mark is the juror total: { juror: { nomination: total } }. */
function input(
  byJuror: Record<string, Record<string, number>>,
  rules: Partial<TallyRules> = {},
  weight = '1',
): TallyInput {
  const scorecards: TallyScorecard[] = Object.entries(byJuror).flatMap(([juror, byNomination]) =>
    Object.entries(byNomination).map(([nomination, q]) => ({ juror, nomination, scores: { q } })),
  );
  return {
    rules: { method: 'mean', tieBreakers: [], minScorecards: 1, ...rules },
    criteria: [{ code: 'q', weight }],
    nominations: [...new Set(scorecards.map((card) => card.nomination))].sort(),
    scorecards,
  };
}

function methodWinners(result: CategorySensitivity) {
  return result.methods.map((m) => [m.method, m.winners, m.winnersChanged]);
}

describe('sensitivity: leave one juror out', () => {
  // X = (10 + 6 + 6)/3 = 7.3333, Y = (5 + 8 + 8)/3 = 7: X wins, but only thanks to juror A.
  const fragile = input({ A: { X: 10, Y: 5 }, B: { X: 6, Y: 8 }, C: { X: 6, Y: 8 } });

  it('marks a category fragile when leaving out one juror changes the winner, naming that juror', () => {
    const result = sensitivity(fragile, { topN: 1, fragileMargin: '0' });

    expect(result.winners).toEqual(['X']);
    expect(result.leaveOneOut).toEqual([
      {
        juror: 'A',
        scorecards: 2,
        winners: ['Y'],
        winnersChanged: true,
        advancingChanged: true,
        wouldEnter: ['Y'],
        wouldDrop: ['X'],
      },
      {
        juror: 'B',
        scorecards: 2,
        winners: ['X'],
        winnersChanged: false,
        advancingChanged: false,
        wouldEnter: [],
        wouldDrop: [],
      },
      {
        juror: 'C',
        scorecards: 2,
        winners: ['X'],
        winnersChanged: false,
        advancingChanged: false,
        wouldEnter: [],
        wouldDrop: [],
      },
    ]);
    expect(result.fragile).toBe(true);
    expect(result.causes).toContainEqual({ kind: 'leave_one_out', juror: 'A', winners: ['Y'] });
    expect(result.causes.filter((c) => c.kind === 'leave_one_out')).toHaveLength(1);
  });

  it('agrees with the tally of the input without that juror', () => {
    const without = { ...fragile, scorecards: fragile.scorecards.filter((card) => card.juror !== 'A') };
    expect(tally(without).nominations[0]?.nomination).toBe('Y');
  });

  it('keeps ranking what the juror scored when the minimum was just met (3 jurors, minimum 3)', () => {
    // Without any one juror every nomination has 2 scorecards: under the minimum of 3 nothing would be
    // ranked and every juror would "change the winner". Left out, a juror's nominations need one fewer.
    const result = sensitivity(
      input(
        {
          A: { X: 9, Y: 7, Z: 5 },
          B: { X: 8, Y: 7, Z: 6 },
          C: { X: 9, Y: 6, Z: 6 },
        },
        { minScorecards: 3 },
      ),
      { fragileMargin: '0' },
    );
    expect(result.winners).toEqual(['X']);
    expect(result.leaveOneOut.map((l) => [l.juror, l.winners, l.winnersChanged])).toEqual([
      ['A', ['X'], false],
      ['B', ['X'], false],
      ['C', ['X'], false],
    ]);
    expect(result.fragile).toBe(false);
  });

  it('reports a change of the set that advances without calling it a change of winner', () => {
    // X wins whoever is left out; without juror C, Z draws level with Y at the cut, and ties at the cut
    // all advance.
    const result = sensitivity(
      input({
        A: { X: 9, Y: 6, Z: 6 },
        B: { X: 9, Y: 6, Z: 6 },
        C: { X: 9, Y: 8, Z: 5 },
      }),
      { topN: 2, fragileMargin: '0' },
    );
    expect(result.advancing).toEqual(['X', 'Y']);
    const c = result.leaveOneOut.find((l) => l.juror === 'C');
    expect(c).toMatchObject({
      winnersChanged: false,
      advancingChanged: true,
      wouldEnter: ['Z'],
      wouldDrop: [],
    });
    expect(result.fragile).toBe(false);
  });
});

describe('sensitivity: scoring methods', () => {
  it('gives the winners and top N under each of the three methods, marking those that differ', () => {
    // Trimmed: X keeps 6, Y keeps 8. z-score: A's spread makes X −σ/3 and Y +σ/3 around μ.
    const result = sensitivity(input({ A: { X: 10, Y: 5 }, B: { X: 6, Y: 8 }, C: { X: 6, Y: 8 } }), {
      topN: 2,
      fragileMargin: '0',
    });
    expect(methodWinners(result)).toEqual([
      ['mean', ['X'], false],
      ['trimmed_mean', ['Y'], true],
      ['zscore', ['Y'], true],
    ]);
    expect(result.methods[0]).toMatchObject({
      own: true,
      top: [
        { nomination: 'X', rank: 1, score: '7.3333', scoreExact: '7.3333333333' },
        { nomination: 'Y', rank: 2, score: '7.0000', scoreExact: '7.0000000000' },
      ],
      advancingChanged: false,
    });
    expect(result.methods[1]?.top.map((p) => [p.nomination, p.score])).toEqual([
      ['Y', '8.0000'],
      ['X', '6.0000'],
    ]);
    expect(result.causes.filter((c) => c.kind === 'method')).toEqual([
      { kind: 'method', method: 'trimmed_mean', winners: ['Y'] },
      { kind: 'method', method: 'zscore', winners: ['Y'] },
    ]);
  });

  it('judges from the rules’ own method', () => {
    const result = sensitivity(
      input({ A: { X: 10, Y: 5 }, B: { X: 6, Y: 8 }, C: { X: 6, Y: 8 } }, { method: 'zscore' }),
    );
    expect(result.method).toBe('zscore');
    expect(result.winners).toEqual(['Y']);
    expect(methodWinners(result)).toEqual([
      ['mean', ['X'], true],
      ['trimmed_mean', ['Y'], false],
      ['zscore', ['Y'], false],
    ]);
  });
});

describe('sensitivity: a robust category', () => {
  it('is not fragile when no method, no left-out juror and no change within the totals given moves the winner', () => {
    const result = sensitivity(
      input({ A: { X: 9, Y: 3 }, B: { X: 9, Y: 4 }, C: { X: 8, Y: 3 }, D: { X: 9, Y: 2 } }),
      { topN: 1 },
    );
    expect(result.winners).toEqual(['X']);
    expect(result.methods.every((m) => !m.winnersChanged)).toBe(true);
    expect(result.leaveOneOut.every((l) => !l.winnersChanged && !l.advancingChanged)).toBe(true);
    // 8.75 − 3 = 5.75 would take a change of 23 to one total; the totals given span 2 to 9.
    expect(result.margin).toEqual({
      first: 'X',
      second: 'Y',
      scoreDifferenceExact: '5.7500000000',
      scoreDifference: '5.7500',
      change: null,
    });
    expect(result.fragile).toBe(false);
    expect(result.causes).toEqual([]);
  });
});

describe('sensitivity: margin', () => {
  it('is the smallest change to one total, exactly, in steps of 1/W', () => {
    // X = 25/3, Y = 8: Y reaches X when one of its two totals rises by 2/3, i.e. 6,667 steps of 1/10⁴.
    // Lowering one of X's three totals would take 1.
    const result = sensitivity(input({ A: { X: 8, Y: 8 }, B: { X: 8, Y: 8 }, C: { X: 9 } }), {
      fragileMargin: '0',
    });
    expect(result.margin).toEqual({
      first: 'X',
      second: 'Y',
      scoreDifferenceExact: '0.3333333333',
      scoreDifference: '0.3333',
      change: { juror: 'A', nomination: 'Y', deltaExact: '0.6667000000', delta: '0.6667' },
    });
    // One step fewer leaves Y behind; that many brings it level or ahead.
    const prepared = prepareTally(input({ A: { X: 8, Y: 8 }, B: { X: 8, Y: 8 }, C: { X: 9 } }));
    const [xAt, yAt] = scoresWithChange(prepared, { juror: 'A', nomination: 'Y', delta: 6667n }, ['X', 'Y']);
    expect(yAt! >= xAt!).toBe(true);
    const [xBefore, yBefore] = scoresWithChange(prepared, { juror: 'A', nomination: 'Y', delta: 6666n }, [
      'X',
      'Y',
    ]);
    expect(yBefore! < xBefore!).toBe(true);
  });

  it('is exact with a weight that makes the step a third: 2/3 is 20,000 steps of 1/30,000', () => {
    const result = sensitivity(input({ A: { X: 8, Y: 8 }, B: { X: 8, Y: 8 }, C: { X: 9 } }, {}, '3'));
    expect(parseWeight('3')).toBe(30_000n);
    expect(result.margin?.change).toEqual({
      juror: 'A',
      nomination: 'Y',
      deltaExact: '0.6666666667',
      delta: '0.6667',
    });
  });

  it('follows the trimmed mean: raising a total past the others only gets it dropped', () => {
    // X keeps 8 + 8, Y keeps 7 + 7. Raising B's or C's 7 to 9 or lowering B's or C's 8 to 6 levels them;
    // raising A's 6 takes 3, and D's 9 or A's 5 change nothing. Ties go to the first juror, raising first.
    const result = sensitivity(
      input(
        { A: { X: 5, Y: 6 }, B: { X: 8, Y: 7 }, C: { X: 8, Y: 7 }, D: { X: 10, Y: 9 } },
        { method: 'trimmed_mean' },
      ),
      { fragileMargin: '0' },
    );
    expect(result.margin).toMatchObject({
      first: 'X',
      second: 'Y',
      scoreDifference: '1.0000',
      change: { juror: 'B', nomination: 'Y', deltaExact: '2.0000000000', delta: '2.0000' },
    });
  });

  it('can lower the leader instead, with a negative change', () => {
    // X = (9 + 9)/2 = 9 with two totals, Y = (8 + 8 + 8 + 8)/4 = 8 with four: lowering one of X's by 2 is
    // cheaper than raising one of Y's by 4.
    const result = sensitivity(
      input({ A: { X: 9, Y: 8 }, B: { X: 9, Y: 8 }, C: { Y: 8, Z: 4 }, D: { Y: 8, Z: 4 } }),
      { fragileMargin: '0' },
    );
    expect(result.margin?.change).toEqual({
      juror: 'A',
      nomination: 'X',
      deltaExact: '-2.0000000000',
      delta: '-2.0000',
    });
  });

  it('makes the category fragile when the change is within fragileMargin, and only then', () => {
    // (Leaving out C, X's only lead, ties them: a cause of its own.)
    const data = input({ A: { X: 8, Y: 8 }, B: { X: 8, Y: 8 }, C: { X: 9 } });
    const margins = (fragileMargin?: string) =>
      sensitivity(data, fragileMargin === undefined ? {} : { fragileMargin }).causes.filter(
        (c) => c.kind === 'margin',
      );
    expect(margins('0.6666')).toEqual([]);
    expect(margins('0.6667')).toEqual([
      {
        kind: 'margin',
        change: { juror: 'A', nomination: 'Y', deltaExact: '0.6667000000', delta: '0.6667' },
        threshold: '0.6667',
      },
    ]);
    // The stated default: one point of one total.
    expect(margins()).toHaveLength(1);
    // Trimmed, X keeps one 8 and ties Y; the z-score ties them too.
    expect(sensitivity(data).causes.map((c) => c.kind)).toEqual([
      'method',
      'method',
      'leave_one_out',
      'margin',
    ]);
  });

  it('under zscore, is the smallest change after which the two are level, by the tally’s own z-scores', () => {
    const data = input({ A: { X: 10, Y: 5 }, B: { X: 6, Y: 8 }, C: { X: 6, Y: 8 } }, { method: 'zscore' });
    const result = sensitivity(data, { fragileMargin: '0' });
    const change = result.margin?.change;
    expect(change).not.toBeNull();
    const steps = BigInt(change!.deltaExact.replace('.', '').replace('-', '')) / 1_000_000n; // W = 10⁴
    const sign = change!.deltaExact.startsWith('-') ? -1n : 1n;
    const prepared = prepareTally(data);
    const level = (n: bigint) => {
      const [first, second] = scoresWithChange(
        prepared,
        { juror: change!.juror, nomination: change!.nomination, delta: sign * n },
        [result.margin!.first, result.margin!.second],
      );
      return second! >= first!;
    };
    expect(level(steps)).toBe(true);
    expect(level(steps - 1n)).toBe(false);
  });
});

describe('sensitivity: ties', () => {
  it('lists every nomination sharing rank 1 as winners, with no change needed to level them', () => {
    const result = sensitivity(input({ A: { X: 8, Y: 8, Z: 3 }, B: { X: 7, Y: 7, Z: 4 } }), { topN: 1 });
    expect(result.winners).toEqual(['X', 'Y']);
    expect(result.advancing).toEqual(['X', 'Y']);
    expect(result.margin).toEqual({
      first: 'X',
      second: 'Y',
      scoreDifferenceExact: '0.0000000000',
      scoreDifference: '0.0000',
      change: null,
    });
    // Leaving out either juror keeps the tie: the winners are the same set.
    expect(result.leaveOneOut.map((l) => [l.juror, l.winners, l.winnersChanged])).toEqual([
      ['A', ['X', 'Y'], false],
      ['B', ['X', 'Y'], false],
    ]);
    expect(result.fragile).toBe(false);
  });

  it('calls a shared win that one juror breaks a change of winner', () => {
    const result = sensitivity(input({ A: { X: 9, Y: 7 }, B: { X: 7, Y: 9 }, C: { X: 5, Y: 5 } }), {
      fragileMargin: '0',
    });
    expect(result.winners).toEqual(['X', 'Y']);
    expect(result.causes).toEqual([
      { kind: 'leave_one_out', juror: 'A', winners: ['Y'] },
      { kind: 'leave_one_out', juror: 'B', winners: ['X'] },
    ]);
  });

  it('has no margin with fewer than two ranked nominations, and nothing to rank without scorecards', () => {
    expect(sensitivity(input({ A: { X: 5 } })).margin).toBeNull();
    const empty = sensitivity({ ...input({ A: { X: 5 } }), scorecards: [] });
    expect(empty).toMatchObject({
      winners: [],
      advancing: [],
      leaveOneOut: [],
      margin: null,
      fragile: false,
    });
  });

  it('refuses a topN below 1 and a malformed fragileMargin', () => {
    const data = input({ A: { X: 5, Y: 4 } });
    expect(() => sensitivity(data, { topN: 0 })).toThrow(RangeError);
    expect(() => sensitivity(data, { fragileMargin: '-1' })).toThrow(RangeError);
    expect(() => sensitivity(data, { fragileMargin: '0.00001' })).toThrow(RangeError);
  });
});

describe('sensitivity: properties', () => {
  const dataArb = fc
    .record({
      method: fc.constantFrom<ScoringMethod>('mean', 'trimmed_mean', 'zscore'),
      minScorecards: fc.integer({ min: 1, max: 3 }),
      topN: fc.integer({ min: 1, max: 3 }),
      marks: fc.array(
        fc.record({
          juror: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
          nomination: fc.constantFrom('N1', 'N2', 'N3', 'N4'),
          q: fc.integer({ min: 0, max: 6 }),
        }),
        { maxLength: 20 },
      ),
    })
    .map(({ method, minScorecards, topN, marks }) => {
      const byJuror: Record<string, Record<string, number>> = {};
      for (const { juror, nomination, q } of marks) (byJuror[juror] ??= {})[nomination] = q;
      return { data: input(byJuror, { method, minScorecards, tieBreakers: ['median'] }), topN };
    });
  const winnersOf = (data: TallyInput) =>
    tally(data)
      .nominations.filter((n) => n.rank === 1)
      .map((n) => n.nomination);

  /**
   * The input whose tally is sensitivity's "without `juror`" (keepRankable): without the juror's scorecards,
   * where a nomination the juror scored needs one scorecard fewer. `tally` has one minimum for all, so: the
   * minimum lowered by one, and the nominations the juror did not score that only the lowered minimum would
   * rank left out (their scorecards too, which only the z-score's pools read: undefined there).
   */
  const keptRankable = (data: TallyInput, juror: string): TallyInput | undefined => {
    const min = Math.max(1, data.rules.minScorecards);
    const lowered = Math.max(1, min - 1);
    const scored = new Set(data.scorecards.filter((c) => c.juror === juror).map((c) => c.nomination));
    const count = (nomination: string) => data.scorecards.filter((c) => c.nomination === nomination).length;
    const boundary = new Set(
      data.nominations.filter((n) => !scored.has(n) && count(n) >= lowered && count(n) < min),
    );
    if (boundary.size > 0 && data.rules.method === 'zscore') return undefined;
    return {
      ...data,
      rules: { ...data.rules, minScorecards: lowered },
      nominations: data.nominations.filter((n) => !boundary.has(n)),
      scorecards: data.scorecards.filter((c) => c.juror !== juror && !boundary.has(c.nomination)),
    };
  };

  it('agrees with the tally of each varied input: every method and every juror left out', () => {
    fc.assert(
      fc.property(dataArb, ({ data, topN }) => {
        const result = sensitivity(data, { topN });
        expect(result.winners).toEqual(winnersOf(data));
        for (const m of result.methods) {
          expect(m.winners).toEqual(winnersOf({ ...data, rules: { ...data.rules, method: m.method } }));
        }
        for (const l of result.leaveOneOut) {
          const reference = keptRankable(data, l.juror);
          if (reference) expect(l.winners).toEqual(winnersOf(reference));
        }
        expect(result.fragile).toBe(result.causes.length > 0);
      }),
      { numRuns: 200 },
    );
  });

  it('gives a margin change that levels the first two, where one step less does not', () => {
    fc.assert(
      fc.property(dataArb, ({ data }) => {
        const { margin } = sensitivity(data, { fragileMargin: '0' });
        const change = margin?.change;
        if (margin == null || change == null) return;
        const steps = BigInt(change.deltaExact.replace('-', '').replace('.', '')) / 1_000_000n; // W = 10⁴
        const sign = change.deltaExact.startsWith('-') ? -1n : 1n;
        const prepared = prepareTally(data);
        const level = (n: bigint) => {
          const [first, second] = scoresWithChange(
            prepared,
            { juror: change.juror, nomination: change.nomination, delta: sign * n },
            [margin.first, margin.second],
          );
          return second! >= first!;
        };
        expect(level(steps)).toBe(true);
        expect(level(steps - 1n)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

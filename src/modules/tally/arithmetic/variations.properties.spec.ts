/**
 * The integer shortcuts (decimal.ts `scaledQuotient`, scoring.ts `zscoreScorer`) against the decimal.js
 * reference, and the variations of a prepared tally (standings.ts) against `tally` of the varied input.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { scaled, scaledQuotient, quotient, comparable } from './decimal.js';
import type { ScoreMatrix } from './matrix.js';
import { scorerFor } from './scoring.js';
import {
  prepareTally,
  rankVariation,
  referenceTally,
  scoresWithChange,
  tally,
  type ScoringMethod,
  type TallyCriterion,
  type TallyInput,
  type TallyScorecard,
  type TieBreaker,
} from './tally.js';
import { parseWeight } from './totals.js';

const METHODS: ScoringMethod[] = ['mean', 'trimmed_mean', 'zscore'];

/** Random inputs with a wider spread than tally.properties.spec.ts: odd weights, negative and huge marks. */
function inputArb(): fc.Arbitrary<TallyInput> {
  return fc
    .record({
      criteria: fc.uniqueArray(
        fc.record({
          code: fc.constantFrom('a', 'b', 'c', 'd'),
          weight: fc.constantFrom('1', '3', '0.0001', '0.3333', '7.1234', '1.5', '123456789.9999'),
        }),
        { minLength: 1, maxLength: 4, selector: (criterion) => criterion.code },
      ),
      nominations: fc.uniqueArray(fc.constantFrom<string>('n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'), {
        minLength: 1,
        maxLength: 7,
      }),
      jurors: fc.uniqueArray(fc.constantFrom<string>('j1', 'j2', 'j3', 'j4', 'j5', 'j6'), {
        minLength: 1,
        maxLength: 6,
      }),
      marks: fc.constantFrom(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.constantFrom(0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 7),
      ),
      method: fc.constantFrom(...METHODS),
      minScorecards: fc.integer({ min: 0, max: 3 }),
    })
    .chain(({ criteria, nominations, jurors, marks, method, minScorecards }) => {
      const pool: TieBreaker[] = [
        'median',
        'top_marks',
        ...criteria.map((c): TieBreaker => `criterion:${c.code}`),
      ];
      const scoresArb = fc.record(Object.fromEntries(criteria.map((c) => [c.code, marks])));
      const cells = jurors.flatMap((juror) => nominations.map((nomination) => ({ juror, nomination })));
      return fc.record({
        rules: fc.record({
          method: fc.constant(method),
          tieBreakers: fc.shuffledSubarray(pool),
          minScorecards: fc.constant(minScorecards),
        }),
        criteria: fc.constant<TallyCriterion[]>(criteria),
        nominations: fc.constant(nominations),
        scorecards: fc
          .tuple(
            ...cells.map((cell) =>
              fc.option(
                scoresArb.map((scores) => ({ ...cell, scores })),
                { freq: 3 },
              ),
            ),
          )
          .map((maybe) => maybe.filter((card): card is TallyScorecard => card !== null)),
      });
    });
}

function ranks(result: ReturnType<typeof tally>) {
  return result.nominations.map((n) => ({
    nomination: n.nomination,
    rank: n.rank,
    score: n.scoreExact === null ? null : BigInt(n.scoreExact.replace('.', '')),
  }));
}

describe('integer arithmetic against the decimal.js reference', () => {
  it('gives the same tally, to the last character, on random inputs', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        expect(tally(input)).toEqual(referenceTally(input));
      }),
      { numRuns: 300 },
    );
  });

  it('rounds p/q exactly as the decimal path does, beyond the exact range too', () => {
    const big = fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n });
    const small = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n });
    fc.assert(
      fc.property(fc.oneof(big, small), fc.bigInt({ min: 1n, max: 10n ** 30n }), (p, q) => {
        expect(scaledQuotient(p, q)).toBe(scaled(comparable(quotient(p, q))));
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds exact half-way points half away from zero', () => {
    // 5·10⁻¹¹ and its negative: on the half-way point at the 11th decimal.
    expect(scaledQuotient(1n, 2n * 10n ** 10n)).toBe(1n);
    expect(scaledQuotient(-1n, 2n * 10n ** 10n)).toBe(-1n);
    expect(scaledQuotient(3n, 2n * 10n ** 10n)).toBe(2n);
  });

  it('scores a z-score sitting exactly on a half-way point through the decimal path, with the same result', () => {
    // Two jurors with one total each: σ_j = 0, so both nominations score μ = (1 + 2)/(2·W) = 1.5/W, and with
    // W = 2·10¹⁰ that is 7.5·10⁻¹¹, exactly half-way between two 10-decimal values.
    const denominator = 2n * 10n ** 10n;
    const matrix: ScoreMatrix = {
      denominator,
      nominations: [
        { id: 'n1', entries: [{ juror: 0, total: 1n, scores: {} }] },
        { id: 'n2', entries: [{ juror: 1, total: 2n, scores: {} }] },
      ],
      jurors: [
        { id: 'j1', moments: { count: 1, sum: 1n, sumOfSquares: 1n }, highest: 1n },
        { id: 'j2', moments: { count: 1, sum: 2n, sumOfSquares: 4n }, highest: 2n },
      ],
      overall: { count: 2, sum: 3n, sumOfSquares: 5n },
    };
    const exact = scorerFor('zscore', matrix, 'exact');
    const reference = scorerFor('zscore', matrix, 'reference');
    for (const column of matrix.nominations) {
      expect(exact(column)).toBe(reference(column));
      expect(exact(column)).toBe(1n); // 0.0000000001
    }
  });
});

describe('variations of a prepared tally', () => {
  it('without a juror, ranks exactly as the tally of the input without their scorecards', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const prepared = prepareTally(input);
        const jurors = [...new Set(input.scorecards.map((card) => card.juror))];
        // Twice over, so that keys cached by one variation are seen to be right for the next.
        for (const juror of [...jurors, ...jurors.reverse()]) {
          const without = { ...input, scorecards: input.scorecards.filter((card) => card.juror !== juror) };
          expect(rankVariation(prepared, { withoutJuror: juror })).toEqual(ranks(tally(without)));
        }
        expect(rankVariation(prepared)).toEqual(ranks(tally(input)));
      }),
      { numRuns: 150 },
    );
  });

  it('under another method, and without a juror under another method, ranks as tally does', () => {
    fc.assert(
      fc.property(inputArb(), fc.constantFrom(...METHODS), (input, method) => {
        const prepared = prepareTally(input);
        const other = { ...input, rules: { ...input.rules, method } };
        expect(rankVariation(prepared, { method })).toEqual(ranks(tally(other)));
        const juror = input.scorecards[0]?.juror;
        if (juror === undefined) return;
        const without = { ...other, scorecards: other.scorecards.filter((card) => card.juror !== juror) };
        expect(rankVariation(prepared, { method, withoutJuror: juror })).toEqual(ranks(tally(without)));
      }),
      { numRuns: 150 },
    );
  });

  it('with one total changed, scores as tally does with the marks that make that total', () => {
    const arb = inputArb()
      .filter((input) => input.scorecards.length > 0)
      .chain((input) =>
        fc.record({
          input: fc.constant(input),
          card: fc.integer({ min: 0, max: input.scorecards.length - 1 }),
          criterion: fc.integer({ min: 0, max: input.criteria.length - 1 }),
          change: fc.integer({ min: -20, max: 20 }),
        }),
      );
    fc.assert(
      fc.property(arb, ({ input, card, criterion, change }) => {
        const chosen = input.scorecards[card]!;
        const { code, weight } = input.criteria[criterion]!;
        const changedMark = chosen.scores[code]! + change;
        if (!Number.isSafeInteger(changedMark)) return;
        const changed: TallyInput = {
          ...input,
          scorecards: input.scorecards.map((c, i) =>
            i === card ? { ...c, scores: { ...c.scores, [code]: changedMark } } : c,
          ),
        };
        const expected = tally(changed).nominations.filter((n) => n.scorecards > 0);
        const scores = scoresWithChange(
          prepareTally(input),
          { juror: chosen.juror, nomination: chosen.nomination, delta: parseWeight(weight) * BigInt(change) },
          expected.map((n) => n.nomination),
        );
        expected.forEach((n, i) => {
          if (n.scoreExact !== null) expect(scores[i]).toBe(BigInt(n.scoreExact.replace('.', '')));
        });
      }),
      { numRuns: 150 },
    );
  });
});

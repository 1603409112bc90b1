import { describe, expect, it } from '@jest/globals';
import type { Decimal } from 'decimal.js';
import fc from 'fast-check';

import { TallyDecimal } from './decimal.js';
import {
  tally,
  type NominationTally,
  type ScoringMethod,
  type TallyCriterion,
  type TallyInput,
  type TallyResult,
  type TallyScorecard,
  type TieBreaker,
} from './tally.js';

// Small score ranges and few jurors make equal scores, equal medians and shared highs common, so the
// ranking and tie-breaking paths are exercised, not just the arithmetic.
const WEIGHTS = ['1', '2', '1.5', '0.5', '2.25', '0.0001', '0.3333', '7.1234'];

const methodArb = fc.constantFrom<ScoringMethod>('mean', 'trimmed_mean', 'zscore');

function inputArb(
  options: { method?: fc.Arbitrary<ScoringMethod>; tieBreakers?: boolean } = {},
): fc.Arbitrary<TallyInput> {
  const idArb = fc.string({
    minLength: 1,
    maxLength: 3,
    unit: fc.constantFrom('a', 'B', 'z', '1', 'é', '_'),
  });
  return fc
    .record({
      criteria: fc.uniqueArray(
        fc.record({
          code: fc.constantFrom('impact', 'cost', 'novelty'),
          weight: fc.constantFrom(...WEIGHTS),
        }),
        { minLength: 1, maxLength: 3, selector: (criterion) => criterion.code },
      ),
      nominations: fc.uniqueArray(idArb, { minLength: 1, maxLength: 6 }),
      jurors: fc.uniqueArray(idArb, { minLength: 1, maxLength: 5 }),
      topScore: fc.constantFrom(2, 4, 10),
      method: options.method ?? methodArb,
      minScorecards: fc.integer({ min: 0, max: 3 }),
    })
    .chain(({ criteria, nominations, jurors, topScore, method, minScorecards }) => {
      const tieBreakerPool: TieBreaker[] = [
        'median',
        'top_marks',
        ...criteria.map((c): TieBreaker => `criterion:${c.code}`),
      ];
      const scoresArb = fc.record(
        Object.fromEntries(criteria.map((c) => [c.code, fc.integer({ min: 0, max: topScore })])),
      );
      const cells = jurors.flatMap((juror) => nominations.map((nomination) => ({ juror, nomination })));
      return fc.record({
        rules: fc.record({
          method: fc.constant(method),
          tieBreakers:
            options.tieBreakers === false
              ? fc.constant<TieBreaker[]>([])
              : fc.shuffledSubarray(tieBreakerPool),
          minScorecards: fc.constant(minScorecards),
        }),
        criteria: fc.constant(criteria),
        nominations: fc.constant(nominations),
        scorecards: fc
          .tuple(
            ...cells.map((cell) =>
              fc.option(
                scoresArb.map((scores) => ({ ...cell, scores })),
                { freq: 4 },
              ),
            ),
          )
          .map((maybe) => maybe.filter((card): card is TallyScorecard => card !== null)),
      });
    });
}

function permutation<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
}

const decimal = (value: string) => new TallyDecimal(value);

function ranked(result: TallyResult): NominationTally[] {
  return result.nominations.filter((n) => n.rank !== null);
}

describe('tally properties', () => {
  it('does not depend on the order of scorecards, nominations, criteria or score keys', () => {
    const arb = inputArb().chain((input) =>
      fc.record({
        input: fc.constant(input),
        shuffled: fc.record({
          rules: fc.constant(input.rules),
          criteria: permutation(input.criteria),
          nominations: permutation(input.nominations),
          scorecards: permutation(input.scorecards).map((cards) =>
            cards.map((card) => ({
              ...card,
              scores: Object.fromEntries(Object.entries(card.scores).reverse()),
            })),
          ),
        }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ input, shuffled }) => {
        expect(tally(shuffled)).toEqual(tally(input));
      }),
    );
  });

  it('ranks by standard competition ranking, consistent with the scores', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const result = tally(input);
        const rows = ranked(result);
        rows.forEach((current, i) => {
          const rank = current.rank as number;
          const previous = rows[i - 1];
          const sameAsPrevious = previous !== undefined && previous.rank === rank;
          // 1, 1, 3: a new rank is one more than the number of nominations ahead.
          expect(rank).toBe(sameAsPrevious ? previous.rank : i + 1);
          if (previous === undefined) return;
          const order = decimal(previous.scoreExact as string).cmp(decimal(current.scoreExact as string));
          // Never a better rank for a lower score; an equal rank only with an equal rounded score and
          // equal tie-breaker values; the same rank listed by nomination id.
          expect(order).toBeGreaterThanOrEqual(0);
          if (order > 0) expect(rank).toBeGreaterThan(previous.rank as number);
          if (sameAsPrevious) {
            expect(current.scoreExact).toBe(previous.scoreExact);
            expect(current.tieBreakerValues).toEqual(previous.tieBreakerValues);
            expect(previous.nomination < current.nomination).toBe(true);
          }
        });
        for (const row of rows) {
          const shared = rows.filter((other) => other.rank === row.rank).length > 1;
          expect(row.flags).toEqual(shared ? ['tied'] : []);
          expect(row.score).toBe(decimal(row.scoreExact as string).toFixed(4, TallyDecimal.ROUND_HALF_UP));
        }
        // The unranked follow, by id, each with too few scorecards.
        const unranked = result.nominations.slice(rows.length);
        expect(unranked.map((n) => n.nomination)).toEqual(unranked.map((n) => n.nomination).sort());
        for (const row of unranked) {
          expect(row).toMatchObject({ rank: null, score: null, flags: ['insufficient_scorecards'] });
          expect(row.scorecards).toBeLessThan(Math.max(1, input.rules.minScorecards));
        }
        expect(result.nominations.map((n) => n.nomination).sort()).toEqual([...input.nominations].sort());
      }),
    );
  });

  it('names as tieBrokenBy the deepest tie-breaker that separated a nomination from an equal score', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const rows = ranked(tally(input));
        const firstDifference = (a: NominationTally, b: NominationTally) => {
          const index = a.tieBreakerValues.findIndex(
            (v, k) => v.valueExact !== b.tieBreakerValues[k]!.valueExact,
          );
          return index === -1 ? null : index;
        };
        for (const row of rows) {
          const separations = rows
            .filter((other) => other !== row && other.scoreExact === row.scoreExact)
            .map((other) => firstDifference(row, other))
            .filter((index) => index !== null);
          const expected =
            separations.length === 0 ? null : input.rules.tieBreakers[Math.max(...separations)];
          expect(row.tieBrokenBy).toBe(expected);
        }
      }),
    );
  });

  it('matches a literal implementation of the SPEC rules', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const result = tally(input);
        const expected = literalTally(input);
        for (const row of result.nominations) {
          const literal = expected.get(row.nomination);
          expect(row.scorecards).toBe(literal?.scorecards);
          expect(row.medianExact).toBe(literal?.median ?? null);
          if (row.rank === null) continue;
          expect(row.scoreExact).toBe(literal?.score);
          expect(row.tieBreakerValues.map((v) => v.valueExact)).toEqual(
            input.rules.tieBreakers.map((tieBreaker) => literal?.tieBreakers[tieBreaker]),
          );
        }
      }),
    );
  });

  describe('zscore', () => {
    const zscoreInputArb = inputArb({ method: fc.constant('zscore'), tieBreakers: false });
    /** Each score x of the selected jurors becomes a·x + b, so each of their totals t becomes a·t + b. */
    function transform(
      input: TallyInput,
      jurors: (juror: string) => boolean,
      a: number,
      b: number,
    ): TallyInput {
      return {
        ...input,
        scorecards: input.scorecards.map((card) =>
          jurors(card.juror)
            ? {
                ...card,
                scores: Object.fromEntries(Object.entries(card.scores).map(([c, x]) => [c, a * x + b])),
              }
            : card,
        ),
      };
    }
    const affineArb = fc.record({ a: fc.integer({ min: 1, max: 5 }), b: fc.integer({ min: -10, max: 20 }) });

    it("standardises away one juror's leniency and spread (shift and positive scale of their totals)", () => {
      const arb = zscoreInputArb
        .filter((input) => input.scorecards.length > 0)
        .chain((input) =>
          fc.record({
            input: fc.constant(input),
            juror: fc.constantFrom(...input.scorecards.map((card) => card.juror)),
            affine: affineArb,
          }),
        );
      fc.assert(
        fc.property(arb, ({ input, juror, affine }) => {
          const before = tally(input);
          const after = tally(transform(input, (j) => j === juror, affine.a, affine.b));

          // The pool's μ and σ move with the juror's totals, so scores move too, but only through the same
          // increasing map μ + σ·Z for every nomination: Z = (score − μ)/σ and the ranking stay put.
          expect(after.nominations.map((n) => [n.nomination, n.rank, n.flags])).toEqual(
            before.nominations.map((n) => [n.nomination, n.rank, n.flags]),
          );
          const standardised = (result: TallyResult, row: NominationTally) => {
            const sigma = decimal(result.overall?.sigmaExact as string);
            return decimal(row.scoreExact as string)
              .minus(decimal(result.overall?.meanExact as string))
              .div(sigma);
          };
          const sigmaBefore = decimal(before.overall?.sigmaExact ?? '0');
          const sigmaAfter = decimal(after.overall?.sigmaExact ?? '0');
          if (sigmaBefore.isZero() || sigmaAfter.isZero()) return;
          ranked(before).forEach((row, i) => {
            const zBefore = standardised(before, row);
            const zAfter = standardised(after, ranked(after)[i]!);
            // Each published value carries ≤ 5·10⁻¹¹ of rounding: bound its effect on Z on both sides.
            const slack = (sigma: Decimal) => decimal('1e-10').plus(zBefore.abs().times('5e-11')).div(sigma);
            expect(
              zAfter
                .minus(zBefore)
                .abs()
                .lte(slack(sigmaBefore).plus(slack(sigmaAfter)).times(2)),
            ).toBe(true);
          });
        }),
      );
    });

    it('moves every score by the same map when all totals are shifted and scaled', () => {
      const arb = fc.record({ input: zscoreInputArb, affine: affineArb });
      fc.assert(
        fc.property(arb, ({ input, affine: { a, b } }) => {
          const before = tally(input);
          const after = tally(transform(input, () => true, a, b));
          ranked(before).forEach((row, i) => {
            const moved = decimal(row.scoreExact as string)
              .times(a)
              .plus(b);
            const actual = decimal(ranked(after)[i]!.scoreExact as string);
            expect(
              actual
                .minus(moved)
                .abs()
                .lte(decimal('5e-11').times(a + 1)),
            ).toBe(true);
          });
        }),
      );
    });
  });
});

interface LiteralRow {
  scorecards: number;
  median: string | null;
  score: string;
  tieBreakers: Record<string, string>;
}

/**
 * SPEC "Tally rules" read literally, on decimals, with none of the production shortcuts (no integer
 * numerators, no moments, a division per z-score).
 */
function literalTally(input: TallyInput): Map<string, LiteralRow> {
  const at10 = (value: Decimal) => value.toDecimalPlaces(10, TallyDecimal.ROUND_HALF_UP).toFixed(10);
  const meanOf = (values: Decimal[]) => values.reduce((s, v) => s.plus(v), decimal('0')).div(values.length);
  const sigmaOf = (values: Decimal[]) => {
    // Decided by equality, not by the computed σ: the rounded mean of equal 50-digit totals can differ from
    // them in the last digit and leave a σ of 10⁻⁵⁰ that would wrongly count as spread.
    if (values.every((v) => v.eq(values[0]!))) return decimal('0');
    const mu = meanOf(values);
    return meanOf(values.map((v) => v.minus(mu).pow(2))).sqrt();
  };
  const medianOf = (values: Decimal[]) => {
    const sorted = [...values].sort((x, y) => x.cmp(y));
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : sorted[middle - 1]!.plus(sorted[middle]!).div(2);
  };
  const totalOf = (criteria: TallyCriterion[], scores: Record<string, number>) =>
    criteria
      .reduce((s, c) => s.plus(decimal(c.weight).times(scores[c.code]!)), decimal('0'))
      .div(criteria.reduce((s, c) => s.plus(c.weight), decimal('0')));

  const cards = input.scorecards.map((card) => ({ ...card, total: totalOf(input.criteria, card.scores) }));
  const all = cards.map((card) => card.total);
  const byJuror = (juror: string) => cards.filter((card) => card.juror === juror).map((card) => card.total);
  const rows = new Map<string, LiteralRow>();
  for (const nomination of input.nominations) {
    const own = cards.filter((card) => card.nomination === nomination);
    const ownTotals = own.map((card) => card.total);
    let score = decimal('0');
    if (own.length > 0) {
      if (input.rules.method === 'mean' || (input.rules.method === 'trimmed_mean' && own.length < 3)) {
        score = meanOf(ownTotals);
      } else if (input.rules.method === 'trimmed_mean') {
        score = meanOf([...ownTotals].sort((x, y) => x.cmp(y)).slice(1, -1));
      } else {
        const [mu, sigma] = [meanOf(all), sigmaOf(all)];
        score = meanOf(
          own.map((card) => {
            const [muJ, sigmaJ] = [meanOf(byJuror(card.juror)), sigmaOf(byJuror(card.juror))];
            return sigmaJ.isZero() ? mu : mu.plus(sigma.times(card.total.minus(muJ)).div(sigmaJ));
          }),
        );
      }
    }
    const tieBreakers: Record<string, string> = {};
    for (const tieBreaker of input.rules.tieBreakers) {
      if (own.length === 0) continue;
      if (tieBreaker === 'median') tieBreakers[tieBreaker] = at10(medianOf(ownTotals));
      else if (tieBreaker === 'top_marks') {
        const highs = own.filter((card) => byJuror(card.juror).every((total) => total.lte(card.total)));
        tieBreakers[tieBreaker] = String(highs.length);
      } else {
        const code = tieBreaker.slice('criterion:'.length);
        tieBreakers[tieBreaker] = at10(meanOf(own.map((card) => decimal(String(card.scores[code])))));
      }
    }
    rows.set(nomination, {
      scorecards: own.length,
      median: own.length === 0 ? null : at10(medianOf(ownTotals)),
      score: at10(score),
      tieBreakers,
    });
  }
  return rows;
}

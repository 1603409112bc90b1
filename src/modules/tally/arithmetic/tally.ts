/**
 * The tally of one category in one round: SPEC.md "Tally rules", as pure arithmetic.
 *
 * Reading order: `tally` below, then totals.ts (exact juror totals), matrix.ts (the totals by nomination
 * and by juror), scoring.ts (the three methods), ranking.ts (tie-breakers and competition ranking),
 * decimal.ts (rounding and presentation); types.ts holds the input and result shapes.
 */
import type { Decimal } from 'decimal.js';

import { at } from '../../../common/checked-index.js';

import { comparable, present, quotient, TallyDecimal } from './decimal.js';
import { TallyInputError } from './errors.js';
import { buildMatrix, type NominationColumn, type ScoreMatrix } from './matrix.js';
import { rankContenders, type Contender } from './ranking.js';
import { scorerFor } from './scoring.js';
import {
  categoryWeights,
  compareTotals,
  meanOfTotals,
  medianOfTotals,
  sigmaOfTotals,
  type Moments,
} from './totals.js';
import {
  TALLY_ALGORITHM_VERSION,
  type NominationTally,
  type ScoringMethod,
  type TallyInput,
  type TallyResult,
  type TallyRules,
  type TieBreaker,
  type TieBreakerValue,
  type TotalsStatistics,
} from './types.js';

export { COMPARISON_PLACES, DISPLAY_PLACES, roundHalfAwayFromZero, TallyDecimal } from './decimal.js';
export { TallyInputError } from './errors.js';
// compareIds: for callers that list ids the way the tally does (CSV export, verifier).
export { compareIds, jurorTotal, parseWeight } from './totals.js';

export { TALLY_ALGORITHM_VERSION } from './types.js';
export type {
  JurorStatistics,
  NominationFlag,
  NominationTally,
  ScoringMethod,
  TallyCriterion,
  TallyInput,
  TallyResult,
  TallyRules,
  TallyScorecard,
  TieBreaker,
  TieBreakerValue,
  TotalsStatistics,
} from './types.js';

export function tally(input: TallyInput): TallyResult {
  const weights = categoryWeights(input.criteria);
  const rules = checkedRules(input.rules, weights.codes);
  const matrix = buildMatrix(input.nominations, input.scorecards, weights);
  const score = scorerFor(rules.method, matrix);
  // A nomination without scorecards has no score to rank, whatever minScorecards says.
  const threshold = Math.max(1, rules.minScorecards);

  const contenders: NominationContender[] = [];
  const unranked: NominationTally[] = [];
  for (const column of matrix.nominations) {
    const median = column.entries.length === 0 ? null : medianOf(column, matrix.denominator);
    if (median === null || column.entries.length < threshold) {
      unranked.push({
        nomination: column.id,
        rank: null,
        score: null,
        scoreExact: null,
        scorecards: column.entries.length,
        ...presentMedian(median),
        flags: ['insufficient_scorecards'],
        tieBrokenBy: null,
        tieBreakerValues: [],
      });
      continue;
    }
    const tieBreakerValues = rules.tieBreakers.map((tieBreaker) =>
      tieBreaker === 'median' ? median : tieBreakerValue(tieBreaker, column, matrix),
    );
    const comparableScore = comparable(score(column));
    contenders.push({
      id: column.id,
      keys: [comparableScore, ...tieBreakerValues.map(comparable)],
      comparableScore,
      column,
      median,
      tieBreakerValues,
    });
  }

  const ranked = rankContenders(contenders).map(({ contender, rank, tied, decidedBy }): NominationTally => {
    const { shown, exact } = present(contender.comparableScore);
    return {
      nomination: contender.id,
      rank,
      score: shown,
      scoreExact: exact,
      scorecards: contender.column.entries.length,
      ...presentMedian(contender.median),
      flags: tied ? ['tied'] : [],
      tieBrokenBy: decidedBy === null ? null : at(rules.tieBreakers, decidedBy - 1),
      tieBreakerValues: rules.tieBreakers.map((tieBreaker, i) =>
        presentTieBreaker(tieBreaker, at(contender.tieBreakerValues, i)),
      ),
    };
  });

  return {
    algorithm: TALLY_ALGORITHM_VERSION,
    rules: { method: rules.method, tieBreakers: [...rules.tieBreakers], minScorecards: rules.minScorecards },
    nominations: [...ranked, ...unranked],
    jurors: matrix.jurors.map((row) => ({ juror: row.id, ...statistics(row.moments, matrix.denominator) })),
    overall: matrix.overall.count === 0 ? null : statistics(matrix.overall, matrix.denominator),
  };
}

interface NominationContender extends Contender {
  /** keys[0], kept by name. */
  comparableScore: Decimal;
  column: NominationColumn;
  median: Decimal;
  /** In declared order, unrounded. */
  tieBreakerValues: Decimal[];
}

/** Rule 4, for the tie-breakers other than the median. Each value is "higher is better". */
function tieBreakerValue(tieBreaker: TieBreaker, column: NominationColumn, matrix: ScoreMatrix): Decimal {
  if (tieBreaker === 'top_marks') {
    // Jurors whose highest total over all their counted scorecards (ranked or not) is this one; a juror
    // whose highest total is shared by several nominations counts for each of them.
    const topMarks = column.entries.filter((entry) => entry.total === at(matrix.jurors, entry.juror).highest);
    return new TallyDecimal(topMarks.length);
  }
  // criterion:<code>: the mean of the raw scores on that criterion.
  const code = tieBreaker.slice('criterion:'.length);
  const sum = column.entries.reduce((s, entry) => {
    const value = entry.scores[code];
    // checkedRules accepted the code and buildMatrix checked every scorecard scores every criterion.
    if (value === undefined)
      throw new TallyInputError(`scorecard has no score for tie-breaker "${tieBreaker}"`);
    return s + BigInt(value);
  }, 0n);
  return quotient(sum, BigInt(column.entries.length));
}

function presentMedian(median: Decimal | null): Pick<NominationTally, 'median' | 'medianExact'> {
  if (median === null) return { median: null, medianExact: null };
  const { shown, exact } = present(median);
  return { median: shown, medianExact: exact };
}

function presentTieBreaker(tieBreaker: TieBreaker, value: Decimal): TieBreakerValue {
  if (tieBreaker === 'top_marks') {
    return { tieBreaker, value: value.toFixed(0), valueExact: value.toFixed(0) };
  }
  const { shown, exact } = present(value);
  return { tieBreaker, value: shown, valueExact: exact };
}

function medianOf(column: NominationColumn, denominator: bigint): Decimal {
  const sorted = column.entries.map((entry) => entry.total).sort(compareTotals);
  return medianOfTotals(sorted, denominator);
}

function statistics(moments: Moments, denominator: bigint): TotalsStatistics {
  const mean = present(meanOfTotals(moments, denominator));
  const sigma = present(sigmaOfTotals(moments, denominator));
  return {
    count: moments.count,
    mean: mean.shown,
    sigma: sigma.shown,
    meanExact: mean.exact,
    sigmaExact: sigma.exact,
  };
}

const METHODS: readonly ScoringMethod[] = ['mean', 'trimmed_mean', 'zscore'];

function checkedRules(rules: TallyRules, criterionCodes: readonly string[]): TallyRules {
  if (!METHODS.includes(rules.method)) throw new TallyInputError(`unknown scoring method "${rules.method}"`);
  if (!Number.isSafeInteger(rules.minScorecards) || rules.minScorecards < 0) {
    throw new TallyInputError(`minScorecards must be a non-negative integer, got ${rules.minScorecards}`);
  }
  rules.tieBreakers.forEach((tieBreaker, i) => {
    const known =
      tieBreaker === 'median' ||
      tieBreaker === 'top_marks' ||
      (tieBreaker.startsWith('criterion:') && criterionCodes.includes(tieBreaker.slice('criterion:'.length)));
    if (!known) throw new TallyInputError(`unknown tie-breaker "${tieBreaker}"`);
    if (rules.tieBreakers.indexOf(tieBreaker) !== i) {
      throw new TallyInputError(`tie-breaker "${tieBreaker}" is declared twice`);
    }
  });
  return rules;
}

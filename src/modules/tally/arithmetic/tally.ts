/**
 * The tally of one category in one round: SPEC.md "Tally rules", as pure arithmetic.
 *
 * Reading order: `tally` below, then totals.ts (exact juror totals), matrix.ts (the totals by nomination
 * and by juror), scoring.ts (the three methods), ranking.ts (tie-breakers and competition ranking),
 * decimal.ts (rounding and presentation).
 */
import type { Decimal } from 'decimal.js';

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

export { COMPARISON_PLACES, DISPLAY_PLACES, roundHalfAwayFromZero, TallyDecimal } from './decimal.js';
export { TallyInputError } from './errors.js';
// compareIds: for callers that list ids the way the tally does (CSV export, verifier).
export { compareIds, jurorTotal, parseWeight } from './totals.js';

/** Names the rules implemented here; stored with every snapshot and manifest. Bump on any change of result. */
export const TALLY_ALGORITHM_VERSION = 'magistral-tally/1';

export type ScoringMethod = 'mean' | 'trimmed_mean' | 'zscore';
export type TieBreaker = 'median' | 'top_marks' | `criterion:${string}`;

export interface TallyRules {
  method: ScoringMethod;
  tieBreakers: TieBreaker[];
  minScorecards: number;
}

export interface TallyCriterion {
  code: string;
  /** Exact decimal string > 0 with at most 4 decimals, e.g. "1.5". */
  weight: string;
}

export interface TallyScorecard {
  juror: string;
  nomination: string;
  /** An integer per criterion code, every criterion present. */
  scores: Record<string, number>;
}

export interface TallyInput {
  rules: TallyRules;
  criteria: TallyCriterion[];
  /** Every eligible nomination of the category, also those with too few scorecards. */
  nominations: string[];
  /** Only the counted scorecards: submitted, by non-conflicted jurors, on eligible nominations. */
  scorecards: TallyScorecard[];
}

export type NominationFlag = 'insufficient_scorecards' | 'tied';

export interface TieBreakerValue {
  tieBreaker: TieBreaker;
  /** Rounded to 4 decimals (top_marks: the count). */
  value: string;
  /** Rounded to 10 decimals: the value that was compared (top_marks: the count). */
  valueExact: string;
}

export interface NominationTally {
  nomination: string;
  /** Standard competition rank; null when unranked. */
  rank: number | null;
  /** Rounded to 4 decimals from scoreExact; null when unranked. */
  score: string | null;
  /** Rounded to 10 decimals: the value that was compared; null when unranked. */
  scoreExact: string | null;
  /** Counted scorecards. */
  scorecards: number;
  /** Median of the juror totals (4 and 10 decimals); null without scorecards. */
  median: string | null;
  medianExact: string | null;
  /** Sorted. */
  flags: NominationFlag[];
  /** The deepest tie-breaker needed to separate it from a nomination with an equal score, or null. */
  tieBrokenBy: TieBreaker | null;
  /** One per declared tie-breaker, in declared order, for ranked nominations; empty when unranked. */
  tieBreakerValues: TieBreakerValue[];
}

/** Mean and population σ of some juror totals, rounded to 4 and to 10 decimals. */
export interface TotalsStatistics {
  count: number;
  mean: string;
  sigma: string;
  meanExact: string;
  sigmaExact: string;
}

export interface JurorStatistics extends TotalsStatistics {
  juror: string;
}

/** JSON-serialisable; the same input in any order gives a deep-equal result. */
export interface TallyResult {
  algorithm: typeof TALLY_ALGORITHM_VERSION;
  rules: TallyRules;
  /** Ranked by rank then nomination id, then the unranked by id. */
  nominations: NominationTally[];
  /** By juror id: every juror with a counted scorecard. */
  jurors: JurorStatistics[];
  /** All counted totals of the category and round (the z-score pool); null when there are none. */
  overall: TotalsStatistics | null;
}

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
    contenders.push({
      id: column.id,
      keys: [comparable(score(column)), ...tieBreakerValues.map(comparable)],
      column,
      median,
      tieBreakerValues,
    });
  }

  const ranked = rankContenders(contenders).map(({ contender, rank, tied, decidedBy }): NominationTally => {
    const { shown, exact } = present(contender.keys[0]);
    return {
      nomination: contender.id,
      rank,
      score: shown,
      scoreExact: exact,
      scorecards: contender.column.entries.length,
      ...presentMedian(contender.median),
      flags: tied ? ['tied'] : [],
      tieBrokenBy: decidedBy === null ? null : rules.tieBreakers[decidedBy - 1],
      tieBreakerValues: contender.tieBreakerValues.map((value, i) =>
        presentTieBreaker(rules.tieBreakers[i], value),
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
    const topMarks = column.entries.filter((entry) => entry.total === matrix.jurors[entry.juror].highest);
    return new TallyDecimal(topMarks.length);
  }
  // criterion:<code>: the mean of the raw scores on that criterion.
  const code = tieBreaker.slice('criterion:'.length);
  const sum = column.entries.reduce((s, entry) => s + BigInt(entry.scores[code]), 0n);
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

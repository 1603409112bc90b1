/**
 * The tally of one category in one round: SPEC.md "Tally rules", as pure arithmetic.
 *
 * Reading order: `tally` below, then totals.ts (exact juror totals), matrix.ts (the totals by nomination
 * and by juror), standings.ts (each nomination's score and tie-breaker values, ranked), scoring.ts (the
 * three methods), ranking.ts (tie-breakers and competition ranking), decimal.ts (rounding, in integers where
 * provably the same, and presentation); types.ts holds the input and result shapes. `referenceTally` is the
 * same rules with decimal.js throughout, against which `tally` is property-tested, and `prepareTally` /
 * `rankVariation` / `scoresWithChange` rank variations of one input for the sensitivity analysis.
 */
import { at } from '../../../common/checked-index.js';

import { present, presentScaled, scaledQuotient, type Arithmetic } from './decimal.js';
import {
  prepare,
  scoresWithChangedTotal,
  standingsOf,
  standingsWithoutJuror,
  type PreparedTally,
  type Standings,
} from './standings.js';
import { sigmaOfTotals, type Moments } from './totals.js';
import {
  TALLY_ALGORITHM_VERSION,
  type NominationTally,
  type ScoringMethod,
  type TallyInput,
  type TallyResult,
  type TieBreaker,
  type TieBreakerValue,
  type TotalsStatistics,
} from './types.js';

export {
  COMPARISON_PLACES,
  DISPLAY_PLACES,
  presentScaled,
  roundHalfAwayFromZero,
  SCALE,
  scaledQuotient,
  TallyDecimal,
} from './decimal.js';
export type { PreparedTally } from './standings.js';
export type { MatrixEntry, NominationColumn, JurorRow, ScoreMatrix } from './matrix.js';
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
  return tallyWith(input, 'exact');
}

/**
 * The same tally computed entirely with decimal.js (every quotient to 50 significant digits, then rounded),
 * the way the rules were first implemented: `tally` must equal it on every input (property-tested). Slower;
 * for tests and for anyone who wants to check the integer shortcuts of decimal.ts and scoring.ts.
 */
export function referenceTally(input: TallyInput): TallyResult {
  return tallyWith(input, 'reference');
}

/*
 * Variations of one tally, for the sensitivity analysis (analytics/sensitivity.ts): the input is parsed and
 * checked once (`prepareTally`), then ranked under another scoring method, without one juror's scorecards,
 * or with one total changed, by the same functions `tally` uses (standings.ts), so a variation's ranks are
 * exactly those `tally` gives for the varied input (property-tested).
 */

/** The input parsed and checked once; throws TallyInputError as `tally` does. */
export function prepareTally(input: TallyInput): PreparedTally {
  return prepare(input, 'exact');
}

/** One nomination's place in a variation. */
export interface Standing {
  nomination: string;
  /** As NominationTally.rank. */
  rank: number | null;
  /** The compared score times SCALE (10¹⁰), i.e. scoreExact without its decimal point; null when unranked. */
  score: bigint | null;
}

export interface TallyVariation {
  /** Another scoring method than the rules' own. */
  method?: ScoringMethod;
  /** Leave this juror's counted scorecards out. */
  withoutJuror?: string;
  /**
   * With `withoutJuror`: a nomination that juror scored needs one scorecard fewer to be ranked, so it is not
   * dropped for lack of scorecards only because the juror is left out (sensitivity's leave-one-juror-out).
   */
  keepRankable?: boolean;
}

/** The ranks of a variation, in `tally`'s order: ranked by rank then id, then the unranked by id. */
export function rankVariation(prepared: PreparedTally, variation: TallyVariation = {}): Standing[] {
  const method = variation.method ?? prepared.rules.method;
  const standings =
    variation.withoutJuror === undefined
      ? standingsOf(prepared, method)
      : standingsWithoutJuror(prepared, variation.withoutJuror, method, variation.keepRankable);
  return standingList(standings);
}

/**
 * The compared scores (times SCALE) of `nominations` when juror `change.juror`'s counted total on
 * `change.nomination` is changed by `change.delta` / W, W = prepared.matrix.denominator (totals are carried
 * as numerators over W, so every total and every representable change is a whole number of 1/W).
 */
export function scoresWithChange(
  prepared: PreparedTally,
  change: { juror: string; nomination: string; delta: bigint },
  nominations: readonly string[],
  method: ScoringMethod = prepared.rules.method,
): bigint[] {
  return scoresWithChangedTotal(prepared, change, nominations, method);
}

function standingList({ placings, unranked }: Standings): Standing[] {
  return [
    ...placings.map(({ contender, rank }) => ({ nomination: contender.id, rank, score: contender.score })),
    ...unranked.map(({ column }) => ({ nomination: column.id, rank: null, score: null })),
  ];
}

function tallyWith(input: TallyInput, arithmetic: Arithmetic): TallyResult {
  const prepared = prepare(input, arithmetic);
  const { rules, matrix } = prepared;
  const { placings, unranked } = standingsOf(prepared);

  const ranked = placings.map(({ contender, rank, tied, decidedBy }): NominationTally => {
    const { shown, exact } = presentScaled(contender.score);
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
        presentTieBreaker(tieBreaker, at(contender.keys, i + 1)),
      ),
    };
  });

  return {
    algorithm: TALLY_ALGORITHM_VERSION,
    rules: { method: rules.method, tieBreakers: [...rules.tieBreakers], minScorecards: rules.minScorecards },
    nominations: [
      ...ranked,
      ...unranked.map(({ column, median }): NominationTally => ({
        nomination: column.id,
        rank: null,
        score: null,
        scoreExact: null,
        scorecards: column.entries.length,
        ...presentMedian(median),
        flags: ['insufficient_scorecards'],
        tieBrokenBy: null,
        tieBreakerValues: [],
      })),
    ],
    jurors: matrix.jurors.map((row) => ({
      juror: row.id,
      ...statistics(row.moments, matrix.denominator, arithmetic),
    })),
    overall: matrix.overall.count === 0 ? null : statistics(matrix.overall, matrix.denominator, arithmetic),
  };
}

function presentMedian(median: bigint | null): Pick<NominationTally, 'median' | 'medianExact'> {
  if (median === null) return { median: null, medianExact: null };
  const { shown, exact } = presentScaled(median);
  return { median: shown, medianExact: exact };
}

function presentTieBreaker(tieBreaker: TieBreaker, value: bigint): TieBreakerValue {
  if (tieBreaker === 'top_marks') return { tieBreaker, value: String(value), valueExact: String(value) };
  const { shown, exact } = presentScaled(value);
  return { tieBreaker, value: shown, valueExact: exact };
}

function statistics(moments: Moments, denominator: bigint, arithmetic: Arithmetic): TotalsStatistics {
  const mean = presentScaled(scaledQuotient(moments.sum, BigInt(moments.count) * denominator, arithmetic));
  const sigma = present(sigmaOfTotals(moments, denominator));
  return {
    count: moments.count,
    mean: mean.shown,
    sigma: sigma.shown,
    meanExact: mean.exact,
    sigmaExact: sigma.exact,
  };
}

import type { Decimal } from 'decimal.js';

import { at } from '../../../common/checked-index.js';

import { quotient, TallyDecimal } from './decimal.js';
import { TallyInputError } from './errors.js';
import type { TallyCriterion } from './types.js';

/*
 * Juror totals, exactly. A weight has at most 4 decimals, so 10⁴·w is an integer W_c, and for integer
 * scores x_c the juror total (rule 1) is the fraction
 *
 *     t = Σ w_c·x_c / Σ w_c = S / W   with   S = Σ W_c·x_c,  W = Σ W_c   (both integers).
 *
 * W is the same for every scorecard of the category, so a total is carried as its numerator S (a bigint)
 * and divided only when a decimal is finally needed. Sums, extremes, medians and equality of totals are
 * then exact integer work.
 */

export const WEIGHT_SCALE = 10_000n;
const WEIGHT_PATTERN = /^(\d+)(?:\.(\d{1,4}))?$/;

export interface CategoryWeights {
  /** Criterion codes, sorted. */
  readonly codes: readonly string[];
  /** 10⁴·w per code, as bigint (always exact) and as number (exact when safe, for the fast path). */
  readonly scaled: readonly bigint[];
  readonly scaledAsNumbers: readonly number[];
  /** W = Σ 10⁴·w: the common denominator of every total. */
  readonly denominator: bigint;
  readonly denominatorAsNumber: number;
}

/** A weight string such as "1.5" as the integer 10⁴·w (15000n). */
export function parseWeight(weight: string): bigint {
  const match = WEIGHT_PATTERN.exec(weight);
  if (match === null) {
    throw new TallyInputError(`weight must be a decimal with at most 4 decimals, got "${weight}"`);
  }
  const [, units = '', decimals = ''] = match; // the pattern matched, so units has ≥ 1 digit
  const scaled = BigInt(units) * WEIGHT_SCALE + BigInt(decimals.padEnd(4, '0'));
  if (scaled === 0n) throw new TallyInputError(`weight must be greater than 0, got "${weight}"`);
  return scaled;
}

export function categoryWeights(criteria: readonly TallyCriterion[]): CategoryWeights {
  if (criteria.length === 0) throw new TallyInputError('a category needs at least one criterion');
  const sorted = [...criteria].sort((a, b) => compareIds(a.code, b.code));
  sorted.forEach((criterion, i) => {
    if (sorted[i - 1]?.code === criterion.code) {
      throw new TallyInputError(`criterion "${criterion.code}" is listed twice`);
    }
  });
  const scaled = sorted.map((criterion) => parseWeight(criterion.weight));
  const denominator = scaled.reduce((sum, w) => sum + w, 0n);
  return {
    codes: sorted.map((criterion) => criterion.code),
    scaled,
    scaledAsNumbers: scaled.map(Number),
    denominator,
    denominatorAsNumber: Number(denominator),
  };
}

/** S = Σ 10⁴·w_c·x_c, the numerator of the juror total. */
export function weightedSum(weights: CategoryWeights, scores: Readonly<Record<string, number>>): bigint {
  const { codes, scaledAsNumbers } = weights;
  let sum = 0;
  let largestScore = 0;
  for (let i = 0; i < codes.length; i++) {
    const score = scoreOn(scores, at(codes, i));
    sum += at(scaledAsNumbers, i) * score;
    largestScore = Math.max(largestScore, Math.abs(score));
  }
  if (Object.keys(scores).length !== codes.length) {
    const unknown = Object.keys(scores).find((code) => !codes.includes(code));
    throw new TallyInputError(`score for unknown criterion "${unknown}"`);
  }
  // Every product and partial sum above is at most W·max|x| in magnitude; while that is below 2⁵³ the
  // floating-point arithmetic was exact integer arithmetic. Beyond it (huge weights or scales), redo it.
  if (weights.denominatorAsNumber * largestScore <= Number.MAX_SAFE_INTEGER) return BigInt(sum);
  return codes.reduce((exact, code, i) => exact + at(weights.scaled, i) * BigInt(scoreOn(scores, code)), 0n);
}

function scoreOn(scores: Readonly<Record<string, number>>, code: string): number {
  const score = scores[code];
  if (score === undefined || !Number.isSafeInteger(score)) {
    throw new TallyInputError(`score for criterion "${code}" must be an integer, got ${String(score)}`);
  }
  return score;
}

/** The juror total t = Σ w·x / Σ w of one scorecard (rule 1), to 50 significant digits. */
export function jurorTotal(
  criteria: readonly TallyCriterion[],
  scores: Readonly<Record<string, number>>,
): Decimal {
  const weights = categoryWeights(criteria);
  return quotient(weightedSum(weights, scores), weights.denominator);
}

/** Count, Σ S and Σ S² of some totals' numerators: enough for their mean and population σ, exactly. */
export interface Moments {
  count: number;
  sum: bigint;
  sumOfSquares: bigint;
}

export function emptyMoments(): Moments {
  return { count: 0, sum: 0n, sumOfSquares: 0n };
}

export function addTotal(moments: Moments, total: bigint): void {
  moments.count += 1;
  moments.sum += total;
  moments.sumOfSquares += total * total;
}

export function addMoments(into: Moments, other: Moments): void {
  into.count += other.count;
  into.sum += other.sum;
  into.sumOfSquares += other.sumOfSquares;
}

/**
 * n·ΣS² − (ΣS)², an integer equal to (n·W·σ)² for the population σ of the totals S/W. Zero exactly when all
 * totals are equal, so "σ = 0" is decided without rounding.
 */
export function spread(moments: Moments): bigint {
  return BigInt(moments.count) * moments.sumOfSquares - moments.sum * moments.sum;
}

export function meanOfTotals(moments: Moments, denominator: bigint): Decimal {
  return quotient(moments.sum, BigInt(moments.count) * denominator);
}

/** Population standard deviation of the totals: √spread / (n·W). */
export function sigmaOfTotals(moments: Moments, denominator: bigint): Decimal {
  return new TallyDecimal(spread(moments)).sqrt().div(new TallyDecimal(BigInt(moments.count) * denominator));
}

/** Median of totals given as numerators, as a decimal (the mean of the middle two for an even count). */
export function medianOfTotals(sortedTotals: readonly bigint[], denominator: bigint): Decimal {
  const middle = sortedTotals.length >> 1;
  if (sortedTotals.length % 2 === 1) return quotient(at(sortedTotals, middle), denominator);
  return quotient(at(sortedTotals, middle - 1) + at(sortedTotals, middle), 2n * denominator);
}

/** Plain code-unit order: locale-independent, so the output order is the same on every machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareTotals(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import type { Decimal } from 'decimal.js';

import { at } from '../../../common/checked-index.js';

import {
  comparable,
  integerSquareRoot,
  SCALE,
  scaled,
  scaledQuotient,
  TallyDecimal,
  type Arithmetic,
} from './decimal.js';
import type { NominationColumn, ScoreMatrix } from './matrix.js';
import type { ScoringMethod } from './types.js';
import { meanOfTotals, sigmaOfTotals, spread } from './totals.js';

/**
 * The score of one nomination (rule 2), rounded to COMPARISON_PLACES and times SCALE (decimal.ts). Only called
 * for nominations with ≥ 1 scorecard.
 */
export type Scorer = (column: NominationColumn) => bigint;

export function scorerFor(method: ScoringMethod, matrix: ScoreMatrix, arithmetic: Arithmetic): Scorer {
  switch (method) {
    case 'mean':
      return (column) => mean(column, matrix.denominator, arithmetic);
    case 'trimmed_mean':
      return (column) => trimmedMean(column, matrix.denominator, arithmetic);
    case 'zscore':
      return arithmetic === 'exact' ? zscoreScorer(matrix) : decimalZscoreScorer(matrix);
  }
}

function mean(column: NominationColumn, denominator: bigint, arithmetic: Arithmetic): bigint {
  const sum = column.entries.reduce((s, entry) => s + entry.total, 0n);
  return scaledQuotient(sum, BigInt(column.entries.length) * denominator, arithmetic);
}

/** With 3 or more scorecards, one highest and one lowest total are dropped; otherwise the plain mean. */
function trimmedMean(column: NominationColumn, denominator: bigint, arithmetic: Arithmetic): bigint {
  const count = column.entries.length;
  if (count < 3) return mean(column, denominator, arithmetic);
  let sum = 0n;
  let lowest = at(column.entries, 0).total;
  let highest = lowest;
  for (const { total } of column.entries) {
    sum += total;
    if (total < lowest) lowest = total;
    if (total > highest) highest = total;
  }
  return scaledQuotient(sum - lowest - highest, BigInt(count - 2) * denominator, arithmetic);
}

/*
 * z-score. Rule 2 maps each total t of juror j to μ + σ·(t − μ_j)/σ_j (μ when σ_j = 0) and scores the
 * nomination with the mean of those over its k scorecards:
 *
 *     score = μ + (1/k) · Σ_j σ·(t_j − μ_j)/σ_j          (0 for a juror with σ_j = 0)
 *
 * With t = S/W, m_j totals, T_j = Σ S and D_j = m_j·Σ S² − T_j² over juror j's totals (see `spread`),
 * μ_j = T_j/(m_j·W) and σ_j = √D_j/(m_j·W), so
 *
 *     σ·(t − μ_j)/σ_j = (m_j·S − T_j) · σ/√D_j
 *
 * an exact integer times one factor per juror. μ and σ are the same formulas over every counted total of the
 * category, the unranked nominations' too; σ_j = 0 is decided exactly (D_j = 0), never by a computed σ_j that
 * came out tiny.
 *
 * The score is irrational in general, so it is computed to far more places than are compared and rounded.
 * `decimalZscoreScorer` does that with decimal.js at 50 significant digits (the reference, and the fallback).
 * `zscoreScorer`, 10–20× faster, works in integers: with N, Σ and D the same figures over all totals, σ/√D_j
 * = √(D/D_j)/(N·W), and R_j = ⌊√(D·P²/D_j)⌋ (P = 10⁴⁰) is √(D/D_j)·P to within 1, so
 *
 *     score = (Σ·k·P + X) / (k·N·W·P)      X = Σ_j (m_j·S_j − T_j)·R_j
 *
 * to within A/(k·N·W·P), A = Σ_j |m_j·S_j − T_j|. Rounding that is certain unless the value lies near a
 * half-way point at the 11th decimal; "near" also allows for the decimal path's own error (a relative 10⁻⁴⁹
 * per operation), so wherever the integer path answers, it answers what the decimal path would. Near such a
 * point (an exactly rational score such as μ can sit on one) that nomination is scored by the decimal path.
 */
const P = 10n ** 40n;
const REFERENCE_ERROR = 10n ** 37n; // see the bound in zscoreScorer

function zscoreScorer(matrix: ScoreMatrix): Scorer {
  const { jurors, overall, denominator } = matrix;
  if (overall.count === 0) return () => 0n; // never called: no nomination has a scorecard
  let fallback: Scorer | undefined;
  const n = BigInt(overall.count);
  const d = spread(overall);
  const perJuror = jurors.map(({ moments }) => {
    const dj = spread(moments);
    return {
      count: BigInt(moments.count),
      sum: moments.sum,
      root: dj === 0n ? null : integerSquareRoot((d * P * P) / dj),
    };
  });
  const nw = n * denominator;
  const sum = overall.sum;
  const absoluteSum = sum < 0n ? -sum : sum;

  return (column) => {
    const k = BigInt(column.entries.length);
    let x = 0n; // X above
    let a = 0n; // A above
    let b = 0n; // Σ_j |m_j·S_j − T_j|·(R_j + 1) ≥ P·N·W·Σ|terms|
    for (const { juror, total } of column.entries) {
      const { count, sum: jurorSum, root } = at(perJuror, juror);
      if (root === null) continue;
      const deviation = count * total - jurorSum;
      const absolute = deviation < 0n ? -deviation : deviation;
      x += deviation * root;
      a += absolute;
      b += absolute * (root + 1n);
    }
    // score·10¹⁰ ≈ y = numerator/denominator; half away from zero is ⌊(2|numerator| + den)/(2·den)⌋.
    const numerator = (sum * k * P + x) * SCALE;
    const den = k * nw * P;
    const magnitude = numerator < 0n ? -numerator : numerator;
    const twice = 2n * den;
    const shifted = 2n * magnitude + den;
    const remainder = shifted % twice;
    // How far y may be from the decimal path's value, in units of 1/(2·den): this path's error A·10¹⁰/den,
    // plus the decimal path's, at most (k + 3)·(Σ|terms| + |μ| + 1)·10⁻⁴⁷ (each of its ≤ 2k + 6 operations
    // rounds to a relative 5·10⁻⁵⁰ of a value at most Σ|terms| + |μ|).
    const slack =
      2n * a * SCALE + (2n * k * (k + 3n) * (b + absoluteSum * P + nw * P)) / REFERENCE_ERROR + 4n;
    if (remainder <= slack || twice - remainder <= slack) {
      fallback ??= decimalZscoreScorer(matrix);
      return fallback(column);
    }
    const rounded = shifted / twice;
    return numerator < 0n ? -rounded : rounded;
  };
}

/** The z-score with decimal.js at 50 significant digits (each factor σ/√D_j rounded once). */
function decimalZscoreScorer(matrix: ScoreMatrix): Scorer {
  const { jurors, overall, denominator } = matrix;
  if (overall.count === 0) return () => 0n; // never called: no nomination has a scorecard
  const mu = meanOfTotals(overall, denominator);
  const sigma = sigmaOfTotals(overall, denominator);
  const perJuror = jurors.map(({ moments }) => {
    const d = spread(moments);
    return {
      count: BigInt(moments.count),
      sum: moments.sum,
      factor: d === 0n ? null : sigma.div(new TallyDecimal(d).sqrt()),
    };
  });

  return (column) => {
    let offsets: Decimal = new TallyDecimal(0);
    for (const { juror, total } of column.entries) {
      const { count, sum, factor } = at(perJuror, juror);
      if (factor !== null) offsets = offsets.plus(factor.times(count * total - sum));
    }
    return scaled(comparable(mu.plus(offsets.div(column.entries.length))));
  };
}

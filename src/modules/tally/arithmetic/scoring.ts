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

/**
 * `zscoreColumns`: a cache of each column's pool-independent figures, valid while the jurors' moments are
 * those it was filled with (see zscoreScorer).
 */
export function scorerFor(
  method: ScoringMethod,
  matrix: ScoreMatrix,
  arithmetic: Arithmetic,
  zscoreColumns?: WeakMap<NominationColumn, ZscoreColumn>,
): Scorer {
  switch (method) {
    case 'mean':
      return (column) => mean(column, matrix.denominator, arithmetic);
    case 'trimmed_mean':
      return (column) => trimmedMean(column, matrix.denominator, arithmetic);
    case 'zscore':
      return arithmetic === 'exact' ? zscoreScorer(matrix, zscoreColumns) : decimalZscoreScorer(matrix);
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
 * `zscoreScorer`, much faster, works in integers. With N, Σ and D the same figures over all totals,
 * σ = √D/(N·W), so
 *
 *     score = Σ/(N·W) + √D/(N·W) · Y/k          Y = Σ_j (m_j·S_j − T_j)/√D_j
 *
 * Y reads only the column and its jurors' moments, not the pools, so a column's Y is reused across
 * variations that keep those (a juror left out changes the pools and the columns they scored, nothing else).
 * In integers, with P = 10⁴⁰: Q = ⌊P·√D⌋ and U_j = ⌊P/√D_j⌋ are each within 1 of the real value, and
 *
 *     score·10¹⁰ ≈ (Σ·k·P² + Q·y)·10¹⁰ / (k·N·W·P²)          y = Σ_j (m_j·S_j − T_j)·U_j ≈ P·Y
 *
 * where Q·y is within A·(Q + P + 2) of P²·√D·Y, A = Σ_j |m_j·S_j − T_j| (as |Y| ≤ A and Q + 1 ≥ P·√D).
 * Rounding that is certain unless the value lies near a half-way point at the 11th decimal; "near" also
 * allows for the decimal path's own error (a relative 5·10⁻⁵⁰ per operation), so wherever the integer path
 * answers, it answers what the decimal path would. Near such a point (an exactly rational score such as μ
 * can sit on one) that nomination is scored by the decimal path.
 */
const P = 10n ** 40n;
const REFERENCE_ERROR = 10n ** 37n; // see the bound in zscoreScorer

/** A column's y and A (see above), for the jurors' moments it was computed with. */
export interface ZscoreColumn {
  y: bigint;
  a: bigint;
}

function zscoreScorer(matrix: ScoreMatrix, columns?: WeakMap<NominationColumn, ZscoreColumn>): Scorer {
  const { jurors, overall, denominator } = matrix;
  if (overall.count === 0) return () => 0n; // never called: no nomination has a scorecard
  let fallback: Scorer | undefined;
  // U_j per juror, computed when first needed: a variation that scores two nominations needs a few.
  const perJuror: ({ count: bigint; sum: bigint; unit: bigint | null } | undefined)[] = [];
  const unitOf = (juror: number) => {
    let unit = perJuror[juror];
    if (unit === undefined) {
      const { moments } = at(jurors, juror);
      const dj = spread(moments);
      unit = {
        count: BigInt(moments.count),
        sum: moments.sum,
        unit: dj === 0n ? null : integerSquareRoot((P * P) / dj),
      };
      perJuror[juror] = unit;
    }
    return unit;
  };
  const columnOf = (column: NominationColumn): ZscoreColumn => {
    let y = 0n;
    let a = 0n;
    for (const { juror, total } of column.entries) {
      const { count, sum, unit } = unitOf(juror);
      if (unit === null) continue;
      const deviation = count * total - sum;
      y += deviation * unit;
      a += deviation < 0n ? -deviation : deviation;
    }
    return { y, a };
  };

  const sum = overall.sum;
  const q = integerSquareRoot(spread(overall) * P * P);
  const nwp2 = BigInt(overall.count) * denominator * P * P;
  const sumP2 = sum * P * P;
  // The slack below, in parts: this path's error per unit of A, and the decimal path's.
  const ownError = 2n * SCALE * (q + P + 2n);
  const referencePerA = (q + 1n) * P;
  const referenceBase = ((sum < 0n ? -sum : sum) + BigInt(overall.count) * denominator) * P * P;

  return (column) => {
    let figures = columns?.get(column);
    if (figures === undefined) {
      figures = columnOf(column);
      columns?.set(column, figures);
    }
    const { y, a } = figures;
    const k = BigInt(column.entries.length);
    // score·10¹⁰ ≈ numerator/den; half away from zero is ⌊(2·|numerator| + den)/(2·den)⌋.
    const numerator = (sumP2 * k + q * y) * SCALE;
    const den = k * nwp2;
    const magnitude = numerator < 0n ? -numerator : numerator;
    const twice = 2n * den;
    const shifted = 2n * magnitude + den;
    const remainder = shifted % twice;
    // How far numerator/den may be from the decimal path's value, in units of 1/(2·den): this path's error
    // A·(Q + P + 2)·10¹⁰/den, plus the decimal path's, at most (k + 3)·(Σ|terms| + |μ| + 1)·10⁻⁴⁷ (each of
    // its ≤ 2k + 6 operations rounds to a relative 5·10⁻⁵⁰ of at most that), with Σ|terms| ≤ σ·A.
    const slack =
      a * ownError + (2n * k * (k + 3n) * (a * referencePerA + referenceBase)) / REFERENCE_ERROR + 4n;
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

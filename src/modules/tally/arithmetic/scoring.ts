import type { Decimal } from 'decimal.js';

import { at } from '../../../common/checked-index.js';

import { quotient, TallyDecimal } from './decimal.js';
import type { NominationColumn, ScoreMatrix } from './matrix.js';
import type { ScoringMethod } from './types.js';
import { meanOfTotals, sigmaOfTotals, spread } from './totals.js';

/** The score of one nomination (rule 2), unrounded. Only called for nominations with ≥ 1 scorecard. */
export type Scorer = (column: NominationColumn) => Decimal;

export function scorerFor(method: ScoringMethod, matrix: ScoreMatrix): Scorer {
  switch (method) {
    case 'mean':
      return (column) => mean(column, matrix.denominator);
    case 'trimmed_mean':
      return (column) => trimmedMean(column, matrix.denominator);
    case 'zscore':
      return zscoreScorer(matrix);
  }
}

function mean(column: NominationColumn, denominator: bigint): Decimal {
  const sum = column.entries.reduce((s, entry) => s + entry.total, 0n);
  return quotient(sum, BigInt(column.entries.length) * denominator);
}

/** With 3 or more scorecards, one highest and one lowest total are dropped; otherwise the plain mean. */
function trimmedMean(column: NominationColumn, denominator: bigint): Decimal {
  const count = column.entries.length;
  if (count < 3) return mean(column, denominator);
  let sum = 0n;
  let lowest = at(column.entries, 0).total;
  let highest = lowest;
  for (const { total } of column.entries) {
    sum += total;
    if (total < lowest) lowest = total;
    if (total > highest) highest = total;
  }
  return quotient(sum - lowest - highest, BigInt(count - 2) * denominator);
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
 * an exact integer times one factor per juror: a decimal multiplication per total instead of a division
 * (4× faster at 50 digits, and a large category has 25,000 totals). Each factor is rounded once to 50
 * significant digits, so the score is off by far less than the 10⁻¹⁰ at which scores are compared.
 * μ and σ are the same formulas over every counted total of the category, the unranked nominations' too;
 * σ_j = 0 is decided exactly (D_j = 0), never by a computed σ_j that came out tiny.
 */
function zscoreScorer(matrix: ScoreMatrix): Scorer {
  const { jurors, overall, denominator } = matrix;
  if (overall.count === 0) return () => new TallyDecimal(0); // never called: no nomination has a scorecard
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
    let offsets = new TallyDecimal(0);
    for (const { juror, total } of column.entries) {
      const { count, sum, factor } = at(perJuror, juror);
      if (factor !== null) offsets = offsets.plus(factor.times(count * total - sum));
    }
    return mu.plus(offsets.div(column.entries.length));
  };
}

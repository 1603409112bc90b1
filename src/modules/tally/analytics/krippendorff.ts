/**
 * Krippendorff's alpha with the interval metric, for incomplete designs (K. Krippendorff, "Computing
 * Krippendorff's Alpha-Reliability", 2011): α = 1 − D_o / D_e, where D_o is the disagreement observed
 * within units and D_e the disagreement expected by chance over all pairable values.
 *
 * With the interval metric δ² = (a − b)², the sums over pairs collapse to sums of squares: a unit u with
 * m_u ≥ 2 values adds 2·m_u·SS_u / (m_u − 1) to n·D_o, and D_e = 2·SS / (n − 1) over the n pairable values.
 * So one pass computes alpha, and a bootstrap resample costs one pass over the units, not over the pairs.
 */
import { at } from '../../../common/checked-index.js';

import { byUnit, round4, type Rating, type Statistic } from './ratings.js';
import { seededRandom } from './seeded-random.js';

/** Bootstrap resamples of alpha's interval (issue 17: 1,000). */
export const ALPHA_RESAMPLES = 1000;

/** A unit's part of the sums: its pairable values' count, sum, and within-unit disagreement term. */
interface UnitSums {
  count: number;
  sum: number;
  sumOfSquares: number;
  within: number;
}

export interface AlphaCounts {
  /** Units (nominations) with two or more values: the only ones alpha reads. */
  units: number;
  /** Values in those units. */
  values: number;
  coders: number;
}

export type Alpha = Statistic<AlphaCounts>;

export interface AlphaWithInterval {
  alpha: Alpha;
  /** Percentile bootstrap 95 % interval over units; null when alpha is, or no resample had variance. */
  interval: { low: number; high: number; resamples: number } | null;
}

/** Alpha of `ratings` (exact to float arithmetic; present with `round4`). */
export function krippendorffAlpha(ratings: readonly Rating[]): Alpha {
  const units = pairableUnits(ratings);
  const counts = alphaCounts(units.sums, units.coders);
  if (units.sums.length === 0) return { value: null, reason: 'too_few_pairable' };
  const value = alphaOf(units.sums, identity(units.sums.length));
  if (value === null) return { value: null, reason: 'no_variance' };
  return { value, ...counts };
}

/**
 * Alpha with a percentile bootstrap interval: `resamples` draws of the pairable units with replacement,
 * from a generator seeded by `seed` (the tally's inputs digest), so the same inputs give the same interval.
 */
export function krippendorffAlphaWithInterval(
  ratings: readonly Rating[],
  { seed, resamples = ALPHA_RESAMPLES }: { seed: string; resamples?: number },
): AlphaWithInterval {
  const alpha = krippendorffAlpha(ratings);
  if (alpha.value === null) return { alpha, interval: null };
  const { sums } = pairableUnits(ratings);
  const random = seededRandom(seed);
  const draws: number[] = [];
  const picks = new Array<number>(sums.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < picks.length; i++) picks[i] = Math.floor(random() * sums.length);
    const value = alphaOf(sums, picks);
    if (value !== null) draws.push(value);
  }
  if (draws.length === 0) return { alpha, interval: null };
  draws.sort((a, b) => a - b);
  return {
    alpha,
    interval: { low: round4(quantile(draws, 0.025)), high: round4(quantile(draws, 0.975)), resamples },
  };
}

function pairableUnits(ratings: readonly Rating[]): { sums: UnitSums[]; coders: number } {
  const pairable = [...byUnit(ratings).values()].filter((values) => values.size >= 2);
  const coders = new Set(pairable.flatMap((values) => [...values.keys()]));
  // Centred on the mean of the pairable values, so the sums of squares stay small and exact enough in floats.
  let total = 0;
  let count = 0;
  for (const values of pairable)
    for (const value of values.values()) {
      total += value;
      count++;
    }
  const centre = count === 0 ? 0 : total / count;
  const sums = pairable.map((values): UnitSums => {
    let sum = 0;
    let sumOfSquares = 0;
    for (const raw of values.values()) {
      const value = raw - centre;
      sum += value;
      sumOfSquares += value * value;
    }
    const spread = Math.max(0, sumOfSquares - (sum * sum) / values.size);
    return { count: values.size, sum, sumOfSquares, within: (2 * values.size * spread) / (values.size - 1) };
  });
  return { sums, coders: coders.size };
}

function alphaCounts(sums: readonly UnitSums[], coders: number): AlphaCounts {
  return { units: sums.length, values: sums.reduce((n, u) => n + u.count, 0), coders };
}

/** Alpha over the units at `picks` (indexes into `sums`, repeats allowed); null without variance. */
function alphaOf(sums: readonly UnitSums[], picks: readonly number[]): number | null {
  let n = 0;
  let sum = 0;
  let sumOfSquares = 0;
  let within = 0;
  for (const pick of picks) {
    const unit = at(sums, pick);
    n += unit.count;
    sum += unit.sum;
    sumOfSquares += unit.sumOfSquares;
    within += unit.within;
  }
  const spread = sumOfSquares - (sum * sum) / n;
  const expected = (2 * spread) / (n - 1);
  // Below float noise relative to the values: every value is the same.
  if (!(expected > 1e-12 * Math.max(1, sumOfSquares / n))) return null;
  const observed = within / n;
  return 1 - observed / expected;
}

function identity(length: number): number[] {
  return Array.from({ length }, (_, i) => i);
}

/** The q-quantile of sorted values, linear between the closest ranks (R's and NumPy's default, type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return at(sorted, below) + (at(sorted, above) - at(sorted, below)) * (position - below);
}

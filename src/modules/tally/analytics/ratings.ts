import { at } from '../../../common/checked-index.js';

/**
 * The shape every agreement statistic reads: one value per (unit, coder). In a round, units are the
 * nominations, coders the jurors and values their counted totals; assignments are incomplete by design.
 */
export interface Rating {
  unit: string;
  coder: string;
  value: number;
}

/** Why a statistic has no value for these ratings (said in words by the client). */
export type NotComputable =
  /** No nomination has two or more counted scorecards. */
  | 'too_few_pairable'
  /** Every counted value is the same: there is no variation to agree or disagree about. */
  | 'no_variance'
  /** No group of two or more jurors scored the same two or more nominations. */
  | 'no_common_block';

/** A statistic with the counts it was computed on, or null and the reason. */
export type Statistic<V extends object> = (V & { value: number }) | { value: null; reason: NotComputable };

/** The ratings by unit, units and coders in sorted order, so results never depend on input order. */
export function byUnit(ratings: readonly Rating[]): Map<string, Map<string, number>> {
  const sorted = [...ratings].sort((a, b) => compare(a.unit, b.unit) || compare(a.coder, b.coder));
  const units = new Map<string, Map<string, number>>();
  for (const { unit, coder, value } of sorted) {
    if (!Number.isFinite(value)) throw new RangeError(`rating of ${unit} by ${coder} is not a finite number`);
    let coders = units.get(unit);
    if (coders === undefined) units.set(unit, (coders = new Map<string, number>()));
    if (coders.has(coder)) throw new RangeError(`${coder} rated ${unit} twice`);
    coders.set(coder, value);
  }
  return units;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ranks 1..n with ties given their average rank (the "mid-rank" convention of Kendall and Spearman). */
export function midRanks(values: readonly number[]): { ranks: number[]; ties: number } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length).fill(0);
  let ties = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    const value = at(order, start).value;
    while (end < order.length && at(order, end).value === value) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[at(order, k).index] = rank;
    const t = end - start;
    ties += t ** 3 - t;
    start = end;
  }
  return { ranks, ties };
}

/** Rounds for presentation: 4 decimals, half away from zero, no negative zero. */
export function round4(value: number): number {
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * 10_000)) / 10_000;
  return rounded === 0 ? 0 : rounded;
}

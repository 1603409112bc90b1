/**
 * Kendall's coefficient of concordance W with the correction for ties (M. G. Kendall, Rank Correlation
 * Methods, 1948): m jurors rank the same n nominations; W = 12·S / (m²(n³ − n) − m·ΣT), where S is the sum
 * of squared deviations of the nominations' rank sums from their mean and T = Σ(t³ − t) over each juror's
 * groups of t tied totals. 1 is complete agreement on the order, 0 none.
 *
 * Our assignments are incomplete, so W is computed per block: the nominations scored by exactly the same
 * jurors (two or more jurors, three or more nominations).
 */
import { at } from '../../../common/checked-index.js';

import { byUnit, compare, midRanks, round4, type Rating, type Statistic } from './ratings.js';

export interface ConcordanceCounts {
  jurors: number;
  nominations: number;
}

export type Concordance = Statistic<ConcordanceCounts>;

export interface ConcordanceBlock {
  jurors: string[];
  nominations: string[];
  w: Concordance;
}

/** W of a complete table: `table[i][j]` is juror j's value for nomination i. */
export function kendallW(table: readonly (readonly number[])[]): Concordance {
  const n = table.length;
  const m = n === 0 ? 0 : at(table, 0).length;
  if (n < 2 || m < 2) return { value: null, reason: 'no_common_block' };
  const rankSums = new Array<number>(n).fill(0);
  let ties = 0;
  for (let j = 0; j < m; j++) {
    const column = table.map((row) => at(row, j));
    const ranked = midRanks(column);
    ties += ranked.ties;
    ranked.ranks.forEach((rank, i) => (rankSums[i] = at(rankSums, i) + rank));
  }
  const mean = (m * (n + 1)) / 2;
  const s = rankSums.reduce((total, sum) => total + (sum - mean) ** 2, 0);
  const denominator = m * m * (n ** 3 - n) - m * ties;
  // Every juror tied every nomination: there is no order to agree on.
  if (denominator <= 0) return { value: null, reason: 'no_variance' };
  return { value: round4((12 * s) / denominator), jurors: m, nominations: n };
}

/** W for each block of nominations scored by the same jurors, largest blocks first. */
export function concordanceBlocks(ratings: readonly Rating[]): ConcordanceBlock[] {
  const blocks = new Map<string, { jurors: string[]; nominations: string[] }>();
  for (const [unit, coders] of byUnit(ratings)) {
    if (coders.size < 2) continue;
    const jurors = [...coders.keys()];
    const key = jurors.join('\u0000');
    const block = blocks.get(key) ?? { jurors, nominations: [] };
    block.nominations.push(unit);
    blocks.set(key, block);
  }
  const units = byUnit(ratings);
  return [...blocks.values()]
    .filter((block) => block.nominations.length >= 3)
    .map((block) => {
      const table = block.nominations.map((unit) => {
        const coders = units.get(unit);
        return block.jurors.map((juror) => coders?.get(juror) ?? Number.NaN);
      });
      return { ...block, w: kendallW(table) };
    })
    .sort(
      (a, b) =>
        b.jurors.length * b.nominations.length - a.jurors.length * a.nominations.length ||
        compare(a.jurors.join(), b.jurors.join()),
    );
}

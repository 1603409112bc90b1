import { at } from '../../../common/checked-index.js';

import { compareIds } from './totals.js';

export interface Contender {
  id: string;
  /**
   * keys[0] is the score, then one value per declared tie-breaker, higher is better: each the value rounded
   * to COMPARISON_PLACES times SCALE (decimal.ts), top_marks the count, so equal keys are equal values.
   */
  keys: readonly bigint[];
}

export interface Placing<C extends Contender> {
  contender: C;
  rank: number;
  /** Shares its rank with another contender. */
  tied: boolean;
  /** Index into keys (≥ 1) of the tie-breaker that last mattered against an equal score, or null. */
  decidedBy: number | null;
}

/**
 * Standard competition ranking (1, 1, 3) by the keys in order, ties listed by id.
 *
 * `decidedBy` is, among all contenders with an equal score, the deepest tie-breaker that was needed to
 * separate this one from one of them. In the sorted order the first differing key between two contenders
 * is the smallest over the adjacent pairs between them, so looking at the neighbouring ranks is enough.
 */
export function rankContenders<C extends Contender>(contenders: readonly C[]): Placing<C>[] {
  // The hot loop of the sensitivity analysis (thousands of contenders, ranked again per variation): the
  // score is compared inline, the other keys only on equal scores.
  const sorted = [...contenders].sort((a, b) => {
    const x = a.keys[0];
    const y = b.keys[0];
    if (x !== y && x !== undefined && y !== undefined) return y > x ? 1 : -1;
    const difference = firstDifference(a, b);
    if (difference === null) return compareIds(a.id, b.id);
    return at(b.keys, difference) > at(a.keys, difference) ? 1 : -1;
  });

  // Contenders equal on every key share a rank: group them.
  const groups: C[][] = [];
  const separations: (number | null)[] = []; // separations[g]: first differing key between group g−1 and g
  let previous: C | undefined;
  let group: C[] = [];
  for (const contender of sorted) {
    const difference = previous === undefined ? null : firstDifference(previous, contender);
    if (previous === undefined || difference !== null) {
      group = [contender];
      groups.push(group);
      separations.push(difference);
    } else {
      group.push(contender);
    }
    previous = contender;
  }

  const placings: Placing<C>[] = [];
  groups.forEach((group, g) => {
    const rank = placings.length + 1;
    const decidedBy = deepestTieBreaker(at(separations, g), separations[g + 1] ?? null);
    for (const contender of group) {
      placings.push({ contender, rank, tied: group.length > 1, decidedBy });
    }
  });
  return placings;
}

function firstDifference(a: Contender, b: Contender): number | null {
  const { keys } = a;
  const other = b.keys;
  // Every contender has one key per declared tie-breaker plus the score: the same length.
  for (let k = 0; k < keys.length; k++) if (keys[k] !== other[k]) return k;
  return null;
}

/** Key 0 is the score: a difference there means the neighbour had another score, not a broken tie. */
function deepestTieBreaker(above: number | null, below: number | null): number | null {
  const tieBreakers = [above, below].filter((k): k is number => k !== null && k > 0);
  return tieBreakers.length === 0 ? null : Math.max(...tieBreakers);
}

import { at } from '../../../common/checked-index.js';

import { TallyInputError } from './errors.js';
import type { TallyScorecard } from './types.js';
import {
  addMoments,
  addTotal,
  compareIds,
  emptyMoments,
  weightedSum,
  type CategoryWeights,
  type Moments,
} from './totals.js';

/** One counted scorecard: its juror (index into ScoreMatrix.jurors) and total numerator S. */
export interface MatrixEntry {
  juror: number;
  total: bigint;
  scores: Readonly<Record<string, number>>;
}

export interface NominationColumn {
  id: string;
  /** Sorted by juror: a canonical order, so decimal sums do not depend on the input order. */
  entries: MatrixEntry[];
}

export interface JurorRow {
  id: string;
  moments: Moments;
  /** Numerator of the juror's highest total over all their counted scorecards (for top_marks). */
  highest: bigint;
}

/** Every counted total of one category and round, by nomination and by juror. Ids are sorted. */
export interface ScoreMatrix {
  denominator: bigint;
  nominations: NominationColumn[];
  jurors: JurorRow[];
  overall: Moments;
}

export function buildMatrix(
  nominationIds: readonly string[],
  scorecards: readonly TallyScorecard[],
  weights: CategoryWeights,
): ScoreMatrix {
  const nominations = uniqueSorted(nominationIds, 'nomination').map((id): NominationColumn => ({
    id,
    entries: [],
  }));
  const nominationIndex = new Map(nominations.map((column, i) => [column.id, i]));
  const jurors = uniqueSorted([...new Set(scorecards.map((card) => card.juror))], 'juror').map(
    (id): JurorRow => ({ id, moments: emptyMoments(), highest: 0n }),
  );
  const jurorIndex = new Map(jurors.map((row, i) => [row.id, i]));

  for (const card of scorecards) {
    const column = nominationIndex.get(card.nomination);
    if (column === undefined) {
      throw new TallyInputError(
        `scorecard of juror "${card.juror}" is for unknown nomination "${card.nomination}"`,
      );
    }
    const juror = jurorIndex.get(card.juror)!; // the jurors were read from these very scorecards
    const total = weightedSum(weights, card.scores);
    const row = at(jurors, juror);
    if (row.moments.count === 0 || total > row.highest) row.highest = total;
    addTotal(row.moments, total);
    at(nominations, column).entries.push({ juror, total, scores: card.scores });
  }

  for (const column of nominations) {
    column.entries.sort((a, b) => a.juror - b.juror);
    column.entries.forEach((entry, i) => {
      if (column.entries[i - 1]?.juror === entry.juror) {
        throw new TallyInputError(
          `juror "${at(jurors, entry.juror).id}" has two scorecards for "${column.id}"`,
        );
      }
    });
  }

  const overall = emptyMoments();
  for (const row of jurors) addMoments(overall, row.moments);
  return { denominator: weights.denominator, nominations, jurors, overall };
}

function uniqueSorted(ids: readonly string[], what: string): string[] {
  const sorted = [...ids].sort(compareIds);
  sorted.forEach((id, i) => {
    if (i > 0 && sorted[i - 1] === id) throw new TallyInputError(`${what} "${id}" is listed twice`);
  });
  return sorted;
}

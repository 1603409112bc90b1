/**
 * The juror totals every statistic reads, from the same input as the tally: each counted scorecard's weighted
 * mean (tally rule 1) as the nearest float (the statistics are floats). One definition for the analysis the
 * tally job stores (analysis.ts) and for the statistics a results manifest states and a verifier recomputes
 * (jury-statistics.ts), so the two can never read different totals. Pure, no Node import.
 */
import type { TallyInput } from '../arithmetic/tally.js';
import { categoryWeights, weightedSum } from '../arithmetic/totals.js';
import type { JurorScorecard } from './jurors.js';
import type { Rating } from './ratings.js';

/** One rating per counted scorecard (unit: the nomination, coder: the juror), and the scorecards with totals. */
export function jurorTotals(input: TallyInput): { ratings: Rating[]; cards: JurorScorecard[] } {
  const ratings: Rating[] = [];
  const cards: JurorScorecard[] = [];
  // A category without scorecards may have no criteria either: then there is nothing to weigh.
  if (input.scorecards.length === 0) return { ratings, cards };
  const weights = categoryWeights(input.criteria);
  for (const card of input.scorecards) {
    const total = Number(weightedSum(weights, card.scores)) / weights.denominatorAsNumber;
    ratings.push({ unit: card.nomination, coder: card.juror, value: total });
    cards.push({ juror: card.juror, nomination: card.nomination, total, scores: card.scores });
  }
  return { ratings, cards };
}

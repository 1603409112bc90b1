import type { Decimal } from 'decimal.js';
import { compareIds, medianOfTotals, categoryWeights, weightedSum } from './arithmetic/totals.js';
import { DISPLAY_PLACES, quotient, roundHalfAwayFromZero, TallyDecimal } from './arithmetic/decimal.js';
import type { TallyCriterion } from './arithmetic/types.js';

/*
 * Calibration (issue 17): on an entry every panel juror scores, how far each juror's total lies from the
 * panel's median total. Pure, exact (totals as numerators over the category's common denominator, as the
 * tally carries them); shown to 4 decimals like every score.
 */

export interface CalibrationScorecard {
  nomination: string;
  juror: string;
  scores: Readonly<Record<string, number>>;
}

export interface CalibrationEntryInput {
  nomination: string;
  criteria: readonly TallyCriterion[];
}

export interface JurorCalibrationMark {
  juror: string;
  total: string;
  /** total − the panel's median total on this entry. */
  deviation: string;
}

export interface EntryCalibration {
  nomination: string;
  /** The panel's median total, or null before any scorecard is submitted. */
  median: string | null;
  /** One per counted scorecard, in juror id order. */
  jurors: JurorCalibrationMark[];
}

export interface JurorCalibrationSummary {
  juror: string;
  entries: number;
  /** Mean of the juror's deviations: positive for a lenient juror, negative for a severe one. */
  meanDeviation: string;
  meanAbsoluteDeviation: string;
}

export interface CalibrationStatistics {
  entries: EntryCalibration[];
  jurors: JurorCalibrationSummary[];
}

export function calibrationStatistics(
  entries: readonly CalibrationEntryInput[],
  scorecards: readonly CalibrationScorecard[],
): CalibrationStatistics {
  const deviations = new Map<string, Decimal[]>();
  const result: EntryCalibration[] = entries.map((entry) => {
    const cards = scorecards
      .filter((s) => s.nomination === entry.nomination)
      .sort((a, b) => compareIds(a.juror, b.juror));
    if (!cards.length || !entry.criteria.length)
      return { nomination: entry.nomination, median: null, jurors: [] };
    const weights = categoryWeights(entry.criteria);
    const sums = cards.map((c) => weightedSum(weights, c.scores));
    const median = medianOfTotals(
      [...sums].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      weights.denominator,
    );
    return {
      nomination: entry.nomination,
      median: roundHalfAwayFromZero(median, DISPLAY_PLACES),
      jurors: cards.map((card, i) => {
        const total = quotient(sums[i]!, weights.denominator);
        const deviation = total.minus(median);
        deviations.set(card.juror, [...(deviations.get(card.juror) ?? []), deviation]);
        return {
          juror: card.juror,
          total: roundHalfAwayFromZero(total, DISPLAY_PLACES),
          deviation: roundHalfAwayFromZero(deviation, DISPLAY_PLACES),
        };
      }),
    };
  });
  const jurors = [...deviations.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([juror, values]) => {
      const n = new TallyDecimal(values.length);
      const sum = values.reduce((acc, v) => acc.plus(v), new TallyDecimal(0));
      const absolute = values.reduce((acc, v) => acc.plus(v.abs()), new TallyDecimal(0));
      return {
        juror,
        entries: values.length,
        meanDeviation: roundHalfAwayFromZero(sum.div(n), DISPLAY_PLACES),
        meanAbsoluteDeviation: roundHalfAwayFromZero(absolute.div(n), DISPLAY_PLACES),
      };
    });
  return { entries: result, jurors };
}

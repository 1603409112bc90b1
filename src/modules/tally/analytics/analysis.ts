/**
 * The jury analysis of one tally snapshot: the agreement statistics and each juror's figures, computed once
 * in the tally job from the same inputs the ranking was computed from, and stored with the snapshot.
 *
 * Flags are not part of it: they depend on the edition's thresholds, which an organiser may change after
 * the tally, so they are derived from the stored figures when read (`jurorFlags`). Everything here depends
 * only on the inputs, so the same inputs digest always gives the same analysis (the bootstrap is seeded by
 * the digest).
 */
import type { TallyInput, TallyResult } from '../arithmetic/tally.js';
import { jurorTotals } from './juror-totals.js';
import { concordanceBlocks, type Concordance } from './kendall.js';
import { jurorDiagnostics, type JurorDiagnostics } from './jurors.js';
import {
  ALPHA_RESAMPLES,
  krippendorffAlphaWithInterval,
  type Alpha,
  type AlphaWithInterval,
} from './krippendorff.js';
import { round4 } from './ratings.js';
import { sensitivity, type CategorySensitivity } from './sensitivity.js';

/** Names what analyseCategory computes; bump on any change of result. */
export const ANALYSIS_VERSION = 'magistral-analytics/3';

export { ALPHA_RESAMPLES } from './krippendorff.js';

export interface ConcordanceSummary {
  /** The jurors who all scored the block's nominations, by id. */
  jurors: string[];
  nominations: number;
  w: Concordance;
}

/** A juror's figures; flags come from the edition's thresholds when read. */
export type JurorFigures = Omit<JurorDiagnostics, 'flags'>;

export interface CategoryAnalysis {
  version: typeof ANALYSIS_VERSION;
  /** The digest of the inputs the figures were computed from (also the bootstrap's seed). */
  inputsDigest: string;
  /** Population σ of every counted total (the pool leniency is measured in); null without totals. */
  sigma: number | null;
  alpha: Alpha;
  alphaInterval: AlphaWithInterval['interval'];
  /** Kendall's W per block of nominations scored by the same jurors, largest first. */
  concordance: ConcordanceSummary[];
  /** By juror id. */
  jurors: JurorFigures[];
  /**
   * Would the winner change (another scoring method, a juror left out, the smallest change to one total)?
   * Null without counted scorecards (nothing is ranked); absent from analyses stored before it was computed
   * ('magistral-analytics/1').
   */
  sensitivity?: CategorySensitivity | null;
}

/** The analysis of one category's counted scorecards, as tallied into `result`. Pure. */
export function analyseCategory(
  input: TallyInput,
  result: TallyResult,
  inputsDigest: string,
  resamples = ALPHA_RESAMPLES,
): CategoryAnalysis {
  // The juror total as the tally computes it (rule 1), as the nearest float: the statistics are floats.
  const { ratings, cards } = jurorTotals(input);
  const sigma = result.overall ? Number(result.overall.sigmaExact) : null;
  const { alpha, interval } = krippendorffAlphaWithInterval(ratings, { seed: inputsDigest, resamples });
  return {
    version: ANALYSIS_VERSION,
    inputsDigest,
    sigma,
    alpha: alpha.value === null ? alpha : { ...alpha, value: round4(alpha.value) },
    alphaInterval: interval,
    concordance: concordanceBlocks(ratings).map((block) => ({
      jurors: block.jurors,
      nominations: block.nominations.length,
      w: block.w,
    })),
    // Flags are derived when read; sigma 0 (or none) leaves leniency in σ null.
    jurors: jurorDiagnostics(cards, sigma ?? 0).map(({ flags: _flags, ...figures }) => figures),
    // The same input as the ranking, ranked again by the tally module itself; the top 3 as what advances.
    sensitivity: input.scorecards.length > 0 ? sensitivity(input) : null,
  };
}

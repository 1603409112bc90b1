/**
 * The tally's input and result shapes, apart from the arithmetic so that every step of it (totals.ts,
 * matrix.ts, scoring.ts) can name them without importing tally.ts, which imports those steps.
 */

/** Names the rules implemented by tally.ts; stored with every snapshot and manifest. Bump on any change of result. */
export const TALLY_ALGORITHM_VERSION = 'magistral-tally/1';

export type ScoringMethod = 'mean' | 'trimmed_mean' | 'zscore';
export type TieBreaker = 'median' | 'top_marks' | `criterion:${string}`;

export interface TallyRules {
  method: ScoringMethod;
  tieBreakers: TieBreaker[];
  minScorecards: number;
}

export interface TallyCriterion {
  code: string;
  /** Exact decimal string > 0 with at most 4 decimals, e.g. "1.5". */
  weight: string;
}

export interface TallyScorecard {
  juror: string;
  nomination: string;
  /** An integer per criterion code, every criterion present. */
  scores: Record<string, number>;
}

export interface TallyInput {
  rules: TallyRules;
  criteria: TallyCriterion[];
  /** Every eligible nomination of the category, also those with too few scorecards. */
  nominations: string[];
  /** Only the counted scorecards: submitted, by non-conflicted jurors, on eligible nominations. */
  scorecards: TallyScorecard[];
}

export type NominationFlag = 'insufficient_scorecards' | 'tied';

export interface TieBreakerValue {
  tieBreaker: TieBreaker;
  /** Rounded to 4 decimals (top_marks: the count). */
  value: string;
  /** Rounded to 10 decimals: the value that was compared (top_marks: the count). */
  valueExact: string;
}

export interface NominationTally {
  nomination: string;
  /** Standard competition rank; null when unranked. */
  rank: number | null;
  /** Rounded to 4 decimals from scoreExact; null when unranked. */
  score: string | null;
  /** Rounded to 10 decimals: the value that was compared; null when unranked. */
  scoreExact: string | null;
  /** Counted scorecards. */
  scorecards: number;
  /** Median of the juror totals (4 and 10 decimals); null without scorecards. */
  median: string | null;
  medianExact: string | null;
  /** Sorted. */
  flags: NominationFlag[];
  /** The deepest tie-breaker needed to separate it from a nomination with an equal score, or null. */
  tieBrokenBy: TieBreaker | null;
  /** One per declared tie-breaker, in declared order, for ranked nominations; empty when unranked. */
  tieBreakerValues: TieBreakerValue[];
}

/** Mean and population σ of some juror totals, rounded to 4 and to 10 decimals. */
export interface TotalsStatistics {
  count: number;
  mean: string;
  sigma: string;
  meanExact: string;
  sigmaExact: string;
}

export interface JurorStatistics extends TotalsStatistics {
  juror: string;
}

/** JSON-serialisable; the same input in any order gives a deep-equal result. */
export interface TallyResult {
  algorithm: typeof TALLY_ALGORITHM_VERSION;
  rules: TallyRules;
  /** Ranked by rank then nomination id, then the unranked by id. */
  nominations: NominationTally[];
  /** By juror id: every juror with a counted scorecard. */
  jurors: JurorStatistics[];
  /** All counted totals of the category and round (the z-score pool); null when there are none. */
  overall: TotalsStatistics | null;
}

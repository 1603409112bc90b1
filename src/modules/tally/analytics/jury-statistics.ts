/**
 * How far to trust a published ranking, as a results manifest may state it per category (the edition rule
 * `publishJuryStatistics`, off by default): Krippendorff's alpha of the jurors' totals with its bootstrap
 * 95 % interval, and whether the winner is fragile (another scoring method, one juror left out, or a small
 * change to one total would change it). Pure, no Node import: the server states these with it and both
 * verifiers (`npm run verify`, the browser) recompute them with it from the manifest's score matrix, through
 * the tally module's own analytics (tally/analytics: the same code as the organisers' figures).
 *
 * Everything stated is text or integers, so it serialises one way only and a verifier compares it exactly:
 * alpha and its interval as decimals with ALPHA_DECIMALS places, the margin as the tally's exact decimals.
 * The bootstrap is seeded by the SHA-256 of the category's tally input as the manifest gives it
 * (`statisticsSeedText`), which any verifier computes for itself, so the interval is reproducible.
 */
import { canonicalJson } from '../../../common/canonical-json-text.js';
import type { TallyInput } from '../arithmetic/tally.js';
import { jurorTotals } from './juror-totals.js';
import { ALPHA_RESAMPLES, krippendorffAlphaWithInterval } from './krippendorff.js';
import { round4, type NotComputable } from './ratings.js';
import { DEFAULT_FRAGILE_MARGIN, sensitivity, type FragilityCause } from './sensitivity.js';

export type { FragilityCause } from './sensitivity.js';

/** Decimals of a stated alpha and of its interval's bounds. */
export const ALPHA_DECIMALS = 4;

/** Alpha as stated: the value and its interval as fixed-decimal text, with what it was computed on. */
export type StatedAlpha =
  | {
      value: string;
      /** Percentile bootstrap 95 % interval; null when no resample had variance. */
      interval: { low: string; high: string; resamples: number } | null;
      /** Nominations with two or more counted scorecards (the only ones alpha reads). */
      units: number;
      /** Counted scorecards in those nominations. */
      values: number;
      /** Jurors among them. */
      jurors: number;
    }
  | { value: null; reason: NotComputable };

export interface JuryStatistics {
  /** Krippendorff's alpha (interval metric) of the counted juror totals, nominations as units. */
  alpha: StatedAlpha;
  /** The bootstrap's seed: SHA-256 (hex) of `statisticsSeedText` of the category. */
  seed: string;
  /** Whether some change below would have changed the winner(s); false when nothing is ranked. */
  fragile: boolean;
  /** A change to one juror total of at most this many points makes the result fragile (4 decimals at most). */
  fragileMargin: string;
  /** Each change that changes the winner(s): another method, a juror left out (by pseudonym), the margin. */
  causes: FragilityCause[];
}

/** The text whose SHA-256 seeds the bootstrap: the canonical JSON of the category's tally input. */
export function statisticsSeedText(input: TallyInput): string {
  return canonicalJson(input);
}

/** A float as text with ALPHA_DECIMALS places, rounded half away from zero, never "-0.0000". */
export function fixedDecimals(value: number): string {
  // round4 gives the double nearest k/10⁴, which toFixed(4) writes as exactly k/10⁴.
  return round4(value).toFixed(ALPHA_DECIMALS);
}

/**
 * The statistics of one category from its tally input (jurors as the manifest names them) and the seed
 * (SHA-256 hex of `statisticsSeedText(input)`). Throws where `tally` would, RangeError for a bad margin.
 */
export function juryStatistics(
  input: TallyInput,
  seed: string,
  fragileMargin: string = DEFAULT_FRAGILE_MARGIN,
): JuryStatistics {
  const { alpha, interval } = krippendorffAlphaWithInterval(jurorTotals(input).ratings, {
    seed,
    resamples: ALPHA_RESAMPLES,
  });
  const stated: StatedAlpha =
    alpha.value === null
      ? { value: null, reason: alpha.reason }
      : {
          value: fixedDecimals(alpha.value),
          interval: interval && {
            low: fixedDecimals(interval.low),
            high: fixedDecimals(interval.high),
            resamples: interval.resamples,
          },
          units: alpha.units,
          values: alpha.values,
          jurors: alpha.coders,
        };
  // Nothing counted, nothing ranked: no winner to change.
  const outcome = input.scorecards.length > 0 ? sensitivity(input, { fragileMargin }) : null;
  return {
    alpha: stated,
    seed,
    fragile: outcome?.fragile ?? false,
    fragileMargin,
    causes: outcome?.causes ?? [],
  };
}

/**
 * What differs between stated statistics and those recomputed, in English (none: they agree). Compared
 * exactly, member by member, as serialised.
 */
export function statisticsDifferences(stated: unknown, recomputed: JuryStatistics): string[] {
  const given = (typeof stated === 'object' && stated !== null ? stated : {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const member of ['alpha', 'seed', 'fragile', 'fragileMargin', 'causes'] as const) {
    const published = canonicalJson(given[member] ?? null);
    const mine = canonicalJson(recomputed[member]);
    if (published !== mine)
      problems.push(`jury statistics: ${member} published ${published}, recomputed ${mine}`);
  }
  const extra = Object.keys(given).filter((key) => !(key in recomputed));
  if (extra.length) problems.push(`jury statistics: unknown members ${extra.join(', ')}`);
  return problems;
}

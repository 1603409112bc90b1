import decimalJs, { type Decimal } from 'decimal.js';

// decimal.js is typed as CommonJS, so TypeScript sees its default import as the whole module; at run time
// that import is the Decimal class itself, in both of its builds (decimal.mjs and decimal.js).
const DecimalClass = decimalJs as unknown as typeof decimalJs.Decimal;

/**
 * The tally's own Decimal constructor. A private clone with every setting pinned (`defaults: true`), so a
 * library that calls `Decimal.set` on the shared constructor cannot change a published result. 50
 * significant digits leave a wide margin over the 20 the rules demand; decimal.js calls "half away from
 * zero" ROUND_HALF_UP.
 */
export const TallyDecimal = DecimalClass.clone({
  defaults: true,
  precision: 50,
  rounding: DecimalClass.ROUND_HALF_UP,
});

/** Scores and tie-breaker values are equal when equal at this many decimals (SPEC, tally rule 5). */
export const COMPARISON_PLACES = 10;
/** …and are shown with this many. */
export const DISPLAY_PLACES = 4;

/** `value` rounded half away from zero to `places` decimals, in plain notation ("47.6393", "0.0000"). */
export function roundHalfAwayFromZero(value: Decimal | string | bigint, places: number): string {
  if (!Number.isSafeInteger(places) || places < 0) {
    throw new RangeError(`places must be a non-negative integer, got ${places}`);
  }
  const fixed = new TallyDecimal(value).toFixed(places, TallyDecimal.ROUND_HALF_UP);
  // decimal.js keeps the sign of a negative value that rounds to zero; "-0.0000" would read as a bug.
  return /^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed;
}

/** The value as the ranking sees it: rounded to COMPARISON_PLACES, so `cmp` implements rule 5. */
export function comparable(value: Decimal): Decimal {
  return value.toDecimalPlaces(COMPARISON_PLACES, TallyDecimal.ROUND_HALF_UP);
}

export interface Presented {
  /** Rounded to COMPARISON_PLACES: the value that was compared. */
  exact: string;
  /** Rounded to DISPLAY_PLACES. */
  shown: string;
}

/**
 * The shown value is rounded from the compared one, not from the unrounded value, so two values the ranking
 * holds equal are always shown equal, and anyone can derive the shown value from the published exact one.
 */
export function present(value: Decimal): Presented {
  const exact = roundHalfAwayFromZero(value, COMPARISON_PLACES);
  return { exact, shown: roundHalfAwayFromZero(exact, DISPLAY_PLACES) };
}

/** numerator / denominator to 50 significant digits (exact whenever the quotient terminates within them). */
export function quotient(numerator: bigint, denominator: bigint): Decimal {
  return new TallyDecimal(numerator).div(new TallyDecimal(denominator));
}

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

/*
 * Comparable values as integers. A value rounded to COMPARISON_PLACES is carried as that value times 10¹⁰ (a
 * bigint), so the ranking compares integers and presentation formats digits, without a decimal object per
 * value. Every score and tie-breaker value except the z-score is a fraction p/q of integers (mean, trimmed
 * mean, median, criterion mean), and for those the rounding is done exactly in integers:
 *
 *     round(p/q · 10¹⁰) = sign(p) · ⌊(2·|p|·10¹⁰ + q) / (2·q)⌋          (half away from zero, q > 0)
 *
 * This equals what the decimal path gives (`comparable(quotient(p, q))`: p/q to 50 significant digits, then
 * to 10 decimals), because rounding to 50 digits first can only change the result when p/q lies within half
 * a unit of its 50th digit of a half-way point at the 11th decimal without being on it; but p/q is at least
 * 1/(2·q·10¹⁰) away from any such point it is not on, and that exceeds half a unit of the 50th digit whenever
 * |p| < 10³⁹ (the unit is at most 10⁻⁴⁹·|p|/q). Beyond that (absurd weights or scales) the decimal path is used.
 */

/** 10^COMPARISON_PLACES: a comparable value v is carried as v·SCALE. */
export const SCALE = 10n ** BigInt(COMPARISON_PLACES);
const DISPLAY_STEP = 10n ** BigInt(COMPARISON_PLACES - DISPLAY_PLACES);
const EXACT_NUMERATOR_LIMIT = 10n ** 39n;

/**
 * How scaled values are computed: `exact` with integers where that is provably the same result, `reference`
 * always through decimal.js, the way the rules were first implemented (kept to property-test the former).
 */
export type Arithmetic = 'exact' | 'reference';

/** p/q rounded half away from zero to COMPARISON_PLACES, times SCALE. q > 0. */
export function scaledQuotient(p: bigint, q: bigint, arithmetic: Arithmetic = 'exact'): bigint {
  if (arithmetic === 'exact' && p < EXACT_NUMERATOR_LIMIT && p > -EXACT_NUMERATOR_LIMIT) {
    const magnitude = (2n * (p < 0n ? -p : p) * SCALE + q) / (2n * q);
    return p < 0n ? -magnitude : magnitude;
  }
  return scaled(comparable(quotient(p, q)));
}

/** A decimal value rounded to COMPARISON_PLACES (as `comparable` gives), times SCALE. */
export function scaled(value: Decimal): bigint {
  return BigInt(value.toFixed(COMPARISON_PLACES, TallyDecimal.ROUND_HALF_UP).replace('.', ''));
}

/** `present` for a scaled comparable value: the same strings. */
export function presentScaled(value: bigint): Presented {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const shown = (magnitude + DISPLAY_STEP / 2n) / DISPLAY_STEP;
  return {
    exact: fixed(negative, magnitude, COMPARISON_PLACES),
    shown: fixed(negative, shown, DISPLAY_PLACES),
  };
}

function fixed(negative: boolean, magnitude: bigint, places: number): string {
  const digits = magnitude.toString().padStart(places + 1, '0');
  const point = digits.length - places;
  // Like roundHalfAwayFromZero: a negative value that rounds to zero is shown without its sign.
  const sign = negative && magnitude !== 0n ? '-' : '';
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** ⌊√n⌋ for n ≥ 0, exactly. */
export function integerSquareRoot(n: bigint): bigint {
  if (n < 0n) throw new RangeError('square root of a negative number');
  if (n < 2n) return n;
  const approximate = Math.sqrt(Number(n));
  // Start at or above √n (Newton's method then descends to ⌊√n⌋): the float is off by far less than 2⁻⁴⁰.
  let x = Number.isFinite(approximate)
    ? BigInt(Math.ceil(approximate * (1 + 2 ** -40))) + 1n
    : 1n << BigInt(Math.ceil(n.toString(16).length * 2));
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next >= x) return x;
    x = next;
  }
}

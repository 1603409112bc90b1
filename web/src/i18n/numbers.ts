/**
 * Numbers in the user's language: counts, scores, weights, sizes, durations.
 *
 * Chromium's ICU data (so Chrome's, and Edge's) has no Kazakh number symbols or unit names: `kk` numbers come
 * out in English, "1,234.5" and "5 minutes". Where the browser lacks them (a feature test, not the browser's
 * name), a Kazakh number is formatted in English and given CLDR's Kazakh symbols and units, as Node and
 * Firefox print them: "1 234,5" (a no-break space U+00A0 groups, a comma marks the decimals), "5 минут".
 */
export interface NumberFormatter {
  format(value: number): string;
}

/** CLDR's Kazakh units (each "{0} unit", the same for every count), short and long, for those the app shows. */
const KAZAKH_UNITS: Readonly<Record<string, { short: string; long: string }>> = {
  byte: { short: 'байт', long: 'байт' },
  kilobyte: { short: 'кБ', long: 'килобайт' },
  // CLDR writes the short megabyte with a Latin M.
  megabyte: { short: 'MБ', long: 'мегабайт' },
  millisecond: { short: 'мс', long: 'миллисекунд' },
  second: { short: 'с', long: 'секунд' },
  minute: { short: 'мин', long: 'минут' },
  hour: { short: 'сағ', long: 'сағат' },
  day: { short: 'күн', long: 'күн' },
};

const KAZAKH_GROUP = '\u00a0';
const KAZAKH_DECIMAL = ',';

let kazakhSymbols: boolean | undefined;
let kazakhUnits: boolean | undefined;

/** Whether this browser has Kazakh number symbols (without the data ICU falls back to "1,234.5"). */
function hasKazakhSymbols(): boolean {
  kazakhSymbols ??= new Intl.NumberFormat('kk').format(1234.5) === `1${KAZAKH_GROUP}234${KAZAKH_DECIMAL}5`;
  return kazakhSymbols;
}

/** Whether this browser names units in Kazakh (without the data ICU writes "5 minutes"). */
function hasKazakhUnits(): boolean {
  kazakhUnits ??= new Intl.NumberFormat('kk', { style: 'unit', unit: 'minute', unitDisplay: 'long' })
    .format(5)
    .endsWith(KAZAKH_UNITS.minute!.long);
  return kazakhUnits;
}

/** `new Intl.NumberFormat(locale, options)`, with Kazakh completed where the browser lacks it. */
export function numberFormatter(locale: string, options: Intl.NumberFormatOptions = {}): NumberFormatter {
  const native = new Intl.NumberFormat(locale, options);
  if (locale !== 'kk') return native;
  const unit = options.style === 'unit' && options.unit ? KAZAKH_UNITS[options.unit] : undefined;
  const needsUnit = unit !== undefined && !hasKazakhUnits();
  if (hasKazakhSymbols() && !needsUnit) return native;
  if (hasKazakhSymbols() && unit) {
    // Symbols there, unit names not: the number natively, CLDR's unit after it.
    const plain = new Intl.NumberFormat(locale, { ...options, style: 'decimal', unit: undefined });
    const name = options.unitDisplay === 'long' ? unit.long : unit.short;
    return { format: (value) => `${plain.format(value)} ${name}` };
  }
  // English digits, grouping and sign; Kazakh symbols (and units, if any).
  const english = new Intl.NumberFormat(
    'en',
    unit ? { ...options, style: 'decimal', unit: undefined, unitDisplay: undefined } : options,
  );
  const name = unit && (options.unitDisplay === 'long' ? unit.long : unit.short);
  return {
    format: (value) => {
      const text = english
        .formatToParts(value)
        .map((part) =>
          part.type === 'group' ? KAZAKH_GROUP : part.type === 'decimal' ? KAZAKH_DECIMAL : part.value,
        )
        .join('');
      return name ? `${text} ${name}` : text;
    },
  };
}

/** How `decimalFormatter` writes a sign. */
export interface DecimalOptions {
  /** "+1.5" above zero, "−1.5" (a real minus sign) below, zero as it is: where the sign is the point. */
  signed?: boolean;
}

/**
 * A decimal the server sent as text ("7.8333", "-0.25", "1234.5"), in the reader's digits without losing or
 * rounding a place: the whole part grouped, the locale's decimal separator and minus sign.
 */
export function decimalFormatter(locale: string): (value: string, options?: DecimalOptions) => string {
  const whole = numberFormatter(locale, { maximumFractionDigits: 0 });
  const parts = new Intl.NumberFormat(locale).formatToParts(-1.5);
  const minus = parts.find((p) => p.type === 'minusSign')?.value ?? '-';
  // The separator as `numberFormatter` writes it (Kazakh completed where the browser lacks it).
  const separator = numberFormatter(locale, { minimumFractionDigits: 1 }).format(1.5).replace(/\d/g, '');
  return (value, options = {}) => {
    const match = /^([-+]?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
    if (!match) return value;
    const [, sign, integer = '', fraction] = match;
    const grouped = Number.isSafeInteger(Number(integer)) ? whole.format(Number(integer)) : integer;
    const digits = `${grouped}${fraction ? separator + fraction : ''}`;
    const zero = /^0+$/.test(integer + (fraction ?? ''));
    if (options.signed) return zero ? digits : sign === '-' ? `−${digits}` : `+${digits}`;
    return `${sign === '-' && !zero ? minus : ''}${digits}`;
  };
}

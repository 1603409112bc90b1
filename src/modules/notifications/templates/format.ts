import type { Locale } from '../../../common/auth/roles.js';

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ', de: 'de-DE' };

// Building an Intl formatter costs far more than using one: one of each per locale, for every mail.
const DATE_TIMES = new Map<Locale, Intl.DateTimeFormat>();
const NUMBERS = new Map<Locale, Intl.NumberFormat>();

/** Dates and numbers as the recipient reads them. */
export class Formatter {
  private readonly dates: Intl.DateTimeFormat;
  private readonly numbers: Intl.NumberFormat;

  constructor(readonly locale: Locale) {
    let dates = DATE_TIMES.get(locale);
    // Deadlines are stated in UTC so every juror and entrant reads the same moment.
    if (!dates)
      DATE_TIMES.set(
        locale,
        (dates = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: 'UTC',
        })),
      );
    let numbers = NUMBERS.get(locale);
    if (!numbers)
      NUMBERS.set(
        locale,
        (numbers = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 4 })),
      );
    this.dates = dates;
    this.numbers = numbers;
  }

  dateTime(value: string | Date): string {
    return `${this.dates.format(new Date(value))} UTC`;
  }

  number(value: number | string): string {
    return this.numbers.format(Number(value));
  }
}

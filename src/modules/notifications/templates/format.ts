import type { Locale } from '../../../common/auth/roles.js';

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ', de: 'de-DE' };

/** Dates and numbers as the recipient reads them. */
export class Formatter {
  constructor(readonly locale: Locale) {}

  dateTime(value: string | Date): string {
    // Deadlines are stated in UTC so every juror and entrant reads the same moment.
    return `${new Intl.DateTimeFormat(INTL_LOCALE[this.locale], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(value))} UTC`;
  }

  number(value: number | string): string {
    return new Intl.NumberFormat(INTL_LOCALE[this.locale], { maximumFractionDigits: 4 }).format(Number(value));
  }
}

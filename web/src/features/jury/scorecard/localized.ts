import type { Locale } from '../../../i18n';

/** A text the organisers wrote in each of the four languages: the reader's, else English. */
export function localized(text: Partial<Record<Locale, string>>, locale: Locale): string {
  return text[locale] || text.en || '';
}

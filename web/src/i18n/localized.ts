import type { Locale } from './index';

/**
 * A text the organisers wrote in each of the four languages (a category's name, a criterion, a question):
 * the reader's, else English, else `fallback` (a code, say).
 */
export function localized(text: Partial<Record<Locale, string>>, locale: Locale, fallback = ''): string {
  return text[locale] || text.en || fallback;
}

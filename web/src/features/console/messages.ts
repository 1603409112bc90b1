import { type Locale, registerMessages } from '../../i18n';
import type { ConsoleSections } from '../../i18n/console-sections/en';

/** The console's strings, a chunk per language (English too: a Russian organiser never needs it). */
const LOADERS: Record<Locale, () => Promise<ConsoleSections>> = {
  en: () => import('../../i18n/console-sections/en').then((m) => m.consoleSections),
  ru: () => import('../../i18n/console-sections/ru').then((m) => m.consoleSections),
  kk: () => import('../../i18n/console-sections/kk').then((m) => m.consoleSections),
  de: () => import('../../i18n/console-sections/de').then((m) => m.consoleSections),
};

/**
 * Adds the console's sections to the dictionaries: resolves once the language shown has them (a later
 * switch of language fetches the new language's with its dictionary).
 */
export function registerConsoleMessages(): Promise<void> {
  return registerMessages((locale) => LOADERS[locale]());
}

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { dateTimeFormatter } from './date-time';
import { type BaseMessages, en, type Messages } from './en';
import { type DecimalOptions, decimalFormatter, numberFormatter } from './numbers';
import type { Plural } from './types';

export const LOCALES = ['en', 'ru', 'kk', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export type { Messages, Plural };

const STORAGE_KEY = 'magistral.locale';

/**
 * English ships with the app; the others are chunks of their own, fetched when chosen. These are the base
 * dictionaries: sections only some screens need (the console's) are registered by those screens' chunks
 * (`registerMessages`) and merged in, so an entrant never downloads the console's strings.
 */
const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<BaseMessages>> = {
  ru: () => import('./ru').then((m) => m.ru),
  kk: () => import('./kk').then((m) => m.kk),
  de: () => import('./de').then((m) => m.de),
};
/**
 * The dictionaries fetched so far. Typed whole, as screens read them: a registered section is in a
 * dictionary once `loadMessages` for its language has resolved, which happens before the language is shown
 * and (for the one shown) before the registering chunk finishes loading.
 */
const english = en as Messages;
const loaded: Partial<Record<Locale, Messages>> = { en: english };

/** Sections a lazy chunk adds to every dictionary, with each language's merge once started. */
interface Sections {
  load(locale: Locale): Promise<Partial<Messages>>;
  merges: Partial<Record<Locale, Promise<void>>>;
}
const sections: Sections[] = [];

/** The language shown (the provider keeps it), whose dictionary a registering chunk completes at once. */
let shown: Locale = 'en';

/** The dictionary of `locale` with every registered section, fetched once. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  let messages = loaded[locale];
  if (!messages) {
    messages = (await LOADERS[locale as Exclude<Locale, 'en'>]()) as Messages;
    loaded[locale] = messages;
  }
  const dictionary = messages;
  for (const section of sections) {
    section.merges[locale] ??= section.load(locale).then(
      (part) => {
        Object.assign(dictionary, part);
      },
      (error: unknown) => {
        // Not fetched (offline): the next attempt tries again.
        delete section.merges[locale];
        throw error;
      },
    );
    await section.merges[locale];
  }
  return dictionary;
}

/**
 * Adds sections to the dictionaries (a lazy chunk's own strings, in every language): resolves once the
 * language shown has them; any other language gets them when `loadMessages` fetches it for a switch.
 */
export async function registerMessages(load: (locale: Locale) => Promise<Partial<Messages>>): Promise<void> {
  sections.push({ load, merges: {} });
  await loadMessages(shown);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language names as each language writes itself, for the switch. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  ru: 'Русский',
  kk: 'Қазақша',
  de: 'Deutsch',
};

function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** The language to start in: this browser's last choice, else the browser's own language, else English. */
export function initialLocale(): Locale {
  return storedLocale() ?? browserLocale();
}

function browserLocale(): Locale {
  for (const tag of navigator.languages) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Replaces `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

interface I18n {
  locale: Locale;
  t: Messages;
  timeZone: string;
  /** Changes the language shown; remembered in this browser (the account is saved by the caller). */
  setLocale(locale: Locale): void;
  setTimeZone(timeZone: string | null): void;
  plural(forms: Plural, count: number): string;
  formatDateTime(value: string | Date): string;
  /** A number (count, score, size, duration…) as `Intl.NumberFormat` would write it, Kazakh completed. */
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  /** An exact decimal the server sent as text ("7.8333"), every place kept, in the reader's digits. */
  formatDecimal(value: string, options?: DecimalOptions): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  // main.tsx loads the initial dictionary before the first render, so `loaded[locale]` is there.
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = initialLocale();
    shown = loaded[initial] ? initial : 'en';
    return shown;
  });
  const [timeZone, setTimeZoneState] = useState<string>(browserTimeZone);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage refused (private mode): the choice lasts for this visit.
    }
    loadMessages(next).then(
      () => {
        shown = next;
        setLocaleState(next);
      },
      // The chunk could not be fetched (offline): stay in the language shown.
      () => undefined,
    );
  }, []);

  const setTimeZone = useCallback((next: string | null) => setTimeZoneState(next ?? browserTimeZone()), []);

  const value = useMemo<I18n>(() => {
    const rules = new Intl.PluralRules(locale);
    const numbers = numberFormatter(locale);
    const dateTime = dateTimeFormatter(locale, timeZone);
    const decimal = decimalFormatter(locale);
    // One formatter per set of options, made when first asked for.
    const formatters = new Map<string, { format(value: number): string }>();
    const formatter = (options: Intl.NumberFormatOptions = {}) => {
      const key = JSON.stringify(options);
      let found = formatters.get(key);
      if (!found) formatters.set(key, (found = numberFormatter(locale, options)));
      return found;
    };
    return {
      locale,
      t: loaded[locale] ?? english,
      timeZone,
      setLocale,
      setTimeZone,
      plural: (forms, count) =>
        format(forms[rules.select(count)] ?? forms.other, { count: numbers.format(count) }),
      formatDateTime: (v) => dateTime(typeof v === 'string' ? new Date(v) : v),
      formatNumber: (v, options) => formatter(options).format(v),
      formatDecimal: decimal,
    };
  }, [locale, timeZone, setLocale, setTimeZone]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}

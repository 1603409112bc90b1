import { LOCALES, type Locale } from '../../common/auth/roles.js';

function supported(tag: string | undefined): Locale | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary ?? '') ? (primary as Locale) : undefined;
}

/**
 * The page's language: `?lang=` when it names one of ours (a shared link keeps its language), else the best
 * of Accept-Language by quality, else English. Anything else in either is ignored, never an error.
 */
export function pickLocale(lang: unknown, acceptLanguage: string | undefined): Locale {
  const chosen = typeof lang === 'string' ? supported(lang) : undefined;
  if (chosen) return chosen;
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .slice(0, 512)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { locale: supported(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((c) => c.locale && c.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.locale ?? 'en';
}

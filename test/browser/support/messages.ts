import type { Page } from 'playwright-core';
import type { PageGlobals } from './page-globals.js';

/**
 * The dictionaries' top-level groups (web/src/i18n/en.ts; listed, since the web app's sources are not part of
 * the tests' TypeScript program): a visible `group.key` is a raw message key.
 */
const GROUPS = [
  'meta',
  'layout',
  'common',
  'problems',
  'home',
  'signIn',
  'register',
  'verifyEmail',
  'resend',
  'forgot',
  'reset',
  'unlock',
  'invitation',
  'companyInvitation',
  'account',
  'signOut',
  'comingSoon',
  'notFound',
  'roles',
  'companies',
  'nominations',
  'jury',
  'scorecard',
  'console',
  'consoleEditions',
  'consoleJury',
  'consoleResults',
  'consoleEntries',
];

/** Digits with no digit, separator or decimal point glued on either side: a number on its own. */
const ALONE_BEFORE = String.raw`(?<![\d.,])`;
const ALONE_AFTER = String.raw`(?![\d,]|[.,]\d)`;

/**
 * Numbers written the English way on a page in another language (ICU without the locale's data — Chromium
 * has none for Kazakh numbers — writes "1,234.5" and "7.5"). Only forms no locale of the app could mean:
 * comma groups with a decimal point, or two comma groups ("1,234.5", "1,234,567"; a lone "1,234" is a German,
 * Russian or Kazakh decimal); and a decimal point where the locale groups with spaces (ru, kk) — or, in
 * German, which groups with points, one not followed by exactly three digits. Dates and addresses with
 * several points ("25.11.2026", "127.0.0.1") are not numbers on their own.
 */
function englishNumbers(lang: string): RegExp {
  if (lang === 'en' || !lang) return /(?!)/g;
  const grouped = String.raw`\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}`;
  const point = lang === 'de' ? String.raw`\d+\.(?:\d{1,2}|\d{4,})` : String.raw`\d+\.\d+`;
  return new RegExp(`${ALONE_BEFORE}(?:${grouped}|${point})${ALONE_AFTER}`, 'g');
}

/**
 * What a missing or broken message looks like on screen: a raw key, a `{placeholder}` left unfilled,
 * `undefined`, a date or number in another language's style, an empty heading, a page without exactly one h1 or without a title. Text in `<code>` is an
 * identifier shown on purpose, never a raw key.
 */
export async function messageProblems(page: Page): Promise<string[]> {
  const { lang, text, codes, headings, h1s, title } = await page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    return {
      lang: document.documentElement.lang,
      text: document.body.innerText,
      // Identifiers shown as such (an audit action's code) may look like a message key.
      codes: [...document.querySelectorAll('code')].map((code) => code.innerText),
      headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({
        tag: h.tagName.toLowerCase(),
        text: h.innerText.trim(),
      })),
      h1s: document.querySelectorAll('h1').length,
      title: document.title.trim(),
    };
  });
  const problems: string[] = [];
  const rawKey = new RegExp(`\\b(${GROUPS.join('|')})\\.[a-zA-Z][\\w.]*`, 'g');
  for (const match of text.matchAll(rawKey))
    if (!codes.some((code) => code.includes(match[0]))) problems.push(`raw message key "${match[0]}"`);
  for (const match of text.matchAll(/\{\w+\}/g)) problems.push(`unfilled placeholder "${match[0]}"`);
  if (/\b(undefined|null|NaN|\[object Object\])\b/.test(text))
    problems.push('"undefined"/"null"/"NaN" shown');
  for (const heading of headings) if (!heading.text) problems.push(`empty <${heading.tag}>`);
  // ICU without the locale's data (Chromium has none for Kazakh months) writes "2026 M11 25".
  for (const match of text.matchAll(/\b\d{4} M\d{1,2} \d{1,2}\b/g))
    problems.push(`a date without its month's name "${match[0]}"`);
  for (const match of text.matchAll(englishNumbers(lang)))
    if (!codes.some((code) => code.includes(match[0])))
      problems.push(`a number written the English way on a page in "${lang}": "${match[0]}"`);
  if (h1s !== 1) problems.push(`${h1s} <h1> elements (expected one)`);
  if (!title) problems.push('empty <title>');
  return problems;
}

import { LOCALES, type Locale } from '../../common/auth/roles.js';
import type { PublicResults } from '../publication/manifest.js';
import type { PublicEdition } from '../publication/public-editions.js';
import { markup, type SafeHtml } from './html.js';
import { MESSAGES, plural, type PageMessages } from './messages.js';
import { VERIFY_MESSAGES } from './verify-messages.js';

/** Where the browser fetches the platform's public keys from (signing-keys.controller.ts). */
export const SIGNING_KEYS_PATH = '/.well-known/magistral-signing-keys.json';

/** What every page needs to know besides its data. */
export interface PageContext {
  locale: Locale;
  /** The public base URL (no trailing slash), for Open Graph and the verify command. */
  publicUrl: string;
  /** The stylesheet's URL, with its content version. */
  stylesheet: string;
  /** The built "Verify in your browser" script (a hashed file under /assets/); null when not built. */
  verifierScript: string | null;
}

interface Layout {
  title: string;
  description: string;
  /** The page's path, without the language (its canonical URL). */
  path: string;
  body: SafeHtml;
  /** A module script of ours that enhances the page; the page works without it. */
  script?: string | null;
}

function dateOf(locale: Locale, iso: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return `${format.format(new Date(iso))} (UTC)`;
}

/** A published score ("92.3607"), exact as published (a decimal string), with the locale's separator. */
function scoreOf(locale: Locale, score: string): string {
  const format = new Intl.NumberFormat(locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
  // Intl formats a decimal string exactly (no float rounding on the way).
  return format.format(score as Intl.StringNumericLiteral);
}

/** A decimal string ("0.7213", "-0.3500") with at most `digits` decimals, in the locale's way. */
function decimalOf(locale: Locale, text: string, minimum: number, maximum = minimum): string {
  const format = new Intl.NumberFormat(locale, {
    minimumFractionDigits: minimum,
    maximumFractionDigits: maximum,
  });
  return format.format(text as Intl.StringNumericLiteral);
}

function layout(context: PageContext, page: Layout): string {
  const t = MESSAGES[context.locale];
  const url = `${context.publicUrl}${page.path}`;
  const languages = LOCALES.map(
    (locale) =>
      markup`<li><a href="${page.path}?lang=${locale}" hreflang="${locale}" lang="${locale}"${
        locale === context.locale ? markup` aria-current="true"` : ''
      }>${MESSAGES[locale].languageName}</a></li>`,
  );
  const alternates = LOCALES.map(
    (locale) => markup`<link rel="alternate" hreflang="${locale}" href="${url}?lang=${locale}">`,
  );
  return markup`<!doctype html>
<html lang="${context.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${t.siteName}</title>
<meta name="description" content="${page.description}">
<link rel="stylesheet" href="${context.stylesheet}">
${page.script ? markup`<script type="module" src="${page.script}"></script>` : ''}
<link rel="canonical" href="${url}">
${alternates}
<meta property="og:type" content="website">
<meta property="og:site_name" content="${t.siteName}">
<meta property="og:title" content="${page.title}">
<meta property="og:description" content="${page.description}">
<meta property="og:url" content="${url}">
<meta property="og:locale" content="${context.locale}">
</head>
<body>
<a class="skip" href="#content">${t.skipToContent}</a>
<header class="site"><div class="bar">
<a class="brand" href="/results?lang=${context.locale}">${t.siteName}</a>
<nav class="lang" aria-label="${t.languageSwitch}"><ul>${languages}</ul></nav>
</div></header>
<main id="content">
${page.body}
</main>
<footer class="site"><div class="bar"><a href="/results?lang=${context.locale}">${t.allResults}</a></div></footer>
</body>
</html>
`.value;
}

/** GET /results: every edition whose results are public. */
export function editionsPage(context: PageContext, editions: readonly PublicEdition[]): string {
  const { locale } = context;
  const t = MESSAGES[locale];
  const items = editions.map(
    (e) => markup`<li>
<h2><a href="/results/${e.slug}?lang=${locale}">${e.name}</a></h2>
<p class="meta">${t.published(dateOf(locale, e.publishedAt))} · ${plural(locale, t.categories, e.categoryCount)} · ${plural(locale, t.nominations, e.nominationCount)}</p>
</li>`,
  );
  return layout(context, {
    title: t.editionsTitle,
    description: t.editionsIntro,
    path: '/results',
    body: markup`<h1>${t.editionsTitle}</h1>
<p class="meta">${t.editionsIntro}</p>
${editions.length ? markup`<ul class="editions">${items}</ul>` : markup`<p>${t.noEditions}</p>`}`,
  });
}

type Category = PublicResults['categories'][number];
type Row = Category['nominations'][number];

function noteOf(t: PageMessages, row: Row): string {
  if (row.flags.includes('insufficient_scorecards')) return t.insufficient;
  if (row.tieBrokenBy) {
    const by = row.tieBrokenBy.startsWith('criterion:')
      ? t.tieBreakers.criterion(row.tieBrokenBy.slice('criterion:'.length))
      : t.tieBreakers[row.tieBrokenBy as 'median' | 'top_marks'];
    return t.tieBrokenBy(by);
  }
  if (row.flags.includes('tied')) return t.tied;
  return '';
}

/**
 * Where the edition publishes them: the jury's agreement (alpha, to two decimals, with its interval) and
 * whether the winner was fragile, each change that would have changed it in words; jurors by pseudonym, as
 * in the manifest. Nothing at all where the edition does not publish them.
 */
function juryStatisticsOf(context: PageContext, category: Category, heading: string): SafeHtml | '' {
  const statistics = category.juryStatistics;
  if (!statistics) return '';
  const { locale } = context;
  const t = MESSAGES[locale];
  const { alpha } = statistics;
  let agreement: string;
  if (alpha.value === null) agreement = t.juryAgreementNone[alpha.reason];
  else {
    const units = plural(locale, t.alphaUnits, alpha.units);
    const value = decimalOf(locale, alpha.value, 2);
    agreement = alpha.interval
      ? t.juryAgreementInterval(
          value,
          decimalOf(locale, alpha.interval.low, 2),
          decimalOf(locale, alpha.interval.high, 2),
          units,
        )
      : t.juryAgreement(value, units);
  }
  const titles = new Map(category.nominations.map((n) => [n.nominationId, n.title]));
  const winners = (ids: readonly string[]) =>
    ids.length ? ids.map((id) => titles.get(id) ?? id).join(', ') : t.noWinners;
  const margin = decimalOf(locale, statistics.fragileMargin, 0, 4);
  const causes = statistics.causes.map((cause) => {
    if (cause.kind === 'method')
      return markup`<li>${t.fragileMethod(t.methods[cause.method], winners(cause.winners))}</li>`;
    if (cause.kind === 'leave_one_out')
      return markup`<li>${t.fragileJuror(cause.juror, winners(cause.winners))}</li>`;
    const { juror, nomination, delta } = cause.change;
    const amount = decimalOf(locale, delta.replace(/^-/, ''), 0, 4);
    const title = titles.get(nomination) ?? nomination;
    const threshold = decimalOf(locale, cause.threshold, 0, 4);
    return markup`<li>${
      delta.startsWith('-')
        ? t.fragileLower(juror, title, amount, threshold)
        : t.fragileRaise(juror, title, amount, threshold)
    }</li>`;
  });
  return markup`<div class="jury-statistics" role="group" aria-labelledby="${heading}-trust">
<h3 id="${heading}-trust">${t.juryStatisticsTitle}</h3>
<p class="alpha">${agreement}</p>
${
  statistics.fragile
    ? markup`<div class="fragile"><p><strong>${t.fragile}</strong> ${t.fragileIntro}</p><ul>${causes}</ul></div>`
    : category.nominations.some((n) => n.rank !== null)
      ? markup`<p class="robust">${t.robust(margin)}</p>`
      : ''
}
</div>`;
}

function categorySection(context: PageContext, category: Category, index: number): SafeHtml {
  const { locale } = context;
  const t = MESSAGES[locale];
  const name = category.name[locale] ?? category.name.en ?? category.code;
  const winners = category.nominations.filter((n) => n.status === 'winner');
  const badge = (n: Row) =>
    n.status
      ? markup`<span class="badge">${n.status === 'winner' ? t.statusWinner : t.statusFinalist}</span>`
      : '';
  const rows = category.nominations.map(
    (n) => markup`<tr${n.status === 'winner' ? markup` class="winner"` : ''}>
<td class="num">${n.rank ?? '—'}</td>
<td>${n.title}${badge(n)}</td>
<td>${n.company}</td>
<td class="num">${n.score === null ? t.unranked : scoreOf(locale, n.score)}</td>
<td class="num">${n.scorecards}</td>
<td>${noteOf(t, n)}</td>
</tr>`,
  );
  const winnerList = winners.map((w, i) => markup`${i ? ', ' : ''}${w.title} (${w.company})`);
  const heading = `category-${index + 1}`;
  return markup`<section class="category" aria-labelledby="${heading}" data-category="${category.code}">
<h2 id="${heading}">${name}</h2>
<div class="winners">${
    winners.length
      ? markup`<p><strong>${winners.length > 1 ? t.winners : t.winner}:</strong> ${winnerList}</p>`
      : markup`<p>${t.noWinner}</p>`
  }</div>
${
  // A category nobody entered has no ranking to show: its sentence says so, without an empty table.
  rows.length
    ? markup`<div class="table-wrap" role="region" aria-labelledby="${heading}-caption" tabindex="0">
<table>
<caption id="${heading}-caption">${t.rankingCaption(name)}</caption>
<thead><tr><th scope="col" class="num">${t.rank}</th><th scope="col">${t.nomination}</th><th scope="col">${t.company}</th><th scope="col" class="num">${t.score}</th><th scope="col" class="num">${t.scorecards}</th><th scope="col">${t.note}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>`
    : ''
}
${juryStatisticsOf(context, category, heading)}
</section>`;
}

/** GET /results/{slug}: an edition's published results, with how to verify them. */
export function resultsPage(context: PageContext, results: PublicResults): string {
  const { locale } = context;
  const t = MESSAGES[locale];
  const edition = results.edition.name;
  const winnerNames = results.categories
    .flatMap((c) =>
      c.nominations.filter((n) => n.status === 'winner').map((n) => `${n.title} (${n.company})`),
    )
    .join('; ');
  const manifestUrl = `${context.publicUrl}${results.manifest.url}`;
  const published = results.publishedAt ? markup`${t.published(dateOf(locale, results.publishedAt))} · ` : '';
  const audit = results.auditHead
    ? markup`<p>${t.auditHead}: <code class="digest">#${results.auditHead.seq} ${results.auditHead.hash}</code></p>`
    : '';
  return layout(context, {
    title: t.resultsOf(edition),
    description: t.resultsDescription(edition, winnerNames),
    path: `/results/${results.edition.slug}`,
    script: context.verifierScript,
    body: markup`<h1>${t.resultsOf(edition)}</h1>
<p class="meta">${published}${t.round(results.round.name, results.round.number)} · ${plural(locale, t.categories, results.categories.length)}</p>
<p>${t.method(t.methods[results.method])}</p>
${results.categories.map((c, i) => categorySection(context, c, i))}
<section class="verify" aria-labelledby="verify">
<h2 id="verify">${t.verifyTitle}</h2>
<p>${t.verifyIntro}</p>
<p>${t.manifestDigest}: <code class="digest" id="manifest-digest">${results.manifest.sha256}</code></p>
${audit}
${context.verifierScript ? browserCheck(context, results.manifest.url) : ''}
<p><a href="${results.manifest.url}" type="application/json">${t.manifestLink}</a></p>
<p>${t.verifyHow}</p>
<pre><code>npm run verify -- ${manifestUrl}</code></pre>
<p>${t.verifyResult}</p>
</section>`,
  });
}

/**
 * "Verify in your browser": hidden until the script runs (without JavaScript there is nothing to press);
 * the verdict appears in a live region, so a screen reader hears it.
 */
function browserCheck(context: PageContext, manifestUrl: string): SafeHtml {
  const v = VERIFY_MESSAGES[context.locale];
  return markup`<div class="browser-check" id="browser-check" data-manifest="${manifestUrl}" data-keys="${SIGNING_KEYS_PATH}" hidden>
<p>${v.explain}</p>
<p><button type="button">${v.button}</button></p>
<div class="verdict" role="status" aria-live="polite"></div>
</div>`;
}

/** The answer for an unknown edition and for results not (yet) public alike. */
export function notFoundPage(context: PageContext): string {
  const t = MESSAGES[context.locale];
  return layout(context, {
    title: t.notFoundTitle,
    description: t.notFoundText,
    path: '/results',
    body: markup`<h1>${t.notFoundTitle}</h1>
<p>${t.notFoundText}</p>
<p><a href="/results?lang=${context.locale}">${t.allResults}</a></p>`,
  });
}

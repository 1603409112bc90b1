import { beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext } from 'playwright-core';
import { canonicalJson, sha256Hex } from '../../src/common/canonical-json.js';
import { STANDARD_CATEGORIES } from '../../src/modules/editions/standard-categories.js';
import type { PublicResults } from '../../src/modules/publication/manifest.js';
import { MESSAGES, type PageMessages } from '../../src/modules/public-pages/messages.js';
import { signIn } from '../support/factories.js';
import { closeAndTally, createJudgedWorld, scoreTable, type JudgedWorld } from '../support/tally.js';
import { PublicResultsPage, type RankingRow } from './pages/public-results.page.js';
import { expectNoAxeViolations } from './support/axe.js';
import { contextOptions, PageWatcher, useBrowser } from './support/browser.js';

/*
 * The public results pages (issue 14) in a real browser with JavaScript turned off: what a visitor, a
 * crawler or a link preview gets from the server alone. The list of published editions; an edition's
 * results answering exactly like an unknown address before publication; after it, the winners, the full
 * ranking with scores, the tie-breaker that decided each tie, the manifest's digest and link (downloaded and
 * hashed), the Open Graph tags; in the four languages, with no axe violation.
 */

const LOCALES = ['en', 'ru', 'kk', 'de'] as const;
type Locale = (typeof LOCALES)[number];

const PUBLISHED = 'Magistral Awards 2031';
const HIDDEN = 'Magistral Awards 2032';
const UNPUBLISHED = 'Magistral Awards 2033';

const nameOf = (code: string, locale: Locale) =>
  STANDARD_CATEGORIES.find((c) => c.code === code)!.name[locale];

describe('The public results pages without JavaScript', () => {
  const b = useBrowser({ context: { javaScriptEnabled: false } });
  let published: JudgedWorld;
  /** Publication scheduled for next week. */
  let hidden: JudgedWorld;
  /** Tallied, never published. */
  let unpublished: JudgedWorld;
  /** The published results as the JSON API gives them: what the pages must show. */
  let results: PublicResults;

  /**
   * Two categories scored by three jurors, mean with tie-breakers median then top marks. Efficiency: the
   * dry port and the rail bridge both average 6, the dry port's median (6) beats the bridge's (5); the
   * night ferry has one scorecard of three and stays unranked. Sustainability: the solar depot and the
   * electric vans both average 6 with median 6; two jurors gave the depot their highest mark, one the
   * vans, so top marks decide.
   */
  async function judged(name: string): Promise<JudgedWorld> {
    const world = await createJudgedWorld(b.app.t, {
      scoringMethod: 'mean',
      tieBreakers: ['median', 'top_marks'],
      minScorecards: 3,
      categories: { efficiency: { impact: '1' }, sustainability: { impact: '1' } },
      jurors: ['A', 'B', 'C'],
      nominations: {
        E1: { category: 'efficiency', title: 'Rail bridge over the Ili', company: 'Steppe Bridges' },
        E2: { category: 'efficiency', title: 'Dry port at Khorgos', company: 'Khorgos Gateway' },
        E3: { category: 'efficiency', title: 'Cold chain to Tashkent', company: 'Samarkand Cold' },
        E4: { category: 'efficiency', title: 'Night ferry Aktau–Baku', company: 'Caspian Ferry Lines' },
        S1: { category: 'sustainability', title: 'Solar depot in Almaty', company: 'Almaty Green Depot' },
        S2: { category: 'sustainability', title: 'Electric vans in Tbilisi', company: 'Tbilisi Urban' },
        S3: { category: 'sustainability', title: 'Shore power at Alat', company: 'Alat Port' },
      },
    });
    const { t } = b.app;
    await t.db.query(`UPDATE editions SET name = $2 WHERE id = $1`, [world.edition.id, name]);
    // Each publishes its jury statistics (the rule, set before judging): shown once, and only once, public.
    await t.db.query(`UPDATE editions SET publish_jury_statistics = true WHERE id = $1`, [world.edition.id]);
    for (const category of world.edition.categories) {
      const names = STANDARD_CATEGORIES.find((c) => c.code === category.code)!.name;
      await t.db.query(`UPDATE categories SET name = $2::jsonb WHERE id = $1`, [
        category.id,
        JSON.stringify(names),
      ]);
    }
    await scoreTable(t, world, {
      A: { E1: 5, E2: 4, E3: 3, E4: 9, S1: 5, S2: 8, S3: 2 },
      B: { E1: 5, E2: 6, E3: 3, S1: 7, S2: 6, S3: 2 },
      C: { E1: 8, E2: 8, E3: 3, S1: 6, S2: 4, S3: 2 },
    });
    const organiser = await signIn(t, ['organiser']);
    await closeAndTally(t, world, organiser.auth);
    return world;
  }

  beforeAll(async () => {
    const { t } = b.app;
    [published, hidden, unpublished] = [
      await judged(PUBLISHED),
      await judged(HIDDEN),
      await judged(UNPUBLISHED),
    ];
    const organiser = await signIn(t, ['organiser']);
    await t
      .http()
      .post(`/api/v1/editions/${published.edition.id}/publish`)
      .set(organiser.auth)
      .send({})
      .expect(200);
    // Scheduled for next week: tallied and decided, yet not public.
    const nextWeek = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    await t
      .http()
      .post(`/api/v1/editions/${hidden.edition.id}/publish`)
      .set(organiser.auth)
      .send({ at: nextWeek })
      .expect(202);
    const response = await t
      .http()
      .get(`/api/v1/public/editions/${published.edition.slug}/results`)
      .expect(200);
    results = response.body as PublicResults;
  });

  /** A context whose browser speaks `locale` (its Accept-Language), JavaScript off, watched like every page. */
  async function visitor(
    locale: string,
  ): Promise<{ context: BrowserContext; pages: PublicResultsPage; watcher: PageWatcher }> {
    const context = await b.browser.newContext(
      contextOptions(b.app.origin, { javaScriptEnabled: false, locale }),
    );
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    return { context, pages: new PublicResultsPage(page), watcher: new PageWatcher(page, b.app.origin) };
  }

  /**
   * axe runs as a script in the page, and a page with JavaScript off never runs it (axe waits forever): the
   * same address is checked in a context of the same language with scripts on. The pages load no script but
   * the results page's "Verify in your browser" (ours, from /assets/, never inline), which only shows its
   * button: the document axe reads is the one the visitor without JavaScript got, plus that button.
   */
  async function expectAccessible(locale: string, path: string, status = 200): Promise<void> {
    const context = await b.browser.newContext(contextOptions(b.app.origin, { locale }));
    try {
      const page = await context.newPage();
      const response = await page.goto(path);
      expect(response?.status()).toBe(status);
      const scripts = await page
        .locator('script')
        .evaluateAll((nodes) => nodes.map((node) => `${node.getAttribute('src')} ${node.textContent}`));
      expect(scripts).toEqual(
        path.startsWith('/results/') && status === 200
          ? [expect.stringMatching(/^\/assets\/verify-[\w-]+\.js $/)]
          : [],
      );
      // Every rule in English; in the other languages, the rules that read the page's words.
      await expectNoAxeViolations(page, `${path} (${locale})`, { rules: locale === 'en' ? 'all' : 'locale' });
    } finally {
      await context.close();
    }
  }

  it('the tally behind the pages has the ties the tests expect', () => {
    const byTitle = new Map(results.categories.flatMap((c) => c.nominations).map((n) => [n.title, n]));
    expect(byTitle.get('Dry port at Khorgos')).toMatchObject({
      rank: 1,
      status: 'winner',
      tieBrokenBy: 'median',
    });
    expect(byTitle.get('Rail bridge over the Ili')).toMatchObject({ rank: 2, status: 'finalist' });
    expect(byTitle.get('Solar depot in Almaty')).toMatchObject({
      rank: 1,
      status: 'winner',
      tieBrokenBy: 'top_marks',
    });
    expect(byTitle.get('Night ferry Aktau–Baku')).toMatchObject({ rank: null, score: null });
  });

  /** The note a row must carry, in the page's words. */
  function noteOf(t: PageMessages, row: PublicResults['categories'][number]['nominations'][number]): string {
    if (row.flags.includes('insufficient_scorecards')) return t.insufficient;
    if (row.tieBrokenBy) return t.tieBrokenBy(t.tieBreakers[row.tieBrokenBy as 'median' | 'top_marks']);
    if (row.flags.includes('tied')) return t.tied;
    return '';
  }

  describe.each(LOCALES)('in %s (chosen by the browser’s Accept-Language)', (locale) => {
    const t = MESSAGES[locale];

    it('lists the published editions, not the one still under embargo, and links to the results', async () => {
      const { context, pages, watcher } = await visitor(locale);
      try {
        const response = await pages.open('/results');
        expect(response.status()).toBe(200);
        expect(await pages.htmlLang()).toBe(locale);
        expect((await pages.heading.innerText()).trim()).toBe(t.editionsTitle);
        const listed = await pages.listedEditions();
        expect(listed).toContainEqual({
          name: PUBLISHED,
          href: `/results/${published.edition.slug}?lang=${locale}`,
        });
        expect(listed.map((e) => e.name)).not.toContain(HIDDEN);
        expect(listed.map((e) => e.name)).not.toContain(UNPUBLISHED);
        await expectAccessible(locale, '/results');

        // Following the link needs no script: a plain navigation to the edition's page.
        await pages.main.getByRole('link', { name: PUBLISHED }).click();
        await pages.page.waitForURL(`**/results/${published.edition.slug}?lang=${locale}`);
        expect((await pages.heading.innerText()).trim()).toBe(t.resultsOf(PUBLISHED));
        watcher.assertClean();
      } finally {
        await context.close();
      }
    });

    it('shows the winners, the full ranking with scores and the tie-breaker that decided each tie', async () => {
      const { context, pages, watcher } = await visitor(locale);
      try {
        const response = await pages.open(`/results/${published.edition.slug}`);
        expect(response.status()).toBe(200);
        expect(await pages.htmlLang()).toBe(locale);
        expect((await pages.heading.innerText()).trim()).toBe(t.resultsOf(PUBLISHED));
        const score = new Intl.NumberFormat(locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 });

        for (const category of results.categories) {
          const name = nameOf(category.code, locale);
          const winners = category.nominations.filter((n) => n.status === 'winner');
          expect(winners).toHaveLength(1);
          expect(await pages.winnersLine(name)).toBe(
            `${t.winner}: ${winners[0]!.title} (${winners[0]!.company})`,
          );
          const expected: RankingRow[] = category.nominations.map((n) => ({
            rank: n.rank === null ? '—' : String(n.rank),
            title: n.title,
            badge: n.status === 'winner' ? t.statusWinner : n.status === 'finalist' ? t.statusFinalist : '',
            company: n.company,
            score: n.score === null ? t.unranked : score.format(n.score as Intl.StringNumericLiteral),
            scorecards: String(n.scorecards),
            note: noteOf(t, n),
          }));
          expect(await pages.ranking(name)).toEqual(expected);
        }
        // The two ties, spelled out in the page's language.
        const efficiency = await pages.ranking(nameOf('efficiency', locale));
        expect(efficiency[0]).toMatchObject({
          title: 'Dry port at Khorgos',
          score: score.format(6),
          note: t.tieBrokenBy(t.tieBreakers.median),
        });
        expect(efficiency[1]).toMatchObject({ title: 'Rail bridge over the Ili', score: score.format(6) });
        expect(efficiency.at(-1)).toMatchObject({ title: 'Night ferry Aktau–Baku', note: t.insufficient });
        const sustainability = await pages.ranking(nameOf('sustainability', locale));
        expect(sustainability[0]).toMatchObject({
          title: 'Solar depot in Almaty',
          note: t.tieBrokenBy(t.tieBreakers.top_marks),
        });

        // Open Graph: what a link preview shows, in the page's language, pointing at the canonical URL.
        const url = `${b.app.origin}/results/${published.edition.slug}`;
        expect(await pages.openGraph('title')).toBe(t.resultsOf(PUBLISHED));
        expect(await pages.openGraph('url')).toBe(url);
        expect(await pages.openGraph('locale')).toBe(locale);
        expect(await pages.openGraph('type')).toBe('website');
        expect(await pages.openGraph('site_name')).toBe(t.siteName);
        const description = await pages.openGraph('description');
        expect(description).toBe(
          t.resultsDescription(
            PUBLISHED,
            'Dry port at Khorgos (Khorgos Gateway); Solar depot in Almaty (Almaty Green Depot)',
          ),
        );

        await expectAccessible(locale, `/results/${published.edition.slug}`);
        watcher.assertClean();
      } finally {
        await context.close();
      }
    });

    it('states each category’s jury agreement (α with its interval) and which change would have changed the winner', async () => {
      const { context, pages, watcher } = await visitor(locale);
      try {
        await pages.open(`/results/${published.edition.slug}`);
        const two = (text: string) =>
          new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
            text as Intl.StringNumericLiteral,
          );
        for (const category of results.categories) {
          const statistics = category.juryStatistics!;
          const { alpha } = statistics;
          if (alpha.value === null || alpha.interval === null)
            throw new Error('expected alpha and its interval');
          const shown = await pages.juryStatistics(nameOf(category.code, locale));
          const units = (
            t.alphaUnits[new Intl.PluralRules(locale).select(alpha.units)] ?? t.alphaUnits.other
          ).replace('{n}', String(alpha.units));
          expect(shown).toMatchObject({
            heading: t.juryStatisticsTitle,
            alpha: t.juryAgreementInterval(
              two(alpha.value),
              two(alpha.interval.low),
              two(alpha.interval.high),
              units,
            ),
          });
          const titles = new Map(category.nominations.map((n) => [n.nominationId, n.title]));
          const winners = (ids: string[]) =>
            ids.length ? ids.map((id) => titles.get(id)).join(', ') : t.noWinners;
          // Three scorecards are required: without any one juror nothing is ranked, so both are fragile.
          expect(statistics.fragile).toBe(true);
          expect(shown!.fragile).toBe(`${t.fragile} ${t.fragileIntro}`);
          expect(shown!.robust).toBeNull();
          expect(shown!.causes).toHaveLength(statistics.causes.length);
          statistics.causes.forEach((cause, i) => {
            if (cause.kind === 'method')
              expect(shown!.causes[i]).toBe(t.fragileMethod(t.methods[cause.method], winners(cause.winners)));
            if (cause.kind === 'leave_one_out')
              expect(shown!.causes[i]).toBe(t.fragileJuror(cause.juror, winners(cause.winners)));
          });
        }
        watcher.assertClean();
      } finally {
        await context.close();
      }
    });

    it('answers an edition not yet published, or under embargo, exactly like an unknown address: the same 404 page', async () => {
      const { context, pages, watcher } = await visitor(locale);
      try {
        watcher.expectFailure({ path: '/results/no-such-edition', status: 404 });
        const unknown = await pages.open('/results/no-such-edition');
        const unknownHtml = await unknown.text();
        expect(unknown.status()).toBe(404);
        expect(await pages.htmlLang()).toBe(locale);
        expect((await pages.heading.innerText()).trim()).toBe(t.notFoundTitle);
        await expectAccessible(locale, '/results/no-such-edition', 404);

        for (const [world, name] of [
          [unpublished, UNPUBLISHED],
          [hidden, HIDDEN],
        ] as const) {
          watcher.expectFailure({ path: `/results/${world.edition.slug}`, status: 404 });
          const response = await pages.open(`/results/${world.edition.slug}`);
          expect(response.status()).toBe(404);
          const html = await response.text();
          expect(html).toBe(unknownHtml);
          expect(html).not.toContain(name);
          expect(html).not.toContain(world.edition.slug);
          expect(await response.allHeaders()).toMatchObject({
            'content-type': unknown.headers()['content-type']!,
            'cache-control': unknown.headers()['cache-control']!,
          });
          expect(response.headers().etag).toBeUndefined();
        }
        watcher.assertClean();
      } finally {
        await context.close();
      }
    });
  });

  it('?lang= outranks the browser’s language, so a shared link keeps its language', async () => {
    for (const locale of LOCALES) {
      await b.page.goto(`/results/${published.edition.slug}?lang=${locale}`);
      expect(await b.page.locator('html').getAttribute('lang')).toBe(locale);
      expect((await b.page.locator('main h1').innerText()).trim()).toBe(
        MESSAGES[locale].resultsOf(PUBLISHED),
      );
    }
  });

  it('publishes the manifest’s SHA-256 and links to the manifest, whose content hashes to it', async () => {
    const pages = new PublicResultsPage(b.page);
    await pages.open(`/results/${published.edition.slug}`);
    const digest = await pages.manifestDigest();
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).toBe(results.manifest.sha256);

    // The link, followed in the browser: the manifest itself, as JSON.
    const href = await pages.manifestLink.getAttribute('href');
    expect(href).toBe(`/api/v1/public/editions/${published.edition.slug}/results/manifest`);
    const [download] = await Promise.all([
      b.page.waitForResponse((r) => r.url().endsWith(href!)),
      pages.manifestLink.click(),
    ]);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toMatch(/^application\/json/);
    const manifest = JSON.parse(await download.text()) as Record<string, unknown> & { sha256: string };
    // The digest covers every member but itself and the signature (which signs the digest).
    const { sha256, ...content } = manifest;
    delete content.signature;
    expect(sha256).toBe(digest);
    expect(sha256Hex(canonicalJson(content))).toBe(digest);
  });
});

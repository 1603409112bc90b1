import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import type { ResultsManifest } from '../src/modules/publication/manifest.js';
import { MESSAGES } from '../src/modules/public-pages/messages.js';
import { signIn, type SignedIn } from './support/factories.js';
import { closeAndTally, createJudgedWorld, scoreTable, type JudgedWorld } from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * The public side of published results (issue 14): GET /api/v1/public/editions (JSON) and the pages rendered
 * on the server, GET /results and GET /results/{slug} (HTML, no JavaScript, four languages).
 */

const HOSTILE_EDITION = `Awards <script>alert("e")</script> & 'Co'`;
const HOSTILE_TITLE = `<img src=x onerror=alert(1)> "Dry" port`;
const HOSTILE_COMPANY = `Cargo </td><script>alert(2)</script>`;

let t: TestApp;
let organiser: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://awards.example' });
  organiser = await signIn(t, ['organiser']);
});

afterEach(() => {
  t.app.get(Clock).reset();
});

afterAll(() => t.close());

/**
 * Mean of three jurors with the median as tie-breaker: T1 and T2 both average 6, T2's median (6) beats T1's
 * (5); T3 averages 3; T4 has one scorecard of the three required and stays unranked.
 */
async function judgedWorld(name: string): Promise<JudgedWorld> {
  const world = await createJudgedWorld(t, {
    scoringMethod: 'mean',
    tieBreakers: ['median'],
    minScorecards: 3,
    jurors: ['A', 'B', 'C'],
    nominations: {
      T1: { title: 'Rail bridge' },
      T2: { title: HOSTILE_TITLE, company: HOSTILE_COMPANY },
      T3: { title: 'Cold chain' },
      T4: { title: 'Night ferry' },
    },
  });
  await t.db.query(`UPDATE editions SET name = $2 WHERE id = $1`, [world.edition.id, name]);
  await scoreTable(t, world, {
    A: { T1: 5, T2: 4, T3: 3, T4: 9 },
    B: { T1: 5, T2: 6, T3: 3 },
    C: { T1: 8, T2: 8, T3: 3 },
  });
  await closeAndTally(t, world, organiser.auth);
  return world;
}

async function publish(world: JudgedWorld, at?: Date): Promise<void> {
  const response = await t
    .http()
    .post(`/api/v1/editions/${world.edition.id}/publish`)
    .set(organiser.auth)
    .send(at ? { at: at.toISOString() } : {});
  expect(response.status).toBe(at ? 202 : 200);
}

const page = (path: string, language?: string) => {
  const request = t.http().get(path);
  return language ? request.set('Accept-Language', language) : request;
};

interface ListedEdition {
  slug: string;
  name: string;
  year: number;
  publishedAt: string;
  categoryCount: number;
  nominationCount: number;
  resultsUrl: string;
  manifestSha256: string;
}

describe('before publication', () => {
  let world: JudgedWorld;
  beforeAll(async () => {
    world = await judgedWorld('Magistral Awards 2031');
  });

  it('GET /public/editions never lists an unpublished edition, nor one scheduled for later', async () => {
    const listed = async () =>
      ((await t.http().get('/api/v1/public/editions')).body.editions as ListedEdition[]).map((e) => e.slug);
    expect(await listed()).not.toContain(world.edition.slug);
    const later = new Date(Date.now() + 3600_000);
    await publish(world, later);
    expect(await listed()).not.toContain(world.edition.slug);
    // Even an organiser's token changes nothing: the list is public, the same for everyone.
    const asOrganiser = await t.http().get('/api/v1/public/editions').set(organiser.auth);
    expect((asOrganiser.body.editions as ListedEdition[]).map((e) => e.slug)).not.toContain(
      world.edition.slug,
    );
  });

  it('GET /results/{slug} answers exactly like an unknown edition: the same 404 page and headers', async () => {
    const unknown = await page('/results/no-such-edition-at-all');
    const malformed = await page('/results/NOT_A_SLUG');
    const hidden = await page(`/results/${world.edition.slug}`);
    for (const response of [unknown, malformed, hidden]) {
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.etag).toBeUndefined();
    }
    expect(hidden.text).toBe(unknown.text);
    expect(malformed.text).toBe(unknown.text);
    expect(hidden.text).not.toContain(world.edition.slug);
    expect(hidden.text).not.toContain('Magistral Awards 2031');
    const names = (h: Record<string, unknown>) =>
      Object.keys(h)
        .filter((n) => n !== 'date')
        .sort();
    expect(names(hidden.headers)).toEqual(names(unknown.headers));
    // Organisers preview the JSON; the public page shows them nothing before publication either.
    expect((await page(`/results/${world.edition.slug}`).set(organiser.auth)).text).toBe(unknown.text);
  });
});

describe('after publication', () => {
  let world: JudgedWorld;
  let manifestSha256: string;
  beforeAll(async () => {
    world = await judgedWorld(HOSTILE_EDITION);
    await publish(world);
    manifestSha256 = (await t.http().get(`/api/v1/public/editions/${world.edition.slug}/results/manifest`))
      .body.sha256 as string;
  });

  describe('GET /api/v1/public/editions', () => {
    it('lists the published edition without sign-in, with a strong ETag, Cache-Control and 304', async () => {
      const response = await t.http().get('/api/v1/public/editions');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['cache-control']).toBe('public, max-age=60');
      expect(response.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
      const listed = (response.body.editions as ListedEdition[]).find((e) => e.slug === world.edition.slug);
      expect(listed).toEqual({
        slug: world.edition.slug,
        name: HOSTILE_EDITION,
        year: new Date().getUTCFullYear(),
        publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        categoryCount: 1,
        nominationCount: 4,
        resultsUrl: `/api/v1/public/editions/${world.edition.slug}/results`,
        manifestSha256,
      });
      for (const tag of [response.headers.etag as string, `W/${response.headers.etag as string}`, '*']) {
        const cached = await t.http().get('/api/v1/public/editions').set('If-None-Match', tag);
        expect(cached.status).toBe(304);
        expect(cached.text ?? '').toBe('');
      }
      expect((await t.http().get('/api/v1/public/editions').set('If-None-Match', '"stale"')).status).toBe(
        200,
      );
    });

    it('newest publication first', async () => {
      const body = (await t.http().get('/api/v1/public/editions')).body as { editions: ListedEdition[] };
      const times = body.editions.map((e) => Date.parse(e.publishedAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });
  });

  describe('GET /results/{slug}', () => {
    it('shows winners, the full ranking with scores and the tie-breaker that decided the tie', async () => {
      const response = await page(`/results/${world.edition.slug}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      const html = response.text;
      expect(html).toContain('<html lang="en">');
      // Ranking: T2 (median 6) before T1 (median 5), both 6.0000; T3 3.0000; T4 unranked.
      const order = [
        '&lt;img src=x onerror=alert(1)&gt; &quot;Dry&quot; port',
        'Rail bridge',
        'Cold chain',
        'Night ferry',
      ].map((title) => html.indexOf(title, html.indexOf('<tbody>')));
      expect(order.every((position) => position > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(html).toContain('<td class="num">6.0000</td>');
      expect(html).toContain('<td class="num">3.0000</td>');
      expect(html).toContain('Equal score; the tie was decided by the median score.');
      expect(html).toContain('Too few scorecards to be ranked.');
      // The edition does not publish its jury statistics (the rule's default): not a word of them.
      expect(html).not.toContain('jury-statistics');
      expect(html).not.toContain('Krippendorff');
      expect(html).toMatch(/<strong>Winner:<\/strong> &lt;img src=x onerror=alert\(1\)&gt;/);
      // How to verify: the digest, the manifest link and the command.
      expect(html).toContain(manifestSha256);
      expect(html).toContain(`href="/api/v1/public/editions/${world.edition.slug}/results/manifest"`);
      expect(html).toContain(
        `npm run verify -- https://awards.example/api/v1/public/editions/${world.edition.slug}/results/manifest`,
      );
    });

    it('escapes every value: a hostile edition, nomination or company name stays text', async () => {
      const html = (await page(`/results/${world.edition.slug}`)).text;
      expect(html.match(/<script/gi)).toBeNull();
      expect(html).not.toContain('<img');
      expect(html).not.toContain('</td><script>');
      expect(html).toContain('Awards &lt;script&gt;alert(&quot;e&quot;)&lt;/script&gt; &amp; &#39;Co&#39;');
      expect(html).toContain('Cargo &lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
      // In attributes too (Open Graph).
      expect(html).toContain(
        '<meta property="og:title" content="Results of Awards &lt;script&gt;alert(&quot;e&quot;)&lt;/script&gt; &amp; &#39;Co&#39;">',
      );
    });

    it('is shareable: Open Graph tags, canonical URL, one stylesheet, no inline script or style', async () => {
      const html = (await page(`/results/${world.edition.slug}`)).text;
      const url = `https://awards.example/results/${world.edition.slug}`;
      expect(html).toContain(`<meta property="og:url" content="${url}">`);
      expect(html).toContain(`<link rel="canonical" href="${url}">`);
      expect(html).toMatch(/<meta property="og:description" content="[^"]+">/);
      expect(html).toMatch(/<link rel="stylesheet" href="\/results\/style\.css\?v=[0-9a-f]{12}">/);
      expect(html).not.toMatch(/ style=|<style|<script/i);
      // No event handler attribute in any tag (the escaped title's text may say `onerror=`).
      expect(html).not.toMatch(/<[a-z]+(?:\s+[a-z:-]+(?:="[^"]*")?)*\s+on[a-z]+=/i);
    });

    it('speaks en, ru, kk and de: ?lang= first, then Accept-Language, else English', async () => {
      const path = `/results/${world.edition.slug}`;
      const cases: [string | undefined, string | undefined, string, string][] = [
        [undefined, undefined, 'en', 'Check these results yourself'],
        [undefined, 'ru-RU,ru;q=0.9,en;q=0.5', 'ru', 'Проверьте итоги сами'],
        [undefined, 'fr;q=1, kk;q=0.8, de;q=0.9', 'de', 'Prüfen Sie die Ergebnisse selbst'],
        [undefined, 'kk', 'kk', 'Қорытындыларды өзіңіз тексеріңіз'],
        ['kk', 'de', 'kk', 'Қорытындыларды өзіңіз тексеріңіз'],
        ['xx', 'ru', 'ru', 'Проверьте итоги сами'],
        [undefined, 'fr, *;q=0.1', 'en', 'Check these results yourself'],
      ];
      for (const [lang, accept, locale, heading] of cases) {
        const response = await page(lang ? `${path}?lang=${lang}` : path, accept);
        expect(response.status).toBe(200);
        expect(response.text).toContain(`<html lang="${locale}">`);
        expect(response.text).toContain(heading);
        expect(response.headers.vary).toBe('Accept-Language, Accept-Encoding');
      }
      // Numbers in the reader's locale: a decimal comma in Russian and German.
      expect((await page(`${path}?lang=ru`)).text).toContain('<td class="num">6,0000</td>');
      expect((await page(`${path}?lang=de`)).text).toContain('<td class="num">3,0000</td>');
    });

    it('is gzipped (compressed once) for clients that take it, with an ETag per encoding', async () => {
      const path = `/results/${world.edition.slug}`;
      const plain = await page(path).set('Accept-Encoding', 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      const zipped = await page(path).set('Accept-Encoding', 'gzip, deflate, br');
      expect(zipped.headers['content-encoding']).toBe('gzip');
      // supertest inflates it: the same page.
      expect(zipped.text).toBe(plain.text);
      expect(zipped.headers.etag).not.toBe(plain.headers.etag);
      expect(Number(zipped.headers['content-length'])).toBeLessThan(Buffer.byteLength(plain.text) / 3);
      expect(
        (await page(path).set('Accept-Encoding', 'gzip;q=0')).headers['content-encoding'],
      ).toBeUndefined();
      const revalidated = await page(path)
        .set('Accept-Encoding', 'gzip')
        .set('If-None-Match', zipped.headers.etag as string);
      expect(revalidated.status).toBe(304);
      expect(revalidated.headers['content-encoding']).toBeUndefined();
    });

    it('is cached with a strong ETag per language, 304 when unchanged, HEAD works', async () => {
      const path = `/results/${world.edition.slug}`;
      const en = await page(path);
      expect(en.headers['cache-control']).toBe('public, max-age=60');
      expect(en.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
      const ru = await page(`${path}?lang=ru`);
      expect(ru.headers.etag).not.toBe(en.headers.etag);
      const revalidated = await page(path).set('If-None-Match', en.headers.etag as string);
      expect(revalidated.status).toBe(304);
      expect(revalidated.text ?? '').toBe('');
      expect((await page(path).set('If-None-Match', ru.headers.etag as string)).status).toBe(200);
      const head = await t.http().head(path).set('Accept-Encoding', 'gzip, deflate');
      expect(head.status).toBe(200);
      expect(head.headers.etag).toBe(en.headers.etag);
    });

    it('shows nothing before the release time by the server clock, even once rendered', async () => {
      const clock = t.app.get(Clock);
      const [{ release_at: releaseAt }] = await t.db.query<[{ release_at: Date }]>(
        `SELECT release_at FROM publications WHERE edition_id = $1`,
        [world.edition.id],
      );
      clock.set(new Date(releaseAt.getTime() - 1000));
      const early = await page(`/results/${world.edition.slug}`);
      expect(early.status).toBe(404);
      expect(early.text).toBe((await page('/results/no-such-edition-at-all')).text);
      expect(early.text).not.toContain('Rail bridge');
    });
  });

  describe('GET /results', () => {
    it('lists the published editions with links to their pages, in the reader’s language', async () => {
      const response = await page('/results', 'de-DE');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
      expect(response.text).toContain('<html lang="de">');
      expect(response.text).toContain('Veröffentlichte Ergebnisse');
      expect(response.text).toContain(`href="/results/${world.edition.slug}?lang=de"`);
      expect(response.text).toContain('Awards &lt;script&gt;');
      expect(response.text).toContain('1 Kategorie · 4 Nominierungen');
      expect(response.text).toContain('<meta property="og:url" content="https://awards.example/results">');
      const ru = await page('/results?lang=ru');
      expect(ru.text).toContain('1 категория · 4 номинации');
      const again = await page('/results', 'de-DE').set('If-None-Match', response.headers.etag as string);
      expect(again.status).toBe(304);
    });

    it('the stylesheet is served with an ETag and a day of caching', async () => {
      const css = await t.http().get('/results/style.css');
      expect(css.status).toBe(200);
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(css.headers['cache-control']).toBe('public, max-age=86400');
      expect(css.text).toContain('prefers-color-scheme');
      expect(css.text).toContain('prefers-reduced-motion');
      expect(
        (
          await t
            .http()
            .get('/results/style.css')
            .set('If-None-Match', css.headers.etag as string)
        ).status,
      ).toBe(304);
    });
  });
});

describe('jury statistics, where the edition publishes them', () => {
  let world: JudgedWorld;
  let manifest: ResultsManifest;
  beforeAll(async () => {
    world = await judgedWorld('Magistral Awards with statistics');
    await t.db.query(`UPDATE editions SET publish_jury_statistics = true WHERE id = $1`, [world.edition.id]);
  });

  it('are nowhere before the release: under embargo the page is the 404 page', async () => {
    await publish(world, new Date(Date.now() + 24 * 3600_000));
    const early = await page(`/results/${world.edition.slug}`);
    expect(early.status).toBe(404);
    expect(early.text).not.toContain('Krippendorff');
    await t.http().get(`/api/v1/public/editions/${world.edition.slug}/results/manifest`).expect(404);
    // Published now instead (the schedule is replaced).
    await publish(world);
    manifest = (
      await t.http().get(`/api/v1/public/editions/${world.edition.slug}/results/manifest`).expect(200)
    ).body as ResultsManifest;
  });

  it.each(['en', 'ru', 'kk', 'de'] as const)(
    'the page states alpha with its interval and the fragile verdict in words, in %s',
    async (locale) => {
      const t_ = MESSAGES[locale];
      const statistics = manifest.categories[0]!.juryStatistics!;
      const { alpha } = statistics;
      if (alpha.value === null || !alpha.interval) throw new Error('expected an alpha with an interval');
      const two = (text: string) =>
        new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
          text as Intl.StringNumericLiteral,
        );
      const units = (
        t_.alphaUnits[new Intl.PluralRules(locale).select(alpha.units)] ?? t_.alphaUnits.other
      ).replace('{n}', String(alpha.units));
      const html = (await page(`/results/${world.edition.slug}?lang=${locale}`).expect(200)).text;
      expect(html).toContain(`<h3 id="category-1-trust">${t_.juryStatisticsTitle}</h3>`);
      expect(html).toContain(
        `<p class="alpha">${t_.juryAgreementInterval(two(alpha.value), two(alpha.interval.low), two(alpha.interval.high), units)}</p>`,
      );
      // T1 and T2 tie on 6, the median decides for T2; under z-scores T1 wins. Left out, a juror's nominations
      // need one scorecard fewer: without B, T1 (6.5) beats T2 (6); without C, T1 and T2 tie on 5 with the same
      // median and share the first place; without A, T2 (7) still wins.
      const railBridge = manifest.categories[0]!.nominations.find((n) => n.title === 'Rail bridge')!.id;
      expect(statistics.fragile).toBe(true);
      const jurors = statistics.causes.filter((cause) => cause.kind === 'leave_one_out');
      expect(jurors.map((cause) => cause.winners.length).sort()).toEqual([1, 2]);
      expect(html).toContain(`<strong>${t_.fragile}</strong> ${t_.fragileIntro}`);
      for (const cause of statistics.causes) {
        if (cause.kind === 'leave_one_out') {
          expect(cause.winners).toContain(railBridge);
          if (cause.winners.length === 1)
            expect(html).toContain(`<li>${t_.fragileJuror(cause.juror, 'Rail bridge')}</li>`);
          else expect(html).toContain(cause.juror);
        }
        if (cause.kind === 'method')
          expect(html).toContain(`<li>${t_.fragileMethod(t_.methods[cause.method], 'Rail bridge')}</li>`);
      }
    },
  );
});

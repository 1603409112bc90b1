import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page, Route } from 'playwright-core';
import { canonicalJson, sha256Hex } from '../../src/common/canonical-json.js';
import { STANDARD_CATEGORIES } from '../../src/modules/editions/standard-categories.js';
import {
  sealManifest,
  type ResultsManifest,
  type UnsealedManifest,
} from '../../src/modules/publication/manifest.js';
import { ResultsSigner } from '../../src/modules/publication/results-signer.js';
import { VERIFY_MESSAGES, type VerifyMessages } from '../../src/modules/public-pages/verify-messages.js';
import { signIn } from '../support/factories.js';
import { closeAndTally, createJudgedWorld, scoreTable, type JudgedWorld } from '../support/tally.js';
import { expectNoAxeViolations } from './support/axe.js';
import { contextOptions, PageWatcher, useBrowser } from './support/browser.js';

/*
 * "Verify in your browser" on the public results page (issue 17): the visitor's browser downloads the
 * manifest and the platform's keys, recomputes every ranking with the tally module bundled for it, checks
 * the SHA-256 and the Ed25519 signature with WebCrypto, and says so with the time it took, in the page's
 * language. A manifest changed on the way (Playwright answers the manifest request with an altered copy)
 * is refused, naming what failed. Without JavaScript the page stays whole and offers no button.
 */

const LOCALES = ['en', 'ru', 'kk', 'de'] as const;
type Locale = (typeof LOCALES)[number];

const nameOf = (code: string, locale: Locale) =>
  STANDARD_CATEGORIES.find((c) => c.code === code)!.name[locale];

/** CLDR's short millisecond in each locale (the page completes Kazakh, whose units Chromium's ICU lacks). */
const MILLISECONDS: Record<Locale, string> = { en: 'ms', ru: 'мс', kk: 'мс', de: 'ms' };

/** A duration as the page formats it in `locale` ("704 ms", "704 мс"…). */
function durationPattern(locale: Locale): RegExp {
  return new RegExp(`^[\\d\\s\\u00a0\\u202f.,]+\\s?${MILLISECONDS[locale]}$`, 'u');
}

/** The duration inside a headline made by `message` (e.g. `verified`), or null when it was not that one. */
function durationIn(message: (duration: string) => string, headline: string): string | null {
  const [before, after] = message('\u0000').split('\u0000') as [string, string];
  if (!headline.startsWith(before) || !headline.endsWith(after)) return null;
  return headline.slice(before.length, headline.length - after.length);
}

describe('Verify in your browser', () => {
  const b = useBrowser();
  let world: JudgedWorld;
  let manifestPath: string;
  let keyId: string;

  beforeAll(async () => {
    const { t } = b.app;
    world = await createJudgedWorld(t, {
      scoringMethod: 'mean',
      tieBreakers: ['median', 'top_marks'],
      minScorecards: 3,
      categories: { efficiency: { impact: '1' }, sustainability: { impact: '1' } },
      jurors: ['A', 'B', 'C'],
      nominations: {
        E1: { category: 'efficiency', title: 'Rail bridge over the Ili', company: 'Steppe Bridges' },
        E2: { category: 'efficiency', title: 'Dry port at Khorgos', company: 'Khorgos Gateway' },
        E3: { category: 'efficiency', title: 'Cold chain to Tashkent', company: 'Samarkand Cold' },
        S1: { category: 'sustainability', title: 'Solar depot in Almaty', company: 'Almaty Green Depot' },
        S2: { category: 'sustainability', title: 'Electric vans in Tbilisi', company: 'Tbilisi Urban' },
      },
    });
    for (const category of world.edition.categories) {
      const names = STANDARD_CATEGORIES.find((c) => c.code === category.code)!.name;
      await t.db.query(`UPDATE categories SET name = $2::jsonb WHERE id = $1`, [
        category.id,
        JSON.stringify(names),
      ]);
    }
    // The edition publishes its jury statistics (set before judging): the check recomputes them too.
    await t.db.query(`UPDATE editions SET publish_jury_statistics = true WHERE id = $1`, [world.edition.id]);
    await scoreTable(t, world, {
      A: { E1: 5, E2: 4, E3: 3, S1: 5, S2: 8 },
      B: { E1: 5, E2: 6, E3: 3, S1: 7, S2: 6 },
      C: { E1: 8, E2: 8, E3: 3, S1: 6, S2: 4 },
    });
    const organiser = await signIn(t, ['organiser']);
    await closeAndTally(t, world, organiser.auth);
    await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({})
      .expect(200);
    manifestPath = `/api/v1/public/editions/${world.edition.slug}/results/manifest`;
    const manifest = (await t.http().get(manifestPath).expect(200)).body as ResultsManifest;
    keyId = manifest.signature!.keyId;
  });

  /** The verifier on `page`: the button, the live region and what it says once it has spoken. */
  function verifier(page: Page) {
    const root = page.locator('#browser-check');
    const region = root.getByRole('status');
    return {
      root,
      button: root.getByRole('button'),
      region,
      /** Waits for the verdict; its headline and each check, passed (✓) or failed (✗), as read. */
      async verdict(): Promise<{ outcome: string; headline: string; passed: string[]; failed: string[] }> {
        await region.locator('.headline').waitFor();
        const read = async (selector: string) =>
          (await region
            .locator(`ul.checks > li.${selector}`)
            .evaluateAll((items) => items.map((item) => item.childNodes[1]?.textContent ?? ''))) as string[];
        return {
          outcome: (await region.getAttribute('data-outcome')) ?? '',
          headline: (await region.locator('.headline').innerText()).trim(),
          passed: await read('pass'),
          failed: await read('fail'),
        };
      },
    };
  }

  /** Answers the manifest request with `change` applied to the genuine manifest (as a man in the middle would). */
  async function tamper(page: Page, change: (manifest: ResultsManifest) => void): Promise<void> {
    await page.route(`**${manifestPath}`, async (route: Route) => {
      const response = await route.fetch();
      const manifest = (await response.json()) as ResultsManifest;
      change(manifest);
      await route.fulfill({ response, json: manifest });
    });
  }

  function efficiencyScore(manifest: ResultsManifest, nominationTitle: string, juror: number) {
    const category = manifest.categories.find((c) => c.code === 'efficiency')!;
    const id = category.nominations.find((n) => n.title === nominationTitle)!.id;
    return category.scorecards.filter((card) => card.nomination === id)[juror]!;
  }

  describe.each(LOCALES)('in %s', (locale) => {
    const v: VerifyMessages = VERIFY_MESSAGES[locale];

    it('verifies the genuine manifest from the keyboard and says how long it took; axe finds nothing', async () => {
      const { page } = b;
      await page.goto(`/results/${world.edition.slug}?lang=${locale}`);
      const check = verifier(page);
      await expect(check.root.isVisible()).resolves.toBe(true);
      expect((await check.button.innerText()).trim()).toBe(v.button);
      expect(await check.region.getAttribute('aria-live')).toBe('polite');

      await check.button.focus();
      await page.keyboard.press('Enter');
      const verdict = await check.verdict();
      expect(verdict.outcome).toBe('verified');
      const took = durationIn(v.verified, verdict.headline);
      expect(took).not.toBeNull();
      expect(took).toMatch(durationPattern(locale));
      expect(verdict.failed).toEqual([]);
      expect(verdict.passed).toEqual([
        v.digestOk,
        v.statisticsOk(nameOf('efficiency', locale)),
        v.statisticsOk(nameOf('sustainability', locale)),
        v.signatureOk(keyId),
        v.pageMatches,
      ]);
      // The focus stays where the visitor pressed, ready to check again.
      expect(await page.evaluate("document.activeElement?.matches('#browser-check button') ?? false")).toBe(
        true,
      );
      await expectNoAxeViolations(page, `verified results (${locale})`, {
        rules: locale === 'en' ? 'all' : 'locale',
      });
      if (locale === 'en') {
        // On a phone, too: nothing of the check's section may need a scroll the keyboard cannot reach.
        await page.setViewportSize({ width: 360, height: 800 });
        await expectNoAxeViolations(page, 'verified results on a phone', { rules: 'all' });
      }
    });
  });

  it('refuses a manifest with one changed score, naming the SHA-256 and the category whose ranking no longer follows', async () => {
    const { page } = b;
    const v = VERIFY_MESSAGES.en;
    // Juror A's 5 for the rail bridge becomes 9: it would now win efficiency.
    await tamper(page, (manifest) => {
      efficiencyScore(manifest, 'Rail bridge over the Ili', 0).scores.impact = 9;
    });
    await page.goto(`/results/${world.edition.slug}?lang=en`);
    const check = verifier(page);
    await check.button.click();
    const verdict = await check.verdict();
    expect(verdict.outcome).toBe('refused');
    expect(durationIn(v.refused, verdict.headline)).toMatch(durationPattern('en'));
    expect(verdict.failed).toEqual([v.digestMismatch, v.rankingMismatch(nameOf('efficiency', 'en'))]);
    // What was not touched still holds, and says so.
    expect(verdict.passed).toEqual([
      v.statisticsOk(nameOf('sustainability', 'en')),
      v.signatureOk(keyId),
      v.pageMatches,
    ]);
    // The detail names the rows the recomputation contradicts.
    const details = check.region.locator('li.fail details');
    await details.nth(1).locator('summary').click();
    expect(await details.nth(1).locator('code').allInnerTexts()).toContainEqual(
      expect.stringMatching(/: rank published 2, recomputed 1$/),
    );
    await expectNoAxeViolations(page, 'refused results', { rules: 'all' });
  });

  it('refuses a changed alpha even when sealed and signed with the platform’s key, and a changed fragile flag', async () => {
    const { page } = b;
    const v = VERIFY_MESSAGES.en;
    const { t } = b.app;
    let signed: ResultsManifest | undefined;
    await page.route(`**${manifestPath}`, async (route: Route) => {
      const response = await route.fetch();
      const manifest = (await response.json()) as ResultsManifest;
      const alpha = manifest.categories.find((c) => c.code === 'efficiency')!.juryStatistics!.alpha;
      if (alpha.value === null) throw new Error('expected an alpha');
      alpha.value = alpha.value === '0.5000' ? '0.5001' : '0.5000';
      const content: Partial<ResultsManifest> = { ...manifest };
      delete content.sha256;
      delete content.signature;
      const sealed = sealManifest(content as UnsealedManifest);
      signed = await t.db.transaction((manager) => t.app.get(ResultsSigner).sign(manager, sealed));
      await route.fulfill({ response, json: signed });
    });
    await page.goto(`/results/${world.edition.slug}?lang=en`);
    const check = verifier(page);
    await check.button.click();
    const verdict = await check.verdict();
    expect(signed?.signature?.keyId).toBe(keyId);
    expect(verdict.outcome).toBe('refused');
    // The platform's key signed the lie, and the digest is its own: only the recomputation catches it (and
    // the page, which shows the genuine digest).
    expect(verdict.failed).toEqual([v.statisticsMismatch(nameOf('efficiency', 'en')), v.pageDiffers]);
    expect(verdict.passed).toEqual([
      v.digestOk,
      v.statisticsOk(nameOf('sustainability', 'en')),
      v.signatureOk(keyId),
    ]);
    const details = check.region.locator('li.fail details');
    await details.first().locator('summary').click();
    expect(await details.first().locator('code').allInnerTexts()).toContainEqual(
      expect.stringMatching(/^jury statistics: alpha published .*"value":"0\.500[01]"/),
    );
    await page.unroute(`**${manifestPath}`);

    await tamper(page, (manifest) => {
      const stated = manifest.categories.find((c) => c.code === 'sustainability')!.juryStatistics!;
      stated.fragile = !stated.fragile;
    });
    await page.goto(`/results/${world.edition.slug}?lang=en`);
    await check.button.click();
    const flag = await check.verdict();
    // The page, too, says what the genuine manifest states, not what this one does.
    expect(flag.failed).toEqual([
      v.digestMismatch,
      v.statisticsMismatch(nameOf('sustainability', 'en')),
      v.pageDiffers,
    ]);
    const pageDetail = check.region.locator('li.fail details').nth(2);
    await pageDetail.locator('summary').click();
    expect(await pageDetail.locator('code').allInnerTexts()).toContainEqual(
      expect.stringMatching(
        /^sustainability: the page shows the jury statistics as (fragile|robust), the manifest states (fragile|robust)$/,
      ),
    );
  });

  it('refuses a changed score whose SHA-256 was recomputed to match: the signature does not cover it', async () => {
    const { page } = b;
    const v = VERIFY_MESSAGES.en;
    await tamper(page, (manifest) => {
      efficiencyScore(manifest, 'Dry port at Khorgos', 2).scores.impact = 1;
      const content: Partial<ResultsManifest> = { ...manifest };
      delete content.sha256;
      delete content.signature;
      manifest.sha256 = sha256Hex(canonicalJson(content));
    });
    await page.goto(`/results/${world.edition.slug}?lang=en`);
    const check = verifier(page);
    await check.button.click();
    const verdict = await check.verdict();
    expect(verdict.outcome).toBe('refused');
    expect(verdict.failed).toEqual([
      v.rankingMismatch(nameOf('efficiency', 'en')),
      v.signatureInvalid(keyId),
      // The page shows the digest the platform published, not the forger's.
      v.pageDiffers,
    ]);
    expect(verdict.passed).toContain(v.digestOk);
  });

  it('refuses a wrong signature, and a signature by a key the platform does not publish', async () => {
    const { page } = b;
    const v = VERIFY_MESSAGES.de;
    let forge: (manifest: ResultsManifest) => void = (manifest) => {
      const value = manifest.signature!.value;
      manifest.signature!.value = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
    };
    await tamper(page, (manifest) => forge(manifest));
    await page.goto(`/results/${world.edition.slug}?lang=de`);
    const check = verifier(page);
    await check.button.click();
    let verdict = await check.verdict();
    expect(verdict.outcome).toBe('refused');
    expect(verdict.failed).toEqual([v.signatureInvalid(keyId)]);
    expect(verdict.passed).toEqual([
      v.digestOk,
      v.statisticsOk(nameOf('efficiency', 'de')),
      v.statisticsOk(nameOf('sustainability', 'de')),
      v.pageMatches,
    ]);

    forge = (manifest) => {
      manifest.signature!.keyId = 'ffffffffffffffff';
    };
    // Pressed again: the region says it is checking at once, then gives the new verdict.
    await check.button.click();
    verdict = await check.verdict();
    expect(verdict.failed).toEqual([v.unknownKey('ffffffffffffffff')]);
  });

  it('refuses a page that shows another winner than the genuine manifest it links to', async () => {
    const { page } = b;
    const v = VERIFY_MESSAGES.en;
    // The page as a rewriting proxy would serve it: the rail bridge and the dry port swapped everywhere.
    await page.route(`**/results/${world.edition.slug}?lang=en`, async (route: Route) => {
      const response = await route.fetch();
      const html = (await response.text())
        .replaceAll('Dry port at Khorgos', '\u0000')
        .replaceAll('Rail bridge over the Ili', 'Dry port at Khorgos')
        .replaceAll('\u0000', 'Rail bridge over the Ili');
      await route.fulfill({ response, body: html });
    });
    await page.goto(`/results/${world.edition.slug}?lang=en`);
    const check = verifier(page);
    await check.button.click();
    const verdict = await check.verdict();
    expect(verdict.outcome).toBe('refused');
    expect(verdict.failed).toEqual([v.pageDiffers]);
    expect(verdict.passed).toContain(v.signatureOk(keyId));
  });

  it('without JavaScript the page is whole and offers no button; the one script is ours, from /assets/', async () => {
    const context = await b.browser.newContext(contextOptions(b.app.origin, { javaScriptEnabled: false }));
    try {
      const page = await context.newPage();
      const watcher = new PageWatcher(page, b.app.origin);
      await page.goto(`/results/${world.edition.slug}?lang=en`);
      expect(await page.locator('section.category').count()).toBe(2);
      await expect(page.locator('#browser-check').isVisible()).resolves.toBe(false);
      expect(await page.getByRole('button').count()).toBe(0);
      const scripts = await page.locator('script').evaluateAll((nodes) =>
        nodes.map((node) => ({
          src: node.getAttribute('src'),
          type: node.getAttribute('type'),
          inline: node.textContent ?? '',
        })),
      );
      expect(scripts).toEqual([
        { src: expect.stringMatching(/^\/assets\/verify-[\w-]+\.js$/), type: 'module', inline: '' },
      ]);
      watcher.assertClean();
    } finally {
      await context.close();
    }
  });
});

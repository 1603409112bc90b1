import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { buildDemo, waitForQuietQueues } from '../../src/demo/build.js';
import {
  DEMO_COMPANIES,
  DEMO_DRAFT,
  DEMO_JURORS,
  DEMO_ORGANISER,
  DEMO_PASSWORD,
  EDITIONS,
} from '../../src/demo/data.js';
import { AppPage } from './pages/app-page.js';
import { NominationsPage } from './pages/nominations.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { type BrowserTest, useBrowser } from './support/browser.js';
import type { PageGlobals } from './support/page-globals.js';

/*
 * The "done when", in a browser: the demo (`npm run demo`, built here in-process on the test
 * server's database) lets a newcomer sign in as the demo entrant, see and edit nominations, switch to
 * Kazakh and open the published results; the demo juror scores. With SCREENSHOTS=1 it also photographs the
 * main pages for the README (docs/screenshots), in English; SCREENSHOTS=all adds ru, kk and de.
 */

const OUT = process.env.SCREENSHOTS_DIR
  ? `${process.env.SCREENSHOTS_DIR}/`
  : fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const SHOTS = process.env.SCREENSHOTS;
const LOCALES = SHOTS === 'all' ? (['en', 'ru', 'kk', 'de'] as const) : (['en'] as const);
const VIEWPORTS = [
  { name: 'phone', width: 360, height: 800 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

const ENTRANT = DEMO_COMPANIES[0]!.contact;
/** Judging this year with two drafts and the rest to do (build.ts `score`). */
const JUROR = DEMO_JURORS[3]!;

async function signIn(b: BrowserTest, email: string, path = '/'): Promise<AppPage> {
  await new SignInPage(b.page).open(path).then((s) => s.signIn(email, DEMO_PASSWORD));
  const page = new AppPage(b.page);
  await page.ready();
  return page;
}

/** The header's language switch (it also saves the choice on the account). */
async function switchTo(b: BrowserTest, locale: string): Promise<void> {
  await b.page.locator(`header button[lang="${locale}"]`).click();
  await new AppPage(b.page).expectHtmlLang(locale);
}

describe('The demo, as a newcomer opens it', () => {
  const b = useBrowser({ app: { RATE_LIMIT_ACCOUNT_POINTS: '1000' } });

  beforeAll(async () => {
    await buildDemo(b.app.t.app, () => undefined);
    await waitForQuietQueues(b.app.t.app);
  }, 300_000);

  it('signs in as the demo entrant, edits the draft, switches to Kazakh and opens the published results', async () => {
    const page = await signIn(b, ENTRANT.email, '/nominations');
    await switchTo(b, 'en');
    const nominations = new NominationsPage(b.page);
    await nominations.expectHeading('Your nominations');
    await nominations.rows.filter({ hasText: DEMO_DRAFT.title }).getByRole('link').first().click();
    await nominations.expectHeading(DEMO_DRAFT.title);

    const summary = nominations.field('summary');
    await summary.fill(`${DEMO_DRAFT.summary} Customers lost no reefer load.`);
    await nominations.waitSaved();
    await b.page.reload();
    await nominations.expectHeading(DEMO_DRAFT.title);
    expect(await nominations.field('summary').inputValue()).toContain('Customers lost no reefer load.');

    await switchTo(b, 'kk');
    await page.goto(`/results/${EDITIONS.lastYear.slug}`);
    await b.page.locator('h1', { hasText: EDITIONS.lastYear.name }).waitFor();
    await b.page.locator('table').first().waitFor();
  });

  it('signs in as a demo juror and scores the next nomination', async () => {
    await signIn(b, JUROR.email, '/jury');
    await switchTo(b, 'en');
    await b.page.getByRole('link', { name: /^Next to score/ }).click();
    const status = b.page.locator('[data-save-state]');
    await status.waitFor();
    for (const criterion of await b.page.locator('fieldset[data-criterion]').all())
      await criterion.locator('input[type="radio"]').nth(3).check();
    await b.page.locator('[data-save-state="saved"]').waitFor();
  });

  (SHOTS ? it : it.skip)(
    'photographs the main pages for the README (SCREENSHOTS=1)',
    async () => {
      mkdirSync(OUT, { recursive: true });
      const shoot = async (name: string, viewport: string, locale: string) => {
        await b.page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready);
        await b.page.screenshot({
          path: `${OUT}${name}-${viewport}-${locale}.png`,
          fullPage: true,
          animations: 'disabled',
        });
      };
      const visit = async (path: string, ready: () => Promise<unknown>) => {
        await new AppPage(b.page).goto(path);
        await ready();
      };
      const heading = () => b.page.locator('main h1').waitFor();

      for (const { name: viewport, width, height } of VIEWPORTS) {
        await b.page.setViewportSize({ width, height });
        for (const locale of LOCALES) {
          await b.page.context().clearCookies();
          await b.page.goto('/');
          await switchTo(b, locale);
          await visit('/', heading);
          await shoot('home', viewport, locale);
          await visit(`/results/${EDITIONS.lastYear.slug}?lang=${locale}`, heading);
          await shoot('results', viewport, locale);

          await signIn(b, ENTRANT.email, '/nominations');
          await switchTo(b, locale);
          await visit('/nominations', () => new NominationsPage(b.page).rows.first().waitFor());
          await shoot('nominations', viewport, locale);
          await new NominationsPage(b.page).rows
            .filter({ hasText: DEMO_DRAFT.title })
            .getByRole('link')
            .first()
            .click();
          await new NominationsPage(b.page).guide.waitFor();
          await shoot('nomination-draft', viewport, locale);
          await visit('/companies', heading);
          await b.page.locator('main a[href^="/companies/"]').first().click();
          await b.page.locator('main h2').first().waitFor();
          await shoot('company', viewport, locale);
          await visit('/account', heading);
          await shoot('account', viewport, locale);
          await new AppPage(b.page).signOut();

          await signIn(b, JUROR.email, '/jury');
          await switchTo(b, locale);
          await visit('/jury', () => b.page.locator('main progress').first().waitFor());
          await shoot('worklist', viewport, locale);
          await b.page.locator('main a[href^="/jury/rounds/"]').first().click();
          await b.page.locator('[data-save-state]').waitFor();
          await shoot('scorecard', viewport, locale);
          await new AppPage(b.page).signOut();

          await signIn(b, DEMO_ORGANISER.email, '/organiser');
          await switchTo(b, locale);
          const editionLink = (name: string) => b.page.getByRole('link', { name, exact: true }).first();
          await visit('/organiser', () => editionLink(EDITIONS.thisYear.name).waitFor());
          await shoot('console-editions', viewport, locale);
          await editionLink(EDITIONS.thisYear.name).click();
          await b.page.locator('main h1').waitFor();
          await shoot('console-edition', viewport, locale);
          await b.page.locator('nav.console-nav--edition a[href$="/jury"]').click();
          await b.page.locator('main table').first().waitFor();
          await shoot('console-jury', viewport, locale);
          await visit('/organiser', () => editionLink(EDITIONS.lastYear.name).waitFor());
          await editionLink(EDITIONS.lastYear.name).click();
          await b.page.locator('nav.console-nav--edition a[href$="/results"]').click();
          await b.page.locator('main table').first().waitFor();
          await shoot('console-results', viewport, locale);
          await new AppPage(b.page).signOut();
        }
      }
    },
    20 * 60_000,
  );
});

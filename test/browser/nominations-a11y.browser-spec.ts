import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser, login, type TestUser } from '../support/factories.js';
import { createCompany, createNomination } from '../support/nominations.js';
import { NominationsPage } from './pages/nominations.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { type BrowserApp, startBrowserApp } from './support/app-server.js';
import { expectNoAxeViolations } from './support/axe.js';
import {
  BROWSER_TEST_TIMEOUT_MS,
  contextOptions,
  launchChromium,
  type LaunchedBrowser,
  PageWatcher,
} from './support/browser.js';
import { messageProblems } from './support/messages.js';
import { editionTakingNominations, SMALL_PDF } from './support/nominations-world.js';

const LOCALES = ['en', 'ru', 'kk', 'de'] as const;
const API = '/api/v1';
/** Set SCREENSHOTS=/some/dir to keep a picture of every screen at a phone's and a desktop's width. */
const SCREENSHOTS = process.env.SCREENSHOTS;

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS * 2);

let app: BrowserApp;
let launched: LaunchedBrowser;
let editionId: string;
const english = new Map<string, string>();

beforeAll(async () => {
  [app, launched] = await Promise.all([startBrowserApp(), launchChromium()]);
  editionId = (await editionTakingNominations(app.t, { name: 'Magistral Awards 2027' })).id;
});
afterAll(async () => {
  await launched?.close();
  await app?.close();
});

/** An entrant whose company has a draft with an attachment and a submitted nomination reviewed as ineligible. */
async function entrantWithNominations(locale: string) {
  const user = await createUser(app.t, { roles: ['entrant'], locale, fullName: 'Dana Axe' });
  const company = await createCompany(app.t, user.id, { name: 'Caspian Rail Cargo' });
  const categories = (
    await app.t
      .http()
      .get(`${API}/editions/${editionId}/categories`)
      .set(await authOf(user))
      .expect(200)
  ).body as { id: string; code: string; questions: { code: string }[] }[];
  const efficiency = categories.find((c) => c.code === 'efficiency')!;
  const draft = await createNomination(app.t, {
    editionId,
    categoryId: efficiency.id,
    companyId: company.id,
    createdBy: user.id,
    title: 'Khorgos dry port: 40% faster gauge change',
    summary: 'A new transfer yard cut the time containers wait between gauges from 52 to 31 hours.',
    answers: { [efficiency.questions[0]!.code]: 'In 2024 a container waited 52 hours on average.' },
  });
  await app.t
    .http()
    .post(`${API}/nominations/${draft}/attachments`)
    .set(await authOf(user))
    .attach('file', SMALL_PDF, { filename: 'transfer-times-2025.pdf', contentType: 'application/pdf' })
    .expect(201);
  const submitted = await createNomination(app.t, {
    editionId,
    categoryId: categories.find((c) => c.code === 'sustainability')!.id,
    companyId: company.id,
    createdBy: user.id,
    status: 'submitted',
    title: 'Electric terminal tractors at Aktau port',
  });
  await app.t.db.query(
    `UPDATE nominations SET status = 'ineligible', ineligibility_reason = $2, eligibility_decided_at = now() WHERE id = $1`,
    [submitted, 'The project started after the cut-off date.'],
  );
  return { user, draft, submitted };
}

async function authOf(user: TestUser) {
  return { Authorization: `Bearer ${(await login(app.t, user.email)).token}` };
}

describe.each(LOCALES)('Nominations: accessibility and messages in %s', (locale) => {
  let context: BrowserContext;
  let page: Page;
  let watcher: PageWatcher;
  let world: Awaited<ReturnType<typeof entrantWithNominations>>;

  beforeAll(async () => {
    context = await launched.browser.newContext(contextOptions(app.origin, { locale }));
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    watcher = new PageWatcher(page, app.origin);
    world = await entrantWithNominations(locale);
    await new SignInPage(page)
      .open('/nominations')
      .then((s) => s.signIn(world.user.email, world.user.password));
    watcher.assertClean();
  });
  afterAll(() => context?.close());

  async function check(name: string, prepare: (n: NominationsPage) => Promise<void>): Promise<void> {
    const n = new NominationsPage(page);
    await prepare(n);
    await n.expectHtmlLang(locale);
    // Every rule once per screen (in English, the first locale); the rules that read its words in each.
    await expectNoAxeViolations(page, `${name} (${locale})`, { rules: locale === 'en' ? 'all' : 'locale' });
    expect(await messageProblems(page)).toEqual([]);
    const text = await n.main.innerText();
    if (locale === 'en') english.set(name, text);
    else expect(text).not.toBe(english.get(name));
    if (SCREENSHOTS)
      for (const width of [360, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({
          path: `${SCREENSHOTS}/nominations-${name}-${locale}-${width}.png`,
          fullPage: true,
        });
        // A phone's long page, also in screens of its own, to look at closely.
        const height = await page.evaluate('document.documentElement.scrollHeight');
        for (let y = 0, part = 1; width === 360 && y < Number(height); y += 900, part++)
          await page.screenshot({
            path: `${SCREENSHOTS}/nominations-${name}-${locale}-${width}-part${part}.png`,
            fullPage: true,
            clip: { x: 0, y, width, height: Math.min(900, Number(height) - y) },
          });
      }
    await page.setViewportSize({ width: 1280, height: 900 });
    watcher.assertClean();
  }

  it('the list', () =>
    check('list', async (n) => {
      await n.openList();
      await n.rows.nth(1).waitFor();
    }));

  it('starting a nomination, with a category chosen', () =>
    check('new', async (n) => {
      await n.openNew();
      await n.field('editionId').selectOption(editionId);
      await n.category('efficiency').check();
      await n.guide.waitFor();
    }));

  it('a draft, with its guide, attachments and autosave', () =>
    check('draft', async (n) => {
      await n.open(world.draft);
      await n.attachmentRows.first().waitFor();
      await n.field('summary').fill('A new transfer yard cut waiting between gauges from 52 to 31 hours.');
      await n.waitSaved();
    }));

  it('a reviewed nomination: read only, with its history', () =>
    check('submitted', async (n) => {
      await n.open(world.submitted);
      await n.history.nth(1).waitFor();
      await n.readOnlyNote.waitFor();
    }));
});

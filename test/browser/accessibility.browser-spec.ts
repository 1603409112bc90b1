import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser } from '../support/factories.js';
import { AppPage } from './pages/app-page.js';
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

const LOCALES = ['en', 'ru', 'kk', 'de'] as const;
/** A token of the right shape that was never issued: the page shows its form or its refusal. */
const UNKNOWN_TOKEN = 'x'.repeat(43);

/** Every screen a signed-out visitor can open. */
const SIGNED_OUT = [
  '/',
  '/sign-in',
  '/register',
  '/forgot-password',
  `/reset-password?token=${UNKNOWN_TOKEN}`,
  '/reset-password',
  '/verify-email',
  '/verify-email/resend',
  '/sign-out',
  '/no-such-page',
];
/** Every screen of a signed-in entrant, juror and organiser (the placeholders included). */
const SIGNED_IN = [
  '/',
  '/account',
  '/companies',
  '/nominations',
  '/jury/assignments',
  '/organiser',
  '/no-such-page',
];

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

let app: BrowserApp;
let launched: LaunchedBrowser;
/** The English text of each screen, to see that the other locales really translate it. */
const english = new Map<string, string>();

beforeAll(async () => {
  [app, launched] = await Promise.all([startBrowserApp(), launchChromium()]);
});
afterAll(async () => {
  await launched?.close();
  await app?.close();
});

describe.each(LOCALES)('Accessibility and messages in %s', (locale) => {
  let context: BrowserContext;
  let page: Page;
  let watcher: PageWatcher;

  // One context per locale, visiting many pages: a browser whose language is the locale.
  beforeAll(async () => {
    context = await launched.browser.newContext(contextOptions(app.origin, { locale }));
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    watcher = new PageWatcher(page, app.origin);
  });
  afterAll(() => context?.close());

  async function check(path: string, state: string): Promise<void> {
    const screen = new AppPage(page);
    await screen.goto(path);
    await screen.expectHtmlLang(locale);
    // Every rule once per screen (in English, the first locale); the rules that read its words in each.
    await expectNoAxeViolations(page, `${path} (${locale}, ${state})`, {
      rules: locale === 'en' ? 'all' : 'locale',
    });
    expect(await messageProblems(page)).toEqual([]);
    const text = await screen.main.innerText();
    const key = `${state} ${path}`;
    if (locale === 'en') english.set(key, text);
    else if (english.has(key)) expect(text).not.toBe(english.get(key));
    watcher.assertClean();
  }

  it.each(SIGNED_OUT)(`signed out: %s`, (path) => check(path, 'signed out'));

  it('signs in', async () => {
    const user = await createUser(app.t, {
      roles: ['entrant', 'juror', 'organiser'],
      locale,
      fullName: 'Dana Axe',
    });
    const signIn = await new SignInPage(page).open();
    await signIn.signIn(user.email, user.password);
    watcher.assertClean();
  });

  it.each(SIGNED_IN)(`signed in: %s`, (path) => check(path, 'signed in'));
});

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from '@jest/globals';
import { createUser } from '../support/factories.js';
import { AppPage } from './pages/app-page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { useBrowser } from './support/browser.js';
import type { PageGlobals } from './support/page-globals.js';

/** Where the README's screenshots live; written only by `npm run screenshots` (SCREENSHOTS=1). */
const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const enabled = process.env.SCREENSHOTS === '1';

const VIEWPORTS = [
  { name: 'phone', width: 360, height: 800 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

const SIGNED_OUT = [
  { name: 'home', path: '/' },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'register', path: '/register' },
  { name: 'forgot-password', path: '/forgot-password' },
  { name: 'not-found', path: '/no-such-page' },
];
const SIGNED_IN = [
  { name: 'home-signed-in', path: '/' },
  { name: 'account', path: '/account' },
];

(enabled ? describe : describe.skip)('Screenshots of the main pages (SCREENSHOTS=1)', () => {
  const b = useBrowser();

  async function shoot(name: string, path: string, locale = 'en'): Promise<void> {
    const screen = new AppPage(b.page);
    await screen.goto(path);
    await screen.expectHtmlLang(locale);
    await b.page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready);
    await b.page.screenshot({ path: `${OUT}${name}.png`, fullPage: true, animations: 'disabled' });
  }

  it.each(VIEWPORTS)('$name: $width×$height', async ({ name: viewport, width, height }) => {
    mkdirSync(OUT, { recursive: true });
    await b.page.setViewportSize({ width, height });
    for (const { name, path } of SIGNED_OUT) await shoot(`${name}-${viewport}-en`, path);
    const user = await createUser(b.app.t, { fullName: 'Aigerim Nurlanovna', locale: 'en' });
    await new SignInPage(b.page).open().then((signIn) => signIn.signIn(user.email, user.password));
    for (const { name, path } of SIGNED_IN) await shoot(`${name}-${viewport}-en`, path);
  });

  it.each(VIEWPORTS)('home in Kazakh, $name', async ({ name: viewport, width, height }) => {
    mkdirSync(OUT, { recursive: true });
    await b.page.setViewportSize({ width, height });
    await b.page.addInitScript(() =>
      (globalThis as unknown as PageGlobals).localStorage.setItem('magistral.locale', 'kk'),
    );
    await shoot(`home-${viewport}-kk`, '/', 'kk');
  });
});

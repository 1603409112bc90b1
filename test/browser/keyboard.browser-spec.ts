import { describe, expect, it } from '@jest/globals';
import { AppPage } from './pages/app-page.js';
import { newAccount } from './support/accounts.js';
import { useBrowser } from './support/browser.js';
import { focused, tabTo } from './support/keyboard.js';
import type { PageGlobals } from './support/page-globals.js';

describe('The account journey with the keyboard alone', () => {
  const b = useBrowser();

  it('registers (after a refused attempt), confirms the address, signs out and signs in without a mouse', async () => {
    const { page } = b;
    const account = newAccount('keyboard');
    const app = new AppPage(page);
    await app.goto('/');

    // The skip link comes first and takes focus to the content.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Skip to content', visible: true });

    // From the home page to the registration form: the hero's link, activated with Enter.
    await tabTo(page, 'main a[href="/register"]');
    await page.keyboard.press('Enter');
    await app.expectHeading('Create an account');

    await tabTo(page, '#field-fullName');
    await page.keyboard.type(account.fullName);
    await page.keyboard.press('Tab');
    await page.keyboard.type(account.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('short');
    expect(await focused(page)).toMatchObject({ id: 'field-password' });

    // A refused submission puts focus on the error summary, whose link leads back to the field.
    b.expectFailure({ method: 'POST', path: '/api/v1/auth/register', status: 400 });
    await page.keyboard.press('Enter');
    await app.errorSummary.waitFor();
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document.activeElement?.classList.contains('error-summary') ??
        false,
    );
    expect(await page.locator('#field-password').getAttribute('aria-invalid')).toBe('true');
    await tabTo(page, '.error-summary a[href="#field-password"]', { limit: 3 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).document.activeElement?.id === 'field-password',
    );
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(account.password);
    await page.keyboard.press('Enter');
    await app.signOutButton.waitFor();
    await app.expectHeading(`Welcome, ${account.fullName}`);

    // The mailed link, opened as a user opens it from the mail; then Continue with the keyboard.
    await page.goto(await b.app.mailedLink(account.email, '/verify-email'));
    await page.getByRole('status').filter({ hasText: 'Your e-mail address is confirmed.' }).waitFor();
    await tabTo(page, 'main a.button');
    await page.keyboard.press('Enter');
    await app.expectHeading(`Welcome, ${account.fullName}`);

    // Sign out with Space on the navigation's button (Shift+Tab goes back to it from the content).
    await tabTo(page, 'main a[href="/account"]');
    await tabTo(page, '.site-nav button', { backwards: true });
    await page.keyboard.press('Space');
    await page.waitForURL('**/sign-out');
    await app.expectHeading('Signed out');

    await tabTo(page, 'main a[href="/sign-in"]');
    await page.keyboard.press('Enter');
    await app.expectHeading('Sign in');
    await tabTo(page, '#field-email');
    await page.keyboard.type(account.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(account.password);
    await page.keyboard.press('Enter');
    await app.signOutButton.waitFor();
    await app.expectHeading(`Welcome, ${account.fullName}`);
  });
});

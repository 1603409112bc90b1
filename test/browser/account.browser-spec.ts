import { describe, expect, it } from '@jest/globals';
import { AppPage } from './pages/app-page.js';
import { ProfilePage } from './pages/profile.page.js';
import { RegisterPage } from './pages/register.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { newAccount } from './support/accounts.js';
import { useBrowser } from './support/browser.js';

const API = '/api/v1';
const INVALID_LINK = 'This link is invalid, has expired or was already used.';

describe('Account screens in the browser', () => {
  const b = useBrowser();

  it('registers, confirms the address from the mailed link, signs out and in, and keeps Kazakh after a reload', async () => {
    const account = newAccount();
    await new RegisterPage(b.page).open().then((register) => register.register(account));
    const home = new AppPage(b.page);
    await home.expectHeading(`Welcome, ${account.fullName}`);

    await b.page.goto(await b.app.mailedLink(account.email, '/verify-email'));
    await home.expectHeading('Confirm your e-mail address');
    await b.page.getByRole('status').filter({ hasText: 'Your e-mail address is confirmed.' }).waitFor();
    await b.page.getByRole('link', { name: 'Continue' }).click();
    await home.expectHeading(`Welcome, ${account.fullName}`);
    // Verified now: the reminder to confirm the address is gone.
    expect(await b.page.getByText('Confirm your e-mail address to continue').count()).toBe(0);

    await home.signOut();
    await home.expectHeading('Signed out');
    expect(await b.page.getByRole('link', { name: 'Sign in', exact: true }).count()).toBeGreaterThan(0);

    const signIn = await new SignInPage(b.page).open('/account');
    await signIn.signIn(account.email, account.password);
    expect(new URL(b.page.url()).pathname).toBe('/account');

    const profile = new ProfilePage(b.page);
    await profile.open();
    await profile.saveLanguage('kk');
    await profile.expectHtmlLang('kk');
    await profile.profileSaved.waitFor();

    await b.page.reload();
    await profile.ready();
    await profile.field('locale').waitFor();
    await profile.expectHtmlLang('kk');
    expect(await profile.selectedLocale()).toBe('kk');
    expect(await b.page.locator('main h1').textContent()).not.toBe('Your account');
  });

  it('a session refresh answered before the address was verified leaves no unverified token behind', async () => {
    const account = newAccount();
    await new RegisterPage(b.page).open().then((register) => register.register(account));
    const home = new AppPage(b.page);
    await home.expectHeading(`Welcome, ${account.fullName}`);
    const link = await b.app.mailedLink(account.email, '/verify-email');
    // The page's own refresh at load reaches the server at once, so its token says "unverified"; its answer
    // is held until the verification has been answered (at most 5 s, should it never be sent).
    let verified: () => void = () => undefined;
    const verification = new Promise<void>((resolve) => {
      verified = resolve;
      setTimeout(resolve, 5_000);
    });
    b.page.on('requestfinished', (request) => {
      if (new URL(request.url()).pathname === `${API}/auth/verify-email`) verified();
    });
    let refreshes = 0;
    await b.page.route(`**${API}/auth/refresh`, async (route) => {
      if (refreshes++ > 0) return route.continue();
      const response = await route.fetch();
      await verification;
      await route.fulfill({ response });
    });
    await b.page.goto(link);
    await b.page.getByRole('status').filter({ hasText: 'Your e-mail address is confirmed.' }).waitFor();
    await b.page.getByRole('link', { name: 'Continue' }).click();
    await home.expectHeading(`Welcome, ${account.fullName}`);
    expect(refreshes).toBe(2);

    // Verified: creating a company works at once (an unverified token would meet 403 auth.email_unverified).
    await home.main.locator('a[href="/companies"]').first().click();
    await home.expectHeading('Your companies');
    await home.field('name').fill('Steppe Freight LLP');
    await home.field('country').selectOption('KZ');
    await home.field('registrationNumber').fill(`19085${Date.now() % 10_000_000}`);
    await home.main.getByRole('button', { name: 'Create the company' }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: 'The company Steppe Freight LLP is created.' })
      .waitFor();
  });

  it('resets a forgotten password through the mailed link and signs in with the new one', async () => {
    const account = newAccount('forgot');
    await b.app.t
      .http()
      .post(`${API}/auth/register`)
      .send({ ...account, locale: 'en' })
      .expect(201);

    const page = new AppPage(b.page);
    await page.goto('/sign-in');
    await b.page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.expectHeading('Reset your password');
    await page.field('email').fill(account.email);
    await page.submit.click();
    await b.page.getByRole('status').filter({ hasText: account.email }).waitFor();

    const link = await b.app.mailedLink(account.email, '/reset-password', 2);
    await b.page.goto(link);
    await page.expectHeading('Choose a new password');
    const newPassword = `${account.password}-renewed`;
    await page.field('password').fill(newPassword);
    await page.submit.click();
    await b.page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();

    // The old password no longer opens the account; the new one does.
    b.expectFailure({ method: 'POST', path: `${API}/auth/login`, status: 401 });
    const signIn = await new SignInPage(b.page).open();
    await signIn.fill(account.email, account.password);
    await signIn.submit.click();
    await signIn.errorSummary.waitFor();
    expect(await signIn.errorSummary.textContent()).toContain('The e-mail address or the password is wrong.');
    await signIn.field('password').fill(newPassword);
    await signIn.submit.click();
    await signIn.signOutButton.waitFor();
    await signIn.expectHeading(`Welcome, ${account.fullName}`);
  });

  it('says clearly that a spent or garbage link does not work', async () => {
    const account = newAccount('spent');
    await b.app.t
      .http()
      .post(`${API}/auth/register`)
      .send({ ...account, locale: 'en' })
      .expect(201);
    const spent = await b.app.mailedLink(account.email, '/verify-email');
    const token = new URL(spent).searchParams.get('token');
    await b.app.t.http().post(`${API}/auth/verify-email`).send({ token }).expect(204);

    const page = new AppPage(b.page);
    b.expectFailure({ method: 'POST', path: `${API}/auth/verify-email`, status: 400 });
    await b.page.goto(spent);
    await page.errorSummary.waitFor();
    expect(await page.errorSummary.textContent()).toContain(INVALID_LINK);
    await b.page.getByRole('link', { name: 'Send a new link' }).waitFor();

    // A token of the right shape that was never issued (the shape a mangled link keeps).
    b.expectFailure({ method: 'POST', path: `${API}/auth/password-reset/confirm`, status: 400 });
    await page.goto(`/reset-password?token=${'x'.repeat(43)}`);
    await page.field('password').fill('Caspian-Freight-Corridor-2026');
    await page.submit.click();
    await page.errorSummary.waitFor();
    expect(await page.errorSummary.textContent()).toContain(INVALID_LINK);
    await b.page.getByRole('link', { name: 'Reset your password' }).waitFor();

    // A link cut short by a mail client: its token fails validation, and the page says the same.
    await page.goto(`/verify-email?token=${token?.slice(0, 10) ?? 'short'}`);
    await page.errorSummary.waitFor();
    expect(await page.errorSummary.textContent()).toContain(INVALID_LINK);
    expect(await page.errorSummary.textContent()).not.toContain('token');

    await page.goto('/reset-password');
    expect(await page.main.textContent()).toContain('This page needs the link from the mail.');
  });
});

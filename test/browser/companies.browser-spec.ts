import { describe, expect, it } from '@jest/globals';
import { AppPage } from './pages/app-page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { newAccount } from './support/accounts.js';
import { expectNoAxeViolations } from './support/axe.js';
import { type BrowserTest, useBrowser } from './support/browser.js';

const API = '/api/v1';

/** An entrant registered and verified through the API, so the test starts at the companies screen. */
async function verifiedEntrant(b: BrowserTest, prefix: string) {
  const account = newAccount(prefix);
  await b.app.t
    .http()
    .post(`${API}/auth/register`)
    .send({ ...account, locale: 'en' })
    .expect(201);
  const token = new URL(await b.app.mailedLink(account.email, '/verify-email')).searchParams.get('token');
  await b.app.t.http().post(`${API}/auth/verify-email`).send({ token }).expect(204);
  return account;
}

describe('The entrant’s companies in the browser', () => {
  const b = useBrowser();

  it('creates a company, invites a colleague, and a second entrant meets the 404 page at its address', async () => {
    const owner = await verifiedEntrant(b, 'company-owner');
    const stranger = await verifiedEntrant(b, 'company-stranger');
    const page = new AppPage(b.page);

    await new SignInPage(b.page).open('/companies').then((s) => s.signIn(owner.email, owner.password));
    await page.expectHeading('Your companies');
    await b.page.getByText('You do not belong to any company yet.').waitFor();

    // An empty form: the server's refusal is listed and shown beside the fields.
    b.expectFailure({ method: 'POST', path: `${API}/companies`, status: 400 });
    await b.page.getByRole('button', { name: 'Create the company' }).click();
    await page.errorSummary.waitFor();
    expect(await page.field('name').getAttribute('aria-invalid')).toBe('true');

    await page.field('name').fill('Steppe Freight LLP');
    await page.field('country').selectOption('KZ');
    await page.field('registrationNumber').fill(`19084${Date.now() % 10_000_000}`);
    await b.page.getByRole('button', { name: 'Create the company' }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: 'The company Steppe Freight LLP is created.' })
      .waitFor();
    const row = b.page.locator('table tbody tr').filter({ hasText: 'Steppe Freight LLP' });
    expect(await row.textContent()).toContain('Kazakhstan');
    expect(await row.textContent()).toContain('Owner');
    await expectNoAxeViolations(b.page, '/companies');

    await row.getByRole('link', { name: 'Steppe Freight LLP' }).click();
    await page.expectHeading('Steppe Freight LLP');
    const companyPath = new URL(b.page.url()).pathname;

    const invitee = newAccount('company-invitee');
    await page.field('email').fill(invitee.email);
    await b.page.getByRole('button', { name: 'Send the invitation' }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: 'If the address can be invited, an invitation has been sent.' })
      .waitFor();
    await b.page.locator('table tbody th').filter({ hasText: invitee.email }).waitFor();
    expect(await b.app.mailedLink(invitee.email, '/companies/invitations/accept')).toContain('token=');
    await expectNoAxeViolations(b.page, companyPath);

    // The other entrant cannot tell the company exists.
    await page.signOut();
    b.expectFailure({ method: 'GET', path: `${API}${companyPath}`, status: 404 });
    await new SignInPage(b.page).open(companyPath).then((s) => s.signIn(stranger.email, stranger.password));
    await page.expectHeading('Page not found');
    expect(await b.page.getByText('Steppe Freight LLP').count()).toBe(0);
  });
});

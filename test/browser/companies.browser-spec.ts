import { describe, expect, it } from '@jest/globals';
import { AppPage } from './pages/app-page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { createUser } from '../support/factories.js';
import { createCompany } from '../support/nominations.js';
import { newAccount } from './support/accounts.js';
import { expectNoAxeViolations } from './support/axe.js';
import { type BrowserTest, useBrowser } from './support/browser.js';

const API = '/api/v1';

/** An entrant registered and verified through the API, so the test starts at the companies screen. */
async function verifiedEntrant(b: BrowserTest, prefix: string, locale: 'en' | 'ru' = 'en') {
  const account = newAccount(prefix);
  await b.app.t
    .http()
    .post(`${API}/auth/register`)
    .send({ ...account, locale })
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

  it('lists when each pending invitation expires; the owner resends one (after the cool-down) and revokes another', async () => {
    const owner = await verifiedEntrant(b, 'invitations-owner');
    const page = new AppPage(b.page);
    const db = b.app.t.db;
    const [user] = await db.query<{ id: string }[]>(`SELECT id FROM users WHERE email = $1`, [owner.email]);
    const colleague = await createUser(b.app.t, { fullName: 'Dana Colleague' });
    const company = await createCompany(b.app.t, user!.id, {
      name: 'Caravan Logistics',
      members: [colleague.id],
    });
    const [kept, dropped] = [newAccount('invited-kept').email, newAccount('invited-dropped').email];

    await new SignInPage(b.page)
      .open(`/companies/${company.id}`)
      .then((s) => s.signIn(owner.email, owner.password));
    await page.expectHeading('Caravan Logistics');
    for (const email of [kept, dropped]) {
      await page.field('email').fill(email);
      await b.page.getByRole('button', { name: 'Send the invitation', exact: true }).click();
      await b.page.locator('table tbody th').filter({ hasText: email }).waitFor();
    }
    const row = b.page.locator('table tbody tr').filter({ hasText: kept });
    // The expiry, in the user's time zone with the zone named.
    expect(await row.locator('td[data-label="Expires"]').textContent()).toMatch(/\d/);

    // Just mailed: the resend is refused, with how long to wait.
    b.expectFailure({
      method: 'POST',
      path: new RegExp(`/api/v1/companies/${company.id}/invitations/[0-9a-f-]+/resend$`),
      status: 429,
    });
    await b.page.getByRole('button', { name: `Resend the invitation to ${kept}` }).click();
    await page.errorSummary.filter({ hasText: 'This invitation was sent only a short while ago.' }).waitFor();
    expect(await page.errorSummary.textContent()).toMatch(/Try again in \d+ seconds/);

    // Ten minutes later (moved back in the database), it goes out with a new link.
    await db.query(
      `UPDATE company_invitations SET last_sent_at = last_sent_at - interval '11 minutes' WHERE email = $1`,
      [kept],
    );
    await b.page.getByRole('button', { name: `Resend the invitation to ${kept}` }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: `A new invitation was sent to ${kept}.` })
      .waitFor();
    expect(await b.app.mailedLink(kept, '/companies/invitations/accept', 2)).toContain('token=');

    // Revoking asks first; cancelling keeps it.
    await b.page.getByRole('button', { name: `Revoke the invitation to ${dropped}` }).click();
    const dialog = b.page.getByRole('dialog', { name: `Revoke the invitation to ${dropped}?` });
    await dialog.waitFor();
    await expectNoAxeViolations(b.page, 'revoke dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await b.page.locator('table tbody th').filter({ hasText: dropped }).count()).toBe(1);

    await b.page.getByRole('button', { name: `Revoke the invitation to ${dropped}` }).click();
    await dialog.getByRole('button', { name: 'Yes, revoke' }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: `The invitation to ${dropped} was revoked.` })
      .waitFor();
    await b.page.locator('table tbody th').filter({ hasText: dropped }).waitFor({ state: 'detached' });
    expect(
      await db.query(`SELECT 1 FROM company_invitations WHERE email = $1 AND revoked_at IS NOT NULL`, [
        dropped,
      ]),
    ).toHaveLength(1);
    await expectNoAxeViolations(b.page, `/companies/${company.id}`);

    // The same confirmation removes a member.
    await b.page.getByRole('button', { name: 'Remove Dana Colleague' }).click();
    await b.page
      .getByRole('dialog', { name: 'Remove Dana Colleague?' })
      .getByRole('button', { name: 'Yes, remove' })
      .click();
    await b.page
      .getByRole('status')
      .filter({ hasText: 'Dana Colleague was removed from the company.' })
      .waitFor();
    await b.page
      .locator('table tbody th')
      .filter({ hasText: 'Dana Colleague' })
      .waitFor({ state: 'detached' });
  });

  it('says beside a field, in Russian, the rule the server refused it by, with the field’s own limit', async () => {
    const owner = await verifiedEntrant(b, 'company-ru', 'ru');
    const page = new AppPage(b.page);
    await new SignInPage(b.page).open('/companies').then((s) => s.signIn(owner.email, owner.password));
    await page.expectHtmlLang('ru');
    await page.expectHeading('Ваши компании');

    // An older browser, or one that ignores maxlength: the server is the one that refuses.
    const name = page.field('name');
    await name.evaluate((input) => input.removeAttribute('maxlength'));
    await name.fill('Ш'.repeat(201));
    await page.field('country').selectOption('KZ');
    await page.field('registrationNumber').fill('KZ-RU-1');
    await page.field('website').evaluate((input) => input.setAttribute('type', 'text'));
    await page.field('website').fill('steppe-freight');
    b.expectFailure({ method: 'POST', path: `${API}/companies`, status: 400 });
    await b.page.getByRole('button', { name: 'Создать компанию' }).click();
    await page.errorSummary.waitFor();

    const errorOf = (field: string) => b.page.locator(`#field-${field}-error`);
    expect(await errorOf('name').textContent()).toBe('Не более 200 символов.');
    expect(await errorOf('website').textContent()).toBe(
      'Введите полный адрес сайта, например https://example.com.',
    );
    expect(await name.getAttribute('aria-describedby')).toContain('field-name-error');
    // The summary says the same, linking to the field.
    expect(await page.errorSummary.getByRole('link', { name: /Не более 200 символов\./ }).count()).toBe(1);
    await expectNoAxeViolations(b.page, '/companies (ru, refused)');
  });
});

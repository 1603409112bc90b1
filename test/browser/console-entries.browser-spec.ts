import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/factories.js';
import { createCompany, createNomination } from '../support/nominations.js';
import { AppPage } from './pages/app-page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { expectNoAxeViolations } from './support/axe.js';
import { type BrowserTest, useBrowser } from './support/browser.js';
import { addImage } from './support/juror-world.js';
import { messageProblems } from './support/messages.js';
import type { PageGlobals } from './support/page-globals.js';
import { editionTakingNominations } from './support/nominations-world.js';

interface World {
  organiser: TestUser;
  entrant: TestUser;
  juror: TestUser;
  editionId: string;
  ids: Record<'rail' | 'cold' | 'khorgos' | 'digital', string>;
}

let built: Promise<World> | undefined;

/**
 * One edition in eligibility review, set up through the factories: a company's four submitted nominations
 * (one with a photo attached) in two categories and a draft; an organiser, the entrant, a juror.
 */
function world(b: BrowserTest): Promise<World> {
  built ??= (async () => {
    const { t } = b.app;
    const organiser = await createUser(t, { roles: ['organiser'], fullName: 'Aigerim Organiser' });
    const entrant = await createUser(t, { fullName: 'Dana Entrant' });
    const juror = await createUser(t, { roles: ['juror'], fullName: 'Yerlan Juror' });
    const edition = await editionTakingNominations(t, { name: 'Magistral Awards Console' });
    await t.db.query(`UPDATE editions SET phase = 'eligibility' WHERE id = $1`, [edition.id]);
    const company = await createCompany(t, entrant.id, { name: 'Steppe Freight LLP' });
    // Registered on the platform, but without a nomination in this edition.
    await createCompany(t, entrant.id, { name: 'Steppe Idle Transport' });
    const [efficiency, sustainability] = ['efficiency', 'sustainability'].map(
      (code) => edition.categories.find((c) => c.code === code)!.id,
    );
    const base = {
      editionId: edition.id,
      companyId: company.id,
      createdBy: entrant.id,
      status: 'submitted' as const,
    };
    const ids = {
      rail: await createNomination(t, { ...base, categoryId: efficiency!, title: 'Rail instead of road' }),
      cold: await createNomination(t, { ...base, categoryId: efficiency!, title: 'Cold chain Almaty' }),
      khorgos: await createNomination(t, { ...base, categoryId: efficiency!, title: 'Dry port Khorgos' }),
      digital: await createNomination(t, {
        ...base,
        categoryId: sustainability!,
        title: 'Electric yard tractors',
      }),
    };
    await createNomination(t, { ...base, categoryId: efficiency!, status: 'draft', title: 'Unsent draft' });
    await t.db.query(`UPDATE nominations SET metrics = $2::jsonb WHERE id = $1`, [
      ids.rail,
      JSON.stringify([{ name: 'CO₂ avoided', value: 12500.5, unit: 't/year' }]),
    ]);
    await addImage(t, ids.rail, entrant.id, 'terminal-photo.png');
    return { organiser, entrant, juror, editionId: edition.id, ids };
  })();
  return built;
}

async function signInAt(b: BrowserTest, user: TestUser, path: string): Promise<AppPage> {
  await new SignInPage(b.page).open(path).then((s) => s.signIn(user.email, user.password));
  return new AppPage(b.page);
}

/** Waits until the list shows exactly `count` rows (the previous page stays shown while the next loads). */
const rowsShown = (b: BrowserTest, count: number) =>
  b.page.waitForFunction(
    (n) => (globalThis as unknown as PageGlobals).document.querySelectorAll('main tbody tr').length === n,
    count,
  );

const statusOf = async (b: BrowserTest, id: string) =>
  (await b.app.t.db.query<{ status: string }[]>(`SELECT status FROM nominations WHERE id = $1`, [id]))[0]!
    .status;

describe('The organiser’s console: companies, nominations and people', () => {
  const b = useBrowser();

  it('finds nominations, refuses a bulk "not eligible" without a reason, records it with one, downloads the CSV', async () => {
    const w = await world(b);
    const list = `/organiser/editions/${w.editionId}/nominations`;
    const page = await signInAt(b, w.organiser, list);
    await page.expectHeading('Nominations');
    const rows = b.page.locator('main table tbody tr');
    await rows.first().waitFor();
    // The draft is listed too (organisers see every nomination); only the submitted ones can be selected.
    expect(await rows.count()).toBe(5);
    expect(await page.main.textContent()).toContain('4 submitted nominations await a decision.');
    await expectNoAxeViolations(b.page, list);

    // Search, then filter by category.
    await page.field('q').fill('almaty');
    await b.page.getByRole('button', { name: 'Apply' }).first().click();
    await b.page.waitForURL(/q=almaty/);
    await rows.filter({ hasText: 'Cold chain Almaty' }).waitFor();
    await rowsShown(b, 1);
    await b.page.getByRole('button', { name: 'Clear' }).first().click();
    await page.field('categoryId').selectOption({ label: 'Sustainability' });
    await b.page.getByRole('button', { name: 'Apply' }).first().click();
    await b.page.waitForURL(/categoryId=/);
    await rowsShown(b, 1);
    expect(await rows.first().textContent()).toContain('Electric yard tractors');
    await b.page.getByRole('button', { name: 'Clear' }).first().click();
    await rowsShown(b, 5);

    // Select two with the keyboard; "not eligible" without a reason is refused in the page, nothing sent.
    await b.page.getByRole('checkbox', { name: 'Select Cold chain Almaty' }).focus();
    await b.page.keyboard.press('Space');
    await b.page.getByRole('checkbox', { name: 'Select Dry port Khorgos' }).focus();
    await b.page.keyboard.press('Space');
    await b.page.getByText('2 selected').waitFor();
    await b.page.getByRole('radio', { name: 'Not eligible' }).check();
    await b.page.getByRole('button', { name: 'Record the decision' }).click();
    const refusal = b.page
      .getByRole('alert')
      .filter({ hasText: 'Give the reason why these nominations are not eligible.' });
    await refusal.waitFor();
    expect(await page.field('bulk-reason').getAttribute('aria-invalid')).toBe('true');
    expect(await statusOf(b, w.ids.cold)).toBe('submitted');

    await page.field('bulk-reason').fill('The project started after the eligibility window.');
    await page.field('bulk-reason').press('Tab');
    await b.page.keyboard.press('Enter');
    await b.page.getByText('2 decisions recorded.').waitFor();
    expect(await page.main.textContent()).toContain('Cold chain Almaty: recorded.');
    expect([await statusOf(b, w.ids.cold), await statusOf(b, w.ids.khorgos)]).toEqual([
      'ineligible',
      'ineligible',
    ]);
    await page.main.getByText('2 submitted nominations await a decision.').waitFor();

    // The CSV of what the filters find, through the organiser's session.
    const [download] = await Promise.all([
      b.page.waitForEvent('download'),
      b.page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`nominations-${w.editionId}.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^id,title,company,/);
    expect(csv).toContain('Rail instead of road');
    expect(csv).toContain('The project started after the eligibility window.');
    expect(csv).not.toContain('Unsent draft');
  });

  it('shows a nomination with its metrics and attachment (viewed in a new tab), and decides it', async () => {
    const w = await world(b);
    const path = `/organiser/editions/${w.editionId}/nominations/${w.ids.rail}`;
    const page = await signInAt(b, w.organiser, path);
    await page.expectHeading('Rail instead of road');
    expect(await page.main.textContent()).toContain('Steppe Freight LLP');
    expect(await page.main.textContent()).toContain('CO₂ avoided');
    await expectNoAxeViolations(b.page, path);

    const view = /\/api\/v1\/attachments\/[0-9a-f-]{36}\?disposition=inline$/;
    const served = new Promise<import('playwright-core').Response>((resolve) =>
      b.context.on('response', (response) => {
        if (view.test(response.url()) && response.request().isNavigationRequest()) resolve(response);
      }),
    );
    const [tab] = await Promise.all([
      b.context.waitForEvent('page'),
      b.page.getByRole('button', { name: /^View terminal-photo\.png/ }).click(),
    ]);
    const file = await served;
    expect(file.status()).toBe(200);
    expect(await file.headerValue('content-type')).toBe('image/png');
    await tab.close();

    await b.page.getByLabel('Eligible', { exact: true }).check();
    await b.page.getByRole('button', { name: 'Record the decision' }).click();
    await b.page.getByRole('status').filter({ hasText: 'The decision is recorded: Eligible.' }).waitFor();
    expect(await statusOf(b, w.ids.rail)).toBe('eligible');

    // The edition's companies (its participants, or every company of the platform), and a company's
    // nominations from its row.
    const companies = `/organiser/editions/${w.editionId}/companies`;
    await page.goto(companies);
    await page.expectHeading('Companies');
    await page.field('q').fill('Steppe');
    await b.page.getByRole('button', { name: 'Apply' }).click();
    await b.page.waitForURL(/q=Steppe/);
    await b.page.getByRole('link', { name: 'Nominations of Steppe Freight LLP in this edition' }).waitFor();
    expect(await page.main.getByText('Steppe Idle Transport').count()).toBe(0);
    await page.field('scope').selectOption({ label: 'Every company on the platform' });
    await b.page.getByRole('button', { name: 'Apply' }).click();
    await b.page.waitForURL(/scope=all/);
    await page.main.getByText('Steppe Idle Transport').first().waitFor();
    await expectNoAxeViolations(b.page, companies);
    await b.page.getByRole('link', { name: 'Nominations of Steppe Freight LLP in this edition' }).click();
    await page.main.getByText('Only the nominations of Steppe Freight LLP.').waitFor();
  });

  it('invites a juror, resends (refused in the cool-down, then sent), revokes; disables an account', async () => {
    const w = await world(b);
    const { t } = b.app;
    const page = await signInAt(b, w.organiser, '/organiser/people');
    await page.expectHeading('People');

    const email = `console-juror-${Date.now()}@example.kz`;
    await page.field('email').fill(email);
    await page.field('role').selectOption('juror');
    await b.page.getByRole('button', { name: 'Send the invitation' }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: `The invitation to ${email} is sent.` })
      .waitFor();
    const row = b.page.locator('main table tbody tr').filter({ hasText: email });
    await row.filter({ hasText: 'Pending' }).waitFor();
    expect(await b.app.mailedLink(email, '/invitations/accept')).toContain('token=');
    await expectNoAxeViolations(b.page, '/organiser/people');

    b.expectFailure({ method: 'POST', path: /\/api\/v1\/invitations\/[0-9a-f-]+\/resend$/, status: 429 });
    await row.getByRole('button', { name: `Resend the invitation to ${email}` }).click();
    await page.errorSummary.filter({ hasText: 'This invitation was sent only a short while ago.' }).waitFor();
    await t.db.query(`UPDATE invitations SET last_sent_at = now() - interval '1 hour' WHERE email = $1`, [
      email,
    ]);
    await row.getByRole('button', { name: `Resend the invitation to ${email}` }).click();
    await b.page.getByRole('status').filter({ hasText: 'the previous link no longer works' }).waitFor();
    await row.filter({ hasText: 'sent 2 times' }).waitFor();

    await row.getByRole('button', { name: `Revoke the invitation to ${email}` }).click();
    const dialog = b.page.getByRole('dialog', { name: `Revoke the invitation to ${email}?` });
    await dialog.getByRole('button', { name: 'Revoke the invitation' }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: `The invitation to ${email} is revoked.` })
      .waitFor();
    await row.filter({ hasText: 'Revoked' }).waitFor();
    expect(
      (await t.db.query(`SELECT 1 FROM invitations WHERE email = $1 AND revoked_at IS NOT NULL`, [email]))
        .length,
    ).toBe(1);

    // Accounts: the organiser's own has no button; another's is disabled after confirming.
    await page.field('user-q').fill('Yerlan');
    await b.page.locator('#accounts-title ~ form').getByRole('button', { name: 'Apply' }).click();
    const juror = b.page.locator('main table tbody tr').filter({ hasText: w.juror.email });
    await juror.waitFor();
    await juror.getByRole('button', { name: 'Disable the account of Yerlan Juror' }).click();
    await b.page
      .getByRole('dialog', { name: 'Disable the account of Yerlan Juror?' })
      .getByRole('button', { name: 'Disable the account' })
      .click();
    await b.page
      .getByRole('status')
      .filter({ hasText: 'The account of Yerlan Juror is disabled.' })
      .waitFor();
    expect(
      (await t.db.query(`SELECT 1 FROM users WHERE id = $1 AND disabled_at IS NOT NULL`, [w.juror.id]))
        .length,
    ).toBe(1);
    await t.db.query(`UPDATE users SET disabled_at = NULL WHERE id = $1`, [w.juror.id]);
    await page.field('user-q').fill('Aigerim Organiser');
    await b.page.locator('#accounts-title ~ form').getByRole('button', { name: 'Apply' }).click();
    await b.page.getByText('You cannot disable your own account.').waitFor();
  });

  it('speaks the organiser’s language: the missing reason refused in Russian; every screen translated', async () => {
    const w = await world(b);
    const organiser = await createUser(b.app.t, {
      roles: ['organiser'],
      locale: 'ru',
      fullName: 'Асель Организатор',
    });
    const list = `/organiser/editions/${w.editionId}/nominations`;
    const page = await signInAt(b, organiser, list);
    await page.expectHtmlLang('ru');
    await page.expectHeading('Заявки');
    await b.page.locator('main table tbody tr').first().waitFor();
    await b.page.locator('main tbody input[type="checkbox"]').first().check();
    await b.page.locator('#bulk-ineligible').check();
    await page.main.locator('form.entries-decision button[type="submit"]').click();
    await b.page.getByRole('alert').filter({ hasText: 'Укажите, почему' }).waitFor();
    expect(await messageProblems(b.page)).toEqual([]);

    for (const [locale, path] of [
      ['kk', `/organiser/editions/${w.editionId}/nominations/${w.ids.digital}`],
      ['de', '/organiser/people'],
      ['kk', `/organiser/editions/${w.editionId}/companies`],
    ] as const) {
      await page.goto(path);
      await page.languageButton(locale).click();
      await page.expectHtmlLang(locale);
      await page.main.locator('table, dl').first().waitFor();
      expect({ locale, path, problems: await messageProblems(b.page) }).toEqual({
        locale,
        path,
        problems: [],
      });
    }
    // Kazakh digits as CLDR writes them though Chromium's ICU has none ("12,500.5" natively): U+00A0 groups.
    await page.goto(`/organiser/editions/${w.editionId}/nominations/${w.ids.rail}`);
    await page.expectHtmlLang('kk');
    await b.page.getByText('CO₂ avoided').waitFor();
    expect(await page.main.innerText()).toContain('12\u00a0500,5 t/year');
    expect(await messageProblems(b.page)).toEqual([]);
  });

  it.each(['entrant', 'juror'] as const)('shows the %s the 404 page at these addresses', async (who) => {
    const w = await world(b);
    const user = who === 'entrant' ? w.entrant : w.juror;
    const page = await signInAt(b, user, '/');
    for (const path of [
      `/organiser/editions/${w.editionId}/nominations`,
      `/organiser/editions/${w.editionId}/nominations/${w.ids.rail}`,
      `/organiser/editions/${w.editionId}/companies`,
      '/organiser/people',
    ]) {
      await page.goto(path);
      await page.expectHeading('Page not found');
      expect(await b.page.getByText('Rail instead of road').count()).toBe(0);
    }
  });
});

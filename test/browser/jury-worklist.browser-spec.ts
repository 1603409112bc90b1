import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createUser, login, type TestUser } from '../support/factories.js';
import { assign, createJuryWorld, type JuryWorld, putOnPanel } from '../support/jury.js';
import { createCompany, createNomination } from '../support/nominations.js';
import { AppPage } from './pages/app-page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { expectNoAxeViolations } from './support/axe.js';
import { type BrowserTest, useBrowser } from './support/browser.js';
import { focused, tabTo } from './support/keyboard.js';
import { messageProblems } from './support/messages.js';

const API = '/api/v1';
const LOCALES = ['en', 'ru', 'kk', 'de'] as const;

interface Workspace {
  world: JuryWorld;
  juror: TestUser;
  /** The company whose nomination the juror will declare a conflict with. */
  conflictName: string;
  conflictCompanyId: string;
  /** The juror's nominations, in worklist order: two in the first category, one in the second. */
  nominations: { id: string; title: string }[];
}

/**
 * An open round of a judging edition with two categories, and a juror on both panels with three
 * nominations and a fourth from a company they will declare a conflict with; nothing declared yet.
 */
async function workspace(b: BrowserTest, locale = 'en'): Promise<Workspace> {
  const t = b.app.t;
  const world = await createJuryWorld(t, {
    categories: { efficiency: { cost: '1', speed: '1' }, sustainability: { co2: '1' } },
  });
  const juror = await createUser(t, { roles: ['juror'], locale, fullName: 'Aigerim Sadykova' });
  const [first, second] = world.edition.categories;
  for (const category of [first!, second!]) await putOnPanel(t, world.edition, category.id, [juror.id]);
  const owner = world.otherEntrant;
  const nominations: { id: string; title: string }[] = [];
  const entries: [string, string][] = [
    [first!.id, 'Caspian ferry slots booked online'],
    [first!.id, 'Dry port Khorgos: faster rail transfers'],
    [second!.id, 'Electric yard tractors in Almaty'],
  ];
  for (const [categoryId, title] of entries) {
    const company = await createCompany(t, owner.id);
    const id = await createNomination(t, {
      editionId: world.edition.id,
      categoryId,
      companyId: company.id,
      createdBy: owner.id,
      status: 'eligible',
      title,
    });
    await assign(t, world.roundId, id, juror.id);
    nominations.push({ id, title });
  }
  const conflictName = 'Turan Express Cargo';
  const conflicted = await createCompany(t, owner.id, { name: conflictName });
  const conflictedNomination = await createNomination(t, {
    editionId: world.edition.id,
    categoryId: first!.id,
    companyId: conflicted.id,
    createdBy: owner.id,
    status: 'eligible',
    title: 'Bonded warehouse on the Silk Road',
  });
  await assign(t, world.roundId, conflictedNomination, juror.id);
  await t.db.query(`UPDATE rounds SET closes_at = $2 WHERE id = $1`, [world.roundId, '2030-03-01T13:00:00Z']);
  return { world, juror, conflictName, conflictCompanyId: conflicted.id, nominations };
}

async function signInAt(b: BrowserTest, juror: TestUser, path: string): Promise<AppPage> {
  await new SignInPage(b.page).open(path).then((s) => s.signIn(juror.email, juror.password));
  return new AppPage(b.page);
}

/** Declares through the API what the browser journey declares, for the tests that start after it. */
async function declareByApi(b: BrowserTest, w: Workspace): Promise<void> {
  const { token } = await login(b.app.t, w.juror.email, w.juror.password);
  await b.app.t
    .http()
    .post(`${API}/me/declarations/${w.world.edition.id}/terms`)
    .set({ Authorization: `Bearer ${token}` })
    .expect(200);
  await b.app.t
    .http()
    .post(`${API}/editions/${w.world.edition.id}/conflicts/confirm`)
    .set({ Authorization: `Bearer ${token}` })
    .expect(200);
  await b.app.t
    .http()
    .post(`${API}/rounds/${w.world.roundId}/scorecards/${w.nominations[0]!.id}/submit`)
    .set({ Authorization: `Bearer ${token}` })
    .send({ scores: { cost: 7, speed: 8 } })
    .expect(200);
}

/** `locale`: the screen had every rule in English already; only the rules that read its words run. */
async function expectCleanPage(page: Page, label: string, rules: 'all' | 'locale' = 'all'): Promise<void> {
  await expectNoAxeViolations(page, label, { rules });
  expect(await messageProblems(page)).toEqual([]);
}

describe('The juror’s worklist and declaration in the browser', () => {
  const b = useBrowser();

  it('declares interests, then works through the worklist: groups, states, deadline, progress, filters, next with n', async () => {
    const w = await workspace(b);
    const page = await signInAt(b, w.juror, '/jury');
    await page.expectHeading('Your worklist');
    const round = new URL(b.page.url());
    expect(round.pathname).toBe('/jury');

    // Nothing declared yet: the worklist says so and links to the declaration.
    await b.page.getByText('Before you open a nomination, complete your declaration').waitFor();
    expect(await b.page.getByRole('link', { name: /Next to score/ }).count()).toBe(0);
    await expectCleanPage(b.page, '/jury (undeclared)');
    await b.page.getByRole('link', { name: 'Complete your declaration' }).click();
    await page.expectHeading('Your declaration of interests');
    expect(new URL(b.page.url()).pathname).toBe(`/jury/editions/${w.world.edition.id}/declarations`);
    await b.page.getByRole('group', { name: 'Companies you have a conflict of interest with' }).waitFor();
    await expectCleanPage(b.page, 'declarations');

    // A conflict without a reason is refused in the page, before any request.
    await b.page.getByRole('checkbox', { name: w.conflictName }).check();
    await b.page.getByRole('button', { name: 'Declare the selected conflicts' }).click();
    await b.page.getByText('Say what ties you to them.').waitFor();
    expect(await focused(b.page)).toMatchObject({ id: 'field-reason' });
    await b.page.locator('#field-reason').fill('I advised them on customs in 2025.');
    await b.page.getByRole('button', { name: 'Declare the selected conflicts' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Your conflicts are recorded.' }).waitFor();
    await b.page
      .getByRole('listitem')
      .filter({ hasText: `${w.conflictName} (declared by you)` })
      .waitFor();
    expect(await b.page.getByRole('checkbox', { name: new RegExp(w.conflictName) }).isDisabled()).toBe(true);

    // Confirming needs the terms accepted.
    await b.page.getByRole('button', { name: 'Confirm my declaration' }).click();
    await b.page.getByText('Tick the box to accept the terms.').waitFor();
    await b.page.getByLabel('I accept these terms, and my declaration is complete').check();
    await b.page.getByRole('button', { name: 'Confirm my declaration' }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: 'Thank you: your declaration is complete.' })
      .waitFor();
    // The terms were accepted as an act of their own, audited, before the declaration was confirmed; the
    // screen says when.
    await b.page.getByText(/^You accepted these terms on .+\.$/).waitFor();
    const [recorded] = await b.app.t.db.query<{ acceptedAt: Date; confirmedAt: Date; audited: number }[]>(
      `SELECT ta.accepted_at AS "acceptedAt", cc.confirmed_at AS "confirmedAt",
              (SELECT count(*)::int FROM audit_log WHERE action = 'juror.terms_accepted' AND actor_id = ta.juror_id) AS audited
         FROM terms_acceptances ta JOIN conflict_confirmations cc USING (edition_id, juror_id)
        WHERE ta.juror_id = $1`,
      [w.juror.id],
    );
    expect(recorded!.acceptedAt.getTime()).toBeLessThan(recorded!.confirmedAt.getTime());
    expect(recorded!.audited).toBe(1);
    await expectCleanPage(b.page, 'declarations (complete)');

    await b.page.getByRole('link', { name: 'Go to your worklist' }).click();
    await page.expectHeading('Your worklist');
    await b.page.getByText(/Your declaration for .* is complete/).waitFor();
    // The conflicted nomination is gone; three remain, grouped by category, none started.
    const groups = b.page.locator('.worklist-group');
    // The declaration's notice and the worklist are two answers: the second may still be on its way.
    await groups.locator('h3').nth(1).waitFor();
    expect(await groups.locator('h3').allInnerTexts()).toEqual([
      expect.stringContaining('efficiency'),
      expect.stringContaining('sustainability'),
    ]);
    expect(await b.page.locator('.worklist-item a').allInnerTexts()).toEqual(
      w.nominations.map((n) => n.title),
    );
    expect(await b.page.getByText('Bonded warehouse on the Silk Road').count()).toBe(0);
    await b.page.getByText('0 of 3 submitted').first().waitFor();
    // The deadline in the juror's zone (Asia/Almaty, UTC+5), the zone named.
    const summary = await b.page.locator('.worklist-round').innerText();
    expect(summary).toMatch(/Deadline: .*2030.*(18:00|06:00\sPM).*GMT\+5/);
    expect(summary).toContain('Times are shown in Asia/Almaty.');
    await expectCleanPage(b.page, '/jury');

    // Filters are native selects; the list follows them.
    await b.page.getByLabel('Category').selectOption({ label: 'sustainability' });
    await b.page.getByText('Showing 1 nomination').waitFor();
    expect(await b.page.locator('.worklist-item a').allInnerTexts()).toEqual([w.nominations[2]!.title]);
    await b.page.getByLabel('Category').selectOption({ label: 'All' });
    await b.page.getByLabel('State').selectOption({ label: 'Submitted' });
    await b.page.getByText('No nomination matches these filters.').waitFor();
    await b.page.getByLabel('State').selectOption({ label: 'All' });
    await b.page.getByText('Showing 3 nominations').waitFor();

    // The next unscored nomination is one key away.
    await b.page.getByRole('link', { name: `Next to score: ${w.nominations[0]!.title}` }).waitFor();
    await b.page.locator('main h1').click();
    await b.page.keyboard.press('n');
    await b.page.waitForURL(`**/jury/rounds/${w.world.roundId}/nominations/${w.nominations[0]!.id}`);
  });

  it('shows the juror’s own distribution as a table, and the next nomination after a submitted one', async () => {
    const w = await workspace(b);
    await declareByApi(b, w);
    const page = await signInAt(b, w.juror, `/jury?roundId=${w.world.roundId}`);
    await page.expectHeading('Your worklist');
    await b.page.getByText('1 of 4 submitted').first().waitFor();
    const scored = b.page.locator('.worklist-item').filter({ hasText: w.nominations[0]!.title });
    expect(await scored.innerText()).toContain('Submitted');
    // Worklist order is by title within a category: the undeclared company's entry comes first.
    await b.page.getByRole('link', { name: 'Next to score: Bonded warehouse on the Silk Road' }).waitFor();

    const table = b.page.getByRole('table', { name: /efficiency: your totals/ });
    await table.waitFor();
    // 7 and 8 on two equal weights: 7.5, shown in the bucket of 8.
    const eight = table.getByRole('row', { name: /^8\b/ });
    expect(await eight.innerText()).toMatch(/8\s+1/);
    await b.page
      .getByText('Your totals range from 7.5 to 7.5 on a scale of 0 to 10; their mean is 7.5.')
      .waitFor();
    await expectCleanPage(b.page, '/jury (with marks)');
  });

  it('is usable with the keyboard alone: declaration, filters and n', async () => {
    const w = await workspace(b);
    const page = await signInAt(b, w.juror, `/jury/editions/${w.world.edition.id}/declarations`);
    await page.expectHeading('Your declaration of interests');

    await tabTo(b.page, `#company-${w.conflictCompanyId}`, { limit: 60 });
    await b.page.keyboard.press('Space');
    expect(await b.page.getByRole('checkbox', { name: w.conflictName }).isChecked()).toBe(true);
    await tabTo(b.page, '#field-reason');
    await b.page.keyboard.type('Former employer.');
    await b.page.keyboard.press('Tab');
    await b.page.keyboard.press('Enter');
    await b.page.getByRole('status').filter({ hasText: 'Your conflicts are recorded.' }).waitFor();

    await tabTo(b.page, '#field-accept');
    await b.page.keyboard.press('Space');
    await b.page.keyboard.press('Tab');
    await b.page.keyboard.press('Enter');
    await b.page
      .getByRole('status')
      .filter({ hasText: 'Thank you: your declaration is complete.' })
      .waitFor();
    await tabTo(b.page, 'a[href="/jury"]');
    await b.page.keyboard.press('Enter');
    await page.expectHeading('Your worklist');

    await tabTo(b.page, '#filter-state');
    await b.page.keyboard.press('ArrowDown'); // not started
    await b.page.getByText('Showing 3 nominations').waitFor();
    // Typing `n` in a field changes nothing; outside one it opens the next nomination.
    await b.page.keyboard.press('n');
    expect(new URL(b.page.url()).pathname).toBe('/jury');
    await tabTo(b.page, '.worklist-next a', { backwards: true });
    await b.page.keyboard.press('Escape');
    await b.page.keyboard.press('n');
    await b.page.waitForURL(`**/nominations/${w.nominations[0]!.id}`);
  });

  it('shows an unknown edition’s declaration as the 404 page', async () => {
    const w = await workspace(b);
    const unknown = '00000000-0000-4000-8000-000000000077';
    b.expectFailure({ method: 'GET', path: `${API}/me/declarations/${unknown}`, status: 404 });
    const page = await signInAt(b, w.juror, `/jury/editions/${unknown}/declarations`);
    await page.expectHeading('Page not found');
  });

  it.each(LOCALES)('has no axe violations and every message translated in %s', async (locale) => {
    const w = await workspace(b, locale);
    await b.page.addInitScript((chosen) => {
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('magistral.locale', chosen);
    }, locale);
    const page = await signInAt(b, w.juror, `/jury/editions/${w.world.edition.id}/declarations`);
    await page.expectHtmlLang(locale);
    await b.page.locator('#field-accept').waitFor();
    const rules = locale === 'en' ? 'all' : 'locale';
    await expectCleanPage(b.page, `declarations (${locale})`, rules);
    const declarationText = await page.main.innerText();
    await declareByApi(b, w);
    await page.goto('/jury');
    await b.page.locator('.distribution-table').first().waitFor();
    await expectCleanPage(b.page, `/jury (${locale})`, rules);
    const worklistText = await page.main.innerText();
    if (locale !== 'en') {
      for (const english of ['Your worklist', 'Filter the list', 'Your marks in this round', 'submitted'])
        expect(worklistText).not.toContain(english);
      for (const english of ['Your employer', 'Conflicts of interest', 'Terms and confirmation'])
        expect(declarationText).not.toContain(english);
    }
  });
});

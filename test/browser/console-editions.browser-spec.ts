import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createEdition } from '../support/editions.js';
import { createUser, login, type TestUser } from '../support/factories.js';
import { createCompany, createNomination, setQuestions } from '../support/nominations.js';
import { AppPage } from './pages/app-page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { expectNoAxeViolations } from './support/axe.js';
import { type BrowserTest, useBrowser } from './support/browser.js';
import { messageProblems } from './support/messages.js';

const API = '/api/v1';

/** A form field by its name; names such as `criteria.0.code` hold dots, which a CSS `#id` cannot. */
const field = (page: AppPage, name: string) => page.page.locator(`[id="field-${name}"]`);

/** Fills one text in the four languages (fields `<name>.en`, `.ru`, `.kk`, `.de`). */
async function fillLocalized(page: AppPage, name: string, text: string): Promise<void> {
  for (const lang of ['en', 'ru', 'kk', 'de']) await field(page, `${name}.${lang}`).fill(`${text} (${lang})`);
}

async function signInAt(b: BrowserTest, user: TestUser, path: string): Promise<AppPage> {
  await new SignInPage(b.page).open(path).then((s) => s.signIn(user.email, user.password));
  return new AppPage(b.page);
}

const phaseOf = async (b: BrowserTest, id: string) =>
  (await b.app.t.db.query<{ phase: string }[]>(`SELECT phase FROM editions WHERE id = $1`, [id]))[0]!.phase;

/** Where screenshots of these screens go when asked for (CONSOLE_SHOTS_DIR), at desktop and phone widths. */
async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.CONSOLE_SHOTS_DIR;
  if (!dir) return;
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const currentStep = (page: Page) => page.locator('.ed-phase-bar [aria-current="step"]');

describe('The organiser’s editions in the console', () => {
  const b = useBrowser();

  it('creates an edition in the organiser’s time zone and edits its rules', async () => {
    const organiser = await createUser(b.app.t, { roles: ['organiser'] });
    const page = await signInAt(b, organiser, '/organiser');
    await page.expectHeading('Editions');
    await expectNoAxeViolations(b.page, '/organiser');

    await b.page.getByRole('link', { name: 'Create an edition' }).click();
    await page.expectHeading('Create an edition');
    // Refused as a whole: every date missing, named beside its field.
    b.expectFailure({ method: 'POST', path: `${API}/editions`, status: 400 });
    await b.page.getByRole('button', { name: 'Create the edition' }).click();
    await page.errorSummary.waitFor();
    expect(await page.field('nominationsOpenAt').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(b.page, '/organiser/editions/new (refused)');

    const slug = `console-${Date.now().toString(36)}`;
    await page.field('name').fill('Magistral Awards 2031');
    await page.field('slug').fill(slug);
    // Wall-clock times in the organiser's zone (the context's Asia/Almaty, UTC+5), as the form says.
    expect(await b.page.locator('#timeline-hint').textContent()).toContain('Asia/Almaty');
    await page.field('nominationsOpenAt').fill('2031-03-01T09:00');
    await page.field('nominationsCloseAt').fill('2031-04-01T18:00');
    await page.field('judgingOpenAt').fill('2031-04-02T09:00');
    await page.field('judgingCloseAt').fill('2031-05-01T18:00');
    await b.page.getByRole('button', { name: 'Create the edition' }).click();
    await page.expectHeading('Magistral Awards 2031');
    const [row] = await b.app.t.db.query<{ id: string; open: Date }[]>(
      `SELECT id, nominations_open_at AS open FROM editions WHERE slug = $1`,
      [slug],
    );
    expect(row!.open.toISOString()).toBe('2031-03-01T04:00:00.000Z');
    const editionId = row!.id;
    expect(await currentStep(b.page).textContent()).toContain('Draft');
    await b.page.getByText('Nothing stands in the way.').waitFor();
    await expectNoAxeViolations(b.page, '/organiser/editions/:id');

    // The rules: a method, tie-breakers in order, a minimum, and publishing the jury statistics.
    await page.field('scoringMethod').selectOption('trimmed_mean');
    await b.page.locator('#tie-breaker-choice').selectOption('top_marks');
    await b.page.getByRole('button', { name: 'Add', exact: true }).click();
    await b.page.locator('#tie-breaker-choice').selectOption('median');
    await b.page.getByRole('button', { name: 'Add', exact: true }).click();
    await b.page.getByRole('button', { name: /^Move up: Higher median/ }).click();
    await page.field('minScorecards').fill('4');
    const statistics = b.page.getByRole('checkbox', { name: 'Publish the jury statistics with the results' });
    expect(await statistics.isChecked()).toBe(false);
    await statistics.check();
    await b.page.getByRole('button', { name: 'Save the changes' }).click();
    await b.page.getByRole('status').filter({ hasText: 'The changes are saved.' }).waitFor();
    const [rules] = await b.app.t.db.query<
      { m: string; tb: string[]; min: number; stats: boolean; v: number }[]
    >(
      `SELECT scoring_method AS m, tie_breakers AS tb, min_scorecards AS min, publish_jury_statistics AS stats,
              version AS v FROM editions WHERE id = $1`,
      [editionId],
    );
    expect(rules).toEqual({ m: 'trimmed_mean', tb: ['median', 'top_marks'], min: 4, stats: true, v: 2 });
  });

  it('shows what blocks the next phase, refuses the move in words, takes a new category and then moves on by keyboard', async () => {
    const organiser = await createUser(b.app.t, { roles: ['organiser'] });
    const { token } = await login(b.app.t, organiser.email);
    const auth = { Authorization: `Bearer ${token}` };
    const created = await b.app.t
      .http()
      .post(`${API}/editions`)
      .set(auth)
      .send({
        slug: `blocked-${Date.now().toString(36)}`,
        name: 'Magistral Awards 2032',
        nominationsOpenAt: '2032-03-01T04:00:00Z',
        nominationsCloseAt: '2032-04-01T13:00:00Z',
        judgingOpenAt: '2032-04-02T04:00:00Z',
        judgingCloseAt: '2032-05-01T13:00:00Z',
      })
      .expect(201);
    const editionId = created.body.id as string;
    // Without categories the next phase is blocked: the bar says so before the organiser tries, and the
    // refusal says it again.
    const categories = await b.app.t.http().get(`${API}/editions/${editionId}/categories`).set(auth);
    for (const category of categories.body as { id: string }[])
      await b.app.t.http().delete(`${API}/categories/${category.id}`).set(auth).expect(204);
    const page = await signInAt(b, organiser, `/organiser/editions/${editionId}`);
    await b.page.getByText('The edition has no category. Add at least one on the Categories page.').waitFor();
    b.expectFailure({ method: 'POST', path: `${API}/editions/${editionId}/phase`, status: 409 });
    await b.page.getByRole('button', { name: 'Move to “Nominations open”' }).click();
    const dialog = b.page.getByRole('dialog', { name: 'Move the edition to “Nominations open”?' });
    await dialog.getByRole('button', { name: 'Move it on' }).click();
    await dialog.locator('.error-summary').filter({ hasText: 'Nominations cannot open' }).waitFor();
    await expectNoAxeViolations(b.page, 'phase dialog (refused)');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    // A category with its first criterion, then a second criterion.
    // The blocker leads where it can be lifted.
    await b.page.locator('.ed-blockers').getByRole('link', { name: 'Categories' }).click();
    await page.expectHeading('Categories and criteria');
    await b.page.getByText('The edition has no category yet.').waitFor();
    await b.page.getByRole('button', { name: 'Add a category' }).click();
    await page.field('code').fill('safety');
    await fillLocalized(page, 'name', 'Safety');
    await fillLocalized(page, 'description', 'Safe operations');
    await field(page, 'criteria.0.code').fill('incidents');
    await fillLocalized(page, 'criteria.0.name', 'Incidents');
    await fillLocalized(page, 'criteria.0.description', 'Fewer incidents');
    await field(page, 'criteria.0.weight').fill('2');
    await expectNoAxeViolations(b.page, '/organiser/editions/:id/categories (new category)');
    await b.page.getByRole('button', { name: 'Save', exact: true }).click();
    await b.page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await b.page.getByRole('heading', { name: /Safety \(en\)/ }).waitFor();
    await b.page.getByRole('button', { name: 'Add a criterion' }).click();
    await page.field('code').fill('training');
    await fillLocalized(page, 'name', 'Training');
    await fillLocalized(page, 'description', 'Hours of training');
    await page.field('weight').fill('1.5');
    await b.page.getByRole('button', { name: 'Save', exact: true }).click();
    const table = b.page.getByRole('table', { name: 'Criteria of “Safety (en)”' });
    await table.getByRole('row', { name: /Training \(en\)/ }).waitFor();
    expect(await table.getByRole('row', { name: /Incidents \(en\)/ }).textContent()).toContain('0–10');

    // Nothing blocks now: the move, with the keyboard alone (Cancel has focus; the move is one Tab back).
    await b.page.getByRole('link', { name: 'Overview' }).click();
    await b.page.getByText('Nothing stands in the way.').waitFor();
    await b.page.getByRole('button', { name: 'Move to “Nominations open”' }).focus();
    await b.page.keyboard.press('Enter');
    await dialog.waitFor();
    await b.page.keyboard.press('Shift+Tab');
    await b.page.keyboard.press('Enter');
    await b.page
      .getByRole('status')
      .filter({ hasText: 'The edition is now in the phase “Nominations open”.' })
      .waitFor();
    expect(await currentStep(b.page).textContent()).toContain('Nominations open');
    expect(await phaseOf(b, editionId)).toBe('nominations');
  });

  it('lists what judging needs with a link to where each is lifted, and refuses the move in the organiser’s language', async () => {
    const edition = await createEdition(b.app.t, {
      phase: 'eligibility',
      categories: { efficiency: { cost: '1' }, safety: { incidents: '1' } },
    });
    const [efficiency, safety] = edition.categories;
    const owner = await createUser(b.app.t, { roles: ['entrant'] });
    const company = await createCompany(b.app.t, owner.id);
    for (const [category, status] of [
      [efficiency!, 'submitted'],
      [efficiency!, 'submitted'],
      [safety!, 'eligible'],
    ] as const)
      await createNomination(b.app.t, {
        editionId: edition.id,
        categoryId: category.id,
        companyId: company.id,
        createdBy: owner.id,
        status,
      });

    const organiser = await createUser(b.app.t, { roles: ['organiser'] });
    const page = await signInAt(b, organiser, `/organiser/editions/${edition.id}`);
    const blockers = b.page.locator('.ed-blockers');
    await blockers.getByText('2 submitted nominations have no eligibility decision yet.').waitFor();
    await blockers
      .getByText('The edition has no round for the jurors to score in.', { exact: false })
      .waitFor();
    await blockers
      .getByText('A category with eligible nominations has no juror on its panel: safety.')
      .waitFor();
    expect(
      await blockers.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual([
      `/organiser/editions/${edition.id}/nominations?status=submitted`,
      `/organiser/editions/${edition.id}/rounds`,
      `/organiser/editions/${edition.id}/jury`,
    ]);
    await expectNoAxeViolations(b.page, '/organiser/editions/:id (judging blocked)');
    await shoot(b.page, 'console-phase-blocked');

    b.expectFailure({ method: 'POST', path: `${API}/editions/${edition.id}/phase`, status: 409 });
    await b.page.getByRole('button', { name: 'Move to “Judging”' }).click();
    const dialog = b.page.getByRole('dialog', { name: 'Move the edition to “Judging”?' });
    await dialog.getByRole('button', { name: 'Move it on' }).click();
    await dialog
      .locator('.error-summary')
      .filter({
        hasText: 'Judging cannot open: submitted nominations still wait for an eligibility decision (2).',
      })
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await phaseOf(b, edition.id)).toBe('eligibility');

    // The queue the first blocker leads to: the nominations still waiting for a decision.
    await blockers.getByRole('link', { name: 'Nominations' }).click();
    await b.page.waitForURL(/\/nominations\?status=submitted$/);
    await page.signOut();

    // In Russian: the same blockers, plural forms and names filled in, and the refusal too.
    const russian = await createUser(b.app.t, { roles: ['organiser'], locale: 'ru' });
    await signInAt(b, russian, `/organiser/editions/${edition.id}`);
    await blockers.getByText('2 поданные заявки ещё без решения о допуске.').waitFor();
    await blockers
      .getByText('В номинации с допущенными заявками нет ни одного члена жюри: safety.')
      .waitFor();
    expect(await messageProblems(b.page)).toEqual([]);
    await b.page.getByRole('button', { name: 'Перейти к этапу «Оценка»' }).click();
    const russianDialog = b.page.getByRole('dialog');
    await russianDialog.getByRole('button', { name: 'Перевести', exact: true }).click();
    await russianDialog
      .locator('.error-summary')
      .filter({ hasText: 'Оценивание нельзя открыть: поданные заявки ждут решения о допуске (2).' })
      .waitFor();
  });

  it('removes a question, a criterion and a category after asking, and shows each refusal in the organiser’s language', async () => {
    const edition = await createEdition(b.app.t, {
      categories: { efficiency: { cost: '1', speed: '1' }, safety: { incidents: '1' } },
    });
    const [efficiency, safety] = edition.categories;
    await setQuestions(b.app.t, efficiency!.id, [
      { code: 'baseline', required: true, maxLength: 2000 },
      { code: 'results', required: false, maxLength: 1000 },
    ]);
    const owner = await createUser(b.app.t, { roles: ['entrant'] });
    const company = await createCompany(b.app.t, owner.id);
    await createNomination(b.app.t, {
      editionId: edition.id,
      categoryId: safety!.id,
      companyId: company.id,
      createdBy: owner.id,
    });
    const rows = (sql: string) => b.app.t.db.query<Record<string, unknown>[]>(sql, [edition.id]);
    const criteriaLeft = async () =>
      (
        await rows(
          `SELECT cr.code FROM criteria cr JOIN categories c ON c.id = cr.category_id WHERE c.edition_id = $1 ORDER BY cr.code`,
        )
      ).map((r) => r.code);

    const organiser = await createUser(b.app.t, { roles: ['organiser'] });
    const page = await signInAt(b, organiser, `/organiser/editions/${edition.id}/categories`);
    await page.expectHeading('Categories and criteria');

    // A question: asked first (Cancel has focus, so Enter by habit removes nothing), then gone.
    await b.page.getByRole('button', { name: 'Remove question 1' }).click();
    const question = b.page.getByRole('dialog', { name: 'Remove the question “Question baseline”?' });
    await question.waitFor();
    await expectNoAxeViolations(b.page, '/organiser/editions/:id/categories (remove dialog)');
    await b.page.keyboard.press('Enter');
    await question.waitFor({ state: 'detached' });
    expect(
      (await rows(`SELECT questions FROM categories WHERE edition_id = $1 AND code = 'efficiency'`))[0]!
        .questions,
    ).toHaveLength(2);
    await b.page.getByRole('button', { name: 'Remove question 1' }).click();
    await question.getByRole('button', { name: 'Remove', exact: true }).click();
    await b.page.getByRole('status').filter({ hasText: 'Removed.' }).waitFor();
    expect(
      (await rows(`SELECT questions FROM categories WHERE edition_id = $1 AND code = 'efficiency'`))[0]!
        .questions,
    ).toEqual([expect.objectContaining({ code: 'results' })]);

    // A criterion; then the category's last one is refused, in words, inside the dialog.
    await b.page.getByRole('button', { name: 'Remove cost' }).click();
    await b.page
      .getByRole('dialog', { name: 'Remove the criterion “cost”?' })
      .getByRole('button', { name: 'Remove', exact: true })
      .click();
    await b.page
      .getByRole('table', { name: 'Criteria of “efficiency”' })
      .getByRole('row', { name: /cost/ })
      .waitFor({ state: 'detached' });
    expect(await criteriaLeft()).toEqual(['incidents', 'speed']);
    b.expectFailure({ method: 'DELETE', path: new RegExp(`${API}/criteria/[0-9a-f-]+$`), status: 409 });
    await b.page.getByRole('button', { name: 'Remove speed' }).click();
    const last = b.page.getByRole('dialog', { name: 'Remove the criterion “speed”?' });
    await last.getByRole('button', { name: 'Remove', exact: true }).click();
    await last
      .locator('.error-summary')
      .filter({ hasText: 'A category needs at least one criterion: add another before removing this one.' })
      .waitFor();
    await expectNoAxeViolations(b.page, '/organiser/editions/:id/categories (removal refused)');
    await shoot(b.page, 'console-removal-refused');
    await last.getByRole('button', { name: 'Cancel' }).click();
    expect(await criteriaLeft()).toEqual(['incidents', 'speed']);

    // A whole category, with its criteria.
    await b.page.getByRole('button', { name: 'Remove the category' }).first().click();
    await b.page
      .getByRole('dialog', { name: 'Remove the category “efficiency”?' })
      .getByRole('button', { name: 'Remove', exact: true })
      .click();
    await b.page.getByRole('heading', { name: /^efficiency/ }).waitFor({ state: 'detached' });
    expect(await rows(`SELECT code FROM categories WHERE edition_id = $1`)).toEqual([{ code: 'safety' }]);
    await page.signOut();

    // In German: a category with nominations stays, and once judging opens nothing can be removed.
    const german = await createUser(b.app.t, { roles: ['organiser'], locale: 'de' });
    await signInAt(b, german, `/organiser/editions/${edition.id}/categories`);
    b.expectFailure({ method: 'DELETE', path: new RegExp(`${API}/categories/[0-9a-f-]+$`), status: 409 });
    await b.page.getByRole('button', { name: 'Kategorie entfernen' }).click();
    const inUse = b.page.getByRole('dialog', { name: 'Die Kategorie „safety“ entfernen?' });
    await inUse.getByRole('button', { name: 'Entfernen', exact: true }).click();
    await inUse
      .locator('.error-summary')
      .filter({ hasText: 'Diese Kategorie hat bereits Nominierungen und kann daher nicht entfernt werden.' })
      .waitFor();
    await inUse.getByRole('button', { name: 'Abbrechen' }).click();

    await b.page.getByRole('button', { name: 'incidents entfernen' }).click();
    await b.app.t.db.query(`UPDATE editions SET phase = 'judging', version = version + 1 WHERE id = $1`, [
      edition.id,
    ]);
    const frozen = b.page.getByRole('dialog', { name: 'Das Kriterium „incidents“ entfernen?' });
    await frozen.getByRole('button', { name: 'Entfernen', exact: true }).click();
    await frozen
      .locator('.error-summary')
      .filter({
        hasText: 'Die Bewertung hat begonnen: Kategorien und Kriterien können sich nicht mehr ändern',
      })
      .waitFor();
    expect(await messageProblems(b.page)).toEqual([]);
    expect(await criteriaLeft()).toEqual(['incidents']);
  });

  it('says why criteria and judging rules are frozen, shows a late refusal in words, and a stale edit with a reload', async () => {
    const organiser = await createUser(b.app.t, { roles: ['organiser'] });
    const edition = await createEdition(b.app.t, { phase: 'eligibility' });
    const page = await signInAt(b, organiser, `/organiser/editions/${edition.id}/categories`);
    await page.expectHeading('Categories and criteria');

    // Judging opens (another organiser) while this one edits a criterion: the save is refused, in words.
    await b.page.getByRole('button', { name: 'Edit cost' }).click();
    await page.field('weight').fill('3');
    await b.app.t.db.query(`UPDATE editions SET phase = 'judging', version = version + 1 WHERE id = $1`, [
      edition.id,
    ]);
    b.expectFailure({ method: 'PATCH', path: new RegExp(`${API}/criteria/[0-9a-f-]+$`), status: 409 });
    await b.page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.errorSummary
      .filter({ hasText: 'Judging has opened: categories and criteria can no longer change' })
      .waitFor();

    // Read again, the page says why nothing can be edited and offers no control to.
    await page.goto(`/organiser/editions/${edition.id}/categories`);
    await b.page.getByText(/categories and criteria are fixed, so that every juror scores/).waitFor();
    expect(await page.main.getByRole('button').count()).toBe(0);
    await page.goto(`/organiser/editions/${edition.id}`);
    await b.page
      .getByText(
        /the scoring method, the tie-breakers, the minimum scorecards, blind judging and whether the jury statistics are published are fixed/,
      )
      .waitFor();
    expect(await page.field('scoringMethod').isDisabled()).toBe(true);
    expect(
      await b.page
        .getByRole('checkbox', { name: 'Publish the jury statistics with the results' })
        .isDisabled(),
    ).toBe(true);

    // A stale copy: someone renames the edition after this page loaded it.
    await page.field('name').fill('My name for it');
    const { token } = await login(b.app.t, organiser.email);
    await b.app.t
      .http()
      .patch(`${API}/editions/${edition.id}`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ name: 'Their name for it' })
      .expect(200);
    b.expectFailure({ method: 'PATCH', path: `${API}/editions/${edition.id}`, status: 409 });
    await b.page.getByRole('button', { name: 'Save the changes' }).click();
    const alert = b.page
      .getByRole('alert')
      .filter({ hasText: 'Someone changed this edition after you opened it.' });
    await alert.waitFor();
    await expectNoAxeViolations(b.page, '/organiser/editions/:id (stale)');
    await alert.getByRole('button', { name: 'Reload the edition' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await page.field('name').inputValue()).toBe('Their name for it');
  });

  it('shows entrants and jurors the 404 page at console addresses, and speaks the organiser’s language', async () => {
    const edition = await createEdition(b.app.t, { phase: 'nominations' });
    for (const role of ['entrant', 'juror'] as const) {
      const user = await createUser(b.app.t, { roles: [role] });
      const page = await signInAt(b, user, '/organiser');
      await page.expectHeading('Page not found');
      await page.goto(`/organiser/editions/${edition.id}`);
      await page.expectHeading('Page not found');
      expect(await b.page.getByText(`Test edition ${edition.slug}`).count()).toBe(0);
      await page.signOut();
    }

    // The other languages, cheaply: no raw key, no unfilled placeholder, the right lang on each screen.
    for (const [locale, heading] of [
      ['ru', 'Номинации и критерии'],
      ['kk', 'Санаттар мен критерийлер'],
      ['de', 'Kategorien und Kriterien'],
    ] as const) {
      const organiser = await createUser(b.app.t, { roles: ['organiser'], locale });
      const page = await signInAt(b, organiser, `/organiser/editions/${edition.id}/categories`);
      await page.expectHtmlLang(locale);
      await page.expectHeading(heading);
      expect(await messageProblems(b.page)).toEqual([]);
      await page.goto(`/organiser/editions/${edition.id}`);
      await page.main.locator('.ed-blockers, .ed-next p').first().waitFor();
      expect(await messageProblems(b.page)).toEqual([]);
      await page.signOut();
    }
  });
});

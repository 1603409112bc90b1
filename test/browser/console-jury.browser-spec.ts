import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createUser, type TestUser } from '../support/factories.js';
import {
  assign,
  confirmConflicts,
  createJudgingEdition,
  createRound,
  putOnPanel,
  recordConflict,
} from '../support/jury.js';
import type { TestEdition } from '../support/editions.js';
import { createCompany, createNomination } from '../support/nominations.js';
import { AppPage } from './pages/app-page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { expectNoAxeViolations } from './support/axe.js';
import { type BrowserTest, useBrowser } from './support/browser.js';
import { messageProblems } from './support/messages.js';

interface JuryConsole {
  edition: TestEdition;
  editionId: string;
  roundId: string;
  jurors: TestUser[];
  titles: string[];
}

/**
 * A judging edition's first category with three nominations of three companies, two jurors on its panel
 * and a third who is not yet: Aliya declared a conflict with the first company (and completed her
 * declaration), Bolat works for the second. With three jurors, three per nomination is infeasible.
 */
async function juryConsole(b: BrowserTest): Promise<JuryConsole> {
  const t = b.app.t;
  const edition = await createJudgingEdition(t);
  const categoryId = edition.categories[0]!.id;
  const owner = await createUser(t, { roles: ['entrant'] });
  const jurors = [
    await createUser(t, { roles: ['juror'], fullName: 'Aliya Nurlanova' }),
    await createUser(t, { roles: ['juror'], fullName: 'Bolat Seitkali' }),
    await createUser(t, { roles: ['juror'], fullName: 'Dana Omarova' }),
  ];
  const titles = ['Caspian ferry slots online', 'Dry port Khorgos rail transfers', 'Electric yard tractors'];
  const companies: string[] = [];
  for (const [i, title] of titles.entries()) {
    const company = await createCompany(t, owner.id, {
      name: ['Turan Cargo', 'Steppe Rail', 'Altyn Logistics'][i],
    });
    companies.push(company.id);
    await createNomination(t, {
      editionId: edition.id,
      categoryId,
      companyId: company.id,
      createdBy: owner.id,
      status: 'eligible',
      title,
    });
  }
  await putOnPanel(t, edition, categoryId, [jurors[0]!.id, jurors[1]!.id]);
  await recordConflict(t, edition.id, jurors[0]!.id, companies[0]!);
  await confirmConflicts(t, edition.id, jurors[0]!.id);
  await t.db.query(`UPDATE users SET employer_company_id = $2 WHERE id = $1`, [jurors[1]!.id, companies[1]]);
  const roundId = await createRound(t, edition.id, 1, 'Shortlist');
  await t.db.query(`UPDATE rounds SET closes_at = $2 WHERE id = $1`, [roundId, '2030-03-01T13:00:00Z']);
  return { edition, editionId: edition.id, roundId, jurors, titles };
}

async function signInAt(b: BrowserTest, user: TestUser, path: string): Promise<AppPage> {
  await new SignInPage(b.page).open(path).then((s) => s.signIn(user.email, user.password));
  return new AppPage(b.page);
}

async function expectCleanPage(page: Page, label: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  expect(await messageProblems(page)).toEqual([]);
}

describe('The organiser’s jury console in the browser', () => {
  const b = useBrowser();

  it('sets a panel, reads the conflicts matrix and creates a round', async () => {
    const w = await juryConsole(b);
    const organiser = await createUser(b.app.t, { roles: ['organiser'] });
    const base = `/organiser/editions/${w.editionId}`;
    const page = await signInAt(b, organiser, `${base}/jury`);
    await page.expectHeading('Jury');

    // The panel: the organiser finds Dana by typing part of her name (the search is the server's, over every
    // account); how many match is announced; she joins with the keyboard.
    const search = b.page.locator('#field-panel-efficiency');
    await search.fill('omaro');
    await b.page.locator('#panel-efficiency-status').filter({ hasText: '1 account found.' }).waitFor();
    const addDana = b.page.getByRole('button', { name: /^Add Dana Omarova to the .* panel$/ });
    await addDana.focus();
    await b.page.keyboard.press('Enter');
    await b.page.getByText('Dana Omarova is now on the').waitFor();
    await b.page.getByRole('button', { name: /Remove Dana Omarova from/ }).waitFor();

    // The matrix: a real table, jurors as row headers, companies as column headers.
    const matrix = b.page.getByRole('table', { name: 'Conflicts of interest, jurors by company' });
    await matrix.getByRole('rowheader', { name: 'Dana Omarova' }).waitFor();
    expect(await matrix.getByRole('columnheader').allInnerTexts()).toEqual([
      'Juror',
      'Declaration',
      'Altyn Logistics',
      'Steppe Rail',
      'Turan Cargo',
    ]);
    const aliya = matrix.getByRole('row', { name: /Aliya Nurlanova/ });
    const aliyaCells = (await aliya.getByRole('cell').allInnerTexts()).map((text) =>
      text.replace(/\s+/g, ' '),
    );
    expect(aliyaCells).toEqual(['Complete', 'None', 'None', 'D Declared by the juror']);
    const bolat = matrix.getByRole('row', { name: /Bolat Seitkali/ });
    expect((await bolat.getByRole('cell').allInnerTexts())[0]).toBe('Not completed');
    expect(await bolat.getByRole('cell').nth(2).innerText()).toContain('Works for the company');
    // One page of each: the pagers say how many, with no buttons.
    const companyPages = b.page.getByRole('navigation', { name: 'Pages of companies' });
    await companyPages.getByText('3 companies').waitFor();
    expect(await companyPages.getByRole('button').count()).toBe(0);
    await b.page.getByRole('navigation', { name: 'Pages of jurors' }).getByText('3 jurors').waitFor();
    await b.page.getByText('2 jurors have not completed the declaration of interests.').waitFor();
    await b.page.getByText('No late conflict is waiting for a decision.').waitFor();
    await expectCleanPage(b.page, 'jury');

    // Rounds: the list, and a second round created.
    await b.page
      .getByRole('navigation', { name: 'This edition' })
      .getByRole('link', { name: 'Rounds' })
      .click();
    await page.expectHeading('Rounds');
    await page.field('name').fill('Final');
    await b.page.getByRole('button', { name: 'Create the round' }).click();
    await b.page.getByText('The round Final is created.').waitFor();
    await b.page.getByRole('rowheader', { name: 'Final' }).waitFor();
    await expectCleanPage(b.page, 'rounds');
    await b.page.getByRole('link', { name: 'Assignments of Shortlist' }).click();
    await page.expectHeading('Round 1: Shortlist');
    expect(new URL(b.page.url()).pathname).toBe(`${base}/rounds/${w.roundId}`);
  });

  it('pages the conflicts matrix by companies with the keyboard, and narrows it by name and to the conflicted', async () => {
    const w = await juryConsole(b);
    const t = b.app.t;
    // 21 more companies with a nomination each: 24 columns, two pages of 20 (sorted by name).
    const owner = await createUser(t, { roles: ['entrant'] });
    const more: string[] = [];
    for (let i = 1; i <= 21; i++) {
      const company = await createCompany(t, owner.id, {
        name: `Zhetysu Freight ${String(i).padStart(2, '0')}`,
      });
      more.push(company.id);
      await createNomination(t, {
        editionId: w.editionId,
        categoryId: w.edition.categories[0]!.id,
        companyId: company.id,
        createdBy: owner.id,
        status: 'eligible',
        title: `Corridor ${i}`,
      });
    }
    await recordConflict(t, w.editionId, w.jurors[0]!.id, more[20]!);
    const organiser = await createUser(t, { roles: ['organiser'] });
    const page = await signInAt(b, organiser, `/organiser/editions/${w.editionId}/jury`);
    await page.expectHeading('Jury');
    const matrix = b.page.getByRole('table', { name: 'Conflicts of interest, jurors by company' });
    const companyPages = b.page.getByRole('navigation', { name: 'Pages of companies' });
    await companyPages.getByText('24 companies · Page 1 of 2').waitFor();
    const headers = () => matrix.getByRole('columnheader').allInnerTexts();
    expect(await headers()).toHaveLength(22);
    expect((await headers()).slice(2, 4)).toEqual(['Altyn Logistics', 'Steppe Rail']);

    // The next page of columns by keyboard; the Next button goes away, so the focus moves to Previous.
    const next = companyPages.getByRole('button', { name: 'Next companies' });
    await next.focus();
    await b.page.keyboard.press('Enter');
    await companyPages.getByText('24 companies · Page 2 of 2').waitFor();
    await matrix.getByRole('columnheader', { name: 'Zhetysu Freight 21' }).waitFor();
    expect(await headers()).toEqual([
      'Juror',
      'Declaration',
      'Zhetysu Freight 18',
      'Zhetysu Freight 19',
      'Zhetysu Freight 20',
      'Zhetysu Freight 21',
    ]);
    expect(new URL(b.page.url()).searchParams.get('page')).toBe('2');
    await companyPages.locator('button:focus', { hasText: 'Previous companies' }).waitFor();
    const aliya = matrix.getByRole('row', { name: /Aliya Nurlanova/ });
    expect((await aliya.getByRole('cell').allInnerTexts()).map((text) => text.replace(/\s+/g, ' '))).toEqual([
      'Complete',
      'None',
      'None',
      'None',
      'D Declared by the juror',
    ]);
    await expectCleanPage(b.page, 'jury (second page of companies)');
    await b.page.keyboard.press('Enter');
    await companyPages.getByText('24 companies · Page 1 of 2').waitFor();
    await companyPages.locator('button:focus', { hasText: 'Next companies' }).waitFor();

    // A search by name, submitted with Enter, starts from the first page.
    await page.field('q').fill('freight 2');
    await page.field('q').press('Enter');
    await companyPages.getByText('2 companies').waitFor();
    expect((await headers()).slice(2)).toEqual(['Zhetysu Freight 20', 'Zhetysu Freight 21']);
    expect(new URL(b.page.url()).searchParams.get('page')).toBeNull();

    // Only the companies with a conflict: the box ticked with Space, applied from the keyboard.
    await page.field('q').fill('');
    await page.field('conflicted').focus();
    await b.page.keyboard.press('Space');
    expect(await page.field('conflicted').isChecked()).toBe(true);
    await b.page.getByRole('button', { name: 'Apply' }).focus();
    await b.page.keyboard.press('Enter');
    await companyPages.getByText('3 companies').waitFor();
    await matrix.getByRole('columnheader', { name: 'Turan Cargo' }).waitFor();
    expect((await headers()).slice(2)).toEqual(['Steppe Rail', 'Turan Cargo', 'Zhetysu Freight 21']);
    expect(new URL(b.page.url()).searchParams.get('conflicted')).toBe('true');
    await expectCleanPage(b.page, 'jury (conflicted companies)');
  });

  it('previews and saves the automatic assignment (an infeasible one explained), adjusts and recuses by hand', async () => {
    const w = await juryConsole(b);
    await putOnPanel(b.app.t, w.edition, w.edition.categories[0]!.id, [w.jurors[2]!.id]);
    const organiser = await createUser(b.app.t, { roles: ['organiser'] });
    const page = await signInAt(b, organiser, `/organiser/editions/${w.editionId}/rounds/${w.roundId}`);
    await page.expectHeading('Round 1: Shortlist');

    // Three jurors per nomination cannot be: the page says which nomination and why, in words.
    b.expectFailure({ method: 'POST', path: `/api/v1/rounds/${w.roundId}/assignments/auto`, status: 409 });
    await page.field('perNomination').fill('3');
    await page.field('perNomination').press('Enter');
    await page.errorSummary
      .getByText(
        /“(Caspian ferry slots online|Dry port Khorgos rail transfers)” has only 2 of the 3 jurors on the efficiency panel without a conflict of interest, but 3 are needed per nomination\./,
      )
      .waitFor();

    // Two per nomination: the preview (by keyboard), then saved.
    await page.field('perNomination').fill('2');
    await page.field('perNomination').press('Enter');
    const preview = b.page.getByRole('region', { name: 'Preview — not saved yet' });
    await preview.getByText('6 assignments in efficiency; each juror gets 2–2 nominations.').waitFor();
    const loads = preview.getByRole('table', { name: 'Nominations each juror would judge' });
    expect(await loads.getByRole('cell').allInnerTexts()).toEqual(['2', '2', '2']);
    const caspian = preview.getByRole('row', { name: /Caspian ferry slots online/ });
    expect(await caspian.getByRole('cell').innerText()).not.toContain('Aliya');
    const [{ n: before }] = await b.app.t.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM assignments WHERE round_id = $1`,
      [w.roundId],
    );
    expect(before).toBe(0);
    await expectCleanPage(b.page, 'round (preview)');
    const save = preview.getByRole('button', { name: 'Save this assignment' });
    await save.focus();
    await b.page.keyboard.press('Enter');
    await b.page.getByText('Saved: 6 assignments.').waitFor();
    const saved = await b.app.t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM assignments WHERE round_id = $1`,
      [w.roundId],
    );
    expect(saved[0]!.n).toBe(6);

    // By hand: take a juror off a nomination, put them back, then recuse another with a reason.
    const manual = b.page.getByRole('table', { name: 'Jurors of each nomination in efficiency' });
    const electric = manual.getByRole('row', { name: /Electric yard tractors/ });
    const removeButton = electric.getByRole('button', { name: /^Remove / }).first();
    const removedName = ((await removeButton.getAttribute('aria-label')) ?? '').replace(
      /^Remove (.*) from .*$/,
      '$1',
    );
    await removeButton.click();
    await b.page.getByText(`${removedName} no longer judges “Electric yard tractors”.`).waitFor();
    await electric.locator('select').selectOption({ label: removedName });
    await electric.getByRole('button', { name: 'Add', exact: true }).click();
    await b.page.getByText(`${removedName} now judges “Electric yard tractors”.`).waitFor();
    await electric
      .getByRole('button', { name: `Recuse ${removedName} from “Electric yard tractors”` })
      .click();
    const dialog = b.page.getByRole('dialog', {
      name: `Recuse ${removedName} from “Electric yard tractors”?`,
    });
    await dialog.getByRole('button', { name: 'Recuse', exact: true }).click();
    await dialog.getByText('Give the reason for the recusal.').waitFor();
    await dialog.getByLabel('Reason for the recusal').fill('Advised the company last year');
    await dialog.getByRole('button', { name: 'Recuse', exact: true }).click();
    await b.page.getByText(`${removedName} is recused from “Electric yard tractors”.`).waitFor();
    const [audit] = await b.app.t.db.query<{ data: { reason: string } }[]>(
      `SELECT data FROM audit_log WHERE action = 'assignment.removed' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [w.roundId],
    );
    expect(audit!.data.reason).toBe('Advised the company last year');
  });

  it('shows progress per nomination against the minimum and reminds the jurors behind once', async () => {
    const w = await juryConsole(b);
    for (const title of w.titles.slice(1)) {
      const [row] = await b.app.t.db.query<{ id: string }[]>(
        `SELECT id FROM nominations WHERE title = $1 AND edition_id = $2`,
        [title, w.editionId],
      );
      await assign(b.app.t, w.roundId, row!.id, w.jurors[0]!.id);
    }
    const [caspian] = await b.app.t.db.query<{ id: string }[]>(
      `SELECT id FROM nominations WHERE title = $1 AND edition_id = $2`,
      [w.titles[0], w.editionId],
    );
    await assign(b.app.t, w.roundId, caspian!.id, w.jurors[1]!.id);
    const organiser = await createUser(b.app.t, { roles: ['organiser'] });
    const page = await signInAt(b, organiser, `/organiser/editions/${w.editionId}/progress`);
    // Progress: per nomination against the minimum, and the reminder, once.
    await b.page
      .getByRole('navigation', { name: 'This edition' })
      .getByRole('link', { name: 'Progress' })
      .click();
    await page.expectHeading('Progress');
    const perNomination = b.page.getByRole('table', {
      name: 'Submitted scorecards per nomination, against the minimum of 3',
    });
    expect(
      await perNomination.getByRole('row', { name: /Caspian ferry slots online/ }).innerText(),
    ).toContain('0 of 3');
    await b.page.getByText('2 jurors are behind.').waitFor();
    await expectCleanPage(b.page, 'progress');
    const remind = b.page.getByRole('button', { name: 'Remind the jurors who are behind' });
    await remind.click();
    await b.page.getByText('Reminder sent to 2 jurors.').waitFor();
    await b.page.getByText(/The next reminder can be sent on /).waitFor();
    expect(await remind.isDisabled()).toBe(true);
    const [{ n: reminders }] = await b.app.t.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM notifications WHERE event = 'jury.scoring_reminder'`,
    );
    expect(reminders).toBe(2);
  });

  it('explains an infeasible assignment in the organiser’s language, and speaks every locale', async () => {
    const w = await juryConsole(b);
    await putOnPanel(b.app.t, w.edition, w.edition.categories[0]!.id, [w.jurors[2]!.id]);
    const organiser = await createUser(b.app.t, { roles: ['organiser'], locale: 'ru' });
    const page = await signInAt(b, organiser, `/organiser/editions/${w.editionId}/rounds/${w.roundId}`);
    await page.expectHtmlLang('ru');
    await page.expectHeading('Тур 1: Shortlist');
    b.expectFailure({ method: 'POST', path: `/api/v1/rounds/${w.roundId}/assignments/auto`, status: 409 });
    await page.field('perNomination').fill('3');
    await page.field('perNomination').press('Enter');
    await page.errorSummary
      .getByText(
        /У номинации «(Caspian ferry slots online|Dry port Khorgos rail transfers)» только 2 из 3 членов жюри категории «efficiency» без конфликта интересов/,
      )
      .waitFor();
    expect(await messageProblems(b.page)).toEqual([]);
    for (const [locale, heading] of [
      ['kk', 'Қазылар'],
      ['de', 'Jury'],
      ['ru', 'Жюри'],
    ] as const) {
      if (locale === 'kk') await page.goto(`/organiser/editions/${w.editionId}/jury`);
      await page.languageButton(locale).click();
      await page.expectHtmlLang(locale);
      await page.expectHeading(heading);
      await b.page.locator('.jury-matrix').waitFor();
      expect(await messageProblems(b.page)).toEqual([]);
    }
    await page.goto(`/organiser/editions/${w.editionId}/progress`);
    await b.page.locator('.jury-reminder').waitFor();
    expect(await messageProblems(b.page)).toEqual([]);
  });

  it('shows entrants and jurors the 404 page at the console’s jury addresses', async () => {
    const w = await juryConsole(b);
    for (const user of [await createUser(b.app.t, { roles: ['entrant'] }), w.jurors[0]!]) {
      const page = await signInAt(b, user, `/organiser/editions/${w.editionId}/jury`);
      await page.expectHeading('Page not found');
      await page.goto(`/organiser/editions/${w.editionId}/rounds/${w.roundId}`);
      await page.expectHeading('Page not found');
      await page.signOut();
    }
  });
});

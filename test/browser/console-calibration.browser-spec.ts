import { describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/factories.js';
import { createJudgingEdition, createRound, putOnPanel, recordConflict } from '../support/jury.js';
import { createCompany, createNomination, setQuestions } from '../support/nominations.js';
import { AppPage } from './pages/app-page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { expectNoAxeViolations } from './support/axe.js';
import { type BrowserTest, contextOptions, useBrowser } from './support/browser.js';
import { messageProblems } from './support/messages.js';

/** Where the screenshots go, to be looked at (360 px phone, 1440 px desktop). */
const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp/magistral-shots';

interface World {
  editionId: string;
  roundId: string;
  jurors: TestUser[];
  nominations: Record<string, string>;
}

/**
 * A judging edition's category with three nominations and three panel jurors; Aliya declared a conflict with
 * the company of “Caspian ferry slots online”, the nomination the organiser will use for calibration.
 */
async function calibrationWorld(b: BrowserTest): Promise<World> {
  const t = b.app.t;
  const edition = await createJudgingEdition(t);
  const categoryId = edition.categories[0]!.id;
  const owner = await createUser(t, { roles: ['entrant'] });
  const jurors = [
    await createUser(t, { roles: ['juror'], fullName: 'Aliya Nurlanova' }),
    await createUser(t, { roles: ['juror'], fullName: 'Bolat Seitkali' }),
    await createUser(t, { roles: ['juror'], fullName: 'Dana Omarova' }),
  ];
  const nominations: Record<string, string> = {};
  const companies: string[] = [];
  for (const [i, title] of [
    'Caspian ferry slots online',
    'Dry port Khorgos rail transfers',
    'Electric yard tractors',
  ].entries()) {
    const company = await createCompany(t, owner.id, {
      name: ['Turan Cargo', 'Steppe Rail', 'Altyn Logistics'][i],
    });
    companies.push(company.id);
    nominations[title] = await createNomination(t, {
      editionId: edition.id,
      categoryId,
      companyId: company.id,
      createdBy: owner.id,
      status: 'eligible',
      title,
    });
  }
  await putOnPanel(
    t,
    edition,
    categoryId,
    jurors.map((j) => j.id),
  );
  await recordConflict(t, edition.id, jurors[0]!.id, companies[0]!);
  const roundId = await createRound(t, edition.id, 1, 'Shortlist');
  return { editionId: edition.id, roundId, jurors, nominations };
}

/** A submitted scorecard with the same mark on every criterion: its total is that mark, whatever the weights. */
async function submit(b: BrowserTest, w: World, juror: TestUser, nominationId: string, mark: number) {
  const [{ scores }] = await b.app.t.db.query<[{ scores: Record<string, number> }]>(
    `SELECT json_object_agg(cr.code, $2::int) AS scores
       FROM criteria cr JOIN nominations n ON n.category_id = cr.category_id WHERE n.id = $1`,
    [nominationId, mark],
  );
  await b.app.t.db.query(
    `INSERT INTO scorecards (round_id, nomination_id, juror_id, status, scores, submitted_at)
     VALUES ($1, $2, $3, 'submitted', $4::jsonb, now())`,
    [w.roundId, nominationId, juror.id, JSON.stringify(scores)],
  );
}

describe('Calibration entries in the organiser’s round settings', () => {
  const b = useBrowser();

  it('marks a nomination, shows each juror against the median, puts it back, in every locale', async () => {
    const w = await calibrationWorld(b);
    const organiser = await createUser(b.app.t, { roles: ['organiser'] });
    const path = `/organiser/editions/${w.editionId}/rounds/${w.roundId}`;
    await new SignInPage(b.page).open(path).then((s) => s.signIn(organiser.email, organiser.password));
    const page = new AppPage(b.page);
    await page.expectHeading('Round 1: Shortlist');
    const section = b.page.getByRole('region', { name: 'Calibration entries' });
    await section.getByText('No calibration entry in efficiency in this round.').waitFor();

    // Marked by keyboard: the select, then Enter on the button.
    await section
      .getByLabel('Nomination of efficiency to use for calibration')
      .selectOption({ label: 'Caspian ferry slots online' });
    await section.getByRole('button', { name: 'Mark as calibration entry' }).focus();
    await b.page.keyboard.press('Enter');
    await section
      .getByText(
        '“Caspian ferry slots online” is now a calibration entry: every juror of the panel is asked to score it.',
      )
      .waitFor();
    await section.getByRole('heading', { name: 'Caspian ferry slots online' }).waitFor();
    await section
      .getByText('0 of 2 scorecards submitted. No median until a scorecard is submitted.')
      .waitFor();
    // Every panel juror but Aliya, who has a conflict with its company.
    const assigned = await b.app.t.db.query<{ full_name: string }[]>(
      `SELECT u.full_name FROM assignments a JOIN users u ON u.id = a.juror_id
        WHERE a.round_id = $1 AND a.nomination_id = $2 ORDER BY u.full_name`,
      [w.roundId, w.nominations['Caspian ferry slots online']],
    );
    expect(assigned.map((a) => a.full_name)).toEqual(['Bolat Seitkali', 'Dana Omarova']);
    // It no longer competes: the manual assignment table lists only the contest.
    const manual = b.page.getByRole('table', { name: 'Jurors of each nomination in efficiency' });
    await manual.getByRole('row', { name: /Electric yard tractors/ }).waitFor();
    expect(await manual.getByRole('row', { name: /Caspian ferry slots online/ }).count()).toBe(0);

    await submit(b, w, w.jurors[1]!, w.nominations['Caspian ferry slots online']!, 8);
    await submit(b, w, w.jurors[2]!, w.nominations['Caspian ferry slots online']!, 6);
    await b.page.reload();
    const totals = section.getByRole('table', {
      name: 'Totals on “Caspian ferry slots online” against the panel’s median',
    });
    await totals.waitFor();
    await section.getByText('2 of 2 scorecards submitted. Panel median: 7.0000.').waitFor();
    expect(await totals.getByRole('row').allInnerTexts()).toEqual([
      'Juror\tTotal\tDifference from the median',
      'Bolat Seitkali\t8.0000\t+1.0000',
      'Dana Omarova\t6.0000\t−1.0000',
    ]);
    const jurors = section.getByRole('table', {
      name: 'Each juror over every calibration entry of the round',
    });
    expect(await jurors.getByRole('row', { name: /Dana Omarova/ }).innerText()).toBe(
      'Dana Omarova\t1\t−1.0000\t1.0000',
    );
    await expectNoAxeViolations(b.page, 'round with calibration');
    expect(await messageProblems(b.page)).toEqual([]);
    for (const width of [360, 1440]) {
      await b.page.setViewportSize({ width, height: 900 });
      await section.scrollIntoViewIfNeeded();
      await b.page.screenshot({ path: `${SHOTS}/calibration-en-${width}.png`, fullPage: true });
    }

    for (const [locale, title] of [
      ['ru', 'Калибровочные заявки'],
      ['kk', 'Калибрлеу өтінімдері'],
      ['de', 'Kalibrierungseinreichungen'],
    ] as const) {
      await page.languageButton(locale).click();
      await page.expectHtmlLang(locale);
      await b.page.getByRole('region', { name: title }).getByRole('table').first().waitFor();
      expect(await messageProblems(b.page)).toEqual([]);
      if (locale === 'ru')
        await b.page.screenshot({ path: `${SHOTS}/calibration-ru-360.png`, fullPage: true });
    }
    await page.languageButton('en').click();
    await page.expectHtmlLang('en');

    // Back in the contest: the entry leaves the section and its nomination the manual table's contest again.
    await section
      .getByRole('button', { name: 'Put “Caspian ferry slots online” back in the contest' })
      .click();
    await section
      .getByText('“Caspian ferry slots online” competes again, with the scorecards already submitted on it.')
      .waitFor();
    await section.getByText('No calibration entry in efficiency in this round.').waitFor();
    await manual.getByRole('row', { name: /Caspian ferry slots online/ }).waitFor();
    const audit = await b.app.t.db.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'calibration_entry.%' ORDER BY seq`,
      [w.roundId],
    );
    expect(audit.map((a) => a.action)).toEqual(['calibration_entry.marked', 'calibration_entry.unmarked']);
  });

  it("a juror's worklist marks the calibration entry and, where allowed, shows their own deviation only", async () => {
    const w = await calibrationWorld(b);
    const t = b.app.t;
    const cal = w.nominations['Caspian ferry slots online']!;
    const [bolat, dana] = [w.jurors[1]!, w.jurors[2]!];
    await t.db.query(`UPDATE editions SET calibration_feedback = true WHERE id = $1`, [w.editionId]);
    await t.db.query(
      `INSERT INTO calibration_entries (round_id, nomination_id, created_by) VALUES ($1, $2, $3)`,
      [w.roundId, cal, bolat.id],
    );
    for (const juror of [bolat, dana]) {
      await t.db.query(`INSERT INTO assignments (round_id, nomination_id, juror_id) VALUES ($1, $2, $3)`, [
        w.roundId,
        cal,
        juror.id,
      ]);
      await t.db.query(`INSERT INTO assignments (round_id, nomination_id, juror_id) VALUES ($1, $2, $3)`, [
        w.roundId,
        w.nominations['Electric yard tractors'],
        juror.id,
      ]);
    }
    await new SignInPage(b.page).open('/jury').then((s) => s.signIn(bolat.email, bolat.password));
    const page = new AppPage(b.page);
    await page.expectHeading('Your worklist');
    const item = b.page.locator('.worklist-item', { hasText: 'Caspian ferry slots online' });
    await item.getByText('Calibration entry').waitFor();
    expect(
      await b.page.locator('.worklist-item', { hasText: 'Electric yard tractors' }).innerText(),
    ).not.toContain('Calibration entry');
    const section = b.page.getByRole('region', { name: 'Calibration' });
    await section.getByText('(0 of 1 so far)', { exact: false }).waitFor();

    // Both submit: Bolat sees his own total and deviation, never Dana's mark.
    await submit(b, w, bolat, cal, 8);
    await submit(b, w, dana, cal, 6);
    await b.page.reload();
    const table = section.getByRole('table', {
      name: 'Your totals on the calibration entries against the panel’s median',
    });
    await table.waitFor();
    expect(await table.getByRole('row').allInnerTexts()).toEqual([
      'Calibration entry\tYour total\tDifference from the median',
      'Caspian ferry slots online\t8.0000\t+1.0000',
    ]);
    await section
      .getByText('On average your totals lie +1.0000 from the panel’s median.', { exact: false })
      .waitFor();
    expect(await b.page.locator('main').innerText()).not.toContain('6.0000');
    await expectNoAxeViolations(b.page, 'worklist with calibration');
    expect(await messageProblems(b.page)).toEqual([]);
    for (const width of [360, 1440]) {
      await b.page.setViewportSize({ width, height: 900 });
      await b.page.screenshot({ path: `${SHOTS}/calibration-juror-en-${width}.png`, fullPage: true });
    }
    for (const locale of ['ru', 'kk', 'de'] as const) {
      await page.languageButton(locale).click();
      await page.expectHtmlLang(locale);
      await b.page.locator('.worklist-calibration').first().waitFor();
      expect(await messageProblems(b.page)).toEqual([]);
    }
  });

  it('writes a sample entry by keyboard, shows it as a sample to the organiser and the juror, removes it', async () => {
    const w = await calibrationWorld(b);
    const t = b.app.t;
    const [{ id: categoryId }] = await t.db.query<[{ id: string }]>(
      `SELECT category_id AS id FROM nominations WHERE id = $1`,
      [w.nominations['Electric yard tractors']],
    );
    await setQuestions(t, categoryId, [{ code: 'approach', required: true, maxLength: 2000 }]);
    const organiser = await createUser(t, { roles: ['organiser'] });
    const path = `/organiser/editions/${w.editionId}/rounds/${w.roundId}`;
    await new SignInPage(b.page).open(path).then((s) => s.signIn(organiser.email, organiser.password));
    const page = new AppPage(b.page);
    await page.expectHeading('Round 1: Shortlist');
    const section = b.page.getByRole('region', { name: 'Calibration entries' });
    const open = section.getByRole('button', { name: 'Write a sample entry' });
    await open.focus();
    await b.page.keyboard.press('Enter');
    // Opening puts focus on the title; the rest by Tab and typing alone.
    await b.page.locator('#field-sample-title:focus').waitFor();
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    const title = 'Sample: reefer corridor Almaty–Tashkent';
    await b.page.keyboard.type(title);
    await b.page.keyboard.press('Tab');
    await b.page.keyboard.type('A made-up cold-chain project to calibrate on.');
    await b.page.keyboard.press('Tab');
    await b.page.keyboard.type('Refrigerated rail wagons on a fixed timetable.');
    await expectNoAxeViolations(b.page, 'sample entry form');
    await b.page.keyboard.press('Tab');
    await b.page.locator('button:focus', { hasText: 'Add the sample entry' }).waitFor();
    await b.page.keyboard.press('Enter');
    await section
      .getByText(`“${title}” is a sample entry of the round: every juror of the panel is asked to score it.`)
      .waitFor();
    await section.getByRole('heading', { name: `${title} Sample entry` }).waitFor();
    // Closed again, focus back on its button.
    await b.page.locator('#sample-open:focus').waitFor();
    const [sample] = await t.db.query<{ id: string; company_id: string | null; answers: unknown }[]>(
      `SELECT id, company_id, answers FROM nominations WHERE sample AND edition_id = $1`,
      [w.editionId],
    );
    expect(sample).toMatchObject({
      company_id: null,
      answers: { approach: 'Refrigerated rail wagons on a fixed timetable.' },
    });
    // No company, so no conflict: all three jurors, Aliya too.
    const assigned = await t.db.query<{ juror_id: string }[]>(
      `SELECT juror_id FROM assignments WHERE round_id = $1 AND nomination_id = $2`,
      [w.roundId, sample!.id],
    );
    expect(assigned).toHaveLength(3);
    await expectNoAxeViolations(b.page, 'round with a sample entry');
    expect(await messageProblems(b.page)).toEqual([]);
    for (const width of [360, 1440]) {
      await b.page.setViewportSize({ width, height: 900 });
      await section.scrollIntoViewIfNeeded();
      await b.page.screenshot({ path: `${SHOTS}/calibration-sample-en-${width}.png`, fullPage: true });
    }
    for (const [locale, button] of [
      ['ru', 'Написать образец заявки'],
      ['kk', 'Үлгі өтінім жазу'],
      ['de', 'Beispieleinreichung schreiben'],
    ] as const) {
      await page.languageButton(locale).click();
      await page.expectHtmlLang(locale);
      await b.page.getByRole('button', { name: button }).click();
      await b.page.locator('#sample-form').waitFor();
      expect(await messageProblems(b.page)).toEqual([]);
      if (locale === 'kk')
        await b.page.screenshot({ path: `${SHOTS}/calibration-sample-kk-360.png`, fullPage: true });
      await b.page.getByRole('button', { name: button }).click();
    }
    await page.languageButton('en').click();
    await page.expectHtmlLang('en');

    // The juror reads it as a sample entry, not a company's.
    const aliya = w.jurors[0]!;
    const jurorContext = await b.browser.newContext(contextOptions(b.app.origin));
    const juror = await jurorContext.newPage();
    await new SignInPage(juror).open('/jury').then((s) => s.signIn(aliya.email, aliya.password));
    const item = juror.locator('.worklist-item', { hasText: title });
    await item.getByText('Sample entry', { exact: false }).waitFor();
    await item.getByText('Calibration entry').waitFor();
    await expectNoAxeViolations(juror, 'worklist with a sample entry');
    await jurorContext.close();

    // Removed while nobody scored it.
    await section.getByRole('button', { name: `Remove the sample “${title}”` }).click();
    await section.getByText(`The sample entry “${title}” is removed.`).waitFor();
    await section.getByText('No calibration entry in efficiency in this round.').waitFor();
    const audit = await t.db.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'calibration_entry.%' ORDER BY seq`,
      [w.roundId],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'calibration_entry.sample_added',
      'calibration_entry.sample_removed',
    ]);
  });
});

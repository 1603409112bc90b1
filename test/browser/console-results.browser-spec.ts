import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { createUser, login, type TestUser } from '../support/factories.js';
import { closeAndTally, createJudgedWorld, scoreTable, type JudgedWorld } from '../support/tally.js';
import type { TestApp } from '../support/test-app.js';
import { AppPage } from './pages/app-page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { expectNoAxeViolations } from './support/axe.js';
import { type BrowserTest, useBrowser } from './support/browser.js';
import { focused, tabTo } from './support/keyboard.js';
import { messageProblems } from './support/messages.js';

/*
 * The console's results, publication and trust screens, with worlds set up through the API and the
 * database: only the action under test goes through the page. axe runs once per screen in English; the
 * other languages are checked cheaply (messages and html lang).
 */

const DAY = 24 * 3600_000;
const PUBLICATION = /^\/api\/v1\/editions\/[^/]+\/publication$/;

/**
 * Three jurors, minimum two scorecards, tie-breaker median: N1 9; N2 and N3 both mean 8, the median puts N2
 * first; N4 and N5 tie on everything at 7; N6 has one scorecard only.
 */
async function scoredWorld(t: TestApp): Promise<JudgedWorld> {
  const world = await createJudgedWorld(t, {
    minScorecards: 2,
    tieBreakers: ['median'],
    jurors: ['A', 'B', 'C'],
    nominations: {
      N1: { title: 'Khorgos dry port' },
      N2: { title: 'Aktau ferry slots' },
      N3: { title: 'Caspian cold chain' },
      N4: { title: 'Almaty rail hub' },
      N5: { title: 'Turan bonded warehouse' },
      N6: { title: 'Lonely late entry' },
    },
  });
  await scoreTable(t, world, {
    A: { N1: 9, N2: 6, N3: 7, N4: 7, N5: 7, N6: 5 },
    B: { N1: 9, N2: 8, N3: 7, N4: 7, N5: 7 },
    C: { N1: 9, N2: 10, N3: 10, N4: 7, N5: 7 },
  });
  return world;
}

async function organiser(t: TestApp, locale = 'en'): Promise<TestUser & { auth: { Authorization: string } }> {
  const user = await createUser(t, { roles: ['organiser'], locale, fullName: 'Dana Organiser' });
  const { token } = await login(t, user.email, user.password);
  return { ...user, auth: { Authorization: `Bearer ${token}` } };
}

async function signInAt(b: BrowserTest, user: TestUser, path: string): Promise<AppPage> {
  await new SignInPage(b.page).open(path).then((s) => s.signIn(user.email, user.password));
  return new AppPage(b.page);
}

async function expectClean(b: BrowserTest, label: string): Promise<void> {
  await expectNoAxeViolations(b.page, label);
  expect(await messageProblems(b.page)).toEqual([]);
}

/** `YYYY-MM-DDTHH:mm` of `instant` on the wall clock of the browser's zone (Asia/Almaty). */
function almatyWallClock(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Almaty',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(instant)
    .replace(' ', 'T');
}

describe('The organiser’s results, publication and trust screens', () => {
  const b = useBrowser();

  it('closes the round, reads the ranking, downloads a CSV, and advances with the tie at the cut shown first', async () => {
    const t = b.app.t;
    const world = await scoredWorld(t);
    const me = await organiser(t);
    const page = await signInAt(b, me, `/organiser/editions/${world.edition.id}/results`);
    await page.expectHeading('Results');

    await b.page.getByRole('button', { name: 'Close the round' }).click();
    const close = b.page.getByRole('dialog', { name: /Close Final\?/ });
    await close.getByRole('button', { name: 'Yes, close the round' }).click();

    // The tally runs in the background; the page follows it to the ranking.
    const ranking = b.page.getByRole('table', { name: 'Ranking in efficiency' });
    await ranking.waitFor();
    await b.page.getByRole('table').first().getByText('Done').waitFor();
    const rows = ranking.locator('tbody tr');
    expect(await rows.count()).toBe(6);
    expect(await rows.nth(0).locator('th').innerText()).toBe('Khorgos dry port');
    expect(await rows.nth(1).innerText()).toMatch(
      /Aktau ferry slots[\s\S]*8\.0000[\s\S]*Tie broken by the median \(8\.0000\)/,
    );
    expect(await rows.nth(3).innerText()).toContain('Tied: no tie-breaker separated it');
    expect(await rows.nth(5).innerText()).toMatch(
      /Lonely late entry[\s\S]*Unranked[\s\S]*Too few scorecards \(fewer than 2\)/,
    );
    await b.page
      .getByRole('table', { name: 'Juror statistics in efficiency' })
      .getByText('Juror A Secretname')
      .waitFor();
    await expectClean(b, 'results');

    // The CSV: fetched with the session, saved under the server's name.
    const [download] = await Promise.all([
      b.page.waitForEvent('download'),
      b.page.getByRole('button', { name: 'Results (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`results-${world.roundId}.csv`);
    expect(readFileSync(await download.path(), 'utf8')).toContain('Khorgos dry port');

    // The top 4 take five: N4 and N5 share rank 4, and the page says so before anything changes.
    const topN = page.field('topN');
    await topN.fill('4');
    await b.page
      .getByText('Tie at the cut: 2 nominations share the last place, so they all advance.')
      .waitFor();
    await b.page.getByText('efficiency: 5 nominations advance').waitFor();
    expect(await b.page.locator('.badge-tie').count()).toBe(2);

    // With the keyboard: the dialog opens on its safe choice; the confirmation is one step back.
    await b.page.getByRole('button', { name: 'Advance the top 4' }).focus();
    await b.page.keyboard.press('Enter');
    const advance = b.page.getByRole('dialog', { name: 'Advance the top 4?' });
    await advance.getByText('5 nominations are shortlisted and the next round opens.').waitFor();
    await advance.getByText('Because of ties at the cut, more than 4 advance in: efficiency (5).').waitFor();
    await b.page.keyboard.press('Shift+Tab');
    await b.page.keyboard.press('Enter');
    await b.page.getByText(/is open with \d+ assignments/).waitFor();
    const shortlisted = await t.db.query<{ title: string }[]>(
      `SELECT title FROM nominations WHERE edition_id = $1 AND status = 'shortlisted' ORDER BY title`,
      [world.edition.id],
    );
    expect(shortlisted.map((n) => n.title)).toEqual([
      'Aktau ferry slots',
      'Almaty rail hub',
      'Caspian cold chain',
      'Khorgos dry port',
      'Turan bonded warehouse',
    ]);
  });

  it('pages a long ranking with the keyboard, 25 at a time, and asks for one page only', async () => {
    const t = b.app.t;
    // 30 nominations, one juror: N01 scores 30 … N30 scores 1 (a scale of 0 to 30), so rank k is Nk.
    const labels = Array.from({ length: 30 }, (_, i) => `N${String(i + 1).padStart(2, '0')}`);
    const world = await createJudgedWorld(t, {
      minScorecards: 1,
      scaleMax: 30,
      jurors: ['A'],
      nominations: Object.fromEntries(labels.map((label) => [label, { title: `Entry ${label}` }])),
    });
    await scoreTable(t, world, { A: Object.fromEntries(labels.map((label, i) => [label, 30 - i])) });
    const me = await organiser(t);
    await closeAndTally(t, world, me.auth);
    const asked: string[] = [];
    b.page.on('request', (request) => {
      if (/\/results(\/|\?|$)/.test(new URL(request.url()).pathname + new URL(request.url()).search))
        asked.push(new URL(request.url()).pathname + new URL(request.url()).search);
    });
    await signInAt(b, me, `/organiser/editions/${world.edition.id}/results`);
    const rows = b.page.getByRole('table', { name: 'Ranking in efficiency' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(25);
    const pager = b.page.getByRole('navigation', { name: 'Pages of the ranking in efficiency' });
    await pager.getByText('30 nominations ranked · Page 1 of 2').waitFor();

    await tabTo(b.page, '.entries-pager button', { limit: 80 });
    expect(await focused(b.page)).toMatchObject({ text: 'Next page', visible: true });
    await b.page.keyboard.press('Enter');
    await pager.getByText('30 nominations ranked · Page 2 of 2').waitFor();
    await rows.first().getByText('Entry N26').waitFor();
    expect(await rows.count()).toBe(5);
    expect(await rows.first().locator('td').first().innerText()).toBe('26');
    // The first page came with the results; the second alone, of 25.
    expect(asked.filter((path) => path.includes('/ranking'))).toEqual([
      `/api/v1/rounds/${world.roundId}/results/${world.edition.categories[0]!.id}/ranking?page=2&pageSize=25`,
    ]);
    expect(asked.some((path) => path.endsWith('/results?pageSize=25'))).toBe(true);
    // Back to the first page: the button gone, its neighbour keeps the focus.
    expect(await focused(b.page)).toMatchObject({ text: 'Previous page', visible: true });
    await b.page.keyboard.press('Enter');
    await pager.getByText('30 nominations ranked · Page 1 of 2').waitFor();
    await rows.first().getByText('Entry N01').waitFor();
    await expectClean(b, 'results, a long ranking');
  });

  it('shows the jury’s agreement and the flagged jurors beside the ranking, with their CSV, in English and German', async () => {
    const t = b.app.t;
    // D marks in the reverse order of A, B and C: agreement −1, flagged; W over the four is 0.25 by hand.
    const world = await createJudgedWorld(t, {
      jurors: ['A', 'B', 'C', 'D'],
      nominations: {
        N1: { title: 'Khorgos dry port' },
        N2: { title: 'Aktau ferry slots' },
        N3: { title: 'Caspian cold chain' },
        N4: { title: 'Almaty rail hub' },
        N5: { title: 'Turan bonded warehouse' },
      },
    });
    const marks = { A: [9, 7, 5, 3, 1], B: [10, 8, 6, 4, 2], C: [8, 6, 4, 2, 0], D: [1, 3, 5, 7, 9] };
    await scoreTable(
      t,
      world,
      Object.fromEntries(
        Object.entries(marks).map(([juror, row]) => [
          juror,
          Object.fromEntries(row.map((mark, i) => [`N${i + 1}`, mark])),
        ]),
      ),
    );
    const me = await organiser(t);
    await closeAndTally(t, world, me.auth);
    const analytics = await t
      .http()
      .get(`/api/v1/rounds/${world.roundId}/analytics`)
      .set(me.auth)
      .expect(200);
    const alpha = analytics.body.categories[0].alpha as {
      value: number;
      interval: { low: number; high: number };
    };
    const en = new Intl.NumberFormat('en', { maximumFractionDigits: 4 });

    const page = await signInAt(b, me, `/organiser/editions/${world.edition.id}/results`);
    await page.expectHeading('Results');
    await b.page.getByRole('heading', { name: 'Jury agreement in efficiency' }).waitFor();
    await b.page
      .getByText(
        `Krippendorff’s alpha: ${en.format(alpha.value)} (95 % interval ${en.format(alpha.interval.low)} to ${en.format(alpha.interval.high)}), from 5 nominations with 20 scorecards by 4 jurors`,
      )
      .waitFor();
    await b.page.getByText('W = 0.25: 4 jurors on 5 nominations').waitFor();
    const diagnostics = b.page.getByRole('table', { name: 'Juror diagnostics in efficiency' });
    const d = diagnostics.getByRole('row', { name: /Juror D Secretname/ });
    expect(await d.innerText()).toMatch(/Juror D Secretname\s+5\s+[\s\S]*Agreement -1 is below 0\.3/);
    expect(await diagnostics.getByRole('row', { name: /Juror B Secretname/ }).innerText()).toMatch(
      /\+1\.3333[\s\S]*None/,
    );
    // Would the winner change? Not here: under every method and without any juror N1 wins, and levelling N1
    // (mean 7) with N2 (mean 6) takes a change of 4 to one of the four totals.
    expect(analytics.body.categories[0].sensitivity).toMatchObject({
      fragile: false,
      causes: [],
      margin: { scoreDifference: '1.0000', change: { delta: expect.stringMatching(/^-?4\.0000$/) } },
    });
    const sensitivity = b.page.getByRole('group', { name: 'Would the winner change?' });
    await sensitivity
      .getByText('Robust: the winner is the same under every scoring method, without any one juror', {
        exact: false,
      })
      .waitFor();
    const verdict = await sensitivity.innerText();
    expect(verdict).toContain(
      'Winner by scoring method: mean: Khorgos dry port; trimmed mean: Khorgos dry port; z-score: Khorgos dry port.',
    );
    expect(verdict).toContain('Each of the 4 jurors left out in turn: winner changed 0;');
    expect(verdict).toMatch(
      /Khorgos dry port leads Aktau ferry slots by 1\.0000; the smallest change to one total that would level them: -?4\.0000 \(Juror [A-D] Secretname, on (Khorgos dry port|Aktau ferry slots)\)\./,
    );
    await expectClean(b, 'results with jury agreement');

    const [download] = await Promise.all([
      b.page.waitForEvent('download'),
      b.page.getByRole('button', { name: 'Juror diagnostics (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`juror-diagnostics-${world.roundId}.csv`);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('Juror D Secretname');
    expect(csv).toContain('low_agreement');

    await page.languageButton('de').click();
    await page.expectHtmlLang('de');
    await b.page.getByRole('heading', { name: 'Übereinstimmung der Jury in efficiency' }).waitFor();
    await b.page.getByText('W = 0,25: 4 Juroren, 5 Einreichungen').waitFor();
    await b.page
      .getByRole('table', { name: 'Juroren-Diagnose in efficiency' })
      .getByText('Übereinstimmung -1 liegt unter 0,3')
      .waitFor();
    await b.page
      .getByRole('group', { name: 'Würde sich der Sieger ändern?' })
      .getByText(/^Stabil:/)
      .waitFor();
    expect(await messageProblems(b.page)).toEqual([]);
  });

  it('publishes under an embargo and cancels it, then publishes now: the public and manifest links', async () => {
    const t = b.app.t;
    const world = await scoredWorld(t);
    const me = await organiser(t);
    await closeAndTally(t, world, me.auth);
    b.expectFailure({ method: 'GET', path: PUBLICATION, status: 404 });
    const page = await signInAt(b, me, `/organiser/editions/${world.edition.id}/publication`);
    await page.expectHeading('Publication');

    // The preview: the public page's ranking, marked as such.
    await b.page.getByText('Preview — only organisers see this until it is published').waitFor();
    await b.page.getByText(/Winner:\s*Khorgos dry port/).waitFor();
    await expectClean(b, 'publication');

    // A time in the past is refused in the page, before any request.
    await page.field('releaseAt').fill(almatyWallClock(new Date(Date.now() - DAY)));
    await b.page.getByRole('button', { name: 'Schedule the publication' }).click();
    await b.page.getByText('Choose a date and time in the future.').waitFor();

    const releaseAt = new Date(Math.floor((Date.now() + 2 * DAY) / 60_000) * 60_000);
    await page.field('releaseAt').fill(almatyWallClock(releaseAt));
    await b.page.getByRole('button', { name: 'Schedule the publication' }).click();
    await page.expectHeading('Publication');
    await b.page.getByRole('heading', { name: 'Publication scheduled' }).waitFor();
    await b.page.getByText(/Released in 1 day 23 hours/).waitFor();
    const [scheduled] = await t.db.query<{ status: string; release_at: Date }[]>(
      `SELECT status, release_at FROM publications WHERE edition_id = $1`,
      [world.edition.id],
    );
    expect(scheduled).toEqual({ status: 'scheduled', release_at: releaseAt });
    // Scheduling holds the results ready; cancelling puts back the tallying it moved the edition out of.
    const phase = b.page.locator('.console-phase');
    await phase.filter({ hasText: 'Phase: Results ready' }).waitFor();

    await b.page.getByRole('button', { name: 'Cancel the publication' }).click();
    await b.page
      .getByRole('dialog', { name: 'Cancel the scheduled publication?' })
      .getByRole('button', { name: 'Yes, cancel it' })
      .click();
    await b.page.getByText('The scheduled publication was cancelled.').waitFor();
    expect(await b.page.getByRole('heading', { name: 'Publication scheduled' }).count()).toBe(0);
    expect(await t.db.query(`SELECT id FROM publications WHERE edition_id = $1`, [world.edition.id])).toEqual(
      [],
    );
    await phase.filter({ hasText: 'Phase: Tallying' }).waitFor();

    await b.page.getByRole('button', { name: 'Publish now' }).click();
    await b.page
      .getByRole('dialog', { name: 'Publish the results now?' })
      .getByRole('button', { name: 'Yes, publish now' })
      .click();
    await b.page.getByRole('heading', { name: 'Published' }).waitFor();
    expect(await b.page.getByRole('link', { name: 'The public results page' }).getAttribute('href')).toBe(
      `/results/${world.edition.slug}`,
    );
    expect(await b.page.getByRole('link', { name: 'The manifest (JSON)' }).getAttribute('href')).toBe(
      `/api/v1/public/editions/${world.edition.slug}/results/manifest`,
    );
  });

  it('publishing twice is refused in the page in the organiser’s language; the other languages read whole', async () => {
    const t = b.app.t;
    const world = await scoredWorld(t);
    const me = await organiser(t, 'ru');
    await closeAndTally(t, world, me.auth);
    b.expectFailure({ method: 'GET', path: PUBLICATION, status: 404 });
    const page = await signInAt(b, me, `/organiser/editions/${world.edition.id}/publication`);
    await page.expectHtmlLang('ru');
    await page.expectHeading('Публикация');
    expect(await messageProblems(b.page)).toEqual([]);

    // Someone else publishes meanwhile (another tab, another organiser).
    await t.http().post(`/api/v1/editions/${world.edition.id}/publish`).set(me.auth).send({}).expect(200);
    b.expectFailure({ method: 'POST', path: `/api/v1/editions/${world.edition.id}/publish`, status: 409 });
    await b.page.getByRole('button', { name: 'Опубликовать сейчас' }).click();
    const dialog = b.page.getByRole('dialog', { name: 'Опубликовать итоги сейчас?' });
    await dialog.getByRole('button', { name: 'Да, опубликовать' }).click();
    await dialog.getByText('Итоги этого сезона уже опубликованы.').waitFor();

    // Kazakh and German: the results screen reads whole, its language set.
    await b.page.keyboard.press('Escape');
    await page.goto(`/organiser/editions/${world.edition.id}/results`);
    for (const [locale, heading] of [
      ['kk', 'Қорытындылар'],
      ['de', 'Ergebnisse'],
    ] as const) {
      await page.languageButton(locale).click();
      await page.expectHtmlLang(locale);
      await page.expectHeading(heading);
      await b.page.locator('table.results-table').first().waitFor();
      expect(await messageProblems(b.page)).toEqual([]);
    }
  });

  it('filters the audit log, verifies the chain, and retries a failed mail', async () => {
    const t = b.app.t;
    const world = await scoredWorld(t);
    const me = await organiser(t);
    await closeAndTally(t, world, me.auth);
    const recipient = `failed-${Date.now()}@example.test`;
    const [failed] = await t.db.query<{ id: string }[]>(
      `INSERT INTO notifications (event, subject, recipient_email, locale, params, status, attempts, last_error)
       VALUES ('account.password_reset', 'Reset your password', $1, 'en', $2, 'failed', 3, '451 Try again later') RETURNING id`,
      [
        recipient,
        JSON.stringify({
          name: 'Reset',
          link: 'https://example.test/reset?token=x',
          expiresAt: '2030-01-01T00:00:00.000Z',
        }),
      ],
    );

    const page = await signInAt(b, me, '/organiser/audit');
    await page.expectHeading('Audit log');
    await b.page.getByRole('table', { name: 'Audit entries, newest first' }).waitFor();
    await expectClean(b, 'audit');

    await b.page.getByLabel('Edition').selectOption(world.edition.id);
    await page.field('action').fill('rounds.closed');
    await b.page.getByRole('button', { name: 'Apply the filters' }).click();
    await b.page.getByRole('heading', { name: '1 entry' }).waitFor();
    const row = b.page.getByRole('table', { name: 'Audit entries, newest first' }).locator('tbody tr');
    expect(await row.innerText()).toContain('rounds.closed');
    expect(await row.innerText()).toContain('Dana Organiser');
    expect(new URL(b.page.url()).searchParams.get('editionId')).toBe(world.edition.id);

    // By actor: the row's own button.
    await page.field('action').fill('');
    await b.page.getByRole('button', { name: 'Apply the filters' }).click();
    await b.page.getByRole('button', { name: 'Show only the entries of Dana Organiser' }).first().click();
    await b.page.waitForURL((url) => url.searchParams.get('actorId') === me.id);
    expect(await page.field('actorId').inputValue()).toBe(me.id);

    await b.page.getByRole('button', { name: 'Verify the chain' }).click();
    await b.page.getByText(/The chain is intact: \d+ entries checked\./).waitFor();

    await page.goto('/organiser/mail');
    await page.expectHeading('Mail');
    await b.page.getByRole('table', { name: 'Failed mails, newest first' }).getByText(recipient).waitFor();
    await expectClean(b, 'mail');
    await b.page.getByRole('button', { name: `Retry the mail to ${recipient}` }).click();
    await b.page.getByText(`The mail to ${recipient} is queued again.`).waitFor();
    const [after] = await t.db.query<{ status: string }[]>(`SELECT status FROM notifications WHERE id = $1`, [
      failed!.id,
    ]);
    expect(after!.status).not.toBe('failed');

    await b.page.getByRole('button', { name: 'Get a link to the queue dashboard' }).click();
    expect(
      await b.page.getByRole('link', { name: 'Open the queue dashboard' }).getAttribute('href'),
    ).toContain('/admin/queues/enter?ticket=');
  });

  it('an entrant and a juror get the 404 page at the console’s results and trust addresses', async () => {
    const t = b.app.t;
    // No console request is made for them (RequireRole never loads the screens), so any edition id will do.
    const results = '/organiser/editions/00000000-0000-4000-8000-000000000001/results';
    for (const role of ['entrant', 'juror'] as const) {
      const user = await createUser(t, { roles: [role] });
      const page = await signInAt(b, user, results);
      await page.expectHeading('Page not found');
      await page.goto('/organiser/audit');
      await page.expectHeading('Page not found');
      await page.signOut();
    }
  });
});

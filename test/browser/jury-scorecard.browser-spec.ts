import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { DEFAULT_PASSWORD } from '../support/factories.js';
import { ScorecardPage } from './pages/scorecard.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { useBrowser } from './support/browser.js';
import {
  addImage,
  closeRound,
  createJurorWorld,
  type JurorWorld,
  serverScorecard,
} from './support/juror-world.js';
import { focused, tabTo } from './support/keyboard.js';
import type { PageGlobals } from './support/page-globals.js';

const SCORECARD_PATH = /^\/api\/v1\/rounds\/[^/]+\/scorecards\/[^/]+(\/submit)?$/;
const CODES = ['cost', 'speed', 'reliability'];

describe('The juror scores a nomination', () => {
  const b = useBrowser();

  /** Signs the juror in through the sign-in form, which brings them to the scorecard. */
  async function openAsJuror(w: JurorWorld, nominationId = w.first.id, page: Page = b.page) {
    const path = `/jury/rounds/${w.roundId}/nominations/${nominationId}`;
    await new SignInPage(page).open(path);
    await new SignInPage(page).signIn(w.assignedJuror.email, DEFAULT_PASSWORD);
    const scorecard = new ScorecardPage(page);
    await scorecard.saveStatus.waitFor();
    await scorecard.expectHeading(nominationId === w.first.id ? w.first.title : w.second.title);
    return scorecard;
  }

  /** Makes every scorecard save answer 503 (a server restarting behind its proxy) until the returned function is called. */
  async function serverDown(page: Page): Promise<() => Promise<void>> {
    const pattern = '**/api/v1/rounds/*/scorecards/**';
    await page.route(pattern, (route) =>
      route.request().method() === 'GET'
        ? route.continue()
        : route.fulfill({
            status: 503,
            contentType: 'application/problem+json',
            body: JSON.stringify({ code: 'http.503', title: 'Service Unavailable', status: 503 }),
          }),
    );
    return () => page.unroute(pattern);
  }

  /** The scorecard's version as the database has it, read past the application (which may be stopped). */
  async function versionInDatabase(w: JurorWorld): Promise<number> {
    const client = new pg.Client({ connectionString: b.app.t.config.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: number }>(
        `SELECT version FROM scorecards WHERE round_id = $1 AND nomination_id = $2 AND juror_id = $3`,
        [w.roundId, w.first.id, w.assignedJuror.id],
      );
      return rows[0]?.version ?? 0;
    } finally {
      await client.end();
    }
  }

  it('scores and submits, views the attachment, changes the marks after submitting, and reads them only once the round is closed', async () => {
    const w = await createJurorWorld(b.app.t);
    const scorecard = await openAsJuror(w);

    // The entry beside the scorecard: its answer, its company (not blind), its attachment in the page.
    await scorecard.main.getByText('gauge change in 47 minutes').waitFor();
    await scorecard.main.getByText('Caspian Rail Cargo').first().waitFor();
    const frameLoaded = b.page.waitForResponse(
      (response) =>
        response.url().includes(`/attachments/${w.attachmentId}`) && response.request().isNavigationRequest(),
    );
    await scorecard.main.getByRole('button', { name: 'View khorgos-report.pdf' }).click();
    expect((await frameLoaded).status()).toBe(200);
    expect(await scorecard.main.locator('iframe[title="Attachment: khorgos-report.pdf"]').count()).toBe(1);

    await scorecard.mark('cost', 7);
    await scorecard.expectSaved();
    await scorecard.mark('speed', 9);
    await scorecard.mark('reliability', 15);
    await scorecard.comment.fill('Strong evidence on transfer times.');
    await scorecard.expectSaved();
    expect(await serverScorecard(b.app.t, w, w.first.id)).toMatchObject({
      status: 'draft',
      scores: { cost: 7, speed: 9, reliability: 15 },
      comment: 'Strong evidence on transfer times.',
    });

    // Submit shows the summary of the marks first.
    await scorecard.submitButton.click();
    await scorecard.summaryDialog.waitFor();
    const summary = await scorecard.summaryDialog.innerText();
    expect(summary).toMatch(/cost\s+7/);
    expect(summary).toMatch(/reliability\s+15/);
    expect(summary).toContain('Strong evidence on transfer times.');
    await scorecard.summaryDialog.getByRole('button', { name: 'Submit', exact: true }).click();
    await scorecard.submittedNote.waitFor();
    expect(await scorecard.submittedNote.innerText()).toContain(
      'You can still change it until the round closes',
    );
    expect((await serverScorecard(b.app.t, w, w.first.id)).status).toBe('submitted');

    // Changed after submitting: saved, and still submitted.
    await scorecard.mark('speed', 6);
    await scorecard.expectSaved();
    expect(await serverScorecard(b.app.t, w, w.first.id)).toMatchObject({
      status: 'submitted',
      scores: { cost: 7, speed: 6, reliability: 15 },
    });

    // The organiser closes the round: the page, opened again, says why nothing can change.
    await closeRound(b.app.t, w);
    await scorecard.page.reload();
    await scorecard.expectReadOnly();
    expect(await scorecard.lockedNote.innerText()).toContain('The round is closed');
    expect(await scorecard.shownMarks(CODES)).toEqual({ cost: 7, speed: 6, reliability: 15 });
  });

  it('keeps the marks while the server is stopped for ten seconds and saves them once it is back', async () => {
    const w = await createJurorWorld(b.app.t);
    const scorecard = await openAsJuror(w);
    // While nothing listens, the saves (and anything else the page asks) get no answer at all.
    b.expectFailure({ path: /^\/api\//, status: 'failed' });

    await b.app.stopServer();
    const downSince = Date.now();
    await scorecard.mark('cost', 4);
    await scorecard.expectSaveState('retrying');
    expect(await scorecard.saveStatus.innerText()).toContain('Your marks are kept in this browser');
    await scorecard.mark('speed', 8);
    await scorecard.mark('reliability', 12);
    await scorecard.comment.fill('Written while the server was away.');
    await b.page.waitForTimeout(Math.max(0, 10_000 - (Date.now() - downSince)));
    expect(await versionInDatabase(w)).toBe(0);
    // The same port, so the page's next retry reaches the new server.
    await b.app.startServer();

    await scorecard.expectSaved();
    // Connection failures were expected while the server was away, not after.
    b.watcher.assertClean();
    expect(await serverScorecard(b.app.t, w, w.first.id)).toMatchObject({
      scores: { cost: 4, speed: 8, reliability: 12 },
      comment: 'Written while the server was away.',
    });
    expect(await scorecard.shownMarks(CODES)).toEqual({ cost: 4, speed: 8, reliability: 12 });
  });

  it('restores unsaved marks after a reload, warning before the page is left', async () => {
    const w = await createJurorWorld(b.app.t);
    const scorecard = await openAsJuror(w);
    b.expectFailure({ method: 'PUT', path: SCORECARD_PATH, status: 503 });
    const restore = await serverDown(b.page);
    await scorecard.mark('cost', 3);
    await scorecard.mark('speed', 5);
    await scorecard.expectSaveState('retrying');

    const warned = new Promise<string>((resolve) =>
      b.page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      }),
    );
    await b.page.reload();
    expect(await warned).toBe('beforeunload');
    await scorecard.saveStatus.waitFor();
    expect(await scorecard.shownMarks(CODES)).toEqual({ cost: 3, speed: 5 });
    await scorecard.main.getByText('restored from this browser').waitFor();

    await restore();
    await scorecard.expectSaved();
    expect((await serverScorecard(b.app.t, w, w.first.id)).scores).toEqual({ cost: 3, speed: 5 });
  });

  it('shows both versions when another tab saved the same scorecard, and keeps the one the juror chooses', async () => {
    const w = await createJurorWorld(b.app.t);
    const first = await openAsJuror(w);
    // The second tab of the same browser: signed in through the shared session.
    const otherPage = await b.context.newPage();
    const second = new ScorecardPage(otherPage);
    await second.open(w.roundId, w.first.id);

    await first.mark('cost', 2);
    await first.mark('speed', 2);
    await first.expectSaved();

    b.expectFailure({ method: 'PUT', path: SCORECARD_PATH, status: 409 });
    const refused = otherPage.waitForResponse((r) => r.request().method() === 'PUT' && r.status() === 409);
    await second.mark('cost', 9);
    await refused;
    await second.conflict.waitFor();
    const rows = await second.conflict.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/cost.*\s9\s+2/s);
    expect(rows[1]).toMatch(/speed.*not marked\s+2/s);
    // Nothing was overwritten meanwhile.
    expect((await serverScorecard(b.app.t, w, w.first.id)).scores).toEqual({ cost: 2, speed: 2 });

    await second.conflict.getByRole('button', { name: 'Keep my marks here' }).click();
    await second.expectSaved();
    expect((await serverScorecard(b.app.t, w, w.first.id)).scores).toEqual({ cost: 9 });
    await otherPage.close();
  });

  it('takes the other version when the juror chooses it', async () => {
    const w = await createJurorWorld(b.app.t);
    const first = await openAsJuror(w);
    const otherPage = await b.context.newPage();
    const second = new ScorecardPage(otherPage);
    await second.open(w.roundId, w.first.id);
    await first.mark('cost', 6);
    await first.expectSaved();

    b.expectFailure({ method: 'PUT', path: SCORECARD_PATH, status: 409 });
    await second.mark('cost', 1);
    await second.conflict.waitFor();
    await second.conflict.getByRole('button', { name: 'Use the version saved elsewhere' }).click();
    await second.conflict.waitFor({ state: 'detached' });
    expect(await second.shownMarks(CODES)).toEqual({ cost: 6 });
    expect((await serverScorecard(b.app.t, w, w.first.id)).scores).toEqual({ cost: 6 });
    await otherPage.close();
  });

  it('is scored, submitted and left with the keyboard alone', async () => {
    const w = await createJurorWorld(b.app.t);
    const scorecard = await openAsJuror(w);
    const page = b.page;

    // Tab reaches the first criterion's radios; arrows choose within it; Tab goes on to the next criterion.
    await tabTo(page, 'fieldset[data-criterion="cost"] input[type="radio"]', { limit: 60 });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('name'),
      ),
    ).toBe('score-speed');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('name'),
      ),
    ).toBe('score-reliability');
    await page.keyboard.type('11');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('scorecard-comment');
    // Letters typed in the comment are text, not shortcuts.
    await page.keyboard.type('jk? fine');
    await scorecard.expectSaved();
    expect(await serverScorecard(b.app.t, w, w.first.id)).toMatchObject({
      scores: { cost: 3, speed: 1, reliability: 11 },
      comment: 'jk? fine',
    });

    // Ctrl+Enter opens the summary; Enter on its focused Submit submits.
    await page.keyboard.press('Control+Enter');
    await scorecard.summaryDialog.waitFor();
    expect((await focused(page)).text).toBe('Submit');
    await page.keyboard.press('Enter');
    await scorecard.submittedNote.waitFor();
    expect((await serverScorecard(b.app.t, w, w.first.id)).status).toBe('submitted');

    // ? lists the shortcuts in a dialog; Escape closes it.
    await page.locator('main').focus();
    await page.keyboard.press('Shift+?');
    await scorecard.shortcutsDialog.waitFor();
    await page.keyboard.press('Escape');
    await scorecard.shortcutsDialog.waitFor({ state: 'detached' });

    // j goes to the next nomination, k back.
    await page.keyboard.press('j');
    await scorecard.expectHeading(w.second.title);
    await scorecard.saveStatus.waitFor();
    await page.keyboard.press('k');
    await scorecard.expectHeading(w.first.title);
  });

  it('saves and moves on to the next nomination not yet submitted, or skips to it', async () => {
    const w = await createJurorWorld(b.app.t);
    const scorecard = await openAsJuror(w);
    await scorecard.mark('cost', 5);
    await scorecard.main.getByRole('button', { name: 'Save and next' }).click();
    await scorecard.expectHeading(w.second.title);
    expect((await serverScorecard(b.app.t, w, w.first.id)).scores).toEqual({ cost: 5 });
    await scorecard.saveStatus.waitFor();
    // Moving on asks the server for the nomination and its scorecard at most (the nomination seen before: only the scorecard).
    const requests: string[] = [];
    b.page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) requests.push(request.url());
    });
    await scorecard.main.getByRole('link', { name: 'Skip for now' }).click();
    await scorecard.expectHeading(w.first.title);
    await scorecard.saveStatus.waitFor();
    expect(requests.length).toBeLessThanOrEqual(2);
    expect(requests.every((url) => url.includes(`/${w.first.id}`))).toBe(true);
    expect(await scorecard.shownMarks(CODES)).toEqual({ cost: 5 });
  });

  it('in a blind edition shows no company, and attachments (a PDF, an image) under the names the API gives them', async () => {
    const w = await createJurorWorld(b.app.t, { blind: true });
    await addImage(b.app.t, w.first.id, w.entrant.id, 'caspian-rail-cargo-site.png');
    const bodies: string[] = [];
    b.page.on('response', (response) => {
      if (response.url().includes('/api/v1/') && response.headers()['content-type']?.includes('json'))
        void response.text().then(
          (text) => bodies.push(text),
          () => undefined,
        );
    });
    const scorecard = await openAsJuror(w);
    await scorecard.main.getByText('gauge change in 47 minutes').waitFor();

    await scorecard.main.getByRole('button', { name: 'View Attachment 2.png' }).click();
    const image = scorecard.main.locator('img[alt="Attachment 2.png"]');
    await image.waitFor();
    await b.page.waitForFunction(
      (alt) =>
        [...(globalThis as unknown as PageGlobals).document.querySelectorAll('img')].some(
          (img) =>
            img.getAttribute('alt') === alt &&
            (img as unknown as { naturalWidth: number }).naturalWidth === 24,
        ),
      'Attachment 2.png',
    );
    await scorecard.main.getByRole('button', { name: 'View Attachment 1.pdf' }).click();
    await scorecard.main.locator('iframe[title="Attachment: Attachment 1.pdf"]').waitFor();

    const html = await b.page.content();
    for (const secret of [
      'Caspian Rail Cargo',
      'caspian-rail-cargo-site',
      'khorgos-report',
      w.entrant.fullName,
    ]) {
      expect(html).not.toContain(secret);
      for (const body of bodies) expect(body).not.toContain(secret);
    }
    expect(bodies.length).toBeGreaterThan(0);
  });
});

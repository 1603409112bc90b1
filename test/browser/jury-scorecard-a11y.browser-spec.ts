import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PASSWORD } from '../support/factories.js';
import { ScorecardPage } from './pages/scorecard.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { expectNoAxeViolations } from './support/axe.js';
import { useBrowser } from './support/browser.js';
import { closeRound, createJurorWorld } from './support/juror-world.js';
import { messageProblems } from './support/messages.js';

const LOCALES = ['en', 'ru', 'kk', 'de'] as const;
const SCORECARD_PATH = /^\/api\/v1\/rounds\/[^/]+\/scorecards\/[^/]+$/;
/**
 * Where the screenshots go, to be looked at (360 px phone, 1440 px desktop): English's always, the other
 * languages' when SCORECARD_SHOTS_DIR asks for them.
 */
const SHOTS = process.env.SCORECARD_SHOTS_DIR ?? '/tmp';
const shoot = (locale: string) => locale === 'en' || process.env.SCORECARD_SHOTS_DIR !== undefined;

describe('The scorecard screen is accessible in every locale', () => {
  const b = useBrowser();

  it.each(LOCALES)(
    '%s: the scorecard, its dialogs, a failed save, a conflict and a closed round have no axe violation',
    async (locale) => {
      const w = await createJurorWorld(b.app.t);
      await b.app.t.db.query(`UPDATE users SET locale = $2 WHERE id = $1`, [w.assignedJuror.id, locale]);
      const path = `/jury/rounds/${w.roundId}/nominations/${w.first.id}`;
      await new SignInPage(b.page).open(path);
      await new SignInPage(b.page).signIn(w.assignedJuror.email, DEFAULT_PASSWORD);
      const scorecard = new ScorecardPage(b.page);
      await scorecard.expectHtmlLang(locale);
      await scorecard.saveStatus.waitFor();
      const check = async (state: string) => {
        // Every rule in English; in the other languages, the rules that read the screen's words.
        await expectNoAxeViolations(b.page, `${path} (${locale}, ${state})`, {
          rules: locale === 'en' ? 'all' : 'locale',
        });
        expect(await messageProblems(b.page)).toEqual([]);
      };

      // With marks, a comment and the attachment open.
      await scorecard.mark('cost', 8);
      await scorecard.mark('reliability', 14);
      await scorecard.comment.fill('Clear evidence.');
      await scorecard.expectSaved();
      await scorecard.main.locator('.attachment button[aria-expanded]').click();
      await scorecard.main.locator('iframe.attachment__frame').waitFor();
      await check('marked');
      if (locale !== 'en') expect(await scorecard.main.innerText()).not.toContain('Your scorecard');
      for (const width of shoot(locale) ? [1440, 360] : []) {
        await b.page.setViewportSize({ width, height: 900 });
        // From the top, the scorecard's own pane too (it scrolls beside the entry on a wide screen).
        await b.page.evaluate('window.scrollTo(0, 0); document.querySelector(".scorecard")?.scrollTo(0, 0)');
        await b.page.screenshot({ path: `${SHOTS}/scorecard-${locale}-${width}.png`, fullPage: true });
      }
      await b.page.setViewportSize({ width: 1280, height: 900 });

      // The summary before submitting (one criterion left unmarked) and the list of shortcuts.
      await scorecard.submitButton.click();
      await scorecard.summaryDialog.waitFor();
      await check('summary');
      await b.page.keyboard.press('Escape');
      await scorecard.summaryDialog.waitFor({ state: 'detached' });
      await b.page.locator('main').focus();
      await b.page.keyboard.press('Shift+?');
      await scorecard.shortcutsDialog.waitFor();
      await check('shortcuts');
      await b.page.keyboard.press('Escape');

      // A save that fails for now.
      b.expectFailure({ method: 'PUT', path: SCORECARD_PATH, status: 503 });
      await b.page.route('**/api/v1/rounds/*/scorecards/*', (route) =>
        route.request().method() === 'PUT'
          ? route.fulfill({
              status: 503,
              contentType: 'application/problem+json',
              body: '{"code":"http.503","title":"Service Unavailable","status":503}',
            })
          : route.continue(),
      );
      await scorecard.mark('speed', 2);
      await scorecard.expectSaveState('retrying');
      await check('retrying');
      if (locale === 'en')
        await b.page.screenshot({ path: `${SHOTS}/scorecard-retrying-${locale}.png`, fullPage: true });

      // The same scorecard saved elsewhere meanwhile (as another device would): both versions are shown.
      const saved = await b.app.t
        .http()
        .put(`/api/v1/rounds/${w.roundId}/scorecards/${w.first.id}`)
        .set(w.assignedJuror.auth)
        .send({ scores: { cost: 1 }, comment: 'From the tablet' });
      expect(saved.status).toBe(200);
      b.expectFailure({ method: 'PUT', path: SCORECARD_PATH, status: 409 });
      await b.page.unroute('**/api/v1/rounds/*/scorecards/*');
      await scorecard.conflict.waitFor();
      await check('conflict');
      if (shoot(locale)) {
        await b.page.setViewportSize({ width: 360, height: 900 });
        await b.page.screenshot({ path: `${SHOTS}/scorecard-conflict-${locale}-360.png`, fullPage: true });
        await b.page.setViewportSize({ width: 1280, height: 900 });
      }
      await scorecard.conflict.locator('.button').first().click();
      await scorecard.expectSaved();

      // After the round closes: read-only, saying why.
      await closeRound(b.app.t, w);
      await b.page.reload();
      await scorecard.expectReadOnly();
      await check('closed');
      if (locale === 'en')
        await b.page.screenshot({ path: `${SHOTS}/scorecard-closed-${locale}.png`, fullPage: true });
    },
    150_000,
  );
});

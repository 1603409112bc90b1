import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PASSWORD } from '../support/factories.js';
import { ScorecardPage } from './pages/scorecard.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { useBrowser } from './support/browser.js';
import { createJurorWorld, serverScorecard } from './support/juror-world.js';

/** The shortest access token the server allows: the test waits for it to expire for real. */
const TTL_SECONDS = 30;

describe('The access token expires while the juror is scoring', () => {
  const b = useBrowser({ app: { ACCESS_TOKEN_TTL_SECONDS: String(TTL_SECONDS) } });

  it('renews the session from its cookie and saves the marks made after the expiry, losing nothing', async () => {
    const w = await createJurorWorld(b.app.t);
    await new SignInPage(b.page).open(`/jury/rounds/${w.roundId}/nominations/${w.first.id}`);
    await new SignInPage(b.page).signIn(w.assignedJuror.email, DEFAULT_PASSWORD);
    // The access token was issued before this moment: TTL seconds (and one) later it has surely expired.
    const signedInAt = Date.now();
    const scorecard = new ScorecardPage(b.page);
    await scorecard.saveStatus.waitFor();
    await scorecard.mark('cost', 6);
    await scorecard.expectSaved();

    await b.page.waitForTimeout(Math.max(0, (TTL_SECONDS + 1) * 1000 - (Date.now() - signedInAt)));
    b.expectFailure({ method: 'PUT', path: /\/scorecards\//, status: 401 });
    const refusals: Promise<unknown>[] = [];
    b.page.on('response', (response) => {
      if (response.request().method() === 'PUT' && response.status() === 401) refusals.push(response.json());
    });
    await scorecard.mark('speed', 7);
    await scorecard.comment.fill('Typed after the token expired.');
    // The refusal, the renewal from the cookie and the replayed save, on a busy machine.
    await b.page.locator('#scorecard-save-status[data-save-state="saved"]').waitFor({ timeout: 30_000 });
    expect(await serverScorecard(b.app.t, w, w.first.id)).toMatchObject({
      scores: { cost: 6, speed: 7 },
      comment: 'Typed after the token expired.',
    });
    expect(await Promise.all(refusals)).toContainEqual(
      expect.objectContaining({ code: 'auth.token_expired' }),
    );
    expect(await scorecard.shownMarks(['cost', 'speed'])).toEqual({ cost: 6, speed: 7 });
  }, 120_000);
});

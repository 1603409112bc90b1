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

  it('renews the session from its cookie and saves the mark made after the expiry, losing nothing', async () => {
    const w = await createJurorWorld(b.app.t);
    const signedInAt = Date.now();
    await new SignInPage(b.page).open(`/jury/rounds/${w.roundId}/nominations/${w.first.id}`);
    await new SignInPage(b.page).signIn(w.assignedJuror.email, DEFAULT_PASSWORD);
    const scorecard = new ScorecardPage(b.page);
    await scorecard.saveStatus.waitFor();
    await scorecard.mark('cost', 6);
    await scorecard.expectSaved();

    // Past the token's expiry (and the verifier's tolerance).
    await b.page.waitForTimeout(Math.max(0, (TTL_SECONDS + 1) * 1000 - (Date.now() - signedInAt)));
    b.expectFailure({ method: 'PUT', path: /\/scorecards\//, status: 401 });
    const expired = b.page.waitForResponse((r) => r.request().method() === 'PUT' && r.status() === 401);
    await scorecard.mark('speed', 7);
    await scorecard.comment.fill('Typed after the token expired.');
    expect((await (await expired).json()) as { code: string }).toMatchObject({ code: 'auth.token_expired' });
    await scorecard.expectSaved();
    expect(await serverScorecard(b.app.t, w, w.first.id)).toMatchObject({
      scores: { cost: 6, speed: 7 },
      comment: 'Typed after the token expired.',
    });
    expect(await scorecard.shownMarks(['cost', 'speed'])).toEqual({ cost: 6, speed: 7 });
  }, 90_000);
});

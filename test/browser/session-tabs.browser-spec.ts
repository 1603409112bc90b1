import { describe, expect, it } from '@jest/globals';
import { createUser } from '../support/factories.js';
import { AppPage } from './pages/app-page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { useBrowser } from './support/browser.js';

describe('One session in several tabs', () => {
  const b = useBrowser();

  it('stays signed in when two tabs reload at the same moment, again and again', async () => {
    // Each reload trades the refresh cookie for a new one; the server ends a session whose spent cookie
    // comes back. Two tabs restoring at once must take turns, or the second would end the session.
    const user = await createUser(b.app.t, { fullName: 'Saule Tabs', locale: 'en' });
    await new SignInPage(b.page).open('/account').then((s) => s.signIn(user.email, user.password));
    const first = new AppPage(b.page);
    await first.expectHeading('Your account');
    const second = new AppPage(await b.page.context().newPage());
    await second.goto('/account');
    await second.expectHeading('Your account');

    for (let round = 0; round < 5; round++) {
      await Promise.all([first, second].map((tab) => tab.page.reload()));
      await Promise.all([first, second].map((tab) => tab.expectHeading('Your account')));
    }
    const sessions = await b.app.t.db.query<{ revoked_reason: string | null }[]>(
      `SELECT s.revoked_reason FROM auth_sessions s WHERE s.user_id = $1`,
      [user.id],
    );
    expect(sessions.map((s) => s.revoked_reason)).toEqual([null]);
  });
});

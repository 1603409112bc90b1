import { describe, expect, it } from '@jest/globals';
import type { Route } from 'playwright-core';
import { createUser, login, type TestUser } from '../support/factories.js';
import { createCompany, createNomination } from '../support/nominations.js';
import { NominationsPage } from './pages/nominations.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { type BrowserTest, useBrowser } from './support/browser.js';
import { editionTakingNominations } from './support/nominations-world.js';

const API = '/api/v1';

/** An entrant with a draft in an open edition, signed in on its page. */
async function openDraft(b: BrowserTest) {
  const user = await createUser(b.app.t, { roles: ['entrant'], locale: 'en' });
  const company = await createCompany(b.app.t, user.id, { name: 'Aral Sea Shipping' });
  const edition = await editionTakingNominations(b.app.t);
  const id = await createNomination(b.app.t, {
    editionId: edition.id,
    categoryId: edition.categories[0]!.id,
    companyId: company.id,
    createdBy: user.id,
    title: 'Night trains to Tashkent',
    summary: '',
  });
  const n = new NominationsPage(b.page);
  await new SignInPage(b.page).open(`/nominations/${id}`).then((s) => s.signIn(user.email, user.password));
  await n.field('summary').waitFor();
  return { user, id, n };
}

async function serverSummary(b: BrowserTest, user: TestUser, id: string): Promise<string> {
  const auth = { Authorization: `Bearer ${(await login(b.app.t, user.email)).token}` };
  return (await b.app.t.http().get(`${API}/nominations/${id}`).set(auth).expect(200)).body.summary as string;
}

/** Makes the save route answer 503 while `failing` says so; counts the saves refused. */
async function flakySaves(b: BrowserTest, id: string) {
  const state = { failing: true, refused: 0 };
  await b.page.route(`**${API}/nominations/${id}`, async (route: Route) => {
    if (route.request().method() !== 'PATCH' || !state.failing) return route.fallback();
    state.refused += 1;
    return route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({ code: 'http.503', title: 'Service Unavailable', status: 503 }),
    });
  });
  b.expectFailure({ method: 'PATCH', path: `${API}/nominations/${id}`, status: 503 });
  return state;
}

describe('Autosave loses nothing', () => {
  const b = useBrowser();

  it('saves what was typed while saves failed, once they succeed again', async () => {
    const { user, id, n } = await openDraft(b);
    const saves = await flakySaves(b, id);

    await n.field('summary').click();
    await b.page.keyboard.type('Sleeper trains replaced overnight trucks');
    await n.waitSaveState('retrying');
    expect(await n.saveStatus.textContent()).toContain('Your text is kept on this device');
    // Typed meanwhile: kept, and sent with the rest.
    await b.page.keyboard.type(' on the Almaty–Tashkent route.');
    expect(await serverSummary(b, user, id)).toBe('');

    saves.failing = false;
    await n.waitSaved();
    expect(saves.refused).toBeGreaterThan(0);
    expect(await serverSummary(b, user, id)).toBe(
      'Sleeper trains replaced overnight trucks on the Almaty–Tashkent route.',
    );
  }, 90_000);

  it('a reload while saves fail restores the unsaved text, which is saved when the server answers', async () => {
    const { user, id, n } = await openDraft(b);
    const saves = await flakySaves(b, id);
    const prompts: string[] = [];
    b.page.on('dialog', (dialog) => {
      prompts.push(dialog.type());
      void dialog.accept();
    });

    await n.field('summary').click();
    await b.page.keyboard.type('Unsaved words about the route.');
    await n.waitSaveState('retrying');
    await b.page.reload();
    await n.ready();
    // Leaving with unsaved text asked first.
    expect(prompts).toEqual(['beforeunload']);
    expect(await n.field('summary').inputValue()).toBe('Unsaved words about the route.');

    saves.failing = false;
    await n.waitSaved();
    expect(await serverSummary(b, user, id)).toBe('Unsaved words about the route.');
    // Saved: nothing is kept on the device any more, and leaving asks nothing.
    await b.page.reload();
    await n.ready();
    expect(await n.field('summary').inputValue()).toBe('Unsaved words about the route.');
    expect(prompts).toEqual(['beforeunload']);
  }, 90_000);

  it('a newer version saved elsewhere is shown, and the user may keep their own text', async () => {
    const { user, id, n } = await openDraft(b);
    const auth = { Authorization: `Bearer ${(await login(b.app.t, user.email)).token}` };
    // Another tab saves first.
    await b.app.t
      .http()
      .patch(`${API}/nominations/${id}`)
      .set(auth)
      .send({ summary: 'Written in another tab.' })
      .expect(200);
    b.expectFailure({ method: 'PATCH', path: `${API}/nominations/${id}`, status: 409 });

    await n.field('summary').click();
    await b.page.keyboard.type('Written here.');
    await n.conflict.waitFor();
    expect(await n.conflict.textContent()).toContain('Written in another tab.');
    expect(await n.field('summary').inputValue()).toBe('Written here.');

    await n.conflict.getByRole('button', { name: 'Keep my text' }).click();
    await n.waitSaved();
    expect(await serverSummary(b, user, id)).toBe('Written here.');
    expect(await n.conflict.count()).toBe(0);
  }, 90_000);
});

import type { Response } from 'playwright-core';
import { describe, expect, it } from '@jest/globals';
import { signIn } from '../support/factories.js';
import { AppPage } from './pages/app-page.js';
import { NominationsPage } from './pages/nominations.page.js';
import { RegisterPage } from './pages/register.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { newAccount } from './support/accounts.js';
import { type BrowserTest, useBrowser } from './support/browser.js';
import { editionTakingNominations, SMALL_PDF } from './support/nominations-world.js';

const API = '/api/v1';

/** What the server holds for the nomination, read as its organiser would. */
async function serverCopy(b: BrowserTest, id: string, auth: { Authorization: string }) {
  return (await b.app.t.http().get(`${API}/nominations/${id}`).set(auth).expect(200)).body as {
    title: string;
    summary: string;
    answers: Record<string, string>;
    metrics: { name: string; value: number; unit: string }[];
    status: string;
    version: number;
    attachments: { originalName: string }[];
  };
}

/** An entrant registered and verified through the API. */
export async function verifiedEntrant(b: BrowserTest, prefix: string) {
  const account = newAccount(prefix);
  await b.app.t
    .http()
    .post(`${API}/auth/register`)
    .send({ ...account, locale: 'en' })
    .expect(201);
  const token = new URL(await b.app.mailedLink(account.email, '/verify-email')).searchParams.get('token');
  await b.app.t.http().post(`${API}/auth/verify-email`).send({ token }).expect(204);
  return account;
}

describe('The entrant’s nominations in the browser', () => {
  const b = useBrowser();

  it('register, verify, create a company, write with autosave and an attachment, submit, follow the decision', async () => {
    const edition = await editionTakingNominations(b.app.t, { name: 'Magistral Awards 2027' });
    const organiser = await signIn(b.app.t, ['organiser']);
    const account = newAccount('nominee');
    const app = new AppPage(b.page);
    const n = new NominationsPage(b.page);

    // Register, and open the verification link from the mail.
    await new RegisterPage(b.page).open().then((r) => r.register(account));
    await b.page.goto(await b.app.mailedLink(account.email, '/verify-email'));
    await b.page.getByRole('status').filter({ hasText: 'Your e-mail address is confirmed.' }).waitFor();

    // The list starts empty and sends the entrant to create a company first.
    await app.signOut();
    await new SignInPage(b.page).open('/nominations').then((s) => s.signIn(account.email, account.password));
    await app.expectHeading('Your nominations');
    await b.page.getByRole('link', { name: 'Create a company' }).click();
    await app.expectHeading('Your companies');
    await app.field('name').fill('Khorgos Gateway Logistics');
    await app.field('country').selectOption('KZ');
    await app.field('registrationNumber').fill(`24014${Date.now() % 10_000_000}`);
    await b.page.getByRole('button', { name: 'Create the company' }).click();
    await b.page.getByRole('status').filter({ hasText: 'is created' }).waitFor();

    // Empty list now calls to start one.
    await n.openList();
    await b.page.getByText('Your companies have no nominations yet.').waitFor();
    await n.startLink.click();
    await app.expectHeading('Start a nomination');
    await app.field('editionId').selectOption(edition.id);
    await n.category('sustainability').check();
    // The chosen category's description and criteria are shown.
    await n.guide.getByText('Emissions reduction', { exact: false }).first().waitFor();
    await app.field('title').fill('Rail instead of road: 40% of our China–Europe boxes by block train');
    await b.page.getByRole('button', { name: 'Start writing' }).click();
    await b.page.waitForURL(/\/nominations\/[0-9a-f-]{36}$/);
    await app.ready();
    const id = n.idFromUrl();
    await n.waitSaveState('idle');

    // The category's criteria beside the text. Submitting the empty draft: every refusal beside its field.
    expect(await n.guide.textContent()).toContain('How jurors score it');
    b.expectFailure({ method: 'POST', path: `${API}/nominations/${id}/submit`, status: 400 });
    await n.submitButton.click();
    await n.errorSummary.filter({ hasText: 'The nomination is not complete yet.' }).waitFor();
    expect(await n.field('summary').getAttribute('aria-invalid')).toBe('true');
    expect(await n.errorSummary.locator('a[href="#field-summary"]').textContent()).toContain('Summary');
    expect(await n.page.locator('[id="field-metrics"] .field__error').textContent()).toContain(
      'at least one key metric is required',
    );

    // Everything typed reaches the server (autosave).
    await app
      .field('summary')
      .fill('We moved 40% of our containers from trucks to block trains through Khorgos.');
    await n.waitSaved();
    expect((await serverCopy(b, id, organiser.auth)).summary).toBe(
      'We moved 40% of our containers from trucks to block trains through Khorgos.',
    );
    const questions = await b.page.locator('textarea[name^="answers."]').all();
    for (const [i, question] of questions.entries())
      await question.fill(`Answer ${i + 1}: measured over twelve months against 2024.`);
    await n.addMetricButton.click();
    await n.field('metrics.0.name').fill('CO₂ avoided');
    await n.field('metrics.0.value').fill('12500.5');
    await n.field('metrics.0.unit').fill('t/year');
    await n.waitSaved();
    const saved = await serverCopy(b, id, organiser.auth);
    expect(saved.metrics).toEqual([{ name: 'CO₂ avoided', value: 12500.5, unit: 't/year' }]);
    expect(Object.keys(saved.answers)).toHaveLength(questions.length);

    // An attachment, uploaded with progress, listed with its type and size, viewed in a new tab.
    expect(await n.main.textContent()).toContain('PDF, PNG, JPEG; at most 10 MB each');
    await n.fileInput.setInputFiles({
      name: 'khorgos-2025.pdf',
      mimeType: 'application/pdf',
      buffer: SMALL_PDF,
    });
    await n.uploadButton.click();
    await b.page.getByRole('status').filter({ hasText: 'khorgos-2025.pdf is attached.' }).waitFor();
    await n.attachmentRows.filter({ hasText: 'khorgos-2025.pdf' }).waitFor();
    expect(await n.attachmentRows.first().textContent()).toContain('PDF');
    // The tab opens the file's own address; the service worker signs the request, so the file arrives
    // (not a 401 problem) under the server's sandboxing policy.
    const view = /\/api\/v1\/attachments\/[0-9a-f-]{36}\?disposition=inline$/;
    const served = new Promise<Response>((resolve) =>
      b.context.on('response', (response) => {
        if (view.test(response.url()) && response.request().isNavigationRequest()) resolve(response);
      }),
    );
    const [tab] = await Promise.all([
      b.context.waitForEvent('page'),
      b.page.getByRole('button', { name: 'View khorgos-2025.pdf (opens in a new tab)' }).click(),
    ]);
    const file = await served;
    expect(file.status()).toBe(200);
    expect(await file.headerValue('content-type')).toBe('application/pdf');
    expect(file.fromServiceWorker()).toBe(true);
    // Chromium's PDF viewer shows it (its sandboxing CSP is the server's: test/attachments-inline).
    await tab.waitForLoadState();
    expect(await tab.evaluate('document.contentType')).toBe('application/pdf');
    await tab.close();

    // Submit: the receipt comes by mail, and its link opens the nomination, now read-only.
    await n.submitButton.click();
    await b.page.getByRole('status').filter({ hasText: 'The nomination is submitted.' }).waitFor();
    await n.readOnlyNote.filter({ hasText: 'Submitted on' }).waitFor();
    // The second mail to the address, after the verification.
    const link = await b.app.mailedLink(account.email, `/nominations/${id}`, 2);
    await b.page.goto(link);
    await app.ready();
    await app.expectHeading('Rail instead of road');
    expect(await n.history.allTextContents()).toEqual([expect.stringContaining('Submitted')]);
    expect(await b.page.locator('textarea').count()).toBe(0);

    // An organiser decides eligibility through the API; the entrant sees the decision and its reason.
    await b.app.t.db.query(`UPDATE editions SET phase = 'eligibility' WHERE id = $1`, [edition.id]);
    const { version } = await serverCopy(b, id, organiser.auth);
    await b.app.t
      .http()
      .post(`${API}/nominations/${id}/eligibility`)
      .set(organiser.auth)
      .set('If-Match', `"${version}"`)
      .send({ decision: 'ineligible', reason: 'The project began after the cut-off date of 1 January.' })
      .expect(200);
    await b.page.reload();
    await app.ready();
    await n.history.nth(1).waitFor();
    const history = await n.history.allTextContents();
    expect(history[1]).toContain('Found not eligible by the organisers');
    expect(history[1]).toContain('Reason: The project began after the cut-off date of 1 January.');

    // The list shows it with its status, category, edition and deadline.
    await n.openList();
    const row = n.rows.filter({ hasText: 'Rail instead of road' });
    const text = await row.textContent();
    expect(text).toContain('Not eligible');
    expect(text).toContain('Sustainability');
    expect(text).toContain('Magistral Awards 2027');

    // A second entrant meets the 404 page at the first one's nomination.
    const stranger = await verifiedEntrant(b, 'stranger');
    await app.signOut();
    b.expectFailure({ method: 'GET', path: `${API}/nominations/${id}`, status: 404 });
    await new SignInPage(b.page)
      .open(`/nominations/${id}`)
      .then((s) => s.signIn(stranger.email, stranger.password));
    await app.expectHeading('Page not found');
    expect(await b.page.getByText('Rail instead of road').count()).toBe(0);
    b.expectFailure({
      method: 'GET',
      path: `${API}/nominations/0b6f3a52-8a1e-4f0c-9d7b-5a3c2e1f0a99`,
      status: 404,
    });
    await b.page.goto('/nominations/0b6f3a52-8a1e-4f0c-9d7b-5a3c2e1f0a99');
    await app.ready();
    await app.expectHeading('Page not found');
  }, 120_000);
});

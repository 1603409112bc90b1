import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { signIn } from '../support/factories.js';
import { NominationsPage } from './pages/nominations.page.js';
import { newAccount } from './support/accounts.js';
import { useBrowser } from './support/browser.js';
import { focused, tabTo } from './support/keyboard.js';
import { editionTakingNominations, SMALL_PDF } from './support/nominations-world.js';

const API = '/api/v1';

/** A field by its server name (which may hold dots), for `tabTo`. */
const field = (name: string) => `[id="field-${name}"]`;

/** Tabs to the field and types into it, as a keyboard user does. */
async function typeInto(page: Page, name: string, text: string): Promise<void> {
  await tabTo(page, field(name), { limit: 80 });
  await page.keyboard.type(text);
}

describe('The nomination journey with the keyboard alone', () => {
  const b = useBrowser();

  it('registers, creates a company, writes, attaches, submits and withdraws a nomination without a mouse', async () => {
    const { page } = b;
    const edition = await editionTakingNominations(b.app.t, { name: 'Magistral Awards 2027' });
    const organiser = await signIn(b.app.t, ['organiser']);
    const account = newAccount('keyboard-nominee');
    const n = new NominationsPage(page);

    // Register and confirm the address (the mailed link opened as from the mail), then Continue.
    await n.goto('/register');
    await typeInto(page, 'fullName', account.fullName);
    await page.keyboard.press('Tab');
    await page.keyboard.type(account.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(account.password);
    await page.keyboard.press('Enter');
    await n.expectHeading(`Welcome, ${account.fullName}`);
    await page.goto(await b.app.mailedLink(account.email, '/verify-email'));
    await page.getByRole('status').filter({ hasText: 'Your e-mail address is confirmed.' }).waitFor();
    await tabTo(page, 'main a.button');
    await page.keyboard.press('Enter');
    await n.expectHeading(`Welcome, ${account.fullName}`);

    // A company, from the home page's link.
    await tabTo(page, 'main a[href="/companies"]');
    await page.keyboard.press('Enter');
    await n.expectHeading('Your companies');
    await typeInto(page, 'name', 'Turkestan Corridor Freight');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kazakhstan');
    await page.keyboard.press('Tab');
    await page.keyboard.type(`31027${Date.now() % 10_000_000}`);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'is created' }).waitFor();

    // Home (the award's name in the header), then the nominations, then start one.
    await tabTo(page, 'a.brand', { backwards: true, limit: 80 });
    await page.keyboard.press('Enter');
    // The home page takes focus once it is drawn; Tab before that would start from where focus then lands.
    await n.expectHeading(`Welcome, ${account.fullName}`);
    await tabTo(page, 'main a[href="/nominations"]');
    await page.keyboard.press('Enter');
    await n.expectHeading('Your nominations');
    await tabTo(page, 'main a[href="/nominations/new"]');
    await page.keyboard.press('Enter');
    await n.expectHeading('Start a nomination');
    await tabTo(page, field('editionId'));
    await page.keyboard.press('ArrowDown');
    expect(await n.field('editionId').inputValue()).toBe(edition.id);
    // Into the categories: the first radio takes focus, Space chooses it, the arrows move the choice.
    await tabTo(page, 'input[type="radio"]');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(await n.category('sustainability').isChecked()).toBe(true);
    await n.guide.waitFor();
    await typeInto(page, 'title', 'Solar roofs on our Shymkent terminal');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/nominations\/[0-9a-f-]{36}$/);
    await n.ready();
    const id = n.idFromUrl();

    // Write: summary, every question, one key metric added with the keyboard.
    await typeInto(page, 'summary', 'Our Shymkent terminal runs on its own solar power since May.');
    const questions = await page
      .locator('textarea[name^="answers."]')
      .evaluateAll((areas) => areas.map((area) => (area as unknown as { name: string }).name));
    for (const name of questions) await typeInto(page, name, 'Measured by the grid operator.');
    await tabTo(page, '.nom-editor fieldset > div > button');
    await page.keyboard.press('Enter');
    await tabTo(page, field('metrics.0.name'), { backwards: true });
    await page.keyboard.type('Solar share of power');
    await page.keyboard.press('Tab');
    await page.keyboard.type('64');
    await page.keyboard.press('Tab');
    await page.keyboard.type('%');
    await n.waitSaved();

    // The file: the operating system's dialog is outside the page, so the file is handed to the focused control.
    await tabTo(page, field('file'), { limit: 80 });
    await n.fileInput.setInputFiles({
      name: 'meter-readings.pdf',
      mimeType: 'application/pdf',
      buffer: SMALL_PDF,
    });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'meter-readings.pdf is attached.' }).waitFor();

    // Submit.
    await tabTo(page, 'section[aria-labelledby="submit-title"] button', { limit: 80 });
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'The nomination is submitted.' }).waitFor();
    await b.app.mailedLink(account.email, `/nominations/${id}`, 2);

    // An organiser admits it; the entrant sees the decision in the history.
    await b.app.t.db.query(`UPDATE editions SET phase = 'eligibility' WHERE id = $1`, [edition.id]);
    const { version } = (await b.app.t.http().get(`${API}/nominations/${id}`).set(organiser.auth)).body as {
      version: number;
    };
    await b.app.t
      .http()
      .post(`${API}/nominations/${id}/eligibility`)
      .set(organiser.auth)
      .set('If-Match', `"${version}"`)
      .send({ decision: 'eligible' })
      .expect(200);
    await tabTo(page, 'main a[href="/nominations"]', { backwards: true, limit: 80 });
    await page.keyboard.press('Enter');
    await tabTo(page, `main a[href="/nominations/${id}"]`);
    await page.keyboard.press('Enter');
    await n.history.nth(1).waitFor();
    expect(await n.history.nth(1).textContent()).toContain('Found eligible by the organisers');

    // Withdraw: the dialog opens on its safe choice; Escape keeps the nomination, then it is confirmed.
    await tabTo(page, 'main .button--danger', { limit: 80 });
    await page.keyboard.press('Enter');
    await page.locator('dialog[open]').waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Cancel' });
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    // Closed, the dialog gives focus back to the button that opened it.
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Withdraw the nomination' });
    await page.keyboard.press('Enter');
    await page.locator('dialog[open]').waitFor();
    // The dialog puts focus on Cancel once it has opened: only then does Shift+Tab reach the confirmation.
    await page.locator('dialog[open] button:focus', { hasText: 'Cancel' }).waitFor();
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Yes, withdraw' });
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'The nomination is withdrawn.' }).waitFor();
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    expect(await n.history.last().textContent()).toContain('Withdrawn');
  }, 120_000);
});

import type { Locator } from 'playwright-core';
import { AppPage } from './app-page.js';

/**
 * The nominations screens: the list, the start of a nomination, and one nomination (its editor while a
 * draft, its history always). Fields are found by the names the server uses (`title`, `answers.baseline`,
 * `metrics.0.value`), so the same object works in every locale.
 */
export class NominationsPage extends AppPage {
  async openList(): Promise<this> {
    await this.goto('/nominations');
    return this;
  }

  async openNew(): Promise<this> {
    await this.goto('/nominations/new');
    return this;
  }

  async open(id: string): Promise<this> {
    await this.goto(`/nominations/${id}`);
    return this;
  }

  /** A field by its server name; these contain dots (`metrics.0.value`), so the id is matched whole. */
  override field(name: string): Locator {
    return this.page.locator(`[id="field-${name}"]`);
  }

  /** The call to start one, on the list (empty or not). */
  get startLink(): Locator {
    return this.main.locator('a[href="/nominations/new"]');
  }

  get rows(): Locator {
    return this.main.locator('table.nom-table tbody tr');
  }

  /** The radio of a category on the start screen, by its code. */
  category(code: string): Locator {
    return this.page.locator(`#category-${code}`);
  }

  /** The category guide beside the text. */
  get guide(): Locator {
    return this.page.locator('aside.nom-guide');
  }

  /** The id in the address of the nomination shown. */
  idFromUrl(): string {
    const match = /\/nominations\/([0-9a-f-]{36})/.exec(this.page.url());
    if (!match) throw new Error(`Not a nomination's address: ${this.page.url()}`);
    return match[1]!;
  }

  /** The autosave's own signal: `data-save-state` on its live region. */
  get saveStatus(): Locator {
    return this.page.locator('[data-save-state]');
  }

  async saveState(): Promise<string | null> {
    return this.saveStatus.getAttribute('data-save-state');
  }

  /** Waits until the autosave says everything typed is saved. */
  async waitSaved(): Promise<void> {
    await this.page.locator('[data-save-state="saved"]').waitFor();
  }

  async waitSaveState(state: string): Promise<void> {
    await this.page.locator(`[data-save-state="${state}"]`).waitFor({ state: 'attached' });
  }

  get addMetricButton(): Locator {
    return this.main.locator('.nom-editor fieldset > div > button');
  }

  get fileInput(): Locator {
    return this.field('file');
  }

  get uploadButton(): Locator {
    return this.main.locator('section[aria-labelledby="attachments-title"] form button[type="submit"]');
  }

  get attachmentRows(): Locator {
    return this.main.locator('section[aria-labelledby="attachments-title"] tbody tr');
  }

  get submitButton(): Locator {
    return this.main.locator('section[aria-labelledby="submit-title"] button');
  }

  get history(): Locator {
    return this.main.locator('ol.nom-history li');
  }

  get readOnlyNote(): Locator {
    return this.main.locator('.notice--warning');
  }

  get conflict(): Locator {
    return this.main.locator('.nom-conflict');
  }
}

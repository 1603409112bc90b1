import { expect } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { AppPage } from './app-page.js';

/**
 * The juror's scorecard screen (`/jury/rounds/:roundId/nominations/:nominationId`). Criteria are found by
 * their code (`data-criterion`), marks by their value, the save status by its `data-save-state`: the same
 * page object works in every locale.
 */
export class ScorecardPage extends AppPage {
  async open(roundId: string, nominationId: string): Promise<this> {
    await this.goto(`/jury/rounds/${roundId}/nominations/${nominationId}`);
    await this.saveStatus.waitFor();
    return this;
  }

  criterion(code: string): Locator {
    return this.main.locator(`fieldset[data-criterion="${code}"]`);
  }

  radio(code: string, mark: number): Locator {
    return this.criterion(code).locator(`input[type="radio"][value="${mark}"]`);
  }

  /** The number field of a criterion with a long scale. */
  numberField(code: string): Locator {
    return this.criterion(code).locator('input[type="number"]');
  }

  get comment(): Locator {
    return this.page.locator('#scorecard-comment');
  }

  get saveStatus(): Locator {
    return this.page.locator('#scorecard-save-status');
  }

  async mark(code: string, mark: number): Promise<void> {
    const number = this.numberField(code);
    if (await number.count()) await number.fill(String(mark));
    else await this.radio(code, mark).check();
  }

  /** Waits for the live region to announce that every change has reached the server. */
  async expectSaved(): Promise<void> {
    await this.page.locator('#scorecard-save-status[data-save-state="saved"]').waitFor();
  }

  async expectSaveState(state: string): Promise<void> {
    await this.page.locator(`#scorecard-save-status[data-save-state="${state}"]`).waitFor();
  }

  /** The marks the page shows, by criterion code. */
  async shownMarks(codes: string[]): Promise<Record<string, number>> {
    const marks: Record<string, number> = {};
    for (const code of codes) {
      const number = this.numberField(code);
      if (await number.count()) {
        const value = await number.inputValue();
        if (value !== '') marks[code] = Number(value);
        continue;
      }
      const checked = this.criterion(code).locator('input[type="radio"]:checked');
      if (await checked.count()) marks[code] = Number(await checked.getAttribute('value'));
    }
    return marks;
  }

  get submitButton(): Locator {
    return this.main.locator('form.scorecard__form button[type="submit"]');
  }

  get summaryDialog(): Locator {
    return this.page.locator('dialog.summary-dialog[open]');
  }

  get shortcutsDialog(): Locator {
    return this.page.locator('dialog[open]').filter({ has: this.page.locator('#shortcuts-title') });
  }

  /** Opens the summary, checks it lists the marks, and submits. */
  async submitScorecard(): Promise<void> {
    await this.submitButton.click();
    await this.summaryDialog.waitFor();
    await this.summaryDialog.locator('button.button:not(.button--secondary)').click();
    await this.summaryDialog.waitFor({ state: 'detached' });
    await this.submittedNote.waitFor();
  }

  get submittedNote(): Locator {
    return this.page.locator('[data-testid="scorecard-submitted"]');
  }

  get lockedNote(): Locator {
    return this.page.locator('[data-testid="scorecard-locked"]');
  }

  get conflict(): Locator {
    return this.page.locator('[data-testid="scorecard-conflict"]');
  }

  async expectReadOnly(): Promise<void> {
    await this.lockedNote.waitFor();
    for (const fieldset of await this.main.locator('fieldset.criterion').all())
      expect(await fieldset.getAttribute('disabled')).not.toBeNull();
    expect(await this.comment.getAttribute('readonly')).not.toBeNull();
    expect(await this.submitButton.count()).toBe(0);
  }
}

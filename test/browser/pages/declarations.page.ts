import type { Locator } from 'playwright-core';
import { AppPage } from './app-page.js';

/**
 * The juror's declaration of interests (`/jury/editions/:editionId/declarations`): the employer (one
 * select), the conflicts (a checkbox per company, by its id, and a reason), and the terms to confirm.
 * Each section is a form of its own; its submit button is found within the section, so the page object
 * works in every locale.
 */
export class DeclarationsPage extends AppPage {
  async open(editionId: string): Promise<this> {
    await this.goto(`/jury/editions/${editionId}/declarations`);
    await this.accept.waitFor();
    return this;
  }

  section(titleId: 'employer-title' | 'conflicts-title' | 'confirm-title'): Locator {
    return this.main.locator(`section[aria-labelledby="${titleId}"]`);
  }

  get employer(): Locator {
    return this.page.locator('#field-employer');
  }

  get saveEmployer(): Locator {
    return this.section('employer-title').locator('button[type="submit"]');
  }

  company(companyId: string): Locator {
    return this.page.locator(`#company-${companyId}`);
  }

  get reason(): Locator {
    return this.page.locator('#field-reason');
  }

  get declare(): Locator {
    return this.section('conflicts-title').locator('button[type="submit"]');
  }

  get accept(): Locator {
    return this.page.locator('#field-accept');
  }

  get confirm(): Locator {
    return this.section('confirm-title').locator('button[type="submit"]');
  }

  /** The status messages the page announces (saved, recorded, confirmed). */
  status(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  async declareConflict(companyId: string, reason: string): Promise<void> {
    await this.company(companyId).check();
    await this.reason.fill(reason);
    await this.declare.click();
  }
}

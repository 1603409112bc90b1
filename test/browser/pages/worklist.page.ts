import { expect } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { AppPage } from './app-page.js';

/**
 * The juror's worklist (`/jury`): the round's summary (deadline, progress, declaration), the filters
 * (native selects found by id), the next nomination to score, and the nominations grouped by category.
 */
export class WorklistPage extends AppPage {
  async open(query = ''): Promise<this> {
    await this.goto(`/jury${query}`);
    await this.round.waitFor();
    return this;
  }

  get round(): Locator {
    return this.page.locator('.worklist-round');
  }

  get categoryFilter(): Locator {
    return this.page.locator('#filter-category');
  }

  get stateFilter(): Locator {
    return this.page.locator('#filter-state');
  }

  /** The link to the next nomination not yet submitted (absent until the declaration is complete). */
  get next(): Locator {
    return this.page.locator('.worklist-next a');
  }

  get items(): Locator {
    return this.page.locator('.worklist-item');
  }

  /** The nominations' titles, in the list's order. */
  titles(): Promise<string[]> {
    return this.page.locator('.worklist-item a').allInnerTexts();
  }

  /**
   * Waits until the list shows exactly these titles, then checks them: after the declaration the list read
   * before it, then an empty list while the refetch is on its way, may show first.
   */
  async expectTitles(expected: string[], timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let titles = await this.titles();
    while (JSON.stringify(titles) !== JSON.stringify(expected) && Date.now() < deadline) {
      await this.page.waitForTimeout(100);
      titles = await this.titles();
    }
    expect(titles).toEqual(expected);
  }

  item(title: string): Locator {
    return this.items.filter({ hasText: title });
  }

  /** The link to the declaration when it is still due. */
  get declarationLink(): Locator {
    return this.round.locator('a[href$="/declarations"]');
  }
}

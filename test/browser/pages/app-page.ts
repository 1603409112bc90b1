import { expect } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import type { PageGlobals } from '../support/page-globals.js';

/**
 * What every screen of the app has: the `main` landmark with one h1, the header's navigation and
 * language switch, and the error summary a refused form shows. Selectors use roles, names and the
 * form fields' `name`s, so the same page object works in every locale.
 */
export class AppPage {
  constructor(readonly page: Page) {}

  get main(): Locator {
    return this.page.locator('main#main');
  }

  get heading(): Locator {
    return this.page.locator('main h1');
  }

  get errorSummary(): Locator {
    return this.page.locator('.error-summary');
  }

  /** The submit button of the (first) form in `main`. */
  get submit(): Locator {
    return this.main.locator('form button[type="submit"]').first();
  }

  field(name: string): Locator {
    return this.page.locator(`#field-${name}`);
  }

  /** Waits until the app has rendered a screen (the lazy route loaded and the session settled). */
  async ready(): Promise<void> {
    await this.heading.first().waitFor();
    await this.page.locator('main[aria-busy="true"]').waitFor({ state: 'detached' });
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(path);
    await this.ready();
  }

  async expectHeading(text: string | RegExp): Promise<void> {
    await this.heading.filter({ hasText: text }).first().waitFor();
  }

  /** `<html lang>` as the app set it. */
  async htmlLang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }

  async expectHtmlLang(lang: string): Promise<void> {
    await this.page.waitForFunction(
      (expected) => (globalThis as unknown as PageGlobals).document.documentElement.lang === expected,
      lang,
    );
    expect(await this.htmlLang()).toBe(lang);
  }

  /** The navigation's sign-out button (visible only when signed in). */
  get signOutButton(): Locator {
    return this.page.locator('.site-nav button');
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await this.page.waitForURL('**/sign-out');
    await this.ready();
  }

  /** The language switch's button for `locale` (each labelled in its own language). */
  languageButton(locale: string): Locator {
    return this.page.locator(`.language-switch button[lang="${locale}"]`);
  }
}

import type { Locator } from 'playwright-core';
import { AppPage } from './app-page.js';

/** The account screen: profile (name, language, time zone), password, sessions. */
export class ProfilePage extends AppPage {
  async open(): Promise<this> {
    await this.goto('/account');
    await this.field('locale').waitFor();
    return this;
  }

  get profileForm(): Locator {
    return this.page.locator('section[aria-labelledby="profile-title"] form');
  }

  get profileSaved(): Locator {
    return this.page.locator('section[aria-labelledby="profile-title"] .notice--success');
  }

  /** Chooses a language in the profile form and saves it. */
  async saveLanguage(locale: string): Promise<void> {
    await this.field('locale').selectOption(locale);
    const saved = this.page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH',
    );
    await this.profileForm.locator('button[type="submit"]').click();
    if (!(await saved).ok()) throw new Error('Saving the profile failed');
  }

  async selectedLocale(): Promise<string> {
    return this.field('locale').inputValue();
  }
}

import { AppPage } from './app-page.js';

export interface NewAccount {
  fullName: string;
  email: string;
  password: string;
}

export class RegisterPage extends AppPage {
  async open(): Promise<this> {
    await this.goto('/register');
    return this;
  }

  async fill(account: NewAccount): Promise<void> {
    await this.field('fullName').fill(account.fullName);
    await this.field('email').fill(account.email);
    await this.field('password').fill(account.password);
  }

  /** Registers; the app signs the new (unverified) account in and shows the home page. */
  async register(account: NewAccount): Promise<void> {
    await this.fill(account);
    await this.submit.click();
    await this.signOutButton.waitFor();
    await this.page.waitForURL((url) => url.pathname === '/');
    await this.ready();
  }
}

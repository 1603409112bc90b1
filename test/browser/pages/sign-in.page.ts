import { AppPage } from './app-page.js';

export class SignInPage extends AppPage {
  async open(next?: string): Promise<this> {
    await this.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
    return this;
  }

  async fill(email: string, password: string): Promise<void> {
    await this.field('email').fill(email);
    await this.field('password').fill(password);
  }

  /** Signs in and waits until the app has left the sign-in screen, signed in. */
  async signIn(email: string, password: string): Promise<void> {
    await this.fill(email, password);
    await this.submit.click();
    await this.signOutButton.waitFor();
    await this.page.waitForURL((url) => url.pathname !== '/sign-in');
    await this.ready();
  }
}

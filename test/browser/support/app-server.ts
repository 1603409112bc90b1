import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mailsTo } from '../../support/mailbox.js';
import { type ReceivedMail, TestSmtpServer } from '../../support/smtp.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

/** The built web app the server serves (`npm run build` puts it there). */
const BUILT_WEB_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));
const BUILT_INDEX = join(BUILT_WEB_DIR, 'index.html');

/** Fails loudly, before any browser starts, when the app was never built. */
export function requireBuiltWebApp(): void {
  if (!existsSync(BUILT_INDEX))
    throw new Error(
      `The web app is not built (${BUILT_INDEX} is missing): run \`npm run build\` before the browser tests.`,
    );
  if (!readFileSync(BUILT_INDEX, 'utf8').includes('/assets/'))
    throw new Error(
      `${BUILT_INDEX} is not Vite's build (it loads no /assets/ bundle): run \`npm run build\` before the browser tests.`,
    );
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The real server listening on a port of its own, its database, and the mailbox its mails reach. */
export interface BrowserApp {
  t: TestApp;
  /** `http://127.0.0.1:<port>`: PUBLIC_URL, so mailed links and the cookie session's Origin check match. */
  origin: string;
  smtp: TestSmtpServer;
  /** The newest mail to `email` once `count` have arrived. */
  mail(email: string, count?: number): Promise<ReceivedMail>;
  /** The link of ours in that mail whose path is `path` (e.g. `/verify-email`). */
  mailedLink(email: string, path: string, count?: number): Promise<string>;
  /**
   * Shuts the server down (nothing listens on its port: the browser's requests fail to connect) until
   * `startServer`, which builds it again on the same database and listens on the same port, so the origin,
   * the cookies and the page's retries stay valid. `t` is the new application from then on.
   */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  close(): Promise<void>;
}

function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

/**
 * Starts the application exactly as production builds it (createApp), on a scratch database and a real
 * local SMTP server, listening on 127.0.0.1. The port is chosen before the app is built because PUBLIC_URL
 * must name it; in the rare case another process takes it meanwhile, a new port is tried.
 */
export async function startBrowserApp(overrides: Record<string, string> = {}): Promise<BrowserApp> {
  requireBuiltWebApp();
  // A copy of this build: a rebuild during the run (emptyOutDir) must not pull the files from under the
  // index.html the server read at start.
  const webDir = mkdtempSync(join(tmpdir(), 'magistral-web-'));
  cpSync(BUILT_WEB_DIR, webDir, { recursive: true });
  const smtp = new TestSmtpServer();
  const smtpUrl = await smtp.start();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const t = await createTestApp({
      PUBLIC_URL: origin,
      // The tests run the server from its TypeScript sources, whose default web folder is web/ itself.
      WEB_DIST_DIR: webDir,
      SMTP_URL: smtpUrl,
      // Many sign-ins from one address in a few seconds are the tests, not an attack.
      RATE_LIMIT_IP_POINTS: '1000',
      RATE_LIMIT_REGISTER_POINTS: '1000',
      ...overrides,
    });
    try {
      await t.app.listen(port, '127.0.0.1');
    } catch (error) {
      await t.close();
      if (isAddressInUse(error) && attempt < 5) continue;
      await smtp.stop();
      rmSync(webDir, { recursive: true, force: true });
      throw error;
    }
    const mail = async (email: string, count = 1) => (await mailsTo(t, smtp, email, count))[count - 1]!;
    return {
      t,
      origin,
      smtp,
      mail,
      mailedLink: async (email, path, count = 1) => {
        const { text } = await mail(email, count);
        const links = text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
        const link = links.find((url) => url.startsWith(`${origin}${path}`));
        if (!link) throw new Error(`No ${origin}${path} link in the mail to ${email}:\n${text}`);
        return link;
      },
      stopServer: () => t.stop(),
      startServer: async () => {
        await t.start();
        await t.app.listen(port, '127.0.0.1');
      },
      close: async () => {
        await t.close();
        await smtp.stop();
        rmSync(webDir, { recursive: true, force: true });
      },
    };
  }
}

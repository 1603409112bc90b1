import { afterAll, afterEach, beforeAll, beforeEach, jest } from '@jest/globals';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { type BrowserApp, requireBuiltWebApp, startBrowserApp } from './app-server.js';

/** Debian's Chromium: browsers cannot be downloaded on these machines (see STACK.md). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without these, Chromium floods a closed network with connections at every start (STACK.md). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * One Chromium. Playwright gives every launch a fresh temporary profile (user-data-dir) and removes it on
 * close, so no state leaks between files or runs.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return { browser, close: () => browser.close() };
}

/** A request of the app's own origin that failed, or that the server answered with 4xx/5xx. */
interface Failure {
  method: string;
  url: string;
  status: number | 'failed';
}

/**
 * What a test says it provokes on purpose (a wrong password, a spent link): a status, or `failed` for a
 * request that got no answer at all (the server stopped: the connection was refused or dropped).
 */
export interface ExpectedFailure {
  method?: string;
  path: string | RegExp;
  status: number | 'failed';
}

/**
 * Watches a page for what a user should never meet: console errors, uncaught exceptions and failed
 * requests to the app's own origin. A test declares the refusals it provokes (`expectFailure`); anything
 * else fails it at `assertClean`.
 */
export class PageWatcher {
  private readonly problems: string[] = [];
  private readonly expected: ExpectedFailure[] = [];
  private readonly failed: Failure[] = [];

  constructor(
    page: Page,
    private readonly origin: string,
  ) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Chromium logs every 4xx/5xx as "Failed to load resource"; those are judged as requests below.
      if (/^Failed to load resource/.test(message.text())) return;
      this.problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught exception: ${error.message}`));
    page.on('requestfailed', (request) => {
      if (!request.url().startsWith(this.origin)) return;
      // A navigation away aborts what the old page still loaded: not a failure the user sees.
      if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
      this.failed.push({ method: request.method(), url: request.url(), status: 'failed' });
    });
    page.on('response', (response) => {
      if (response.status() < 400 || !response.url().startsWith(this.origin)) return;
      this.failed.push({
        method: response.request().method(),
        url: response.url(),
        status: response.status(),
      });
    });
  }

  expectFailure(failure: ExpectedFailure): void {
    this.expected.push(failure);
  }

  /** Throws, listing everything unexpected, and starts afresh. */
  assertClean(): void {
    const unexpected = this.failed.filter((f) => !this.expected.some((e) => this.matches(e, f)));
    const lines = [
      ...this.problems,
      ...unexpected.map((f) => `request failed: ${f.method} ${f.url} → ${f.status}`),
    ];
    this.problems.length = 0;
    this.failed.length = 0;
    this.expected.length = 0;
    if (lines.length) throw new Error(`The page reported problems:\n  ${lines.join('\n  ')}`);
  }

  private matches(expected: ExpectedFailure, failure: Failure): boolean {
    const path = new URL(failure.url).pathname;
    const pathMatches = typeof expected.path === 'string' ? path === expected.path : expected.path.test(path);
    return (
      pathMatches &&
      failure.status === expected.status &&
      (expected.method === undefined || expected.method === failure.method)
    );
  }
}

export interface BrowserTest {
  /** The running server (database, mailbox, origin). */
  readonly app: BrowserApp;
  readonly browser: Browser;
  /** This test's context and page (new for every test). */
  readonly context: BrowserContext;
  readonly page: Page;
  readonly watcher: PageWatcher;
  /** An absolute URL of the app. */
  url(path: string): string;
  /** A refusal this test provokes on purpose, so the watcher lets it pass. */
  expectFailure(failure: ExpectedFailure): void;
}

/** The settings of every context: a fixed time zone and reduced motion, so runs and screenshots agree. */
export function contextOptions(origin: string, more: BrowserContextOptions = {}): BrowserContextOptions {
  return {
    baseURL: origin,
    locale: 'en-GB',
    timezoneId: 'Asia/Almaty',
    reducedMotion: 'reduce',
    viewport: { width: 1280, height: 900 },
    ...more,
  };
}

/**
 * The fixture of a browser test file: one server and one Chromium for the file, a fresh context and page
 * per test, and a test that fails on any console error or unexpected failed request.
 */
/** A browser journey does more than an API test; on a busy 2-core machine it needs the room. */
export const BROWSER_TEST_TIMEOUT_MS = 60_000;

export function useBrowser(
  options: { context?: BrowserContextOptions; app?: Record<string, string> } = {},
): BrowserTest {
  jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);
  let app: BrowserApp | undefined;
  let launched: LaunchedBrowser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let watcher: PageWatcher | undefined;

  beforeAll(async () => {
    requireBuiltWebApp();
    [app, launched] = await Promise.all([startBrowserApp(options.app), launchChromium()]);
  });
  afterAll(async () => {
    await launched?.close();
    await app?.close();
  });
  beforeEach(async () => {
    context = await launched!.browser.newContext(contextOptions(app!.origin, options.context));
    // Well under Jest's 30 s, so a wait that cannot succeed says what it waited for.
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(15_000);
    page = await context.newPage();
    watcher = new PageWatcher(page, app!.origin);
  });
  afterEach(async () => {
    await context?.close();
    watcher?.assertClean();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not ready: use it inside a test`);
    return value;
  };
  return {
    get app() {
      return need(app, 'The server');
    },
    get browser() {
      return need(launched, 'The browser').browser;
    },
    get context() {
      return need(context, 'The context');
    },
    get page() {
      return need(page, 'The page');
    },
    get watcher() {
      return need(watcher, 'The watcher');
    },
    url: (path) => `${need(app, 'The server').origin}${path}`,
    expectFailure: (failure) => need(watcher, 'The watcher').expectFailure(failure),
  };
}

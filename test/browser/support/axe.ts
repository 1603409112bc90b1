import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

/** WCAG 2.1 levels A and AA, as the issue asks. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The rules of those levels whose outcome can change with the language of the page: names, labels,
 * titles and the document's language. The others (contrast, roles, ARIA attributes, structure, focus)
 * read the same markup and styles in every locale, so a screen needs them once, in one locale.
 */
export const LOCALE_RULES = [
  'area-alt',
  'aria-command-name',
  'aria-input-field-name',
  'aria-meter-name',
  'aria-progressbar-name',
  'aria-toggle-field-name',
  'aria-tooltip-name',
  'button-name',
  'document-title',
  'frame-title',
  'html-has-lang',
  'html-lang-valid',
  'html-xml-lang-mismatch',
  'image-alt',
  'input-button-name',
  'input-image-alt',
  'label',
  'label-content-name-mismatch',
  'link-name',
  'object-alt',
  'role-img-alt',
  'select-name',
  'summary-name',
  'svg-img-alt',
  'valid-lang',
];

export interface AxeOptions {
  /**
   * `all` (the default): every WCAG 2.1 A/AA rule. `locale`: only LOCALE_RULES, for the same screen in
   * another language once `all` has passed on it in one.
   */
  rules?: 'all' | 'locale';
}

/** Far above a real run (a second or two), far below the test's own timeout. */
const AXE_TIMEOUT_MS = 20_000;

/** axe-core's own build (the one @axe-core/playwright would inject). */
const fromHere = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(
  createRequire(fromHere.resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Fails with `message` instead of hanging when `work` never settles. */
async function withinTime<T>(work: Promise<T>, message: string, ms = AXE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type RunOnly = { type: 'tag'; values: string[] } | { type: 'rule'; values: string[] };

/** Puts axe into a frame's document unless it is there already (a later check of the same document). */
async function inject(frame: Frame): Promise<void> {
  if (await frame.evaluate('typeof window.axe?.run === "function"')) return;
  await frame.evaluate(AXE_SOURCE);
}

/**
 * Puts axe into every frame (a frame that cannot take it within a second is left out, as AxeBuilder's
 * legacy mode does), runs it in the page and brings back its violations only. AxeBuilder sends its 500 kB
 * source twice per run, into every document, and serialises every passing node back: 2–3 s a check on a
 * busy machine against well under one here.
 */
async function violationsInPage(page: Page, runOnly: RunOnly): Promise<AxeResults['violations']> {
  await inject(page.mainFrame());
  await Promise.all(
    page
      .frames()
      .filter((frame) => frame !== page.mainFrame())
      .map((frame) => withinTime(inject(frame), 'no axe in this frame', 1_000).catch(() => undefined)),
  );
  return page.evaluate(
    `window.axe.run(document, ${JSON.stringify({ runOnly, resultTypes: ['violations'] })}).then((r) => r.violations)`,
  );
}

/**
 * WCAG 1.4.10 (Reflow, AA), which axe does not check: the page itself never scrolls sideways. A wide table
 * scrolls inside its own region; an absolutely positioned descendant (a visually hidden label) escapes a
 * region that is not positioned, widens the whole document and fails here.
 */
async function pageOverflow(page: Page): Promise<AxeResults['violations'][number] | null> {
  const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  );
  if (scrollWidth <= innerWidth) return null;
  return {
    id: 'reflow',
    impact: 'serious',
    help: `the page is ${scrollWidth} px wide in a ${innerWidth} px window: it scrolls sideways`,
    helpUrl: 'https://www.w3.org/WAI/WCAG21/Understanding/reflow.html',
    description: 'Content reflows without scrolling in two dimensions',
    tags: ['wcag21aa'],
    nodes: [],
  };
}

/** Runs axe on the page as it is now and fails with every violation spelled out (rule, impact, nodes). */
export async function expectNoAxeViolations(
  page: Page,
  label = page.url(),
  options: AxeOptions = {},
): Promise<void> {
  const runOnly: RunOnly =
    options.rules === 'locale' ? { type: 'rule', values: LOCALE_RULES } : { type: 'tag', values: TAGS };
  const work = violationsInPage(page, runOnly);
  const violations = await withinTime(
    work,
    `axe did not finish on ${label} in ${AXE_TIMEOUT_MS / 1000} s: is JavaScript off in this context? axe runs as a script in the page and waits forever there`,
  );
  const overflow = await pageOverflow(page);
  if (overflow) violations.push(overflow);
  if (violations.length === 0) return;
  const lines = violations.flatMap((violation) => [
    `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${violation.helpUrl}`,
    ...violation.nodes.map(
      (node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
    ),
  ]);
  throw new Error(`axe found ${violations.length} violation(s) on ${label}:\n  ${lines.join('\n  ')}`);
}

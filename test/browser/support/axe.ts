import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.1 levels A and AA, as the issue asks. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Far above a real run (a second or two), far below the test's own timeout. */
const AXE_TIMEOUT_MS = 20_000;

/** Fails with `message` instead of hanging when `work` never settles. */
async function withinTime<T>(work: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), AXE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs axe on the page as it is now and fails with every violation spelled out (rule, impact, nodes). */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  // Legacy mode runs axe in the page itself; the default opens a blank page per run to combine frames, which
  // costs a second each time and our pages have no frames.
  const { violations } = await withinTime(
    new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true).analyze(),
    `axe did not finish on ${label} in ${AXE_TIMEOUT_MS / 1000} s: is JavaScript off in this context? axe runs as a script in the page and waits forever there`,
  );
  if (violations.length === 0) return;
  const lines = violations.flatMap((violation) => [
    `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${violation.helpUrl}`,
    ...violation.nodes.map(
      (node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
    ),
  ]);
  throw new Error(`axe found ${violations.length} violation(s) on ${label}:\n  ${lines.join('\n  ')}`);
}

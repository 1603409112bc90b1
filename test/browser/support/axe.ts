import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.1 levels A and AA, as the issue asks. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page as it is now and fails with every violation spelled out (rule, impact, nodes). */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  // Legacy mode runs axe in the page itself; the default opens a blank page per run to combine frames, which
  // costs a second each time and our pages have no frames.
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true).analyze();
  if (violations.length === 0) return;
  const lines = violations.flatMap((violation) => [
    `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${violation.helpUrl}`,
    ...violation.nodes.map(
      (node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
    ),
  ]);
  throw new Error(`axe found ${violations.length} violation(s) on ${label}:\n  ${lines.join('\n  ')}`);
}

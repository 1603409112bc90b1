import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import type { PageGlobals } from './page-globals.js';

/**
 * The README's "Run an edition" guide is illustrated from the browser tests that run an edition (the
 * mission and the demo's edition): with SCREENSHOTS set (`npm run screenshots`), `guideShot` saves
 * `docs/screenshots/guide-<name>.png` of the part of the page a step is about; otherwise it does nothing.
 */
const OUT = process.env.SCREENSHOTS_DIR
  ? `${process.env.SCREENSHOTS_DIR}/`
  : fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

export const GUIDE_SHOTS = Boolean(process.env.SCREENSHOTS);

export async function guideShot(page: Page, name: string, part?: Locator): Promise<void> {
  if (!GUIDE_SHOTS) return;
  mkdirSync(OUT, { recursive: true });
  await page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready);
  const options = { path: `${OUT}guide-${name}.png`, animations: 'disabled', scale: 'css' } as const;
  if (part) await part.screenshot(options);
  else await page.screenshot(options);
}

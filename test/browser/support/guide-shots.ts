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

/**
 * Photographs `part` from its top, down to the bottom of `until` when given, at most `maxHeight` pixels and
 * never beyond the viewport: a clip of what is on screen, because an element or full-page screenshot resizes
 * the page and back, and a click soon after could land while the layout still moves.
 */
export async function guideShot(
  page: Page,
  name: string,
  part: Locator,
  { until, maxHeight = Infinity }: { until?: Locator; maxHeight?: number } = {},
): Promise<void> {
  if (!GUIDE_SHOTS) return;
  mkdirSync(OUT, { recursive: true });
  await page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready);
  await part.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  const box = await part.boundingBox();
  const end = until ? await until.boundingBox() : null;
  const viewport = page.viewportSize();
  if (!box || !viewport) throw new Error(`Nothing to photograph for guide-${name}`);
  const pad = 8;
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  const bottom = Math.min(end ? end.y + end.height : box.y + box.height, box.y + maxHeight) + pad;
  await page.screenshot({
    path: `${OUT}guide-${name}.png`,
    animations: 'disabled',
    scale: 'css',
    clip: {
      x,
      y,
      width: Math.min(box.width + 2 * pad, viewport.width - x),
      height: Math.min(bottom, viewport.height) - y,
    },
  });
}

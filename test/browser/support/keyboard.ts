import type { Page } from 'playwright-core';
import type { PageGlobals } from './page-globals.js';

export interface FocusedElement {
  tag: string;
  id: string;
  text: string;
  /** `:focus-visible` matches and the element draws an outline or a ring. */
  visible: boolean;
}

/** What has focus now, and whether a sighted keyboard user can see it. */
export function focused(page: Page): Promise<FocusedElement> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const element = document.activeElement;
    if (!element || element === document.body) return { tag: 'body', id: '', text: '', visible: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== 'none';
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      text: (element.innerText || element.getAttribute('aria-label') || '').trim(),
      visible: element.matches(':focus-visible') && (outline || ring),
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`, the way a keyboard user
 * moves through the page; fails when it is not reached within `limit` presses or when any element passed
 * on the way shows no visible focus.
 */
export async function tabTo(
  page: Page,
  selector: string,
  { backwards = false, limit = 40 }: { backwards?: boolean; limit?: number } = {},
): Promise<void> {
  const passed: string[] = [];
  for (let press = 0; press < limit; press++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    const label = `${now.tag}${now.id ? `#${now.id}` : ''} "${now.text.slice(0, 40)}"`;
    passed.push(label);
    // A page drawn after the press takes focus on its `main` (never a Tab stop): the walk goes on from there.
    const pageTookFocus = now.tag === 'main';
    if (now.tag !== 'body' && !pageTookFocus && !now.visible)
      throw new Error(`Focus is not visible on ${label}`);
    const reached = await page.evaluate(
      (wanted) => (globalThis as unknown as PageGlobals).document.activeElement?.matches(wanted) ?? false,
      selector,
    );
    if (reached) return;
  }
  throw new Error(`Tab never reached ${selector}; focus went through:\n  ${passed.join('\n  ')}`);
}

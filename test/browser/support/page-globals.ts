/**
 * The few DOM globals the tests' in-page functions (`page.evaluate`) touch, typed here so that the server's
 * TypeScript program does not get the whole DOM library. Inside such a function:
 * `const { document } = globalThis as unknown as PageGlobals;` (the function runs in the page, so it can
 * only use what it declares itself).
 */
export interface PageElement {
  tagName: string;
  id: string;
  innerText: string;
  classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
}

export interface PageGlobals {
  document: {
    activeElement: PageElement | null;
    body: PageElement;
    documentElement: { lang: string };
    title: string;
    fonts: { ready: Promise<unknown> };
    querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
  };
  getComputedStyle(element: PageElement): { outlineStyle: string; outlineWidth: string; boxShadow: string };
  localStorage: { setItem(key: string, value: string): void };
}

import type { Locator, Page, Response } from 'playwright-core';

/** One row of a category's ranking table, as the page shows it. */
export interface RankingRow {
  rank: string;
  title: string;
  /** The badge after the title ("winner", "finalist"), or ''. */
  badge: string;
  company: string;
  score: string;
  scorecards: string;
  note: string;
}

/**
 * The public results pages rendered on the server (`/results`, `/results/{slug}`): no app shell, their own
 * `main#content`. Selectors use the markup's structure (sections, tables, `code.digest`), so the same page
 * object reads every locale.
 */
export class PublicResultsPage {
  constructor(readonly page: Page) {}

  /** Opens a page and returns the document's response (its status is what a crawler or a browser gets). */
  async open(path: string): Promise<Response> {
    const response = await this.page.goto(path);
    if (!response) throw new Error(`No response for ${path}`);
    return response;
  }

  get main(): Locator {
    return this.page.locator('main#content');
  }

  get heading(): Locator {
    return this.main.locator('h1');
  }

  async htmlLang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }

  /** The editions listed on `/results`: their names and the links to their results. */
  async listedEditions(): Promise<{ name: string; href: string | null }[]> {
    const links = this.main.locator('ul.editions h2 a');
    const out: { name: string; href: string | null }[] = [];
    for (const link of await links.all())
      out.push({ name: (await link.innerText()).trim(), href: await link.getAttribute('href') });
    return out;
  }

  /** A category's section, found by its heading (the category's name in the page's language). */
  category(name: string): Locator {
    return this.main.locator('section.category').filter({ has: this.page.locator('h2', { hasText: name }) });
  }

  /** The "Winner: …" line of a category. */
  async winnersLine(name: string): Promise<string> {
    return (await this.category(name).locator('.winners').innerText()).trim();
  }

  /**
   * A category's jury statistics, where the edition publishes them (null where the page shows none): the
   * heading, the alpha sentence, and the fragile notice with its list of changes, or the robust sentence.
   */
  async juryStatistics(name: string): Promise<{
    heading: string;
    alpha: string;
    fragile: string | null;
    causes: string[];
    robust: string | null;
  } | null> {
    const block = this.category(name).locator('.jury-statistics');
    if ((await block.count()) === 0) return null;
    const text = async (locator: Locator) =>
      (await locator.count()) ? (await locator.innerText()).trim().replace(/\s+/g, ' ') : null;
    return {
      heading: (await block.locator('h3').innerText()).trim(),
      alpha: (await block.locator('p.alpha').innerText()).trim(),
      fragile: await text(block.locator('.fragile > p')),
      causes: (await block.locator('.fragile li').allInnerTexts()).map((cause) => cause.trim()),
      robust: await text(block.locator('p.robust')),
    };
  }

  /** A category's full ranking, row by row, in page order. */
  async ranking(name: string): Promise<RankingRow[]> {
    const rows = this.category(name).locator('tbody tr');
    const out: RankingRow[] = [];
    for (const row of await rows.all()) {
      const cells = (await row.locator('td').allInnerTexts()).map((text) => text.trim());
      const badges = await row.locator('td .badge').allInnerTexts();
      const badge = badges[0]?.trim() ?? '';
      out.push({
        rank: cells[0]!,
        title: badge ? cells[1]!.slice(0, cells[1]!.lastIndexOf(badge)).trim() : cells[1]!,
        badge,
        company: cells[2]!,
        score: cells[3]!,
        scorecards: cells[4]!,
        note: cells[5]!,
      });
    }
    return out;
  }

  /** The manifest's SHA-256 as published on the page. */
  async manifestDigest(): Promise<string> {
    return (await this.main.locator('section.verify code.digest').first().innerText()).trim();
  }

  get manifestLink(): Locator {
    return this.main.locator('section.verify a[type="application/json"]');
  }

  /** `<meta property="og:…">` by name (`title`, `url`, …). */
  async openGraph(property: string): Promise<string | null> {
    return this.page.locator(`head meta[property="og:${property}"]`).getAttribute('content');
  }
}

/**
 * "Verify in your browser" on the server-rendered results page (/results/{slug}): a script of its own, not
 * part of the single-page app (vite.config.ts builds it as a separate entry; the page links the hashed file).
 * Without JavaScript the page is complete and the button stays hidden.
 *
 * On a press it downloads the manifest and the platform's published keys, then runs the same verification
 * core as `npm run verify` (src/modules/publication/manifest-verification.ts) with the browser's WebCrypto:
 * every category's ranking recomputed with the tally module, the SHA-256 recomputed, the Ed25519 signature
 * checked. It also checks that this page shows the manifest's digest and rankings. The verdict, the checks
 * and the time taken appear in the page's live region, in the page's language.
 *
 * The page loads only this small script; the verification core, the tally and decimal.js come as a chunk
 * of their own at the first press (and count in the time shown), so a visitor who never presses pays nothing.
 */
import type { PublishedKey, ResultsVerdict } from '../../../src/modules/publication/manifest-verification.js';
import { VERIFY_MESSAGES, type VerifyMessages } from '../../../src/modules/public-pages/verify-messages.js';
import { numberFormatter } from '../i18n/numbers.js';

type Locale = keyof typeof VERIFY_MESSAGES;

/** One line of the verdict: passed or not, in the page's words, with the technical detail of a failure. */
interface Check {
  ok: boolean;
  text: string;
  detail: string[];
}

class DownloadFailed extends Error {}

/** The name of web-verifier-crypto.ts's `Ed25519Unsupported` (a class of the chunk loaded on demand). */
const ED25519_UNSUPPORTED = 'Ed25519Unsupported';

/** Enough lines of detail to name what differs, not a whole matrix. */
const DETAIL_LINES = 6;

function localeOf(): Locale {
  const lang = document.documentElement.lang;
  return Object.hasOwn(VERIFY_MESSAGES, lang) ? (lang as Locale) : 'en';
}

async function download(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch {
    throw new DownloadFailed(url);
  }
  if (!response.ok) throw new DownloadFailed(`${url}: ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new DownloadFailed(`${url}: not JSON`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A row as compared: the nomination's title and its rank ("—" when unranked). */
const rowKey = (title: string, rank: string) => `${title.trim()} ${rank.trim()}`;

/** Whether a manifest category states jury statistics, and whether they call it fragile ('none': it states none). */
function statedFragility(category: Record<string, unknown>): 'none' | 'fragile' | 'robust' {
  const statistics = category.juryStatistics;
  if (!isRecord(statistics)) return 'none';
  return statistics.fragile === true ? 'fragile' : 'robust';
}

/**
 * What this page shows that the manifest must say too: its digest, each category's ranked rows, and whether
 * it shows jury statistics and a fragile notice exactly where the manifest states them.
 */
function pageDifferences(manifest: unknown): string[] {
  if (!isRecord(manifest) || !Array.isArray(manifest.categories)) return ['no manifest to compare with'];
  const problems: string[] = [];
  const shown = document.getElementById('manifest-digest')?.textContent?.trim();
  if (shown !== manifest.sha256)
    problems.push(`the page shows the digest ${shown}, the manifest ${String(manifest.sha256)}`);
  const published = new Map<string, string[]>();
  const fragility = new Map<string, 'none' | 'fragile' | 'robust'>();
  for (const category of manifest.categories as unknown[]) {
    if (!isRecord(category) || typeof category.code !== 'string' || !isRecord(category.result)) continue;
    const titles = new Map<unknown, string>();
    for (const n of Array.isArray(category.nominations) ? (category.nominations as unknown[]) : [])
      if (isRecord(n) && typeof n.title === 'string') titles.set(n.id, n.title);
    const rows = Array.isArray(category.result.nominations) ? (category.result.nominations as unknown[]) : [];
    fragility.set(category.code, statedFragility(category));
    published.set(
      category.code,
      rows.map((row) =>
        isRecord(row)
          ? rowKey(titles.get(row.nomination) ?? '', typeof row.rank === 'number' ? String(row.rank) : '—')
          : '?',
      ),
    );
  }
  for (const section of document.querySelectorAll<HTMLElement>('section[data-category]')) {
    const code = section.dataset.category ?? '';
    const rows = [...section.querySelectorAll<HTMLTableRowElement>('tbody tr')].map((row) => {
      // The title is the cell's own text; the badge after it ("winner") is the page's words.
      const title = [...(row.cells[1]?.childNodes ?? [])]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent)
        .join('');
      return rowKey(title, row.cells[0]?.textContent ?? '');
    });
    const block = section.querySelector('.jury-statistics');
    const notice = block === null ? 'none' : block.querySelector('.fragile') ? 'fragile' : 'robust';
    const stated = fragility.get(code);
    if (stated !== undefined && notice !== stated)
      problems.push(
        `${code}: the page shows the jury statistics as ${notice}, the manifest states ${stated}`,
      );
    const expected = published.get(code);
    if (expected === undefined) problems.push(`the page shows a category ${code} the manifest does not have`);
    else if (rows.join('\n') !== expected.join('\n'))
      problems.push(`${code}: the page ranks ${rows.join('; ')}, the manifest ${expected.join('; ')}`);
    published.delete(code);
  }
  for (const code of published.keys()) problems.push(`the page does not show the category ${code}`);
  return problems;
}

/** The verdict, check by check, in the page's words. */
function checksOf(verdict: ResultsVerdict, page: string[], m: VerifyMessages, locale: Locale): Check[] {
  const checks: Check[] = [];
  const problems = verdict.manifest.problems;
  for (const problem of problems) {
    const text = {
      not_a_manifest: m.notAManifest,
      digest: m.digestMismatch,
      format: m.unknownFormat,
      algorithm: m.unknownAlgorithm,
    }[problem.failure];
    checks.push({ ok: false, text, detail: [problem.text] });
  }
  if (!problems.some((p) => p.failure === 'digest' || p.failure === 'not_a_manifest'))
    checks.push({ ok: true, text: m.digestOk, detail: [] });
  for (const category of verdict.manifest.categories) {
    const name = category.name[locale] ?? category.name.en ?? category.code;
    if (category.ok)
      checks.push({
        ok: true,
        text: category.statistics ? m.statisticsOk(name) : m.rankingOk(name),
        detail: [],
      });
    else
      checks.push({
        ok: false,
        text:
          category.failure === 'ranking'
            ? m.rankingMismatch(name)
            : category.failure === 'statistics'
              ? m.statisticsMismatch(name)
              : m.categoryUnreadable(name),
        detail: category.problems.slice(0, DETAIL_LINES),
      });
  }
  const keyId = verdict.keyId ?? '';
  if (verdict.signature?.length === 0) checks.push({ ok: true, text: m.signatureOk(keyId), detail: [] });
  for (const finding of verdict.signature ?? []) {
    const text = {
      unsigned: m.unsigned,
      unknown_key: m.unknownKey(keyId),
      key_not_valid: m.keyNotValid(keyId),
      invalid: m.signatureInvalid(keyId),
    }[finding.failure];
    checks.push({ ok: false, text, detail: [finding.text] });
  }
  checks.push(
    page.length === 0
      ? { ok: true, text: m.pageMatches, detail: [] }
      : { ok: false, text: m.pageDiffers, detail: page.slice(0, DETAIL_LINES) },
  );
  return checks;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function show(region: HTMLElement, outcome: 'verified' | 'refused', headline: string, checks: Check[]): void {
  const m = VERIFY_MESSAGES[localeOf()];
  const title = element('p', undefined, `headline ${outcome}`);
  title.append(element('strong', headline));
  const list = element('ul', undefined, 'checks');
  for (const check of checks) {
    const item = element('li', undefined, check.ok ? 'pass' : 'fail');
    const mark = element('span', check.ok ? '✓ ' : '✗ ', 'mark');
    mark.setAttribute('aria-hidden', 'true');
    item.append(mark, check.text);
    if (check.detail.length) {
      const details = element('details');
      details.append(element('summary', m.detail));
      const lines = element('ul');
      lines.lang = 'en';
      for (const line of check.detail) {
        const item = element('li');
        item.append(element('code', line));
        lines.append(item);
      }
      details.append(lines);
      item.append(details);
    }
    list.append(item);
  }
  region.dataset.outcome = outcome;
  region.replaceChildren(title, list);
}

async function run(root: HTMLElement, button: HTMLButtonElement, region: HTMLElement): Promise<void> {
  const locale = localeOf();
  const m = VERIFY_MESSAGES[locale];
  const started = performance.now();
  // Kazakh completed where the browser lacks it (Chromium writes "120 ms" for kk).
  const took = () =>
    numberFormatter(locale, {
      style: 'unit',
      unit: 'millisecond',
      unitDisplay: 'short',
      maximumFractionDigits: 0,
    }).format(performance.now() - started);
  // Not `disabled`: that would drop the keyboard focus from the button the visitor just pressed.
  button.setAttribute('aria-disabled', 'true');
  delete region.dataset.outcome;
  region.replaceChildren(element('p', m.running));
  try {
    const [manifest, keys, { verifyResults }, { WEB_VERIFIER_CRYPTO }] = await Promise.all([
      download(root.dataset.manifest ?? ''),
      download(root.dataset.keys ?? ''),
      import('../../../src/modules/publication/manifest-verification.js'),
      import('../../../src/modules/publication/web-verifier-crypto.js'),
    ]);
    const published = isRecord(keys) && Array.isArray(keys.keys) ? (keys.keys as PublishedKey[]) : [];
    const verdict = await verifyResults(manifest, published, WEB_VERIFIER_CRYPTO);
    const page = pageDifferences(manifest);
    const checks = checksOf(verdict, page, m, locale);
    const ok = verdict.ok && page.length === 0;
    show(region, ok ? 'verified' : 'refused', ok ? m.verified(took()) : m.refused(took()), checks);
  } catch (error) {
    const text =
      error instanceof Error && error.name === ED25519_UNSUPPORTED
        ? m.unsupported
        : error instanceof DownloadFailed
          ? m.downloadFailed
          : String(error);
    const detail = error instanceof Error && error.message !== text ? [error.message] : [];
    show(region, 'refused', m.refused(took()), [{ ok: false, text, detail }]);
  } finally {
    button.removeAttribute('aria-disabled');
  }
}

function start(): void {
  const root = document.getElementById('browser-check');
  const button = root?.querySelector('button');
  const region = root?.querySelector<HTMLElement>('.verdict');
  if (!root || !button || !region) return;
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-disabled') !== 'true') void run(root, button, region);
  });
  root.hidden = false;
}

start();

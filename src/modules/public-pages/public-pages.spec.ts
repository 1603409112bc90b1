import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { LOCALES } from '../../common/auth/roles.js';
import type { PublicResults } from '../publication/manifest.js';
import { escapeHtml, markup } from './html.js';
import { pickLocale } from './locale.js';
import { MESSAGES, plural } from './messages.js';
import { resultsPage } from './pages.js';
import { builtVerifierScript, VERIFIER_ENTRY } from './verifier-script.js';
import { VERIFY_MESSAGES } from './verify-messages.js';

describe('markup', () => {
  it('escapes every interpolated value for text and quoted attributes', () => {
    const hostile = `"><script>alert('x')</script>&\``;
    expect(markup`<p title="${hostile}">${hostile}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#96;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#96;</p>',
    );
    expect(escapeHtml(42)).toBe('42');
  });

  it('keeps nested markup, joins arrays and drops null and undefined', () => {
    const items = ['a<b', 'c'].map((x) => markup`<li>${x}</li>`);
    expect(markup`<ul>${items}</ul>${null}${undefined}`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });
});

describe('pickLocale', () => {
  it.each([
    [undefined, undefined, 'en'],
    ['ru', 'de', 'ru'],
    ['KK', undefined, 'kk'],
    ['xx', 'de-AT,de;q=0.9', 'de'],
    [['ru', 'de'], 'kk', 'kk'],
    [undefined, 'fr-FR, ru;q=0.3, de;q=0.7', 'de'],
    [undefined, 'de;q=0, ru', 'ru'],
    [undefined, '*', 'en'],
    [undefined, 'zh-CN', 'en'],
  ])('lang %p, Accept-Language %p → %s', (lang, accept, expected) => {
    expect(pickLocale(lang, accept)).toBe(expected);
  });
});

describe('messages', () => {
  it('plural forms follow each language’s rules', () => {
    const counts = [1, 2, 5, 21];
    expect(counts.map((n) => plural('ru', MESSAGES.ru.categories, n))).toEqual([
      '1 категория',
      '2 категории',
      '5 категорий',
      '21 категория',
    ]);
    expect(counts.map((n) => plural('en', MESSAGES.en.nominations, n))).toEqual([
      '1 nomination',
      '2 nominations',
      '5 nominations',
      '21 nominations',
    ]);
    expect(plural('de', MESSAGES.de.categories, 1)).toBe('1 Kategorie');
    expect(plural('kk', MESSAGES.kk.categories, 4)).toBe('4 санат');
  });

  it('every locale has a non-empty text for every message', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(MESSAGES[locale])) {
        if (typeof value === 'string') expect(`${key}: ${value.trim().length > 0}`).toBe(`${key}: true`);
      }
    }
  });
});

describe('Verify in your browser', () => {
  const results: PublicResults = {
    edition: { slug: 'magistral-2026', name: 'Magistral 2026' },
    round: { number: 1, name: 'Final' },
    publishedAt: '2026-11-20T12:00:00.000Z',
    algorithm: 'magistral-tally/1',
    method: 'mean',
    manifest: { sha256: 'ab'.repeat(32), url: '/api/v1/public/editions/magistral-2026/results/manifest' },
    auditHead: null,
    categories: [
      {
        code: 'efficiency',
        name: { en: 'Efficiency' },
        scorecards: 3,
        nominations: [
          {
            rank: 1,
            status: 'winner',
            nominationId: 'n-1',
            title: 'Dry port',
            company: 'Khorgos Gateway',
            score: '6.0000',
            scorecards: 3,
            flags: [],
            tieBrokenBy: null,
          },
        ],
      },
    ],
  };
  const context = (verifierScript: string | null) => ({
    locale: 'de' as const,
    publicUrl: 'https://awards.example',
    stylesheet: '/results/style.css?v=1',
    verifierScript,
  });

  it('links the built script as a module and renders the hidden button, its live region and what it reads', () => {
    const html = resultsPage(context('/assets/verify-Abc123.js'), results);
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<script type="module" src="/assets/verify-Abc123.js"></script>');
    expect(html).toContain(
      `<div class="browser-check" id="browser-check" data-manifest="${results.manifest.url}" data-keys="/.well-known/magistral-signing-keys.json" hidden>`,
    );
    expect(html).toContain(`<button type="button">${VERIFY_MESSAGES.de.button}</button>`);
    expect(html).toContain('<div class="verdict" role="status" aria-live="polite"></div>');
    // What the script compares the manifest with: the digest shown, and each category's rows.
    expect(html).toContain(`<code class="digest" id="manifest-digest">${'ab'.repeat(32)}</code>`);
    expect(html).toMatch(/<section class="category" [^>]*data-category="efficiency">/);
    expect(html).toContain('<tr class="winner">\n<td class="num">1</td>\n<td>Dry port<span class="badge">');
  });

  it('says a category nobody entered has no ranking, without an empty table', () => {
    const empty = { code: 'fairness', name: { en: 'Fairness' }, scorecards: 0, nominations: [] };
    const html = resultsPage(context(null), { ...results, categories: [...results.categories, empty] });
    const section = html.slice(html.indexOf('data-category="fairness"'));
    expect(section).toContain(MESSAGES.de.noWinner);
    expect(section.slice(0, section.indexOf('</section>'))).not.toContain('<table');
    expect(html.match(/<table>/g)).toHaveLength(1);
  });

  it('offers no button and loads no script where the script was not built', () => {
    const html = resultsPage(context(null), results);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('browser-check');
  });

  it('finds the built script in Vite’s manifest, and nothing where there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'magistral-web-'));
    try {
      expect(builtVerifierScript(dir)).toBeNull();
      mkdirSync(join(dir, '.vite'));
      const write = (file: string) =>
        writeFileSync(
          join(dir, '.vite', 'manifest.json'),
          JSON.stringify({
            [VERIFIER_ENTRY]: { file, isEntry: true },
            'index.html': { file: 'assets/index-X.js' },
          }),
        );
      write('assets/verify-Abc_1-2.js');
      expect(builtVerifierScript(dir)).toBe('/assets/verify-Abc_1-2.js');
      write('../elsewhere.js');
      expect(builtVerifierScript(dir)).toBeNull();
      writeFileSync(join(dir, '.vite', 'manifest.json'), 'not json');
      expect(builtVerifierScript(dir)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every locale has a non-empty text for every message', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(VERIFY_MESSAGES[locale])) {
        const text = typeof value === 'string' ? value : (value as (x: string) => string)('X');
        expect(`${key}: ${text.trim().length > 0}`).toBe(`${key}: true`);
      }
    }
  });
});

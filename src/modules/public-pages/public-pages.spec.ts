import { describe, expect, it } from '@jest/globals';
import { LOCALES } from '../../common/auth/roles.js';
import { escapeHtml, markup } from './html.js';
import { pickLocale } from './locale.js';
import { MESSAGES, plural } from './messages.js';

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

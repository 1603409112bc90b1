import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { getMetadataStorage } from 'class-validator';
import { type FieldRule, fieldRule } from './field-problems.js';

/**
 * The web app's words for the rules the server sends (web/src/ui/field-rules.ts, web/src/i18n/*.ts), checked
 * against every constraint our request DTOs declare. The web files are loaded by path: they are the
 * browser's code, built by Vite, not part of the server's TypeScript project.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const LOCALES = ['en', 'ru', 'kk', 'de'] as const;

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
type RuleMessages = Record<string, string | Plural>;
interface WebFieldRules {
  fieldRuleText(
    rule: FieldRule,
    messages: RuleMessages,
    plural: (forms: Plural, count: number) => string,
  ): string | null;
}

const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(ROOT, path)).href) as Promise<T>;

async function ruleMessages(locale: string): Promise<RuleMessages> {
  const module = await load<Record<string, { problems: { rules: RuleMessages } }>>(
    `web/src/i18n/${locale}.ts`,
  );
  return module[locale]!.problems.rules;
}

/** The app's `plural` (web/src/i18n/index.tsx), without React. */
function pluralFor(locale: string): (forms: Plural, count: number) => string {
  const rules = new Intl.PluralRules(locale);
  return (forms, count) =>
    (forms[rules.select(count)] ?? forms.other).replace(
      '{count}',
      new Intl.NumberFormat(locale).format(count),
    );
}

/**
 * Not rules a user breaks: conditions (`@IsOptional`, `@ValidateIf`), and shapes only an API client can get
 * wrong. `isAnswerMap` states the answer limits in its (English) message; other languages say "check this
 * field" beside the answer.
 */
const NOT_FOR_FORMS = new Set([
  'conditionalValidation',
  'nestedValidation',
  'isObject',
  'isArray',
  'isAnswerMap',
]);

async function declaredRules(): Promise<FieldRule[]> {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => /(^|\/)dto\/[^/]+\.dto\.ts$/.test(file) || file.endsWith('pagination.ts'),
  );
  const rules = new Map<string, FieldRule>();
  for (const file of files) {
    const module = await load<Record<string, unknown>>(relative(ROOT, join(ROOT, 'src', file)));
    for (const exported of Object.values(module)) {
      if (typeof exported !== 'function') continue;
      for (const metadata of getMetadataStorage().getTargetValidationMetadatas(exported, '', true, false)) {
        const name = metadata.name ?? metadata.type;
        if (NOT_FOR_FORMS.has(name) || NOT_FOR_FORMS.has(metadata.type)) continue;
        const constraints = metadata.constraints as unknown[] | undefined;
        // A too long and a too short value of a @Length field are two rules.
        for (const value of ['', 'x'.repeat(100_000)]) {
          const rule = fieldRule(name, constraints, value);
          rules.set(JSON.stringify(rule), rule);
        }
      }
    }
  }
  return [...rules.values()];
}

describe('the web app says every rule our DTOs declare in all four languages', () => {
  it('has words for each, with the limit where the rule has one', async () => {
    const { fieldRuleText } = await load<WebFieldRules>('web/src/ui/field-rules.ts');
    const rules = await declaredRules();
    expect(rules.map((r) => r.code)).toEqual(
      expect.arrayContaining(['maxLength', 'minLength', 'isNotEmpty', 'isEmail', 'isIn', 'matches', 'isUrl']),
    );
    const missing: string[] = [];
    for (const locale of LOCALES) {
      const messages = await ruleMessages(locale);
      for (const rule of rules) {
        const text = fieldRuleText(rule, messages, pluralFor(locale));
        const limit = rule.params?.max ?? rule.params?.min;
        if (
          text === null ||
          (typeof limit === 'number' && !text.includes(new Intl.NumberFormat(locale).format(limit)))
        )
          missing.push(`${locale}: ${JSON.stringify(rule)} → ${text}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ['en', 200, 'At most 200 characters.'],
    ['en', 1, 'At most 1 character.'],
    ['ru', 200, 'Не более 200 символов.'],
    ['ru', 21, 'Не более 21 символа.'],
    ['ru', 64, 'Не более 64 символов.'],
    ['kk', 200, 'Ең көбі 200 таңба.'],
    ['de', 500, 'Höchstens 500 Zeichen.'],
  ])('%s, maxLength %d: %s', async (locale, max, expected) => {
    const { fieldRuleText } = await load<WebFieldRules>('web/src/ui/field-rules.ts');
    const rule = { code: 'maxLength', params: { max } };
    expect(fieldRuleText(rule, await ruleMessages(locale), pluralFor(locale))).toBe(expected);
  });

  it('has no words for an unknown code or a missing limit (the app then says "check this field")', async () => {
    const { fieldRuleText } = await load<WebFieldRules>('web/src/ui/field-rules.ts');
    const messages = await ruleMessages('ru');
    expect(fieldRuleText({ code: 'isMartian' }, messages, pluralFor('ru'))).toBeNull();
    expect(fieldRuleText({ code: 'maxLength' }, messages, pluralFor('ru'))).toBeNull();
  });
});

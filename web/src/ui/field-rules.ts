import type { FieldRule } from '../api/problem';
import type { Messages } from '../i18n/en';
import type { Plural } from '../i18n/types';

export type RuleMessages = Messages['problems']['rules'];

/** The rules whose message states the field's limit, and the parameter that holds it. */
const LIMIT_OF: Partial<Record<string, 'min' | 'max'>> = {
  minLength: 'min',
  maxLength: 'max',
  min: 'min',
  max: 'max',
  arrayMinSize: 'min',
  arrayMaxSize: 'max',
};

/**
 * A broken rule in the user's language, with the field's own limit ("Не более 200 символов."); null for a
 * code this app has no words for, or a limit the server did not send.
 */
export function fieldRuleText(
  rule: FieldRule,
  messages: RuleMessages,
  plural: (forms: Plural, count: number) => string,
): string | null {
  const message: string | Plural | undefined = (messages as Partial<Record<string, string | Plural>>)[
    rule.code
  ];
  if (message === undefined || typeof message === 'string') return message ?? null;
  const param = LIMIT_OF[rule.code];
  const limit = param ? rule.params?.[param] : undefined;
  return typeof limit === 'number' ? plural(message, limit) : null;
}

import { useCallback } from 'react';
import { type ApiError, isApiError } from '../api/problem';
import { useI18n } from '../i18n';
import { fieldRuleText } from './field-rules';

/** A refusal of a link's token itself (too short, wrong characters), not of a field the user typed. */
export function isBrokenLink(error: ApiError): boolean {
  const { code, errors } = error.problem;
  return code === 'request.validation_failed' && !!errors?.length && errors.every((e) => e.field === 'token');
}

/** A failure in the user's language: our message for a known code, the server's title otherwise. */
export function useProblemText(): (error: unknown) => string {
  const { t, plural } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return t.problems.generic;
      const { problem, retryAfterSeconds } = error;
      if (problem.code === 'network.unreachable') return t.problems.network;
      // A mailed link cut short fails validation of its token before the server can look it up: to the
      // reader it is the same broken link.
      if (isBrokenLink(error)) return t.problems.codes['auth.invalid_token'];
      const known = (t.problems.codes as Record<string, string | undefined>)[problem.code];
      const text = known ?? (problem.status >= 500 ? t.problems.generic : problem.title);
      return retryAfterSeconds !== null ? `${text} ${plural(t.problems.retryIn, retryAfterSeconds)}` : text;
    },
    [t, plural],
  );
}

/**
 * The errors for one field, for its own error line, in the user's language: each rule the server names
 * (`errors[].codes`) said with the field's own limit. A rule without words here: in English the server's
 * own message, in the other languages "check this field" (the field's hint states the rule).
 */
export function useFieldErrors(error: unknown): (field: string) => string[] {
  const { t, locale, plural } = useI18n();
  return useCallback(
    (field: string) => {
      if (!isApiError(error)) return [];
      const texts = error
        .fieldRefusals(field)
        .map(
          ({ message, rule }) =>
            (rule && fieldRuleText(rule, t.problems.rules, plural)) ??
            (locale === 'en' ? message : t.problems.fieldInvalid),
        );
      // `@Length(1, …)` and a not-blank pattern both say "fill in this field": once is enough.
      return [...new Set(texts)];
    },
    [error, locale, t, plural],
  );
}

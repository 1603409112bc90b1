import { useCallback } from 'react';
import { type ApiError, isApiError } from '../api/problem';
import { useI18n } from '../i18n';

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
 * The errors for one field, for its own error line. The server's validation messages are English, so the
 * other locales say "check this field" beside the field (its hint states the rule).
 */
export function useFieldErrors(error: unknown): (field: string) => string[] {
  const { t, locale } = useI18n();
  return useCallback(
    (field: string) => {
      const messages = isApiError(error) ? error.fieldMessages(field) : [];
      if (messages.length === 0 || locale === 'en') return messages;
      return [t.problems.fieldInvalid];
    },
    [error, locale, t],
  );
}

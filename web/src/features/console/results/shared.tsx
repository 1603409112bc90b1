import { useMemo } from 'react';
import { ApiError, isApiError } from '../../../api/problem';
import { format, useI18n } from '../../../i18n';
import '../strings/results';

export { localized } from '../../../i18n/localized';

/** The failure with our own words for the results' and trust screens' refusals (the server's are English). */
export function useConsoleProblem(error: unknown): unknown {
  const { t } = useI18n();
  // One object per failure: ErrorSummary takes focus whenever the error it is given changes.
  return useMemo(() => {
    if (!isApiError(error)) return error;
    const text = (t.consoleResults.problems as Record<string, string | undefined>)[error.problem.code];
    return text ? new ApiError({ ...error.problem, title: text }, error.retryAfterSeconds) : error;
  }, [error, t]);
}

/** `median`, `top_marks` or `criterion:<code>`, in words. */
export function useTieBreakerName(): (tieBreaker: string) => string {
  const { t } = useI18n();
  const names = t.consoleResults.results.tieBreakers;
  return (tieBreaker) =>
    tieBreaker.startsWith('criterion:')
      ? format(names.criterion, { code: tieBreaker.slice('criterion:'.length) })
      : tieBreaker === 'median' || tieBreaker === 'top_marks'
        ? names[tieBreaker]
        : tieBreaker;
}

/** A decimal the server sent as text ("7.8333"), in the reader's digits without losing a place. */
export function useDecimal(): (value: string) => string {
  return useI18n().formatDecimal;
}

/** The same mutation, its refusal in the reader's language (for a ConfirmDialog, which shows `error`). */
export function useLocalizedMutation<M extends { error: Error | null }>(mutation: M): M {
  const error = useConsoleProblem(mutation.error);
  // Only `error` differs: the union of mutation states holds for it as it did (null exactly when idle/ok).
  return { ...mutation, error };
}

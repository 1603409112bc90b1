import { useMemo } from 'react';
import type { Edition } from '../../../api/nominations';
import { ApiError, isApiError } from '../../../api/problem';
import { format, useI18n } from '../../../i18n';
import '../strings/editions';

export const PHASES = [
  'draft',
  'nominations',
  'eligibility',
  'judging',
  'tallying',
  'results_ready',
  'published',
  'archived',
] as const satisfies readonly Edition['phase'][];

const phaseIndex = (phase: Edition['phase']) => PHASES.indexOf(phase);

/**
 * Judging has opened, by phase or by clock: the server then refuses changes to the judging rules,
 * categories and criteria (src/modules/editions/edition-rules.ts `judgingHasOpened`), so the console
 * offers none and says why.
 */
export function judgingHasOpened(edition: Edition, now = Date.now()): boolean {
  return phaseIndex(edition.phase) >= phaseIndex('judging') || now >= Date.parse(edition.judgingOpenAt);
}

/** A write refused because the copy it was made on is no longer the current one. */
export function isStale(error: unknown): boolean {
  return (
    isApiError(error) &&
    (error.problem.code === 'request.stale_version' ||
      error.problem.code === 'editions.invalid_phase_transition' ||
      error.problem.status === 412)
  );
}

/**
 * The failure with our own words for the editions' refusals (the server's titles are English), the problem's
 * own members (a count, category codes) filled into them.
 */
export function useEditionsError(error: unknown): unknown {
  const { t } = useI18n();
  // One object per failure: ErrorSummary takes focus whenever the error it is given changes.
  return useMemo(() => {
    if (!isApiError(error)) return error;
    const text = (t.consoleEditions.problems as Record<string, string | undefined>)[error.problem.code];
    if (!text) return error;
    const params = Object.fromEntries(
      Object.entries(error.problem).filter(
        (entry): entry is [string, string | number] =>
          typeof entry[1] === 'string' || typeof entry[1] === 'number',
      ),
    );
    return new ApiError({ ...error.problem, title: format(text, params) }, error.retryAfterSeconds);
  }, [error, t]);
}

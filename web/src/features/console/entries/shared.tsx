import { type FormEvent, type ReactNode, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n';
import { Button } from '../../../ui';
import { Pager as PagerOf, type PagerProps, type PagerWords } from '../Pager';
// The pager's and the filter form's styles come with them, wherever a screen uses them.
import './entries.css';
import '../strings/entries';

/** The failure with our own words for the codes these screens meet (the server's titles are English). */
export function localizeProblem(error: unknown, problems: Record<string, string | undefined>): unknown {
  if (!isApiError(error)) return error;
  const text = problems[error.problem.code];
  return text ? new ApiError({ ...error.problem, title: text }, error.retryAfterSeconds) : error;
}

export function useConsoleError(error: unknown): unknown {
  const { t } = useI18n();
  // One object per failure: ErrorSummary takes focus whenever the error it is given changes.
  return useMemo(() => localizeProblem(error, t.consoleEntries.problems), [error, t]);
}

/**
 * A list's filters and page, kept in the address: a filtered list can be linked to, and Back returns to it.
 * `set` replaces the given values and starts again from the first page unless it names the page.
 */
export function useListParams<K extends string>(
  keys: readonly K[],
): [Partial<Record<K, string>> & { page: number }, (values: Partial<Record<K | 'page', string>>) => void] {
  const [params, setParams] = useSearchParams();
  const values: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value) values[key] = value;
  }
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const set = (changes: Partial<Record<K | 'page', string>>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (!('page' in changes)) next.delete('page');
      for (const [key, value] of Object.entries(changes) as [string, string | undefined][]) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  return [{ ...values, page }, set];
}

/** The form around a list's filters: applied on submit, so a list loads one page per search. */
export function FilterForm({
  onApply,
  onClear,
  children,
}: {
  onApply: (data: FormData) => void;
  onClear: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(new FormData(event.currentTarget));
  };
  return (
    <form className="entries-filters" role="search" aria-label={t.consoleEntries.filters} onSubmit={submit}>
      <div className="entries-filters__fields">{children}</div>
      <div className="actions">
        <Button type="submit">{t.consoleEntries.apply}</Button>
        <Button variant="secondary" onClick={onClear}>
          {t.consoleEntries.clear}
        </Button>
      </div>
    </form>
  );
}

/** The text of a form field, trimmed; empty as undefined. */
export function formValue(data: FormData, name: string): string | undefined {
  const value = data.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The console's pager (`../Pager`) with the lists' words unless others are given: how many results, and
 * the previous and next pages.
 */
export function Pager(props: Omit<PagerProps, 'words'> & { words?: Omit<PagerWords, 'pageOf'> }) {
  const { t } = useI18n();
  const words = props.words ?? {
    label: t.consoleEntries.pagination,
    shown: t.consoleEntries.shown,
    previous: t.consoleEntries.previous,
    next: t.consoleEntries.next,
  };
  return <PagerOf {...props} words={{ ...words, pageOf: t.consoleEntries.pageOf }} />;
}

import { type FormEvent, type ReactNode, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, isApiError } from '../../../api/problem';
import { format, useI18n } from '../../../i18n';
import type { Plural } from '../../../i18n/types';
import { Button } from '../../../ui';
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

/** What a pager says: its landmark's name, the count, its two buttons. Default: the console's words for results. */
export interface PagerWords {
  label: string;
  shown: Plural;
  previous: string;
  next: string;
}

/**
 * How many there are, and the previous and next pages. Reaching the first or the last page removes the button
 * just pressed: the focus then moves to the other one, so that a keyboard user stays on the pager.
 */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
  words,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  words?: PagerWords;
}) {
  const { t, plural } = useI18n();
  const said = words ?? {
    label: t.consoleEntries.pagination,
    shown: t.consoleEntries.shown,
    previous: t.consoleEntries.previous,
    next: t.consoleEntries.next,
  };
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const buttons = useRef<HTMLElement>(null);
  const pressed = useRef(false);
  useEffect(() => {
    const was = pressed.current;
    pressed.current = false;
    const nav = buttons.current;
    // The button pressed is gone (first or last page): its neighbour takes the focus, not the page's body.
    if (was && nav && !nav.contains(document.activeElement)) nav.querySelector('button')?.focus();
  }, [page]);
  const go = (to: number) => {
    pressed.current = true;
    onPage(to);
  };
  return (
    <nav className="entries-pager" aria-label={said.label} ref={buttons}>
      <p role="status">
        {plural(said.shown, total)}
        {pages > 1 && ` · ${format(t.consoleEntries.pageOf, { page, pages })}`}
      </p>
      {pages > 1 && (
        <div className="actions">
          {page > 1 && (
            <Button variant="secondary" onClick={() => go(page - 1)}>
              {said.previous}
            </Button>
          )}
          {page < pages && (
            <Button variant="secondary" onClick={() => go(page + 1)}>
              {said.next}
            </Button>
          )}
        </div>
      )}
    </nav>
  );
}

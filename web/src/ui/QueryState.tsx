import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isApiError } from '../api/problem';
import { Loading } from '../app/Layout';
import NotFoundPage from '../features/errors/NotFoundPage';
import { useI18n } from '../i18n';
import { ErrorSummary } from './ErrorSummary';
import { Page } from './Page';

interface QueryStateProps<T> {
  /** What a `useQuery` hook returned. */
  query: UseQueryResult<T>;
  /**
   * A whole screen's data: set `title`, the page's heading while an error is shown. Without it the query is a
   * part of a page (a list in a section): loading and errors show in place, no 404 page.
   */
  title?: string;
  /**
   * Statuses shown as the 404 page (whole screens only). Default [404]; a screen whose address carries an id
   * adds 400, so that a mangled id, an unknown one and one the caller may not see look alike.
   */
  notFound?: readonly number[];
  /** The screen or part, once the data is there. */
  children: (data: T) => ReactNode;
}

/**
 * The three states of server data, said the same way on every screen: loading (announced), failed (the 404
 * page for what does not exist or may not be seen, the server's refusal in the user's language otherwise),
 * and loaded.
 */
export function QueryState<T>({ query, title, notFound = [404], children }: QueryStateProps<T>) {
  const { t } = useI18n();
  const whole = title !== undefined;
  if (query.isPending) return whole ? <Loading /> : <p role="status">{t.layout.loading}</p>;
  if (query.isError) {
    const status = isApiError(query.error) ? query.error.problem.status : 0;
    if (!whole) return <ErrorSummary error={query.error} />;
    if (notFound.includes(status)) return <NotFoundPage />;
    return (
      <Page title={title}>
        <ErrorSummary error={query.error} />
      </Page>
    );
  }
  return <>{children(query.data)}</>;
}

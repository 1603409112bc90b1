/**
 * The organiser's results and publication as server state: an edition's rounds, a round's tally (ranking,
 * runs, juror statistics), closing and advancing it, the CSV downloads, and the edition's publication with
 * the preview of its public page. Every write invalidates what it changed.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { toApiError } from './problem';
import type { components } from './schema';
import { currentAccessToken } from './session';

export type Round = components['schemas']['RoundResponse'];
export type RoundResults = components['schemas']['RoundResultsResponse'];
export type CategoryResults = RoundResults['categories'][number];
export type NominationResult = CategoryResults['nominations'][number];
export type TallyRun = NonNullable<CategoryResults['latestRun']>;
export type AdvancePreview = components['schemas']['AdvancePreviewResponse'];
export type Publication = components['schemas']['PublicationResponse'];
export type PublicResults = components['schemas']['PublicResultsResponse'];
export type RoundAnalytics = components['schemas']['RoundAnalyticsResponse'];
export type CategoryAnalytics = RoundAnalytics['categories'][number];
export type JurorAnalytics = CategoryAnalytics['jurors'][number];

const consoleKey = ['console-results'] as const;
const roundsKey = (editionId: string) => [...consoleKey, 'rounds', editionId] as const;
const resultsKey = (roundId: string) => [...consoleKey, 'results', roundId] as const;
const publicationKey = (editionId: string) => [...consoleKey, 'publication', editionId] as const;

/** While a tally runs the ranking is polled at this pace; once every run has finished, not at all. */
const RUNNING_POLL_MS = 1000;

export function useEditionRounds(editionId: string) {
  return useQuery({
    queryKey: roundsKey(editionId),
    queryFn: () => unwrap(api.GET('/api/v1/editions/{id}/rounds', { params: { path: { id: editionId } } })),
  });
}

function running(results: RoundResults | undefined): boolean {
  return !!results?.categories.some(
    (c) => c.latestRun?.status === 'requested' || c.latestRun?.status === 'running',
  );
}

/** The results bring each ranking's first page of this size; `useRanking` reads the others, one at a time. */
export const RANKING_PAGE_SIZE = 25;

export function useRoundResults(roundId: string | undefined) {
  return useQuery({
    queryKey: resultsKey(roundId ?? ''),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/rounds/{id}/results', {
          params: { path: { id: roundId ?? '' }, query: { pageSize: RANKING_PAGE_SIZE } },
        }),
      ),
    enabled: roundId !== undefined,
    refetchInterval: (query) => (running(query.state.data) ? RUNNING_POLL_MS : false),
  });
}

/**
 * A later page of a category's ranking (the first comes with the results), of the snapshot the results
 * show: a new tally asks again.
 */
export function useRanking(roundId: string, categoryId: string, snapshotId: string, page: number) {
  return useQuery({
    queryKey: [...consoleKey, 'ranking', roundId, categoryId, snapshotId, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/rounds/{id}/results/{categoryId}/ranking', {
          params: { path: { id: roundId, categoryId }, query: { page, pageSize: RANKING_PAGE_SIZE } },
        }),
      ),
    enabled: page > 1,
    placeholderData: keepPreviousData,
  });
}

/**
 * A closed round's jury analytics, computed with each tally snapshot. Asked again whenever the snapshots
 * the ranking shows change (`snapshots`: their ids), so it always describes the ranking beside it.
 */
export function useRoundAnalytics(roundId: string, snapshots: string) {
  return useQuery({
    queryKey: [...consoleKey, 'analytics', roundId, snapshots],
    queryFn: () => unwrap(api.GET('/api/v1/rounds/{id}/analytics', { params: { path: { id: roundId } } })),
    enabled: snapshots !== '',
    retry: false,
    placeholderData: keepPreviousData,
  });
}

/** Closing, re-tallying and advancing change the rounds, the results and the edition's phase. */
function useInvalidateRound() {
  const queryClient = useQueryClient();
  return () => {
    // A preview of advancing answers for the round as it was: after any of these writes it is asked anew.
    queryClient.removeQueries({ queryKey: [...consoleKey, 'advance-preview'] });
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: consoleKey }),
      queryClient.invalidateQueries({ queryKey: ['editions'] }),
    ]);
  };
}

export function useCloseRound() {
  const invalidate = useInvalidateRound();
  return useMutation({
    mutationFn: (roundId: string) =>
      unwrap(api.POST('/api/v1/rounds/{id}/close', { params: { path: { id: roundId } } })),
    onSuccess: invalidate,
  });
}

export function useRetally() {
  const invalidate = useInvalidateRound();
  return useMutation({
    mutationFn: (roundId: string) =>
      unwrap(api.POST('/api/v1/rounds/{id}/tally', { params: { path: { id: roundId } } })),
    onSuccess: invalidate,
  });
}

/** What advancing the top N would shortlist, ties at the cut named; asked only while `topN` is valid. */
export function useAdvancePreview(roundId: string, topN: number | null) {
  return useQuery({
    queryKey: [...consoleKey, 'advance-preview', roundId, topN],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/rounds/{id}/advance-preview', {
          params: { path: { id: roundId }, query: { topN: topN ?? 1 } },
        }),
      ),
    enabled: topN !== null,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

export function useAdvance() {
  const invalidate = useInvalidateRound();
  return useMutation({
    mutationFn: ({ roundId, topN }: { roundId: string; topN: number }) =>
      unwrap(api.POST('/api/v1/rounds/{id}/advance', { params: { path: { id: roundId } }, body: { topN } })),
    onSuccess: invalidate,
  });
}

/**
 * Fetches an authenticated file (a link cannot carry the bearer token) and hands it to the browser as a
 * download under the server's own file name.
 */
async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const headers = new Headers();
  const token = currentAccessToken();
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(path, { headers, credentials: 'same-origin' });
  } catch {
    throw toApiError(undefined, undefined);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw toApiError(body, response);
  }
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the file over; the address is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type CsvKind = 'results' | 'scoresheet' | 'jurors';

/** Where each CSV is, under `/api/v1/rounds/{id}/`. */
const CSV_PATHS: Record<CsvKind, string> = {
  results: 'results.csv',
  scoresheet: 'scoresheet.csv',
  jurors: 'analytics/jurors.csv',
};

export function useCsvDownload() {
  return useMutation({
    mutationFn: ({ roundId, kind }: { roundId: string; kind: CsvKind }) =>
      downloadFile(
        `/api/v1/rounds/${encodeURIComponent(roundId)}/${CSV_PATHS[kind]}`,
        `${kind}-${roundId}.csv`,
      ),
  });
}

/** The edition's publication; null before anything was scheduled or published. */
export function usePublication(editionId: string) {
  return useQuery({
    queryKey: publicationKey(editionId),
    queryFn: async () => {
      const outcome = await api.GET('/api/v1/editions/{id}/publication', {
        params: { path: { id: editionId } },
      });
      if (
        outcome.response.status === 404 &&
        (outcome.error as { code?: string } | undefined)?.code === 'publication.not_found'
      )
        return null;
      return unwrap(Promise.resolve(outcome));
    },
  });
}

/** The public page's document as it will read: organisers are served a preview before publication. */
export function useResultsPreview(slug: string) {
  return useQuery({
    queryKey: [...consoleKey, 'preview', slug],
    queryFn: () => unwrap(api.GET('/api/v1/public/editions/{slug}/results', { params: { path: { slug } } })),
    retry: false,
  });
}

function useInvalidatePublication(editionId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: publicationKey(editionId) }),
      queryClient.invalidateQueries({ queryKey: [...consoleKey, 'preview'] }),
      queryClient.invalidateQueries({ queryKey: ['editions'] }),
    ]);
}

/** Publishes now (`at` absent) or schedules the release for `at`. */
export function usePublish(editionId: string) {
  const invalidate = useInvalidatePublication(editionId);
  return useMutation({
    mutationFn: (at: string | undefined) =>
      unwrap(
        api.POST('/api/v1/editions/{id}/publish', {
          params: { path: { id: editionId } },
          body: at ? { at } : {},
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCancelPublication(editionId: string) {
  const invalidate = useInvalidatePublication(editionId);
  return useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/editions/{id}/publication', { params: { path: { id: editionId } } })),
    onSuccess: invalidate,
  });
}

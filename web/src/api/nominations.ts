/**
 * The entrant's nominations as server state: the list, one nomination with its history, the editions and
 * categories they are written for, and the writes on them. Drafts are saved by the editor's own autosave
 * (features/nominations/autosave.ts) through `saveNomination`, which reports the outcome instead of throwing
 * into React Query, so a failed save never resets what the user typed.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type Nomination = components['schemas']['NominationResponse'];
export type NominationSummary = components['schemas']['NominationListItemResponse'];
export type NominationStatus = Nomination['status'];
export type NominationEvent = Nomination['history'][number];
export type NominationMetric = Nomination['metrics'][number];
export type Attachment = Nomination['attachments'][number];
export type AttachmentRules = Nomination['attachmentRules'];
export type Edition = components['schemas']['EditionResponse'];
export type Category = components['schemas']['CategoryResponse'];
export type Criterion = Category['criteria'][number];
export type CategoryQuestion = Category['questions'][number];
export type LocalizedText = Category['name'];
export type NewNomination = components['schemas']['CreateNominationDto'];
export type NominationChanges = components['schemas']['UpdateNominationDto'];

export const nominationsKey = ['nominations'] as const;
export const nominationKey = (id: string) => ['nominations', id] as const;
const editionsKey = ['editions'] as const;
const categoriesKey = (editionId: string) => ['editions', editionId, 'categories'] as const;

/** Every nomination of the caller's companies (the API's largest page: a company enters a handful). */
export function useNominations() {
  return useQuery({
    queryKey: [...nominationsKey, 'list'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/nominations', {
          params: { query: { pageSize: 100, sort: 'updatedAt', order: 'desc' } },
        }),
      ),
  });
}

export function useNomination(id: string) {
  return useQuery({
    queryKey: nominationKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/nominations/{id}', { params: { path: { id } } })),
    // A 404 is an answer (the page says so), not a reason to ask three more times.
    retry: false,
  });
}

/** The editions the caller may see (entrants: all but drafts), newest first. */
export function useEditions() {
  return useQuery({
    queryKey: [...editionsKey, 'list'],
    queryFn: () => unwrap(api.GET('/api/v1/editions', { params: { query: { pageSize: 100 } } })),
    staleTime: 60_000,
  });
}

export function useEdition(id: string | undefined) {
  return useQuery({
    queryKey: [...editionsKey, id ?? ''],
    queryFn: () => unwrap(api.GET('/api/v1/editions/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== undefined,
    staleTime: 60_000,
  });
}

export function useCategories(editionId: string | undefined) {
  return useQuery({
    queryKey: categoriesKey(editionId ?? ''),
    queryFn: () =>
      unwrap(api.GET('/api/v1/editions/{id}/categories', { params: { path: { id: editionId ?? '' } } })),
    enabled: editionId !== undefined && editionId !== '',
    staleTime: 60_000,
  });
}

/** Whether the edition takes nominations now: its phase and its window, as the server judges them. */
export function takesNominations(edition: Edition, now = Date.now()): boolean {
  return (
    edition.phase === 'nominations' &&
    Date.parse(edition.nominationsOpenAt) <= now &&
    now < Date.parse(edition.nominationsCloseAt)
  );
}

export function useCreateNomination() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewNomination) =>
      unwrap(
        api.POST('/api/v1/nominations', {
          body,
          // A retried click after a lost answer must not start the draft twice.
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
        }),
      ),
    onSuccess: (nomination) => {
      queryClient.setQueryData(nominationKey(nomination.id), nomination);
      return queryClient.invalidateQueries({ queryKey: [...nominationsKey, 'list'] });
    },
  });
}

/** One autosave: the changes with the version they were based on (If-Match). Throws an ApiError on refusal. */
export function saveNomination(id: string, changes: NominationChanges, version: number): Promise<Nomination> {
  return unwrap(
    api.PATCH('/api/v1/nominations/{id}', {
      params: { path: { id } },
      body: changes,
      headers: { 'If-Match': `"${version}"` },
    }),
  );
}

/** The server's copy now, outside the cache (a stale save compares it with the user's). */
export function fetchNomination(id: string): Promise<Nomination> {
  return unwrap(api.GET('/api/v1/nominations/{id}', { params: { path: { id } } }));
}

type Transition = 'submit' | 'withdraw';

export function useNominationTransition(id: string, transition: Transition) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        transition === 'submit'
          ? api.POST('/api/v1/nominations/{id}/submit', {
              params: { path: { id } },
              headers: { 'If-Match': `"${version}"` },
            })
          : api.POST('/api/v1/nominations/{id}/withdraw', {
              params: { path: { id } },
              headers: { 'If-Match': `"${version}"` },
            }),
      ),
    onSuccess: (nomination) => {
      queryClient.setQueryData(nominationKey(id), nomination);
      return queryClient.invalidateQueries({ queryKey: [...nominationsKey, 'list'] });
    },
  });
}

export function useRemoveAttachment(nominationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) =>
      unwrap(api.DELETE('/api/v1/attachments/{id}', { params: { path: { id: attachmentId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: nominationKey(nominationId) }),
  });
}

/**
 * The organiser's editions as server state: the list, the phase bar's readiness, and the writes on an
 * edition, its categories and criteria. Edition writes carry the version the form was loaded at
 * (If-Match), so an edit made on a stale copy is refused instead of overwriting someone else's.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { Category, Edition } from './nominations';
import type { components } from './schema';

export type NewEdition = components['schemas']['CreateEditionDto'];
export type EditionChanges = components['schemas']['UpdateEditionDto'];
export type PhaseReadiness = components['schemas']['PhaseReadinessResponse'];
export type PhaseBlocker = PhaseReadiness['blockers'][number];
export type Phase = Edition['phase'];
export type NewCategory = components['schemas']['CreateCategoryDto'];
export type CategoryChanges = components['schemas']['UpdateCategoryDto'];
export type NewCriterion = components['schemas']['CreateCriterionDto'];
export type CriterionChanges = components['schemas']['UpdateCriterionDto'];

const editionsKey = ['editions'] as const;
const editionKey = (id: string) => ['editions', id] as const;
const readinessKey = (id: string) => ['editions', id, 'phase'] as const;
const categoriesKey = (id: string) => ['editions', id, 'categories'] as const;

/** Every edition, drafts too (organisers see them), newest first: the console's first page. */
export function useConsoleEditions() {
  return useQuery({
    queryKey: [...editionsKey, 'list'],
    queryFn: () => unwrap(api.GET('/api/v1/editions', { params: { query: { pageSize: 100 } } })),
  });
}

export function usePhaseReadiness(editionId: string) {
  return useQuery({
    queryKey: readinessKey(editionId),
    queryFn: () => unwrap(api.GET('/api/v1/editions/{id}/phase', { params: { path: { id: editionId } } })),
  });
}

/** The edition's own copy and whatever is derived from it (the list, the phase bar). */
function useEditionSaved() {
  const queryClient = useQueryClient();
  return (edition: Edition) => {
    queryClient.setQueryData(editionKey(edition.id), edition);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: [...editionsKey, 'list'] }),
      queryClient.invalidateQueries({ queryKey: readinessKey(edition.id) }),
    ]);
  };
}

export function useCreateEdition() {
  const saved = useEditionSaved();
  return useMutation({
    mutationFn: (body: NewEdition) => unwrap(api.POST('/api/v1/editions', { body })),
    onSuccess: saved,
  });
}

export function useUpdateEdition(id: string) {
  const saved = useEditionSaved();
  return useMutation({
    mutationFn: ({ changes, version }: { changes: EditionChanges; version: number }) =>
      unwrap(
        api.PATCH('/api/v1/editions/{id}', {
          params: { path: { id } },
          body: changes,
          headers: { 'If-Match': `"${version}"` },
        }),
      ),
    onSuccess: saved,
  });
}

export function useChangePhase(id: string) {
  const saved = useEditionSaved();
  return useMutation({
    mutationFn: ({ phase, version }: { phase: Phase; version: number }) =>
      unwrap(
        api.POST('/api/v1/editions/{id}/phase', {
          params: { path: { id } },
          body: { phase },
          headers: { 'If-Match': `"${version}"` },
        }),
      ),
    onSuccess: saved,
  });
}

/** Reads the edition again (after a stale-version refusal, or when the page is reloaded by hand). */
export function useReloadEdition(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: editionKey(id), exact: true }),
      queryClient.invalidateQueries({ queryKey: readinessKey(id) }),
    ]);
}

function useCategoriesChanged(editionId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: categoriesKey(editionId) }),
      queryClient.invalidateQueries({ queryKey: readinessKey(editionId) }),
    ]);
}

export function useCreateCategory(editionId: string) {
  const changed = useCategoriesChanged(editionId);
  return useMutation({
    mutationFn: (body: NewCategory): Promise<Category> =>
      unwrap(api.POST('/api/v1/editions/{id}/categories', { params: { path: { id: editionId } }, body })),
    onSuccess: changed,
  });
}

export function useUpdateCategory(editionId: string) {
  const changed = useCategoriesChanged(editionId);
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: CategoryChanges }) =>
      unwrap(api.PATCH('/api/v1/categories/{id}', { params: { path: { id } }, body: changes })),
    onSuccess: changed,
  });
}

export function useCreateCriterion(editionId: string) {
  const changed = useCategoriesChanged(editionId);
  return useMutation({
    mutationFn: ({ categoryId, criterion }: { categoryId: string; criterion: NewCriterion }) =>
      unwrap(
        api.POST('/api/v1/categories/{id}/criteria', {
          params: { path: { id: categoryId } },
          body: criterion,
        }),
      ),
    onSuccess: changed,
  });
}

export function useUpdateCriterion(editionId: string) {
  const changed = useCategoriesChanged(editionId);
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: CriterionChanges }) =>
      unwrap(api.PATCH('/api/v1/criteria/{id}', { params: { path: { id } }, body: changes })),
    onSuccess: changed,
  });
}

export function useDeleteCategory(editionId: string) {
  const changed = useCategoriesChanged(editionId);
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/categories/{id}', { params: { path: { id } } })),
    onSuccess: changed,
  });
}

export function useDeleteCriterion(editionId: string) {
  const changed = useCategoriesChanged(editionId);
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/criteria/{id}', { params: { path: { id } } })),
    onSuccess: changed,
  });
}

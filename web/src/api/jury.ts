/**
 * The juror's own work as server state: the worklist, their declaration for an edition (employer,
 * conflicts, confirmation) with the companies they declare against, and their own distribution of totals.
 * Every write invalidates what it changed.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type Worklist = components['schemas']['WorklistResponse'];
export type WorklistItem = Worklist['items'][number];
export type WorklistRound = Worklist['rounds'][number];
export type WorklistCategory = Worklist['categories'][number];
export type WorklistState = WorklistItem['state'];
export type Declaration = components['schemas']['DeclarationResponse'];
export type ParticipatingCompany = components['schemas']['ParticipatingCompanyPage']['items'][number];
export type OwnDistribution = components['schemas']['OwnDistributionResponse'];
export type OwnCalibration = components['schemas']['OwnCalibrationResponse'];

export const WORKLIST_STATES: readonly WorklistState[] = ['not_started', 'draft', 'submitted'];

const juryKey = ['jury'] as const;
const worklistKey = [...juryKey, 'worklist'] as const;
const declarationKey = (editionId: string) => [...juryKey, 'declaration', editionId] as const;

export interface WorklistFilters {
  roundId?: string;
  categoryId?: string;
  state?: WorklistState;
}

/** The largest page the API serves; a juror's round rarely holds more (the progress counts cover all). */
const WORKLIST_PAGE = 100;

/** The worklist; `pageSize` 1 when only the rounds' and categories' progress is wanted. */
export function useWorklist(filters: WorklistFilters, pageSize = WORKLIST_PAGE) {
  return useQuery({
    queryKey: [...worklistKey, filters, pageSize],
    queryFn: () => unwrap(api.GET('/api/v1/me/assignments', { params: { query: { ...filters, pageSize } } })),
    // Changing a filter keeps the list on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });
}

export function useOwnDistribution(roundId: string | undefined) {
  return useQuery({
    queryKey: [...juryKey, 'distribution', roundId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/me/rounds/{roundId}/distribution', { params: { path: { roundId: roundId! } } }),
      ),
    enabled: roundId !== undefined,
  });
}

/**
 * The juror's own deviation from the panel's median on the round's calibration entries. Asked for only when
 * the worklist says the edition shows it and all the juror's calibration scorecards are submitted.
 */
export function useOwnCalibration(roundId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...juryKey, 'calibration', roundId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/me/rounds/{id}/calibration', { params: { path: { id: roundId! } } })),
    enabled: roundId !== undefined && enabled,
  });
}

export function useDeclaration(editionId: string) {
  return useQuery({
    queryKey: declarationKey(editionId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/me/declarations/{editionId}', { params: { path: { editionId } } })),
    retry: false,
  });
}

export function useParticipatingCompanies(editionId: string, enabled: boolean, q: string) {
  return useQuery({
    queryKey: [...declarationKey(editionId), 'companies', q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/me/declarations/{editionId}/companies', {
          params: { path: { editionId }, query: { pageSize: 100, ...(q ? { q } : {}) } },
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Everything the declaration, the company list and the worklist show depends on these writes. */
function useInvalidateDeclaration(editionId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: declarationKey(editionId) }),
      // Reset, not just marked stale: a worklist read before a conflict was declared must never show again,
      // not even while the fresh one loads (a conflicted nomination does not exist for the juror).
      queryClient.resetQueries({ queryKey: worklistKey }),
    ]);
}

export function useSetEmployer(editionId: string) {
  const invalidate = useInvalidateDeclaration(editionId);
  return useMutation({
    mutationFn: (companyId: string | null) => unwrap(api.PUT('/api/v1/me/employer', { body: { companyId } })),
    onSuccess: invalidate,
  });
}

export function useDeclareConflicts(editionId: string) {
  const invalidate = useInvalidateDeclaration(editionId);
  return useMutation({
    /** One declaration per company, in turn; stops at the first refusal (what landed stays declared). */
    mutationFn: async ({ companyIds, reason }: { companyIds: string[]; reason: string }) => {
      for (const companyId of companyIds)
        await unwrap(api.POST('/api/v1/conflicts', { body: { editionId, companyId, reason } }));
    },
    onSettled: invalidate,
  });
}

/** The juror accepts the edition's terms and confidentiality: a moment of its own, before confirming. */
export function useAcceptTerms(editionId: string) {
  const invalidate = useInvalidateDeclaration(editionId);
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/me/declarations/{editionId}/terms', { params: { path: { editionId } } })),
    onSuccess: invalidate,
  });
}

export function useConfirmDeclaration(editionId: string) {
  const invalidate = useInvalidateDeclaration(editionId);
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/editions/{id}/conflicts/confirm', { params: { path: { id: editionId } } })),
    onSuccess: invalidate,
  });
}

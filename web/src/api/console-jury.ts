/**
 * The organiser's jury console as server state: panels, the conflicts matrix and the late conflicts,
 * rounds, a round's assignments (the automatic one previewed before it is saved), progress and the manual
 * reminder. Every write invalidates what it changed.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type Panel = components['schemas']['PanelResponse'];
export type ConflictMatrix = components['schemas']['ConflictMatrixResponse'];
export type ConflictSource = ConflictMatrix['cells'][number]['sources'][number];
export type ConflictMatrixJuror = ConflictMatrix['jurors']['items'][number];
export type LateConflict = components['schemas']['LateConflictPage']['items'][number];
export type Round = components['schemas']['RoundResponse'];
export type Assignment = components['schemas']['AssignmentPage']['items'][number];
export type AutoAssignResult = components['schemas']['AutoAssignResponse'];
export type RoundProgress = components['schemas']['RoundProgressResponse'];
export type NominationProgress = components['schemas']['NominationProgressPage']['items'][number];

/** The largest page the API serves. */
const PAGE = 100;

const consoleJuryKey = ['console-jury'] as const;
const editionKey = (editionId: string) => [...consoleJuryKey, 'edition', editionId] as const;
const roundKey = (roundId: string) => [...consoleJuryKey, 'round', roundId] as const;

export function usePanels(editionId: string) {
  return useQuery({
    queryKey: [...editionKey(editionId), 'panels'],
    queryFn: () => unwrap(api.GET('/api/v1/editions/{id}/panels', { params: { path: { id: editionId } } })),
  });
}

function useInvalidateEdition(editionId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: editionKey(editionId) });
}

export function useAddPanelJurors(editionId: string) {
  const invalidate = useInvalidateEdition(editionId);
  return useMutation({
    mutationFn: (body: { categoryId: string; jurorIds: string[] }) =>
      unwrap(api.POST('/api/v1/editions/{id}/panels', { params: { path: { id: editionId } }, body })),
    onSuccess: invalidate,
  });
}

export function useRemovePanelJuror(editionId: string) {
  const invalidate = useInvalidateEdition(editionId);
  return useMutation({
    mutationFn: ({ categoryId, jurorId }: { categoryId: string; jurorId: string }) =>
      unwrap(
        api.DELETE('/api/v1/editions/{id}/panels/{categoryId}/jurors/{jurorId}', {
          params: { path: { id: editionId, categoryId, jurorId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Companies (columns) and jurors (rows) per page of the conflicts matrix. */
export const MATRIX_PAGE_SIZE = 20;

export interface MatrixFilters {
  /** Part of a company's name. */
  q?: string;
  /** One category: its panel's jurors, the companies nominated in it. */
  categoryId?: string;
  /** Only the companies with a conflict. */
  conflicted?: boolean;
  /** The page of companies. */
  page: number;
  jurorPage: number;
}

/** One page of the conflicts matrix, companies by jurors; the previous page stays shown while the next loads. */
export function useConflictMatrix(editionId: string, filters: MatrixFilters) {
  return useQuery({
    queryKey: [...editionKey(editionId), 'matrix', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/editions/{id}/conflicts/matrix', {
          params: {
            path: { id: editionId },
            query: {
              page: filters.page,
              pageSize: MATRIX_PAGE_SIZE,
              jurorPage: filters.jurorPage,
              jurorPageSize: MATRIX_PAGE_SIZE,
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
              ...(filters.conflicted ? { conflicted: true } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useLateConflicts(editionId: string) {
  return useQuery({
    queryKey: [...editionKey(editionId), 'late'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/editions/{id}/late-conflicts', {
          params: { path: { id: editionId }, query: { pageSize: PAGE } },
        }),
      ),
  });
}

export function useDecideLateConflict(editionId: string) {
  const invalidate = useInvalidateEdition(editionId);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; decision: 'confirm' | 'dismiss'; reason: string }) =>
      unwrap(api.POST('/api/v1/late-conflicts/{id}/decision', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useRounds(editionId: string) {
  return useQuery({
    queryKey: [...editionKey(editionId), 'rounds'],
    queryFn: () => unwrap(api.GET('/api/v1/editions/{id}/rounds', { params: { path: { id: editionId } } })),
  });
}

export function useCreateRound(editionId: string) {
  const invalidate = useInvalidateEdition(editionId);
  return useMutation({
    mutationFn: (body: { name: string; closesAt?: string }) =>
      unwrap(
        api.POST('/api/v1/editions/{id}/rounds', {
          params: { path: { id: editionId } },
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useRoundAssignments(roundId: string, categoryId: string | undefined) {
  return useQuery({
    queryKey: [...roundKey(roundId), 'assignments', categoryId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/rounds/{id}/assignments', {
          params: { path: { id: roundId }, query: { pageSize: PAGE, ...(categoryId ? { categoryId } : {}) } },
        }),
      ),
    enabled: categoryId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useRoundProgress(roundId: string | undefined) {
  return useQuery({
    queryKey: [...roundKey(roundId ?? ''), 'progress'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/rounds/{id}/progress', { params: { path: { id: roundId ?? '' } } })),
    enabled: roundId !== undefined,
  });
}

/** Nominations shown per page of the progress and the manual assignments. */
export const NOMINATIONS_PAGE_SIZE = 20;

/**
 * One page of the round's nominations with their scorecards against the minimum (fewest submitted first) and
 * their assigned jurors; `categoryId` narrows it to one category.
 */
export function useNominationProgress(roundId: string, page: number, categoryId?: string) {
  return useQuery({
    queryKey: [...roundKey(roundId), 'progress', 'nominations', categoryId, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/rounds/{id}/progress/nominations', {
          params: {
            path: { id: roundId },
            query: { page, pageSize: NOMINATIONS_PAGE_SIZE, ...(categoryId ? { categoryId } : {}) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateRound(roundId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: roundKey(roundId) });
}

/** The automatic assignment: `dryRun` previews it (nothing saved), otherwise it replaces the round's. */
export function useAutoAssign(roundId: string) {
  const invalidate = useInvalidateRound(roundId);
  return useMutation({
    mutationFn: (body: { perNomination: number; categoryId?: string; dryRun: boolean }) =>
      unwrap(api.POST('/api/v1/rounds/{id}/assignments/auto', { params: { path: { id: roundId } }, body })),
    onSuccess: (result) => (result.dryRun ? undefined : invalidate()),
  });
}

export function useAddAssignment(roundId: string) {
  const invalidate = useInvalidateRound(roundId);
  return useMutation({
    mutationFn: (body: { nominationId: string; jurorId: string }) =>
      unwrap(api.POST('/api/v1/rounds/{id}/assignments', { params: { path: { id: roundId } }, body })),
    onSuccess: invalidate,
  });
}

/** Takes a juror off a nomination; with a reason it is a recusal (kept in the audit log). */
export function useRemoveAssignment(roundId: string) {
  const invalidate = useInvalidateRound(roundId);
  return useMutation({
    mutationFn: ({
      nominationId,
      jurorId,
      reason,
    }: {
      nominationId: string;
      jurorId: string;
      reason?: string;
    }) =>
      unwrap(
        api.DELETE('/api/v1/rounds/{id}/assignments/{nominationId}/jurors/{jurorId}', {
          params: { path: { id: roundId, nominationId, jurorId } },
          body: reason ? { reason } : {},
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useRemindJurors(roundId: string) {
  const invalidate = useInvalidateRound(roundId);
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/rounds/{id}/reminders', { params: { path: { id: roundId } } })),
    // A refusal (cool-down started elsewhere) also changes what the button should say.
    onSettled: invalidate,
  });
}

export type RoundCalibration = components['schemas']['RoundCalibrationResponse'];

/** The round's calibration entries with each juror's total against the panel's median (issue 17). */
export function useRoundCalibration(roundId: string) {
  return useQuery({
    queryKey: [...roundKey(roundId), 'calibration'],
    queryFn: () => unwrap(api.GET('/api/v1/rounds/{id}/calibration', { params: { path: { id: roundId } } })),
  });
}

/**
 * Marks a nomination as a calibration entry (every panel juror gets it) or, with `unmark`, puts it back in
 * the contest. Both change the round's assignments and progress: the whole round is refetched.
 */
export function useCalibrationMark(roundId: string) {
  const invalidate = useInvalidateRound(roundId);
  return useMutation({
    mutationFn: async ({
      nominationId,
      unmark,
    }: {
      nominationId: string;
      title: string;
      unmark: boolean;
    }) => {
      const params = { params: { path: { id: roundId, nominationId } } };
      if (unmark) await unwrap(api.DELETE('/api/v1/rounds/{id}/calibration/{nominationId}', params));
      else await unwrap(api.POST('/api/v1/rounds/{id}/calibration/{nominationId}', params));
    },
    onSuccess: invalidate,
  });
}

export type SampleEntryInput = components['schemas']['CreateSampleEntryDto'];

/**
 * Writes a sample entry for the round's calibration (no company; every panel juror gets it) or, with
 * `remove`, takes one away before anyone scored it. Both change the round's assignments: refetch the round.
 */
export function useSampleEntry(roundId: string) {
  const invalidate = useInvalidateRound(roundId);
  return useMutation({
    mutationFn: async (
      change: { add: SampleEntryInput } | { remove: string; title: string },
    ): Promise<{ title: string }> => {
      if ('add' in change) {
        const added = await unwrap(
          api.POST('/api/v1/rounds/{id}/calibration/samples', {
            params: { path: { id: roundId } },
            body: change.add,
          }),
        );
        return { title: added.title };
      }
      await unwrap(
        api.DELETE('/api/v1/rounds/{id}/calibration/samples/{nominationId}', {
          params: { path: { id: roundId, nominationId: change.remove } },
        }),
      );
      return { title: change.title };
    },
    onSuccess: invalidate,
  });
}

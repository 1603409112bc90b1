/**
 * The juror's scorecard screen as server state: the nomination with its criteria, the juror's own scorecard,
 * the round's worklist (for next/previous), and the versioned writes. Saves are plain functions rather than
 * mutations: the autosave of the screen decides when to send, retry or stop (see features/jury/scorecard).
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type NominationForJuror = components['schemas']['NominationForJurorResponse'];
export type CriterionForJuror = components['schemas']['CriterionForJurorResponse'];
export type AttachmentForJuror = components['schemas']['AttachmentForJurorResponse'];
export type Scorecard = components['schemas']['ScorecardResponse'];
export type WorklistItem = components['schemas']['WorklistItemResponse'];
export type WorklistRound = components['schemas']['WorklistRoundResponse'];

/** What a juror writes: a mark per criterion code (left out: not marked yet) and an optional comment. */
export interface Marks {
  scores: Record<string, number>;
  comment: string | null;
}

export const jurorNominationKey = (roundId: string, nominationId: string) =>
  ['jury', 'rounds', roundId, 'nominations', nominationId] as const;
export const scorecardKey = (roundId: string, nominationId: string) =>
  ['jury', 'rounds', roundId, 'scorecards', nominationId] as const;
export const roundWorklistKey = (roundId: string) => ['jury', 'assignments', roundId] as const;

export function useJurorNomination(roundId: string, nominationId: string) {
  return useQuery({
    queryKey: jurorNominationKey(roundId, nominationId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/rounds/{roundId}/nominations/{nominationId}', {
          params: { path: { roundId, nominationId } },
        }),
      ),
    staleTime: 60_000,
  });
}

/** The juror's scorecard as the server has it now (version 0 before the first save). */
export function fetchScorecard(roundId: string, nominationId: string): Promise<Scorecard> {
  return unwrap(
    api.GET('/api/v1/rounds/{roundId}/scorecards/{nominationId}', {
      params: { path: { roundId, nominationId } },
    }),
  );
}

export function useScorecard(roundId: string, nominationId: string) {
  return useQuery({
    queryKey: scorecardKey(roundId, nominationId),
    queryFn: () => fetchScorecard(roundId, nominationId),
    // The screen keeps its own copy while the juror works: a background refetch must not replace marks.
    staleTime: Infinity,
    gcTime: 0,
  });
}

/** Saves a draft over `version` (If-Match): a change made elsewhere meanwhile answers 409 `request.stale_version`. */
export function saveScorecard(
  roundId: string,
  nominationId: string,
  marks: Marks,
  version: number,
): Promise<Scorecard> {
  return unwrap(
    api.PUT('/api/v1/rounds/{roundId}/scorecards/{nominationId}', {
      params: { path: { roundId, nominationId }, header: { 'If-Match': `"${version}"` } },
      body: { scores: marks.scores, comment: marks.comment },
    }),
  );
}

/** Submits these marks (every criterion scored) over `version`. */
export function submitScorecard(
  roundId: string,
  nominationId: string,
  marks: Marks,
  version: number,
): Promise<Scorecard> {
  return unwrap(
    api.POST('/api/v1/rounds/{roundId}/scorecards/{nominationId}/submit', {
      params: { path: { roundId, nominationId }, header: { 'If-Match': `"${version}"` } },
      body: { scores: marks.scores, comment: marks.comment },
    }),
  );
}

export interface RoundWorklist {
  round: WorklistRound | undefined;
  items: WorklistItem[];
}

const PAGE_SIZE = 100;

/** Every nomination assigned to the juror in one round, in the worklist's order, with the round's state. */
export function useRoundWorklist(roundId: string) {
  return useQuery({
    queryKey: roundWorklistKey(roundId),
    queryFn: async (): Promise<RoundWorklist> => {
      const items: WorklistItem[] = [];
      let round: WorklistRound | undefined;
      for (let page = 1; ; page++) {
        const answer = await unwrap(
          api.GET('/api/v1/me/assignments', { params: { query: { roundId, page, pageSize: PAGE_SIZE } } }),
        );
        round ??= answer.rounds.find((r) => r.id === roundId);
        items.push(...answer.items);
        if (answer.items.length < PAGE_SIZE || items.length >= answer.total) break;
      }
      return { round, items };
    },
    // Moving to the next nomination asks only for it and its scorecard: saves update this list in place.
    staleTime: 5 * 60_000,
  });
}

/** The file of an attachment, fetched with the juror's session (an `<img>` cannot send it). */
export async function fetchAttachment(
  roundId: string,
  nominationId: string,
  attachmentId: string,
): Promise<Blob> {
  return unwrap(
    api.GET('/api/v1/rounds/{roundId}/nominations/{nominationId}/attachments/{attachmentId}', {
      params: { path: { roundId, nominationId, attachmentId }, query: { disposition: 'inline' } },
      parseAs: 'blob',
    }),
  );
}

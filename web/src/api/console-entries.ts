/**
 * The console's entries as server state: an edition's nominations (one page at a time), the companies, the
 * eligibility decisions and the CSV export. A nomination itself is read with `useNomination` (nominations.ts):
 * organisers get the same view as its entrants, attachments included.
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { type Nomination, nominationKey, nominationsKey, type NominationStatus } from './nominations';
import type { components } from './schema';

export type CompanySummary = components['schemas']['CompanySummaryResponse'];
export type EligibilityDecision = components['schemas']['EligibilityDto']['decision'];

export const PAGE_SIZE = 20;

export interface NominationFilters {
  q?: string;
  categoryId?: string;
  companyId?: string;
  status?: NominationStatus;
  page: number;
}

/** One page of the edition's nominations; the previous page stays shown while the next one loads. */
export function useEditionNominations(editionId: string, filters: NominationFilters) {
  return useQuery({
    queryKey: [...nominationsKey, 'console', editionId, filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/nominations', {
          params: {
            query: {
              editionId,
              ...filters,
              pageSize: PAGE_SIZE,
              // The review queue in the order entries came in; drafts (no submission time) last.
              sort: 'submittedAt',
              order: 'asc',
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export interface CompanyFilters {
  q?: string;
  country?: string;
  /** Only the companies with a nomination in this edition. */
  editionId?: string;
  page: number;
}

export function useConsoleCompanies(filters: CompanyFilters) {
  return useQuery({
    queryKey: ['companies', 'console', filters],
    queryFn: () =>
      unwrap(api.GET('/api/v1/companies', { params: { query: { ...filters, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * One eligibility decision. `version` (If-Match) when the organiser decides on what they read; a decision
 * from the queue applies to the nomination as it is now (its list row carries no version).
 */
export function decideEligibility(
  id: string,
  decision: EligibilityDecision,
  reason: string | undefined,
  version?: number,
): Promise<Nomination> {
  return unwrap(
    api.POST('/api/v1/nominations/{id}/eligibility', {
      params: { path: { id } },
      body: decision === 'ineligible' ? { decision, reason } : { decision },
      headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
    }),
  );
}

/** What a decision changed, for every screen showing it: the nomination itself and the lists. */
export function useEligibilityDone() {
  const queryClient = useQueryClient();
  return async (decided: Nomination[]) => {
    for (const nomination of decided) queryClient.setQueryData(nominationKey(nomination.id), nomination);
    await queryClient.invalidateQueries({ queryKey: [...nominationsKey, 'console'] });
  };
}

export type ExportFilters = Omit<NominationFilters, 'page'>;

/** The edition's nominations as CSV (the session's token goes with it), saved as the server names it. */
export async function downloadNominationsCsv(editionId: string, filters: ExportFilters): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/editions/{id}/nominations.csv', {
      params: { path: { id: editionId }, query: filters },
      parseAs: 'blob',
    }),
  );
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `nominations-${editionId}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file to the browser's download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

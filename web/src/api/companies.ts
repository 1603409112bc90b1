/**
 * The entrant's companies as server state: the list, one company with its members and invitations, and the
 * writes on them. Every write invalidates what it changed, so screens never keep a stale copy.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type CompanySummary = components['schemas']['CompanySummaryResponse'];
export type Company = components['schemas']['CompanyResponse'];
export type CompanyRole = Company['members'][number]['role'];
export type NewCompany = components['schemas']['CreateCompanyDto'];
type UpdateCompanyDto = components['schemas']['UpdateCompanyDto'];
export type CompanyChanges = UpdateCompanyDto;

export const companiesKey = ['companies'] as const;
export const companyKey = (id: string) => ['companies', id] as const;

/** The caller's companies (the API's largest page: an entrant belongs to a handful). */
export function useCompanies() {
  return useQuery({
    queryKey: [...companiesKey, 'list'],
    queryFn: () => unwrap(api.GET('/api/v1/companies', { params: { query: { pageSize: 100 } } })),
  });
}

export function useCompany(id: string) {
  return useQuery({
    queryKey: companyKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/companies/{id}', { params: { path: { id } } })),
  });
}

export function useCreateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCompany) =>
      unwrap(
        api.POST('/api/v1/companies', {
          body,
          // A retried click after a lost answer must not create the company twice.
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
        }),
      ),
    onSuccess: (company) => {
      queryClient.setQueryData(companyKey(company.id), company);
      return queryClient.invalidateQueries({ queryKey: [...companiesKey, 'list'] });
    },
  });
}

/** Writes with the version the user saw (If-Match): a change made meanwhile answers 409, not lost. */
export function useUpdateCompany(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ changes, version }: { changes: CompanyChanges; version: number }) =>
      unwrap(
        api.PATCH('/api/v1/companies/{id}', {
          params: { path: { id } },
          body: changes,
          headers: { 'If-Match': `"${version}"` },
        }),
      ),
    onSuccess: (company) => {
      queryClient.setQueryData(companyKey(id), company);
      return queryClient.invalidateQueries({ queryKey: [...companiesKey, 'list'] });
    },
    // A stale version: show what is current now.
    onError: () => queryClient.invalidateQueries({ queryKey: companyKey(id) }),
  });
}

export function useInviteMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: CompanyRole; locale?: 'en' | 'ru' | 'kk' | 'de' }) =>
      unwrap(api.POST('/api/v1/companies/{id}/members', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companyKey(id) }),
  });
}

export function useRemoveMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(api.DELETE('/api/v1/companies/{id}/members/{userId}', { params: { path: { id, userId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companiesKey }),
  });
}

/** A write on one company's invitations: afterwards (even refused) the company is read again. */
function useInvitationWrite<T>(id: string, write: (invitationId: string) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: companyKey(id) }),
  });
}

/** Mails a pending invitation again with a new link; the previous link stops working. */
export function useResendInvitation(id: string) {
  return useInvitationWrite(id, (invitationId) =>
    unwrap(
      api.POST('/api/v1/companies/{id}/invitations/{invitationId}/resend', {
        params: { path: { id, invitationId } },
      }),
    ),
  );
}

/** Revokes a pending invitation: its link stops working at once. */
export function useRevokeInvitation(id: string) {
  return useInvitationWrite(id, (invitationId) =>
    unwrap(
      api.DELETE('/api/v1/companies/{id}/invitations/{invitationId}', {
        params: { path: { id, invitationId } },
      }),
    ),
  );
}

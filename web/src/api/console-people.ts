/** The console's people: juror and organiser invitations (send, resend, revoke) and accounts (disable). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type InvitationView = components['schemas']['InvitationViewResponse'];
export type InvitationState = InvitationView['state'];
export type NewInvitation = components['schemas']['CreateInvitationDto'];
export type ManagedUser = components['schemas']['ManagedUserResponse'];
export type Role = ManagedUser['roles'][number];

export const PEOPLE_PAGE_SIZE = 20;
const invitationsKey = ['invitations'] as const;
const usersKey = ['users'] as const;

/** Turns a refusal into the screen's words before it reaches the mutation's `error`. */
type Localize = (error: unknown) => unknown;
const localized =
  <V, D>(run: (variables: V) => Promise<D>, localize: Localize) =>
  async (variables: V): Promise<D> => {
    try {
      return await run(variables);
    } catch (error) {
      throw localize(error);
    }
  };

export interface InvitationFilters {
  state?: InvitationState;
  page: number;
}

export function useInvitations(filters: InvitationFilters) {
  return useQuery({
    queryKey: [...invitationsKey, filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/invitations', { params: { query: { ...filters, pageSize: PEOPLE_PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useInvite(localize: Localize) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: localized(
      (body: NewInvitation) => unwrap(api.POST('/api/v1/invitations', { body })),
      localize,
    ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}

export function useResendInvitation(localize: Localize) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: localized(
      (id: string) => unwrap(api.POST('/api/v1/invitations/{id}/resend', { params: { path: { id } } })),
      localize,
    ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}

export function useRevokeInvitation(localize: Localize) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: localized(async (id: string) => {
      await unwrap(api.DELETE('/api/v1/invitations/{id}', { params: { path: { id } } }));
    }, localize),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}

export interface UserFilters {
  q?: string;
  role?: Role;
  page: number;
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...usersKey, filters],
    queryFn: () =>
      unwrap(api.GET('/api/v1/users', { params: { query: { ...filters, pageSize: PEOPLE_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
}

/** Accounts shown at a time by a search for a person: enough to choose from, few enough to read aloud. */
export const ACCOUNT_SEARCH_SIZE = 10;

/** The accounts whose name or e-mail address contains `q` (every account while it is empty), of `role`. */
export function useAccountSearch(q: string, role?: Role) {
  return useQuery({
    queryKey: [...usersKey, 'search', role, q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/users', {
          params: {
            query: { ...(q ? { q } : {}), ...(role ? { role } : {}), pageSize: ACCOUNT_SEARCH_SIZE },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useSetDisabled(localize: Localize) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: localized(
      ({ id, disabled }: { id: string; disabled: boolean }) =>
        unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: { disabled } })),
      localize,
    ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

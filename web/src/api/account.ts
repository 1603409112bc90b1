/**
 * The account's server state: one query for "me" and the auth calls the account screens make. Screens use
 * these hooks rather than the client directly, so the cache keys and the session live in one place.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';
import { renewSession, setAccessToken } from './session';

/** `GET /api/v1/me`: the signed-in account. */
export type Me = components['schemas']['ProfileResponse'];
export type MeChanges = components['schemas']['UpdateProfileDto'];
export type Locale = Me['locale'];
export type Role = Me['roles'][number];

export const meKey = ['me'] as const;

export function useMe(enabled: boolean) {
  return useQuery({
    queryKey: meKey,
    queryFn: () => unwrap(api.GET('/api/v1/me')),
    enabled,
    staleTime: 60_000,
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: MeChanges) => unwrap(api.PATCH('/api/v1/me', { body: changes })),
    onSuccess: (me) => queryClient.setQueryData(meKey, me),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      unwrap(api.POST('/api/v1/me/password', { body })),
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }) => {
      const answer = await unwrap(api.POST('/api/v1/auth/login', { body }));
      queryClient.removeQueries({ queryKey: meKey });
      setAccessToken(answer.accessToken);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (scope: 'this' | 'everywhere' = 'this') => {
      try {
        if (scope === 'everywhere') await unwrap(api.POST('/api/v1/auth/logout-all'));
        else await unwrap(api.POST('/api/v1/auth/logout'));
      } finally {
        // Whatever the server said, this browser forgets the account.
        setAccessToken(null);
        queryClient.clear();
      }
    },
  });
}

export function useRegister() {
  return useMutation({
    mutationFn: (body: { email: string; password: string; fullName: string; locale: Locale }) =>
      unwrap(api.POST('/api/v1/auth/register', { body })),
  });
}

export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) => {
      await unwrap(api.POST('/api/v1/auth/verify-email', { body: { token } }));
      await renewSession();
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

export function useResendVerification() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/verify-email/resend')),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/api/v1/auth/password-reset', { body: { email } })),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body })),
  });
}

export function useUnlockAccount() {
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST('/api/v1/auth/unlock', { body: { token } })),
  });
}

export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: { token: string; fullName?: string; password?: string; locale?: Locale }) =>
      unwrap(api.POST('/api/v1/invitations/accept', { body })),
  });
}

export function useAcceptCompanyInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) => {
      const company = await unwrap(api.POST('/api/v1/companies/invitations/accept', { body: { token } }));
      await renewSession();
      return company;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

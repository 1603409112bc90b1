/**
 * The console's trust screens as server state: the audit log (filtered, one page at a time) and the
 * verification of its chain, the mails that failed with their retry, and the queue dashboard's ticket.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type AuditEntry = components['schemas']['AuditEntryResponse'];
export type AuditVerification = components['schemas']['AuditVerificationResponse'];
export type FailedMail = components['schemas']['NotificationResponse'];

export const AUDIT_PAGE_SIZE = 25;
export const MAIL_PAGE_SIZE = 25;

export interface AuditFilters {
  editionId?: string;
  actorId?: string;
  action?: string;
}

const trustKey = ['console-trust'] as const;
const mailKey = [...trustKey, 'failed-mail'] as const;

export function useAuditLog(filters: AuditFilters, page: number) {
  return useQuery({
    queryKey: [...trustKey, 'audit', filters, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/audit', { params: { query: { ...filters, page, pageSize: AUDIT_PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Verifying seals and reads the whole chain: asked for by the organiser, never in the background. */
export function useVerifyChain() {
  return useMutation({ mutationFn: () => unwrap(api.GET('/api/v1/audit/verify')) });
}

export function useFailedMails(page: number) {
  return useQuery({
    queryKey: [...mailKey, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/notifications', {
          params: { query: { scope: 'all', status: 'failed', page, pageSize: MAIL_PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useRetryMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/notifications/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailKey }),
  });
}

/** A single-use link to the queue dashboard, valid for a minute: asked for when the organiser opens it. */
export function useQueueDashboardTicket() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/queue-dashboard/tickets')) });
}

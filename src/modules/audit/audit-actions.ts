/**
 * Every action the platform writes to the audit log.
 *
 * The convention: `<resource>.<event>`, both snake_case; the resource is the singular name of what the entry
 * is about (`nomination`, `scorecard`, `auth` for an account's sign-in life), the event says what happened,
 * in the past tense (`created`, `eligibility_decided`, `employer_set`). New actions follow it.
 *
 * The legacy spellings below break it (a plural resource, or an event not in the past tense) and stay as they
 * are: entries already written hash their action string into the chain, so renaming the action of new
 * entries would split one event between two names in the log and its filters (`GET /audit?action=`), and
 * renaming stored ones would break the chain. They are kept for the events they name; add none.
 */
export const AUDIT_ACTIONS = [
  'assignment.added',
  'assignment.removed',
  'attachment.deleted',
  'attachment.uploaded',
  'auth.account_locked',
  'auth.account_unlocked',
  'auth.email_verified',
  'auth.invitation_accepted',
  'auth.invitation_created',
  'auth.invitation_reissued',
  'auth.invitation_revoked',
  'auth.logged_in',
  'auth.logged_out',
  'auth.logged_out_everywhere',
  'auth.login_failed',
  'auth.password_changed',
  'auth.password_reset',
  'auth.password_reset_requested',
  'auth.refresh_token_reused',
  'auth.registered',
  'calibration_entry.marked',
  'calibration_entry.unmarked',
  'company.created',
  'company.invitation_accepted',
  'company.invitation_reissued',
  'company.invitation_revoked',
  'company.member_invited',
  'company.member_removed',
  'company.updated',
  'conflict.declared',
  'conflict.late_confirmed',
  'conflict.late_dismissed',
  'conflict.recorded',
  'conflict.removed',
  'juror.employer_set',
  'juror.terms_accepted',
  'nomination.created',
  'nomination.deleted',
  'nomination.eligibility_decided',
  'nomination.submitted',
  'nomination.updated',
  'nomination.withdrawn',
  'notification.retried',
  'panel.juror_removed',
  'panel.jurors_added',
  'publication.cancelled',
  'publication.published',
  'publication.scheduled',
  'round.created',
  'round.jurors_reminded',
  'scorecard.saved',
  'scorecard.submitted',
  'tally.computed',
  'tally.failed',
  'tally.requested',
  'user.profile_updated',
] as const;

/** Spellings written before the convention; kept byte for byte (see above). The list only shrinks. */
export const LEGACY_AUDIT_ACTIONS = [
  'assignments.auto',
  'assignments.defaulted',
  'categories.created',
  'categories.deleted',
  'categories.updated',
  'conflict.awaiting_decision',
  'conflicts.confirmed',
  'criteria.created',
  'criteria.deleted',
  'criteria.updated',
  'editions.created',
  'editions.phase_changed',
  'editions.updated',
  'nominations.status_changed',
  'notifications.resubscribed',
  'notifications.unsubscribed',
  'rounds.advanced',
  'rounds.closed',
  'rounds.shortlist_announced',
  'rounds.updated',
  'users.organiser_created',
  'users.updated',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number] | (typeof LEGACY_AUDIT_ACTIONS)[number];

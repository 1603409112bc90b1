import { hasRole, type Caller } from '../../common/auth/roles.js';
import type { NominationStatus } from './entities/nomination.entity.js';

/**
 * When entrants learn that a nomination is shortlisted is the organiser's decision (issue 12): advancing a
 * round shortlists at once (the next round's jurors need it), keeping the status the entrants saw in
 * `status_before_shortlist`, and announcing the round's shortlist (POST /rounds/{id}/announce-shortlist)
 * clears it. Until then everyone but organisers sees the old status. Only a nomination still `shortlisted`
 * is masked, so a later change of status (a winner, a withdrawal) shows as it is. The statements that set
 * and clear the mask are in nomination-status.ts.
 */
export function shownStatus(
  caller: Caller,
  status: NominationStatus,
  statusBeforeShortlist: NominationStatus | null,
): NominationStatus {
  return hasRole(caller, 'organiser') ? status : statusShownToEntrants({ status, statusBeforeShortlist });
}

/** For the messages of entrants' writes (edit, submit, withdraw), which must not tell either. */
export function statusShownToEntrants(nomination: {
  status: NominationStatus;
  statusBeforeShortlist: NominationStatus | null;
}): NominationStatus {
  return nomination.status === 'shortlisted' && nomination.statusBeforeShortlist !== null
    ? nomination.statusBeforeShortlist
    : nomination.status;
}

/** The same as a SQL expression on the nominations alias `n`, for lists and their status filter. */
export function shownStatusSql(caller: Caller, alias = 'n'): string {
  return hasRole(caller, 'organiser')
    ? `${alias}.status`
    : `(CASE WHEN ${alias}.status = 'shortlisted' AND ${alias}.status_before_shortlist IS NOT NULL THEN ${alias}.status_before_shortlist ELSE ${alias}.status END)`;
}

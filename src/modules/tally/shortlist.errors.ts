import { defineErrors } from '../../common/errors/domain-error.js';

/** Announcing a round's shortlist to entrants (AdvanceService.announceShortlist). */
export const ShortlistErrors = defineErrors({
  notAdvanced: {
    code: 'rounds.shortlist_not_advanced',
    kind: 'conflict',
    title: 'This round has shortlisted nothing yet; advance it first (POST /rounds/{id}/advance)',
  },
  alreadyAnnounced: {
    code: 'rounds.shortlist_already_announced',
    kind: 'conflict',
    title: "This round's shortlist is already announced",
  },
});

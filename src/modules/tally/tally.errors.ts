import { defineErrors } from '../../common/errors/domain-error.js';

// Unknown and closed rounds are the jury module's `RoundErrors`.

export const TallyErrors = defineErrors({
  roundOpen: {
    code: 'rounds.open',
    kind: 'conflict',
    title: 'The round is still open; close it first (its scorecards may still change)',
  },
  notTallied: {
    code: 'tally.not_current',
    kind: 'conflict',
    title: 'A category has no tally of its current scorecards; run POST /rounds/{id}/tally and wait for it',
  },
  noSnapshot: {
    code: 'tally.no_snapshot',
    kind: 'conflict',
    title: 'No tally of this round has finished yet; follow its runs in GET /rounds/{id}/results',
  },
  conflictsAwaitingDecision: {
    code: 'tally.conflicts_awaiting_decision',
    kind: 'conflict',
    title:
      "A conflict of interest appeared after a juror had scored; an organiser decides whether the juror's scorecards count (GET /editions/{id}/late-conflicts) before anything is tallied, shown or published",
  },
  nextRoundExists: {
    code: 'rounds.next_round_exists',
    kind: 'conflict',
    title: 'The next round already exists; only the latest round can advance',
  },
  nothingToAdvance: {
    code: 'rounds.nothing_to_advance',
    kind: 'conflict',
    title: 'No category has a ranked nomination to advance',
  },
});

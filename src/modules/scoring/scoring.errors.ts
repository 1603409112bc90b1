import { defineErrors } from '../../common/errors/domain-error.js';

export const ScoringErrors = defineErrors({
  invalidScores: {
    code: 'scorecards.invalid_scores',
    kind: 'invalid',
    title: "The scores do not fit the category's criteria",
  },
  incomplete: {
    code: 'scorecards.incomplete',
    kind: 'invalid',
    title: 'A scorecard is submitted with a score for every criterion',
  },
  judgingNotOpen: {
    code: 'scorecards.judging_not_open',
    kind: 'conflict',
    title: 'Scorecards can be written only while judging is open',
  },
});

import { defineErrors } from '../../common/errors/domain-error.js';

export const RoundErrors = defineErrors({
  notFound: { code: 'rounds.not_found', kind: 'not_found', title: 'No such round' },
  closed: {
    code: 'rounds.closed',
    kind: 'conflict',
    title: 'The round is closed; its assignments and scorecards are frozen',
  },
  noRound: {
    code: 'rounds.none',
    kind: 'conflict',
    title: 'The edition has no round: judging opens once there is one to score in',
  },
});

export const PanelErrors = defineErrors({
  missing: {
    code: 'panels.missing',
    kind: 'conflict',
    title: 'A category with eligible nominations has no juror on its panel: nobody would judge them',
  },
  notAJuror: {
    code: 'panels.not_a_juror',
    kind: 'invalid',
    title: 'Only active users with the juror role can sit on a panel',
  },
  notMember: { code: 'panels.not_member', kind: 'not_found', title: 'The juror is not on this panel' },
  jurorHasAssignments: {
    code: 'panels.juror_has_assignments',
    kind: 'conflict',
    title: 'The juror has assignments in this category; remove them before taking the juror off the panel',
  },
});

export const ConflictErrors = defineErrors({
  notFound: { code: 'conflicts.not_found', kind: 'not_found', title: 'No such conflict' },
  exists: { code: 'conflicts.exists', kind: 'conflict', title: 'This conflict is already recorded' },
  jurorRequired: {
    code: 'conflicts.juror_required',
    kind: 'invalid',
    title: 'An organiser recording a conflict names the juror (jurorId)',
  },
  notAJuror: {
    code: 'conflicts.not_a_juror',
    kind: 'invalid',
    title: 'Conflicts are recorded for users with the juror role',
  },
  companyNotFound: { code: 'conflicts.company_not_found', kind: 'not_found', title: 'No such company' },
  lateNotFound: {
    code: 'conflicts.late_not_found',
    kind: 'not_found',
    title: 'No such conflict awaiting a decision',
  },
  lateDecided: {
    code: 'conflicts.late_already_decided',
    kind: 'conflict',
    title: 'This conflict has already been decided',
  },
  termsNotAccepted: {
    code: 'conflicts.terms_not_accepted',
    kind: 'conflict',
    title:
      'Accept the terms and confidentiality of this edition before confirming your declaration (POST /me/declarations/{editionId}/terms)',
  },
  notConfirmed: {
    code: 'conflicts.not_confirmed',
    kind: 'conflict',
    title:
      'Confirm that your list of conflicts in this edition is complete before scoring (POST /editions/{id}/conflicts/confirm)',
  },
});

export const AssignmentErrors = defineErrors({
  notFound: { code: 'assignments.not_found', kind: 'not_found', title: 'No such assignment' },
  exists: {
    code: 'assignments.exists',
    kind: 'conflict',
    title: 'The juror is already assigned to this nomination in this round',
  },
  notOnPanel: {
    code: 'assignments.not_on_panel',
    kind: 'conflict',
    title: "The juror is not on the panel of the nomination's category",
  },
  nominationNotInRound: {
    code: 'assignments.nomination_not_in_round',
    kind: 'conflict',
    title: 'The nomination is not judged in this round (not admitted, or not advanced to it)',
  },
  conflicted: {
    code: 'assignments.conflicted',
    kind: 'conflict',
    title: "The juror has a conflict of interest with the nomination's company",
  },
  infeasible: {
    code: 'assignments.infeasible',
    kind: 'conflict',
    title: 'No assignment meets these conditions',
  },
  scoringStarted: {
    code: 'assignments.scoring_started',
    kind: 'conflict',
    title:
      'Scorecards exist in this round; automatic assignment would discard work, so change single assignments instead',
  },
  reasonRequired: {
    code: 'assignments.reason_required',
    kind: 'invalid',
    title: 'Removing an assignment with a submitted scorecard needs a reason',
  },
});

export const ReminderErrors = defineErrors({
  coolingDown: {
    code: 'reminders.cooling_down',
    kind: 'conflict',
    title: 'The jurors of this round were reminded recently; the next reminder waits for the cool-down',
  },
  nobodyBehind: {
    code: 'reminders.nobody_behind',
    kind: 'conflict',
    title: 'No juror of this round has a scorecard left to submit (or all of them turned reminders off)',
  },
});

export const CalibrationErrors = defineErrors({
  notFound: {
    code: 'calibration.not_found',
    kind: 'not_found',
    title: 'The nomination is not a calibration entry of this round',
  },
  none: {
    code: 'calibration.none',
    kind: 'not_found',
    title: 'You have no calibration entry to score in this round',
  },
  feedbackOff: {
    code: 'calibration.feedback_off',
    kind: 'conflict',
    title: "This edition does not show jurors their deviation from the panel's median",
  },
  incomplete: {
    code: 'calibration.incomplete',
    kind: 'conflict',
    title: 'Submit all your calibration scorecards of this round first',
  },
  exists: {
    code: 'calibration.exists',
    kind: 'conflict',
    title: 'The nomination is already a calibration entry of this round',
  },
  sampleNotFound: {
    code: 'calibration.sample_not_found',
    kind: 'not_found',
    title: 'No such sample entry in this round',
  },
  sampleScored: {
    code: 'calibration.sample_scored',
    kind: 'conflict',
    title: 'A juror has already scored this sample entry; it can no longer be removed',
  },
  sampleStays: {
    code: 'calibration.sample_stays',
    kind: 'conflict',
    title: 'A sample entry is always a calibration entry of its round; remove the sample instead',
  },
});

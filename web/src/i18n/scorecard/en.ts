import type { Plural } from '../types';

/** The scorecard screens' messages. English defines the keys; the other locales are typed by it. */
export const scorecard = {
  title: 'Scorecard',
  backToWorklist: 'Back to your worklist',
  position: 'Nomination {index} of {total} in this round',

  // The nomination
  entry: 'The nomination',
  category: 'Category',
  company: 'Company',
  blindEdition: 'This edition is judged blind: the company is not shown.',
  sampleEntry: 'Sample entry',
  sampleNote:
    'Written by the organisers for calibration: it belongs to no company and does not compete. Score it like any other entry.',
  summary: 'Summary',
  answers: 'Answers',
  noAnswer: 'No answer given.',
  metrics: 'Key metrics',
  attachments: 'Attachments',
  noAttachments: 'No attachments.',
  viewAttachment: 'View {name}',
  hideAttachment: 'Hide {name}',
  downloadAttachment: 'Download {name}',
  attachmentLoading: 'Loading {name}…',
  attachmentFailed: 'The file could not be loaded. Try again.',
  attachmentFrameTitle: 'Attachment: {name}',
  fileSize: '{size} KB',

  // The scorecard
  yourScorecard: 'Your scorecard',
  criterionScale: 'Scale {min} to {max}, weight {weight}',
  scaleEnds: '{min} is the lowest mark, {max} the highest.',
  markLabel: 'Mark for {criterion}',
  numberHint: 'A whole number from {min} to {max}.',
  numberInvalid: 'Enter a whole number from {min} to {max}.',
  comment: 'Comment (optional)',
  commentHint: 'Only the organisers read it; at most 5000 characters.',
  progress: {
    one: '{count} of {total} criterion marked',
    other: '{count} of {total} criteria marked',
  } as Plural,

  // Saving
  status: {
    idle: 'Every change is saved as you go.',
    saving: 'Saving…',
    saved: 'Saved',
    retryingNetwork:
      'Not saved yet: the server cannot be reached. Your marks are kept in this browser and saved as soon as it answers.',
    retryingSession:
      'Not saved yet: your session is being renewed. Your marks are kept in this browser and saved as soon as you are signed in.',
    retryingServer:
      'Not saved yet: the server is busy or restarting. Your marks are kept in this browser and saved as soon as it answers.',
    retryNow: 'Try again now',
    restored: 'Marks you had not saved yet were restored from this browser.',
    refused: 'The server refused these marks: {reason}',
  },

  // State of the scorecard
  submittedNote:
    'Submitted on {date}. You can still change it until the round closes; changes are saved and stay submitted.',
  submittedNoDeadline: 'Submitted on {date}. You can still change it until the round closes.',
  deadline: 'The round closes on {date}.',
  draftNote: 'Not submitted yet.',
  locked: {
    round_closed: 'The round is closed: this scorecard can no longer be changed.',
    judging_not_open: 'Judging is not open now: this scorecard cannot be changed.',
    wrong_phase: 'The edition is no longer in judging: this scorecard cannot be changed.',
    conflicts_not_confirmed: 'Confirm your conflict-of-interest declaration before you score.',
    gone: 'This nomination is no longer assigned to you.',
  },
  declarationsLink: 'Go to your declarations',
  readOnlySubmitted: 'Your submitted marks:',
  notMarked: 'not marked',

  // Conflict
  conflictTitle: 'This scorecard was changed elsewhere',
  conflictLead:
    'While you were scoring, this scorecard was saved in another tab or on another device. Nothing has been overwritten: choose which version to keep.',
  conflictCriterion: 'Criterion',
  conflictMine: 'Your marks here',
  conflictTheirs: 'Saved elsewhere',
  conflictDiffers: 'differs',
  keepMine: 'Keep my marks here',
  keepTheirs: 'Use the version saved elsewhere',

  // Submitting
  submit: 'Submit scorecard',
  submitAgain: 'Submit again',
  submitShortcut: 'Ctrl+Enter',
  summaryTitle: 'Submit this scorecard?',
  summaryLead: 'Check your marks before you submit.',
  summaryIncomplete: {
    one: '{count} criterion is not marked yet: mark it before you submit.',
    other: '{count} criteria are not marked yet: mark them before you submit.',
  } as Plural,
  summaryComment: 'Comment',
  summaryNoComment: 'No comment.',
  confirmSubmit: 'Submit',
  cancel: 'Back to the scorecard',
  submitting: 'Submitting…',
  submitted: 'Scorecard submitted.',
  submitFailed: 'The scorecard was not submitted: {reason}',

  // Moving on
  saveAndNext: 'Save and next',
  skip: 'Skip for now',
  previous: 'Previous nomination',
  next: 'Next nomination',
  allDone: 'Every nomination of this round is submitted.',
  navigation: 'Nominations of this round',

  // Shortcuts
  shortcutsButton: 'Keyboard shortcuts',
  shortcutsTitle: 'Keyboard shortcuts',
  shortcutsLead: 'Shortcuts do nothing while you type in a field.',
  shortcutKey: 'Key',
  shortcutAction: 'Action',
  shortcuts: {
    tab: 'Move to the next criterion (Shift+Tab: the previous one)',
    arrows: 'Choose a mark within a criterion',
    next: 'Next nomination',
    previous: 'Previous nomination',
    submit: 'Submit the scorecard (after a summary)',
    help: 'Show this list',
  },
  close: 'Close',
  leaveWarning: 'Some marks are not saved yet.',
};

export type ScorecardMessages = typeof scorecard;

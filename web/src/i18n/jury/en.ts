import type { Plural } from '../types';

/** The jury screens' messages. English defines the keys; the other locales are typed by it. */
export const jury = {
  title: 'Your jury work',

  worklist: {
    calibrationEntry: 'Calibration entry',
    sampleEntry: 'Sample entry',
    title: 'Your worklist',
    lead: 'The nominations assigned to you, by category.',
    nothing: 'Nothing is assigned to you yet. You will receive an e-mail when nominations are.',
    round: 'Round',
    roundOption: '{edition} — {round}',
    roundClosed: 'closed',
    deadline: 'Deadline: {date}',
    judgingEnds: 'Judging ends: {date}',
    closedNotice: 'This round is closed: your scorecards can be read but no longer changed.',
    progress: {
      one: '{submitted} of {count} submitted',
      other: '{submitted} of {count} submitted',
    } as Plural,
    progressLabel: 'Your progress in this round',
    declarationNeeded: 'Before you open a nomination, complete your declaration of interests for {edition}.',
    declarationLink: 'Complete your declaration',
    declarationDone: 'Your declaration for {edition} is complete.',
    declarationReview: 'Review it',
    next: 'Next to score: {title}',
    nextHint: 'Press N to open it.',
    allDone: 'You have submitted every nomination of this round. You can still change them until it closes.',
    filters: 'Filter the list',
    category: 'Category',
    state: 'State',
    all: 'All',
    states: {
      not_started: 'Not started',
      draft: 'Draft',
      submitted: 'Submitted',
    },
    stateLabel: 'State: {state}',
    noMatch: 'No nomination matches these filters.',
    showing: { one: 'Showing {count} nomination', other: 'Showing {count} nominations' } as Plural,
  },

  calibration: {
    title: 'Calibration',
    lead: {
      one: 'One nomination in this round is a calibration entry: every juror of the panel scores it, to compare how each scores. Score it like any other; it never competes.',
      other:
        '{count} nominations in this round are calibration entries: every juror of the panel scores them, to compare how each scores. Score them like any other; they never compete.',
    } as Plural,
    pending: {
      one: 'Once you have submitted it ({submitted} of {count} so far), you see how far your total lies from the panel’s median.',
      other:
        'Once you have submitted all of them ({submitted} of {count} so far), you see how far your totals lie from the panel’s median.',
    } as Plural,
    summary: 'On average your totals lie {mean} from the panel’s median. Nobody else’s marks are shown.',
    caption: 'Your totals on the calibration entries against the panel’s median',
    entry: 'Calibration entry',
    total: 'Your total',
    deviation: 'Difference from the median',
  },

  distribution: {
    title: 'Your marks in this round',
    lead: 'How your submitted totals spread over the scale. Only your own scorecards count here; nobody else’s marks are shown.',
    none: 'You have not submitted a scorecard in this category yet.',
    summary:
      'Your totals range from {lowest} to {highest} on a scale of {min} to {max}; their mean is {mean}.',
    caption: '{category}: your totals, rounded to whole numbers',
    value: 'Total',
    count: 'Scorecards',
    submitted: { one: '{count} scorecard submitted', other: '{count} scorecards submitted' } as Plural,
  },

  declarations: {
    title: 'Your declaration of interests',
    lead: 'For {edition}. Complete it before you open any nomination.',
    complete: 'Your declaration is complete (confirmed {date}). If a conflict arises later, declare it here.',
    incomplete: 'Your declaration is not complete yet: nominations stay closed to you until you confirm it.',
    closed: 'Declarations for this edition are closed.',
    toWorklist: 'Go to your worklist',
    employerTitle: 'Your employer',
    employerLegend: 'Who do you work for?',
    employerHint:
      'If you work for one of the participating companies, choose it: you will not judge its nominations.',
    employerNone: 'None of the participating companies',
    employerSave: 'Save your employer',
    employerSaved: 'Your employer is saved.',
    conflictsTitle: 'Conflicts of interest',
    conflictsLegend: 'Companies you have a conflict of interest with',
    conflictsHint:
      'Tick every company you have worked for, advised, invested in or are close to. You will not see their nominations.',
    companiesCount: {
      one: '{count} participating company',
      other: '{count} participating companies',
    } as Plural,
    noCompanies: 'No company takes part in this edition yet.',
    sources: {
      declared: 'declared by you',
      organiser: 'recorded by the organisers',
      membership: 'you are a member',
      employer: 'your employer',
    },
    reason: 'What ties you to the selected companies',
    reasonHint: 'Organisers read this; nominees never do.',
    declare: 'Declare the selected conflicts',
    declared: 'Your conflicts are recorded.',
    pickOne: 'Tick at least one company.',
    reasonRequired: 'Say what ties you to them.',
    yourConflicts: 'Your declared conflicts',
    noConflicts: 'You have declared no conflict of interest.',
    confirmTitle: 'Terms and confirmation',
    confirmLegend: 'Confidentiality and completeness',
    terms: [
      'You will keep everything you read in the nominations confidential, during judging and after it.',
      'You will judge each nomination on its merits, against the published criteria, on your own.',
      'You will not contact nominees about their entries.',
      'You have declared every company you have a conflict of interest with.',
    ],
    accept: 'I accept these terms, and my declaration is complete',
    termsAccepted: 'You accepted these terms on {date}.',
    acceptRequired: 'Tick the box to accept the terms.',
    confirm: 'Confirm my declaration',
    confirmed: 'Thank you: your declaration is complete.',
    saving: 'Saving…',
  },
};

export type JuryMessages = typeof jury;

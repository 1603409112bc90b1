import type { Plural } from '../types';

/** The console's editions screens: the list, an edition's form and phase bar, categories and criteria. */
export const consoleEditions = {
  list: {
    title: 'Editions',
    lead: 'Every edition of the award, newest first, drafts included.',
    create: 'Create an edition',
    none: 'There is no edition yet.',
    caption: 'Editions',
    edition: 'Edition',
    phase: 'Phase',
    nominations: 'Nominations',
    judging: 'Judging',
    range: '{from} to {to}',
    count: { one: '{count} edition', other: '{count} editions' } as Plural,
  },

  create: {
    title: 'Create an edition',
    lead: 'A new edition starts as a draft, which only organisers see, with the four standard categories and their criteria. You can change all of it before nominations open.',
    submit: 'Create the edition',
    creating: 'Creating…',
    backToList: 'Back to the editions',
  },

  form: {
    identity: 'Name and address',
    name: 'Name',
    nameHint: 'As entrants, jurors and the public read it, e.g. “Magistral Awards 2027”.',
    slug: 'Slug',
    slugHint:
      'The edition’s name in web addresses: lower-case letters, digits and single hyphens, e.g. “magistral-2027”. Fixed once published.',
    timeline: 'Timeline',
    timelineHint:
      'Dates and times in {zone}. In order: nominations open, nominations close, judging opens, judging closes.',
    nominationsOpenAt: 'Nominations open',
    nominationsCloseAt: 'Nominations close',
    judgingOpenAt: 'Judging opens',
    judgingCloseAt: 'Judging closes',
    resultsEmbargoUntil: 'Results embargoed until (optional)',
    embargoHint: 'Results are not released before this moment. Leave it empty for no embargo.',
    rules: 'Rules',
    scoringMethod: 'Scoring method',
    scoringMethods: {
      mean: 'Mean of the jurors’ totals',
      trimmed_mean: 'Trimmed mean (the highest and lowest totals dropped when there are 3 or more)',
      zscore: 'Standardised (z-scores: evens out strict and lenient jurors)',
    },
    tieBreakers: 'Tie-breakers',
    tieBreakersHint: 'Applied in this order when two nominations have the same score.',
    tieBreakersNone: 'No tie-breaker: equal scores share a rank.',
    tieBreakerNames: {
      median: 'Higher median of the jurors’ totals',
      top_marks: 'More jurors gave it their highest total',
      criterion: 'Higher mean on the criterion “{name}” ({code})',
    },
    addTieBreaker: 'Add a tie-breaker',
    chooseTieBreaker: 'Choose a tie-breaker',
    add: 'Add',
    moveUp: 'Move up: {name}',
    moveDown: 'Move down: {name}',
    remove: 'Remove: {name}',
    minScorecards: 'Minimum scorecards',
    minScorecardsHint: 'A nomination with fewer submitted scorecards is not ranked.',
    blind: 'Blind judging',
    blindHint: 'Jurors never learn which company is behind a nomination.',
    calibrationFeedback: 'Show jurors their calibration',
    calibrationFeedbackHint:
      'Once a juror has submitted all calibration entries of a round, they see how far their own totals lie from the panel’s median (never another juror’s marks).',
    publishJuryStatistics: 'Publish the jury statistics with the results',
    publishJuryStatisticsHint:
      'The results manifest and the public page then state, per category, the jury’s agreement (Krippendorff’s α with its 95 % interval) and whether the winner was fragile, with jurors under pseudonyms; anyone verifying the results recomputes them.',
    maxNominations: 'Nominations per company per category',
    maxNominationsHint: 'How many nominations one company may submit in one category.',
    reminderLeadHours: 'Reminder lead time, in hours',
    reminderLeadHoursHint: 'Jurors who are behind are reminded this long before a round closes.',
    minJurorAgreement: 'Flag a juror whose agreement is below',
    minJurorAgreementHint:
      "Agreement of a juror with the others (rank correlation, −1 to 1); default 0.3. Shown in the round's results.",
    maxJurorLeniencySigma: 'Flag a juror more lenient or severe than, in σ',
    maxJurorLeniencySigmaHint:
      "How far a juror's marks may lie above or below the others', in standard deviations of all totals; default 1.",
    judgingRulesFrozen:
      'Judging has opened: the scoring method, the tie-breakers, the minimum scorecards, blind judging and whether the jury statistics are published are fixed, so that the ranking follows the rules the jurors scored under.',
    save: 'Save the changes',
    saved: 'The changes are saved.',
    nothingChanged: 'Nothing was changed.',
    stale:
      'Someone changed this edition after you opened it. Reload it to see their changes, then make yours again.',
    reload: 'Reload the edition',
  },

  overview: {
    phaseTitle: 'Where the edition is',
    phaseBar: 'Phases of the edition',
    done: 'done',
    current: 'current',
    next: 'Next: {phase}',
    last: 'The edition is archived: it moves no further.',
    blockersTitle: 'Before it can move on',
    noBlockers: 'Nothing stands in the way.',
    advance: 'Move to “{phase}”',
    confirmTitle: 'Move the edition to “{phase}”?',
    confirmText: 'Editions only move forward: this cannot be undone.',
    confirm: 'Move it on',
    moved: 'The edition is now in the phase “{phase}”.',
    editTitle: 'Name, timeline and rules',
    whatNext: {
      nominations:
        'Opens the edition to entrants: they see it and can write and submit nominations from {nominationsOpenAt} until {nominationsCloseAt}.',
      eligibility:
        'Ends the nominations: nothing more can be submitted, and you decide which nominations are eligible.',
      judging:
        'Opens judging: categories, criteria and the judging rules are fixed from then on, and jurors score their nominations from {judgingOpenAt} until {judgingCloseAt}.',
      tallying: 'Ends judging: scorecards can no longer change, and the scores are tallied.',
      results_ready: 'Marks the results as final and ready to publish.',
      published: 'Publishes the results: the public page and its manifest go live.',
      archived: 'Archives the edition: it stays as a record and can no longer change.',
    },
    blockers: {
      'editions.no_categories': 'The edition has no category. Add at least one on the Categories page.',
      'editions.results_embargoed': 'The results are embargoed until {resultsEmbargoUntil}.',
      'nominations.eligibility_undecided': {
        one: '{count} submitted nomination has no eligibility decision yet.',
        other: '{count} submitted nominations have no eligibility decision yet.',
      } as Plural,
      'rounds.none': 'The edition has no round for the jurors to score in. Create one on the Rounds page.',
      'panels.missing': {
        one: 'A category with eligible nominations has no juror on its panel: {categories}.',
        other: '{count} categories with eligible nominations have no juror on their panel: {categories}.',
      } as Plural,
    },
  },

  categories: {
    title: 'Categories and criteria',
    lead: 'The prizes of this edition and the criteria each nomination is scored on. Entrants read them in their own language: fill in all four.',
    frozen:
      'Judging has opened: categories and criteria are fixed, so that every juror scores against the same criteria and the results can be checked. They are shown as they are.',
    none: 'The edition has no category yet.',
    code: 'Code',
    codeHint: '2 to 40 characters: lower-case letters, digits and _.',
    name: 'Name',
    description: 'Description',
    languages: { en: 'English', ru: 'Russian', kk: 'Kazakh', de: 'German' },
    inLanguage: '{field} ({language})',
    questions: 'Questions to entrants',
    noQuestions: 'No question: entrants write a title, a summary and key metrics.',
    question: 'Question {number}',
    questionPrompt: 'Question',
    required: 'An answer is required',
    optional: 'optional',
    maxLength: 'Longest answer, in characters',
    answerUpTo: { one: 'up to {count} character', other: 'up to {count} characters' } as Plural,
    addQuestion: 'Add a question',
    removeQuestion: 'Remove question {number}',
    criteria: 'Criteria',
    criteriaCaption: 'Criteria of “{category}”',
    weight: 'Weight',
    weightHint: 'A positive number, e.g. 1 or 1.5: how much the criterion counts in a juror’s total.',
    scale: 'Scale',
    scaleRange: '{min}–{max}',
    scaleMin: 'Lowest mark',
    scaleMax: 'Highest mark',
    actions: 'Actions',
    editCategory: 'Edit the category',
    editCriterion: 'Edit {name}',
    addCriterion: 'Add a criterion',
    addCategory: 'Add a category',
    newCategory: 'A new category',
    firstCriterion: 'Its first criterion',
    newCriterion: 'A new criterion for “{category}”',
    editingCategory: 'Edit “{category}”',
    editingCriterion: 'Edit the criterion “{criterion}”',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Saved.',
    removed: 'Removed.',
    remove: 'Remove',
    removeCategory: 'Remove the category',
    removeCategoryTitle: 'Remove the category “{name}”?',
    removeCategoryText:
      'Its criteria and questions go with it. A category that already has nominations cannot be removed.',
    removeCriterion: 'Remove {name}',
    removeCriterionTitle: 'Remove the criterion “{name}”?',
    removeCriterionText: 'Jurors will no longer score it. A category keeps at least one criterion.',
    removeQuestionTitle: 'Remove the question “{prompt}”?',
    removeQuestionText: 'Entrants will no longer be asked it.',
  },

  /** Refusals of these screens, in the organiser's words (the server's titles are English). */
  problems: {
    'editions.not_found': 'This edition does not exist.',
    'editions.slug_taken': 'Another edition already uses this slug. Choose another.',
    'editions.slug_frozen': 'The edition is published: its slug is in public links and can no longer change.',
    'editions.invalid_timeline':
      'The dates are not in order: nominations open, nominations close, judging opens, judging closes, then the embargo ends.',
    'editions.invalid_tie_breakers': 'A tie-breaker names a criterion that no category of this edition has.',
    'editions.invalid_phase_transition':
      'The edition has moved on meanwhile. Reload the page to see where it is now.',
    'editions.wrong_phase': 'The edition is archived: it can no longer change.',
    'editions.no_categories':
      'Nominations cannot open: the edition has no category. Add at least one on the Categories page.',
    'editions.results_embargoed': 'The results cannot be published before the embargo ends.',
    'editions.judging_rules_frozen':
      'Judging has opened: the scoring method, the tie-breakers, the minimum scorecards and blind judging can no longer change.',
    'editions.categories_frozen':
      'Judging has opened: categories and criteria can no longer change, so that every juror scores against the same criteria.',
    'categories.not_found': 'This category no longer exists.',
    'categories.code_taken': 'Another category of this edition already uses this code.',
    'categories.duplicate_codes': 'Each code may be used only once.',
    'criteria.not_found': 'This criterion no longer exists.',
    'criteria.code_taken': 'Another criterion of this category already uses this code.',
    'criteria.invalid_scale': 'The lowest mark must be below the highest.',
    'criteria.in_tie_breakers':
      'A tie-breaker of the edition names this criterion’s code. Change the tie-breakers first.',
    'nominations.eligibility_undecided':
      'Judging cannot open: submitted nominations still wait for an eligibility decision ({count}).',
    'rounds.none': 'Judging cannot open: the edition has no round yet. Create one on the Rounds page.',
    'panels.missing':
      'Judging cannot open: nobody sits on the jury panel of these categories with eligible nominations: {categories}.',
    'categories.in_use': 'This category already has nominations, so it cannot be removed.',
    'criteria.last_criterion':
      'A category needs at least one criterion: add another before removing this one.',
    'criteria.in_use': 'Scores refer to this criterion, so it cannot be removed.',
  },
};

export type ConsoleEditionsMessages = typeof consoleEditions;

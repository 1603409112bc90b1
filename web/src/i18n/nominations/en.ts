import type { Plural } from '../types';

/** The nominations screens' messages. English defines the keys; the other locales are typed by it. */
export const nominations = {
  title: 'Your nominations',
  lead: 'The nominations of every company you belong to. Drafts save themselves as you write.',
  start: 'Start a nomination',
  none: 'Your companies have no nominations yet.',
  noneCall: 'Start one: choose a company, an edition and a category, then write.',
  noCompany: 'A nomination is entered by a company. Create yours first, or ask a colleague to invite you.',
  createCompany: 'Create a company',
  listCaption: 'Nominations of your companies',
  untitled: 'Untitled nomination',
  columns: {
    title: 'Nomination',
    company: 'Company',
    category: 'Category',
    edition: 'Edition',
    status: 'Status',
    deadline: 'Nominations close',
  },
  statuses: {
    draft: 'Draft',
    submitted: 'Submitted',
    eligible: 'Eligible',
    ineligible: 'Not eligible',
    shortlisted: 'Shortlisted',
    finalist: 'Finalist',
    winner: 'Winner',
    withdrawn: 'Withdrawn',
  },
  backToList: 'All your nominations',

  // Starting a nomination
  newTitle: 'Start a nomination',
  newLead:
    'Choose who enters, for which edition and in which category. You can change the text at any time before you submit.',
  company: 'Company',
  chooseCompany: 'Choose a company',
  edition: 'Edition',
  chooseEdition: 'Choose an edition',
  editionOption: '{name} (until {deadline})',
  noOpenEdition: 'No edition takes nominations at the moment. Come back when the next one opens.',
  category: 'Category',
  categoryHint: 'Choose an edition first to see its categories.',
  nominationTitle: 'Title',
  titleHint: 'One line that says what the project achieved, up to 200 characters.',
  create: 'Start writing',
  creating: 'Starting…',

  // The category beside the text
  aboutCategory: 'About the category',
  criteria: 'How jurors score it',
  criteriaLead: 'Each criterion is scored from {min} to {max}; the weights set how much each counts.',
  weight: 'weight {weight}',
  weightShare: '{share} of the score',
  keyMetricsGuide: 'Key metrics',
  keyMetricsGuideText:
    'Give at least one measured result — a number with its unit, such as 31 hours or 12,500 t CO₂ a year.',
  questionsGuide: 'Questions to answer',
  requiredQuestion: '(required)',
  optionalQuestion: '(optional)',

  // The editor
  facts: 'About this nomination',
  editorTitle: 'Your text',
  summary: 'Summary',
  summaryHint: 'What you did and what it changed, up to 2,000 characters. Jurors read it first.',
  answerHint: 'Up to {max} characters.',
  characters: { one: '{count} character left', other: '{count} characters left' } as Plural,
  tooLong: { one: '{count} character too many', other: '{count} characters too many' } as Plural,
  metrics: 'Key metrics',
  metricsHint: 'A metric is saved once it has a name, a number and a unit.',
  metricName: 'What was measured',
  metricValue: 'Value',
  metricUnit: 'Unit',
  metricLegend: 'Metric {n}',
  addMetric: 'Add a metric',
  removeMetric: 'Remove metric {n}',
  noMetrics: 'No key metric yet.',

  // Autosave
  autosave: {
    saving: 'Saving…',
    saved: 'Saved at {time}.',
    unsaved: 'Changes not saved yet.',
    retrying:
      'Not saved: the server did not answer. Your text is kept on this device; trying again in {seconds} s.',
    retryNow: 'Try again now',
    invalid: 'Not saved: correct the fields marked below. Your text is kept on this device.',
    restored: 'Your unsaved text from this device is restored and being saved.',
    frozen: 'Not saved: the nomination can no longer change. Your text is kept on this device.',
  },
  conflict: {
    title: 'This nomination was changed elsewhere',
    lead: 'Someone saved a newer version (perhaps you, in another tab). Your text is still in the form. Compare, then choose.',
    theirs: 'The newer version on the server',
    keepMine: 'Keep my text',
    useTheirs: 'Use the newer version',
    savedAt: 'Saved on {date}',
  },

  // Attachments
  attachments: 'Attachments',
  attachmentsLead: 'Evidence for the jurors: reports, certificates, photos.',
  attachmentRules: '{types}; at most {size} each, {count} in all.',
  attachmentCount: { one: '{count} file attached', other: '{count} files attached' } as Plural,
  chooseFile: 'File to attach',
  upload: 'Upload',
  uploading: 'Uploading {name}',
  uploaded: '{name} is attached.',
  noAttachments: 'No file attached yet.',
  tooBig: 'This file is {size}; the limit is {max}.',
  wrongType: 'Only {types} files are accepted.',
  noFileChosen: 'Choose a file first.',
  fileName: 'File',
  fileType: 'Type',
  fileSize: 'Size',
  fileAdded: 'Added',
  actions: 'Actions',
  view: 'View',
  viewNamed: 'View {name} (opens in a new tab)',
  remove: 'Remove',
  removeNamed: 'Remove {name}',
  confirmRemoveTitle: 'Remove {name}?',
  confirmRemove:
    'The file is deleted from the nomination. You can upload it again while the nomination can change.',
  confirmRemoveButton: 'Yes, remove',
  cancel: 'Cancel',
  removed: '{name} was removed.',
  fileTypes: { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' },

  // Submitting and withdrawing
  submitTitle: 'Submit',
  submitLead:
    'Once submitted, the nomination goes to the organisers’ eligibility review and can no longer be edited here. You receive a receipt by e-mail.',
  submit: 'Submit the nomination',
  submitting: 'Submitting…',
  submitted: 'The nomination is submitted. A receipt is on its way to your mailbox.',
  withdrawTitle: 'Withdraw',
  withdrawLead: 'A withdrawn nomination leaves the competition for good.',
  withdraw: 'Withdraw the nomination',
  confirmWithdrawTitle: 'Withdraw “{title}”?',
  confirmWithdraw: 'It leaves the competition and cannot be submitted again. Jurors will not see it.',
  confirmWithdrawButton: 'Yes, withdraw',
  withdrawn: 'The nomination is withdrawn.',

  // Read-only
  readOnlyTitle: 'Read only',
  readOnly: {
    submitted: 'Submitted on {date}: the text is with the organisers and can no longer be edited.',
    closed: 'Nominations for this edition closed on {date}: the text can no longer be edited.',
    notOpen: 'This edition does not take nominations now: the text cannot be edited.',
    withdrawn: 'Withdrawn on {date}: the nomination is out of the competition.',
    decided: 'The organisers have reviewed this nomination: the text can no longer be edited.',
  },
  noAnswer: 'No answer given.',

  // History
  history: 'History',
  historyEmpty: 'Nothing has happened yet: the nomination is a draft.',
  events: {
    submitted: 'Submitted',
    eligible: 'Found eligible by the organisers',
    ineligible: 'Found not eligible by the organisers',
    shortlisted: 'Shortlisted',
    finalist: 'Finalist in the published results',
    winner: 'Winner in the published results',
    withdrawn: 'Withdrawn',
  },
  reason: 'Reason: {reason}',

  // Refusals the server may give, in the user's language
  problems: {
    'nominations.not_found': 'This nomination does not exist, or you may not see it.',
    'nominations.members_only': 'Only members of the nominating company may change its nominations.',
    'nominations.not_yet_open': 'Nominations for this edition have not opened yet.',
    'nominations.closed': 'Nominations for this edition are closed.',
    'nominations.frozen': 'The nomination can no longer be changed.',
    'nominations.not_draft': 'Only a draft can be submitted.',
    'nominations.not_withdrawable': 'This nomination can no longer be withdrawn.',
    'nominations.limit_reached':
      'Your company has already submitted as many nominations in this category as the edition allows.',
    'nominations.incomplete': 'The nomination is not complete yet. Fill in what is marked below.',
    'nominations.identifies_company':
      'Jurors of this edition judge blind: remove what tells whose nomination it is (the company’s name, website, registration number or people).',
    'nominations.invalid_answers': 'Some answers do not fit their question.',
    'attachments.too_large': 'The file is larger than allowed.',
    'attachments.unsupported_type': 'Only PDF, PNG and JPEG files are accepted (the file’s content decides).',
    'attachments.limit_reached': 'The nomination has as many attachments as allowed.',
    'attachments.file_missing': 'Choose a file first.',
    'attachments.not_found': 'This file no longer exists.',
    'editions.wrong_phase': 'The edition is not in the right phase for this.',
    'categories.not_found': 'The edition has no such category.',
  },
};

export type NominationsMessages = typeof nominations;

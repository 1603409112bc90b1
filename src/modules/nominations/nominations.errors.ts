import { defineErrors } from '../../common/errors/domain-error.js';

export const NominationErrors = defineErrors({
  notFound: { code: 'nominations.not_found', kind: 'not_found', title: 'No such nomination' },
  membersOnly: {
    code: 'nominations.members_only',
    kind: 'forbidden',
    title: 'Only members of the nominating company may change its nominations',
  },
  notYetOpen: {
    code: 'nominations.not_yet_open',
    kind: 'conflict',
    title: 'Nominations for this edition have not opened yet',
  },
  closed: { code: 'nominations.closed', kind: 'conflict', title: 'Nominations for this edition are closed' },
  frozen: { code: 'nominations.frozen', kind: 'conflict', title: 'The nomination can no longer be changed' },
  notDraft: {
    code: 'nominations.not_draft',
    kind: 'conflict',
    title: 'Only a draft can be submitted or deleted',
  },
  notWithdrawable: {
    code: 'nominations.not_withdrawable',
    kind: 'conflict',
    title: 'Only a submitted nomination can be withdrawn',
  },
  notSubmitted: {
    code: 'nominations.not_submitted',
    kind: 'conflict',
    title: 'Only a submitted nomination can be reviewed for eligibility',
  },
  eligibilityUndecided: {
    code: 'nominations.eligibility_undecided',
    kind: 'conflict',
    title: 'Submitted nominations have no eligibility decision yet; judging opens once each has one',
  },
  limitReached: {
    code: 'nominations.limit_reached',
    kind: 'conflict',
    title: 'The company has submitted as many nominations in this category as the edition allows',
  },
  incomplete: { code: 'nominations.incomplete', kind: 'invalid', title: 'The nomination is not complete' },
  identifiesCompany: {
    code: 'nominations.identifies_company',
    kind: 'invalid',
    title: 'The edition is judged blind: the nomination must not say whose it is',
  },
  invalidAnswers: {
    code: 'nominations.invalid_answers',
    kind: 'invalid',
    title: "The answers do not fit the category's questions",
  },
  reasonRequired: {
    code: 'nominations.reason_required',
    kind: 'invalid',
    title: 'An ineligible decision needs a reason',
  },
});

export const AttachmentErrors = defineErrors({
  notFound: { code: 'attachments.not_found', kind: 'not_found', title: 'No such attachment' },
  notMultipart: {
    code: 'attachments.not_multipart',
    kind: 'unsupported_media_type',
    title: 'Upload the file as multipart/form-data',
  },
  fileMissing: { code: 'attachments.file_missing', kind: 'invalid', title: 'The request carries no file' },
  tooLarge: { code: 'attachments.too_large', kind: 'too_large', title: 'The file is larger than allowed' },
  unsupportedType: {
    code: 'attachments.unsupported_type',
    kind: 'unsupported_media_type',
    title: 'Only PDF, PNG and JPEG files are accepted',
  },
  limitReached: {
    code: 'attachments.limit_reached',
    kind: 'conflict',
    title: 'The nomination has as many attachments as allowed',
  },
});

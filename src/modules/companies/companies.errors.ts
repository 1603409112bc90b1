import { defineErrors } from '../../common/errors/domain-error.js';

export const CompanyErrors = defineErrors({
  notFound: { code: 'companies.not_found', kind: 'not_found', title: 'No such company' },
  registrationTaken: {
    code: 'companies.registration_number_taken',
    kind: 'conflict',
    title: 'A company with this registration number already exists in this country',
  },
  membersOnly: {
    code: 'companies.members_only',
    kind: 'forbidden',
    title: 'Only members of the company may do this',
  },
  ownerOnly: {
    code: 'companies.owner_only',
    kind: 'forbidden',
    title: 'Only an owner of the company may do this',
  },
  alreadyMember: {
    code: 'companies.already_member',
    kind: 'conflict',
    title: 'This user is already a member of the company',
  },
  memberNotFound: {
    code: 'companies.member_not_found',
    kind: 'not_found',
    title: 'No such member of the company',
  },
  lastOwner: { code: 'companies.last_owner', kind: 'conflict', title: 'A company keeps at least one owner' },
  tooManyInvitations: {
    code: 'companies.too_many_invitations',
    kind: 'rate_limited',
    title: 'Too many invitations sent from this company or by this user; try again later',
  },
  invalidInvitation: {
    code: 'companies.invalid_invitation',
    kind: 'invalid',
    title: 'The invitation is invalid, expired, already accepted or addressed to another e-mail',
  },
  invitationNotFound: {
    code: 'companies.invitation_not_found',
    kind: 'not_found',
    title: 'No such invitation of the company',
  },
  invitationAccepted: {
    code: 'companies.invitation_accepted',
    kind: 'conflict',
    title: 'The invitation has been accepted already',
  },
  invitationRevoked: {
    code: 'companies.invitation_revoked',
    kind: 'conflict',
    title: 'The invitation has been revoked',
  },
  invitationExpired: {
    code: 'companies.invitation_expired',
    kind: 'conflict',
    title: 'The invitation has expired; invite the address again',
  },
  resentRecently: {
    code: 'companies.invitation_resent_recently',
    kind: 'rate_limited',
    title: 'The invitation was mailed a short while ago; resend it later',
  },
});

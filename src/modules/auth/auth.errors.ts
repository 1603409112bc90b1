import { defineErrors } from '../../common/errors/domain-error.js';

export const AuthErrors = defineErrors({
  invalidCredentials: {
    code: 'auth.invalid_credentials',
    kind: 'unauthenticated',
    title: 'E-mail or password is wrong',
  },
  emailTaken: {
    code: 'auth.email_taken',
    kind: 'conflict',
    title: 'An account with this e-mail already exists',
  },
  weakPassword: {
    code: 'auth.password_too_common',
    kind: 'invalid',
    title: 'This password is too common; choose another',
  },
  invalidRefreshToken: {
    code: 'auth.invalid_refresh_token',
    kind: 'unauthenticated',
    title: 'The refresh token is invalid or expired',
  },
  refreshTokenReused: {
    code: 'auth.refresh_token_reused',
    kind: 'unauthenticated',
    title: 'This refresh token was already used; the session is revoked',
  },
  invalidToken: {
    code: 'auth.invalid_token',
    kind: 'invalid',
    title: 'The token is invalid, expired or already used',
  },
  invalidInvitation: {
    code: 'auth.invalid_invitation',
    kind: 'invalid',
    title: 'The invitation is invalid, expired or already accepted',
  },
  tooManyAttempts: {
    code: 'auth.too_many_attempts',
    kind: 'rate_limited',
    title: 'Too many attempts; try again later',
  },
  invitationNeedsAccountProof: {
    code: 'auth.invitation_account_proof_required',
    kind: 'forbidden',
    title:
      'An account exists at the invited address: sign in to it, or send its current password, to accept the invitation',
  },
  emailUnverified: {
    code: 'auth.email_unverified',
    kind: 'forbidden',
    title:
      'Verify your e-mail address first; until then you may only verify it, read your account and sign out',
  },
  tokenExpired: {
    code: 'auth.token_expired',
    kind: 'unauthenticated',
    title: 'The access token has expired; refresh the session and try again',
  },
  crossSiteRequest: {
    code: 'auth.cross_site_request',
    kind: 'forbidden',
    title: 'Session cookies are only handled for requests from the platform’s own pages',
  },
  currentPasswordWrong: {
    code: 'auth.current_password_wrong',
    kind: 'forbidden',
    title: 'The current password is wrong',
  },
  revocationsUnavailable: {
    code: 'auth.revocations_unavailable',
    kind: 'unavailable',
    title: 'Sessions cannot be checked right now; try again shortly (you are still signed in)',
  },
  invitationNotFound: {
    code: 'auth.invitation_not_found',
    kind: 'not_found',
    title: 'No such invitation',
  },
  invitationAccepted: {
    code: 'auth.invitation_accepted',
    kind: 'conflict',
    title: 'The invitation has been accepted already',
  },
  invitationRevoked: {
    code: 'auth.invitation_revoked',
    kind: 'conflict',
    title: 'The invitation has been revoked',
  },
  invitationExpired: {
    code: 'auth.invitation_expired',
    kind: 'conflict',
    title: 'The invitation has expired; invite the address again',
  },
  invitationResentRecently: {
    code: 'auth.invitation_resent_recently',
    kind: 'rate_limited',
    title: 'The invitation was mailed a short while ago; resend it later',
  },
});

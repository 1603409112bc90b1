import { LOCALES, type Locale } from '../../../common/auth/roles.js';
import {
  invitation,
  type InvitationParams,
  type LinkParams,
  passwordReset,
  verifyEmail,
} from './account.templates.js';
import { companyMemberInvitation, type CompanyMemberInvitationParams } from './companies.templates.js';
import type { RenderedMail } from './compose.js';
import {
  eligibilityDecision,
  type EligibilityDecisionParams,
  nominationSubmitted,
  type NominationSubmittedParams,
} from './nominations.templates.js';
import { Formatter } from './format.js';
import { juryAssignments, type JuryAssignmentsParams } from './jury.templates.js';
import { scoringReminder, type ScoringReminderParams } from './reminders.templates.js';
import { resultsPublished, type ResultsPublishedParams } from './results.templates.js';

/** Every mail the platform sends, with the parameters its template needs. */
export interface TemplateParams {
  'account.verify_email': LinkParams;
  'account.password_reset': LinkParams;
  'account.invitation': InvitationParams;
  'company.member_invitation': CompanyMemberInvitationParams;
  'nomination.submitted': NominationSubmittedParams;
  'nomination.eligibility_decision': EligibilityDecisionParams;
  'jury.assignments': JuryAssignmentsParams;
  'jury.scoring_reminder': ScoringReminderParams;
  'results.published': ResultsPublishedParams;
}

export type TemplateName = keyof TemplateParams;

type Templates = {
  [T in TemplateName]: Record<Locale, (params: TemplateParams[T], format: Formatter) => RenderedMail>;
};

export const TEMPLATES: Templates = {
  'account.verify_email': verifyEmail,
  'account.password_reset': passwordReset,
  'account.invitation': invitation,
  'company.member_invitation': companyMemberInvitation,
  'nomination.submitted': nominationSubmitted,
  'nomination.eligibility_decision': eligibilityDecision,
  'jury.assignments': juryAssignments,
  'jury.scoring_reminder': scoringReminder,
  'results.published': resultsPublished,
};

/** Renders in the recipient's locale, English when the locale is unknown. */
export function renderMail<T extends TemplateName>(
  template: T,
  locale: string,
  params: TemplateParams[T],
): RenderedMail {
  const lang: Locale = (LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'en';
  const set = TEMPLATES[template] as Record<
    Locale,
    (params: TemplateParams[T], format: Formatter) => RenderedMail
  >;
  return set[lang](params, new Formatter(lang));
}

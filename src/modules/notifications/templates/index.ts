import { LOCALES, type Locale } from '../../../common/auth/roles.js';
import {
  accountUnlock,
  invitation,
  type InvitationParams,
  type LinkParams,
  passwordReset,
  verifyEmail,
} from './account.templates.js';
import { companyMemberInvitation, type CompanyMemberInvitationParams } from './companies.templates.js';
import { type ComposedMail, frame, type RenderedMail } from './compose.js';
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
  'account.unlock': LinkParams;
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
  [T in TemplateName]: Record<Locale, (params: TemplateParams[T], format: Formatter) => ComposedMail>;
};

export const TEMPLATES: Templates = {
  'account.verify_email': verifyEmail,
  'account.password_reset': passwordReset,
  'account.unlock': accountUnlock,
  'account.invitation': invitation,
  'company.member_invitation': companyMemberInvitation,
  'nomination.submitted': nominationSubmitted,
  'nomination.eligibility_decision': eligibilityDecision,
  'jury.assignments': juryAssignments,
  'jury.scoring_reminder': scoringReminder,
  'results.published': resultsPublished,
};

/** The name mails show in their header: the display name of `MAIL_FROM`, or the award's default. */
export const DEFAULT_BRAND = 'Magistral Awards';

export function brandOf(mailFrom: string): string {
  const name = /^\s*"?([^"<]*?)"?\s*</.exec(mailFrom)?.[1]?.trim();
  return name || DEFAULT_BRAND;
}

/** Renders in the recipient's locale, English when the locale is unknown, in the platform's layout. */
export function renderMail<T extends TemplateName>(
  template: T,
  locale: string,
  params: TemplateParams[T],
  options: { brand?: string } = {},
): RenderedMail {
  const lang: Locale = (LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'en';
  const set = TEMPLATES[template] as Record<
    Locale,
    (params: TemplateParams[T], format: Formatter) => ComposedMail
  >;
  return frame(set[lang](params, new Formatter(lang)), options.brand ?? DEFAULT_BRAND);
}

import type { TemplateName, TemplateParams } from './index.js';

const category = {
  en: 'Sustainability',
  ru: 'Устойчивое развитие',
  kk: 'Тұрақты даму',
  de: 'Nachhaltigkeit',
};

/**
 * Example parameters for every template: the template tests render each one in every locale, and the
 * type makes a new template without a sample a compile error. Values include markup and template syntax
 * to prove that they arrive escaped and inert.
 */
export const TEMPLATE_SAMPLES: { [T in TemplateName]: TemplateParams[T] } = {
  'account.verify_email': {
    name: 'Aigerim <b>N</b>',
    link: 'https://magistral.example/verify?token=abc',
    expiresAt: '2026-12-01T10:00:00.000Z',
  },
  'account.password_reset': {
    name: 'Aigerim',
    link: 'https://magistral.example/reset?token=abc',
    expiresAt: '2026-12-01T10:00:00.000Z',
  },
  'account.unlock': {
    name: 'Aigerim',
    link: 'https://magistral.example/unlock-account?token=abc',
    expiresAt: '2026-12-01T10:00:00.000Z',
  },
  'account.invitation': {
    role: 'juror',
    invitedBy: 'Organiser {{x}}',
    link: 'https://magistral.example/invite?token=abc',
    expiresAt: '2026-12-01T10:00:00.000Z',
  },
  'company.member_invitation': {
    companyName: 'KTZ <Express>',
    invitedBy: 'Daulet',
    link: 'https://magistral.example/join?token=abc',
    expiresAt: '2026-12-01T10:00:00.000Z',
  },
  'nomination.submitted': {
    name: 'Daulet',
    nominationId: '00000000-0000-4000-8000-000000000001',
    title: '<script>alert(1)</script> Dry port {{title}}',
    companyName: 'KTZ Express',
    editionName: 'Magistral Awards 2026',
    categoryName: category,
    summary: 'A dry port at Khorgos that moves containers from road to rail.',
    metricCount: 3,
    attachmentCount: 2,
    submittedAt: '2026-10-01T10:00:00.000Z',
    editableUntil: '2026-12-01T10:00:00.000Z',
    link: 'https://magistral.example/nominations/1',
  },
  'nomination.eligibility_decision': {
    nominationId: '00000000-0000-4000-8000-000000000001',
    title: 'Dry port',
    companyName: 'KTZ Express',
    editionName: 'Magistral Awards 2026',
    categoryName: category,
    decision: 'ineligible',
    reason: 'Outside the eligibility period',
    link: 'https://magistral.example/nominations/1',
  },
  'jury.assignments': {
    name: 'Juror <i>J</i>',
    editionName: 'Magistral Awards {{year}}',
    roundName: 'Shortlist',
    count: 12,
    closesAt: '2026-03-01T18:00:00.000Z',
    link: 'https://magistral.example/jury?roundId=5d0c2f1e-8a4b-4c7d-9e21-3f6a7b8c9d10',
  },
  'jury.scoring_reminder': {
    name: 'Juror <i>J</i>',
    editionName: 'Magistral Awards {{year}}',
    roundName: 'Final <b>round</b>',
    remaining: 1234,
    closesAt: '2026-03-01T18:00:00.000Z',
    link: 'https://magistral.example/jury?roundId=5d0c2f1e-8a4b-4c7d-9e21-3f6a7b8c9d10',
    unsubscribeUrl: 'https://magistral.example/api/v1/notifications/unsubscribe?token=abc',
  },
  'results.published': {
    name: 'Daulet',
    editionName: 'Magistral Awards 2026',
    nominationId: '00000000-0000-4000-8000-000000000001',
    title: '<script>alert(1)</script> Dry port {{title}}',
    companyName: 'KTZ Express',
    categoryName: category,
    outcome: 'winner',
    publishedAt: '2026-12-01T10:00:00.000Z',
    resultsUrl: 'https://magistral.example/api/v1/public/editions/magistral-2026/results',
  },
};

import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject, useLocation } from 'react-router';
import { Layout, Loading } from './Layout';
import { RequireRole } from './RequireRole';
import { RequireSignIn } from './RequireSignIn';

/** A route whose screen is its own chunk, loaded when first visited. */
function screen(load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: (await load()).default }) };
}

/** `/jury/assignments?roundId=…` (older mails' link) → `/jury?roundId=…`. */
function OldWorklistLink() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: '/jury', search }} replace />;
}

/** The organiser's console, under `/organiser`: the editions, then one edition's sections. */
const consoleRoutes: RouteObject[] = [
  { index: true, ...screen(() => import('../features/console/editions/EditionsPage')) },
  { path: 'editions/new', ...screen(() => import('../features/console/editions/NewEditionPage')) },
  { path: 'people', ...screen(() => import('../features/console/people/PeoplePage')) },
  { path: 'audit', ...screen(() => import('../features/console/trust/AuditPage')) },
  { path: 'mail', ...screen(() => import('../features/console/trust/MailPage')) },
  {
    path: 'editions/:editionId',
    lazy: async () => ({ Component: (await import('../features/console/ConsoleLayout')).EditionLayout }),
    children: [
      { index: true, ...screen(() => import('../features/console/editions/EditionOverviewPage')) },
      { path: 'categories', ...screen(() => import('../features/console/editions/CategoriesPage')) },
      { path: 'companies', ...screen(() => import('../features/console/entries/CompaniesPage')) },
      { path: 'nominations', ...screen(() => import('../features/console/entries/NominationsPage')) },
      {
        path: 'nominations/:nominationId',
        ...screen(() => import('../features/console/entries/NominationPage')),
      },
      { path: 'jury', ...screen(() => import('../features/console/jury/JuryPage')) },
      { path: 'rounds', ...screen(() => import('../features/console/jury/RoundsPage')) },
      { path: 'rounds/:roundId', ...screen(() => import('../features/console/jury/RoundPage')) },
      { path: 'progress', ...screen(() => import('../features/console/jury/ProgressPage')) },
      { path: 'results', ...screen(() => import('../features/console/results/ResultsPage')) },
      { path: 'publication', ...screen(() => import('../features/console/results/PublicationPage')) },
      { path: '*', ...screen(() => import('../features/errors/NotFoundPage')) },
    ],
  },
  { path: '*', ...screen(() => import('../features/errors/NotFoundPage')) },
];

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    HydrateFallback: Loading,
    children: [
      { index: true, ...screen(() => import('../features/home/HomePage')) },
      { path: 'sign-in', ...screen(() => import('../features/auth/SignInPage')) },
      { path: 'register', ...screen(() => import('../features/auth/RegisterPage')) },
      { path: 'verify-email', ...screen(() => import('../features/auth/VerifyEmailPage')) },
      { path: 'verify-email/resend', ...screen(() => import('../features/auth/ResendVerificationPage')) },
      { path: 'forgot-password', ...screen(() => import('../features/auth/ForgotPasswordPage')) },
      { path: 'reset-password', ...screen(() => import('../features/auth/ResetPasswordPage')) },
      { path: 'unlock-account', ...screen(() => import('../features/auth/UnlockAccountPage')) },
      { path: 'invitations/accept', ...screen(() => import('../features/auth/AcceptInvitationPage')) },
      {
        path: 'companies/invitations/accept',
        ...screen(() => import('../features/companies/AcceptCompanyInvitationPage')),
      },
      { path: 'sign-out', ...screen(() => import('../features/auth/SignedOutPage')) },
      {
        element: <RequireSignIn />,
        children: [
          { path: 'account', ...screen(() => import('../features/account/AccountPage')) },
          { path: 'companies', ...screen(() => import('../features/companies/CompaniesPage')) },
          { path: 'companies/:id', ...screen(() => import('../features/companies/CompanyPage')) },
          { path: 'nominations', ...screen(() => import('../features/nominations/NominationsPage')) },
          { path: 'nominations/new', ...screen(() => import('../features/nominations/NewNominationPage')) },
          { path: 'nominations/:id', ...screen(() => import('../features/nominations/NominationPage')) },
          { path: 'jury', ...screen(() => import('../features/jury/WorklistPage')) },
          {
            path: 'jury/editions/:editionId/declarations',
            ...screen(() => import('../features/jury/DeclarationsPage')),
          },
          {
            path: 'jury/rounds/:roundId/nominations/:nominationId',
            ...screen(() => import('../features/jury/ScorecardPage')),
          },
          // Mails sent before the worklist moved to /jury link here: same list, same round.
          { path: 'jury/assignments', Component: OldWorklistLink },
          {
            path: 'organiser',
            element: <RequireRole role="organiser" />,
            children: [
              {
                // Its own chunk, like the screens: an entrant's or a juror's browser never loads console code.
                lazy: async () => ({
                  Component: (await import('../features/console/ConsoleLayout')).ConsoleLayout,
                }),
                children: consoleRoutes,
              },
            ],
          },
        ],
      },
      { path: '*', ...screen(() => import('../features/errors/NotFoundPage')) },
    ],
  },
];

export const router = createBrowserRouter(routes);

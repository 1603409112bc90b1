import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject, useLocation } from 'react-router';
import { Layout, Loading } from './Layout';
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
          { path: 'organiser/*', ...screen(() => import('../features/placeholders/OrganiserSoonPage')) },
        ],
      },
      { path: '*', ...screen(() => import('../features/errors/NotFoundPage')) },
    ],
  },
];

export const router = createBrowserRouter(routes);

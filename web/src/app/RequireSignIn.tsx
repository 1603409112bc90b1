import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from './Layout';
import { useSession } from './session';

/** Screens for signed-in users: others are sent to sign in and brought back afterwards. */
export function RequireSignIn() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Loading />;
  if (session.status === 'signedOut') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

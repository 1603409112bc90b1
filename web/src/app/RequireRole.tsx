import { Outlet } from 'react-router';
import NotFoundPage from '../features/errors/NotFoundPage';
import { Loading } from './Layout';
import { useSession } from './session';

type Role = 'entrant' | 'juror' | 'organiser';

/**
 * Screens for one role. Anyone else gets the very page an unknown address gets, so a console URL tells an
 * entrant or a juror nothing, and the screen's code (which would fetch the data) is never loaded.
 */
export function RequireRole({ role }: { role: Role }) {
  const session = useSession();
  if (session.status !== 'signedIn' || session.me === undefined) return <Loading />;
  if (!session.me.roles.includes(role)) return <NotFoundPage />;
  return <Outlet />;
}

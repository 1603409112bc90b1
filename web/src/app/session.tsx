import { createContext, type ReactNode, useContext, useEffect, useSyncExternalStore } from 'react';
import { type Me, useMe } from '../api/account';
import { restoreSession, sessionSnapshot, subscribeToSession } from '../api/session';
import { isLocale, useI18n } from '../i18n';

type SessionState =
  | { status: 'restoring' }
  | { status: 'signedOut' }
  /** Signed in; `me` is undefined while the account loads. */
  | { status: 'signedIn'; me: Me | undefined };

const SessionContext = createContext<SessionState>({ status: 'restoring' });

let restoreStarted = false;

/**
 * Knows whether someone is signed in. On start it tries the refresh cookie once, so a returning user is
 * signed in without typing anything; the account itself is server state in React Query (`useMe`).
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(subscribeToSession, sessionSnapshot);
  const me = useMe(session.signedIn);
  const { setLocale, setTimeZone } = useI18n();

  useEffect(() => {
    if (restoreStarted) return;
    restoreStarted = true;
    void restoreSession();
  }, []);

  // The account's language and time zone win over this browser's once known.
  const accountLocale = me.data?.locale;
  const accountTimeZone = me.data?.timeZone;
  useEffect(() => {
    if (isLocale(accountLocale)) setLocale(accountLocale);
  }, [accountLocale, setLocale]);
  useEffect(() => {
    if (accountTimeZone !== undefined) setTimeZone(accountTimeZone);
  }, [accountTimeZone, setTimeZone]);

  const state: SessionState = !session.settled
    ? { status: 'restoring' }
    : session.signedIn
      ? { status: 'signedIn', me: me.data }
      : { status: 'signedOut' };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/**
 * The browser's session: the access token lives only in memory (never in storage a script could read
 * later); the refresh token is an HttpOnly cookie the server sets on the auth routes, so only the server
 * can read it. Everything here is plain TypeScript so the API client and React share one source of truth.
 */

/** Sent on login, refresh and logout: asks the server to keep the refresh token in its cookie. */
export const SESSION_TRANSPORT_HEADER = 'X-Session-Transport';
export const SESSION_TRANSPORT = 'cookie';

let accessToken: string | null = null;
let settled = false;
const listeners = new Set<() => void>();

export interface SessionSnapshot {
  /** False until the first attempt to restore the session from the cookie has finished. */
  settled: boolean;
  signedIn: boolean;
}

let snapshot: SessionSnapshot = { settled, signedIn: false };

function publish(): void {
  snapshot = { settled, signedIn: accessToken !== null };
  for (const listener of listeners) listener();
}

export function subscribeToSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function sessionSnapshot(): SessionSnapshot {
  return snapshot;
}

export function currentAccessToken(): string | null {
  return accessToken;
}

/**
 * A readable mark that this browser holds a refresh cookie (the cookie itself is HttpOnly): without it the
 * app does not ask to restore a session it never had, so a first visit makes no request that must fail.
 */
const SESSION_HINT_KEY = 'magistral.session';

function rememberSession(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SESSION_HINT_KEY, '1');
    else window.localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // Storage refused: the next visit simply starts signed out.
  }
}

function mayHaveSession(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return false;
  }
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
  settled = true;
  rememberSession(token !== null);
  publish();
}

/** On start: restores the session from the cookie when this browser had one, else settles signed out. */
export function restoreSession(): Promise<boolean> {
  if (mayHaveSession()) return refreshSession();
  setAccessToken(null);
  return Promise.resolve(false);
}

interface AccessTokenAnswer {
  accessToken: string;
}

function isAccessTokenAnswer(value: unknown): value is AccessTokenAnswer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { accessToken?: unknown }).accessToken === 'string'
  );
}

let refreshing: Promise<boolean> | null = null;

/** Tabs of this origin refresh one at a time (they share the cookie): see refreshSession. */
const REFRESH_LOCK = 'magistral.refresh';

function postRefresh(): Promise<Response> {
  return fetch('/api/v1/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { [SESSION_TRANSPORT_HEADER]: SESSION_TRANSPORT },
  });
}

/**
 * Trades the refresh cookie for a new access token. The server rotates the refresh token and treats a
 * spent one as stolen (it ends the session), so two refreshes must never present the same cookie:
 * concurrent callers in this tab share one request, and tabs take turns through a Web Lock, so a tab
 * that waited sends the cookie the other tab's refresh has just set (two tabs reloaded at once).
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const response = await (typeof navigator !== 'undefined' && 'locks' in navigator
        ? navigator.locks.request(REFRESH_LOCK, postRefresh)
        : postRefresh());
      const body: unknown = response.ok ? await response.json() : null;
      setAccessToken(isAccessTokenAnswer(body) ? body.accessToken : null);
      return accessToken !== null;
    } catch {
      // Offline or the server is down: stay signed out rather than hang on "restoring".
      setAccessToken(null);
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * A new access token for what the server holds now: the token states whether the address is verified, so
 * after a step that verifies it the user goes on at once instead of meeting `auth.email_unverified` until
 * the token's next refresh.
 * A refresh already on its way (the page's own, at load) may have been answered before that change: it is
 * waited for, then the session refreshes anew when signed in.
 */
export async function renewSession(): Promise<void> {
  if (refreshing) await refreshing;
  if (accessToken !== null) await refreshSession();
}

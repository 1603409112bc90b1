import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, toApiError } from './problem';
import type { paths } from './schema';
import { currentAccessToken, refreshSession, SESSION_TRANSPORT, SESSION_TRANSPORT_HEADER } from './session';

/** Routes whose refresh token travels in the HttpOnly cookie rather than in JSON. */
const COOKIE_SESSION_ROUTES = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/logout',
  '/api/v1/auth/logout-all',
]);

/** Copies of requests sent with an access token, kept until their answer is known, to replay after a refresh. */
const replayable = new Map<string, Request>();

async function isExpiredToken(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  try {
    const body: unknown = await response.clone().json();
    return (
      typeof body === 'object' && body !== null && (body as { code?: unknown }).code === 'auth.token_expired'
    );
  } catch {
    return false;
  }
}

/**
 * Adds the in-memory access token to every request. When it has expired, refreshes once from the cookie
 * and sends the very same request again, so a form that was being saved keeps what the user typed.
 */
const session: Middleware = {
  onRequest({ request, schemaPath, id }) {
    if (COOKIE_SESSION_ROUTES.has(schemaPath))
      request.headers.set(SESSION_TRANSPORT_HEADER, SESSION_TRANSPORT);
    const token = currentAccessToken();
    if (token === null) return request;
    request.headers.set('Authorization', `Bearer ${token}`);
    replayable.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const copy = replayable.get(id);
    replayable.delete(id);
    if (!copy || !(await isExpiredToken(response))) return response;
    if (!(await refreshSession())) return response;
    const token = currentAccessToken();
    if (token !== null) copy.headers.set('Authorization', `Bearer ${token}`);
    return fetch(copy);
  },
  onError({ id }) {
    replayable.delete(id);
  },
};

/** The one API client of the app, typed from the server's own OpenAPI document (schema.d.ts). */
export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  credentials: 'same-origin',
});
api.use(session);

/** The shape every openapi-fetch call resolves to. */
interface FetchOutcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a successful call, or an ApiError carrying the problem document: React Query's
 * `queryFn`/`mutationFn` then see failures as thrown errors.
 */
export async function unwrap<T>(call: Promise<FetchOutcome<T>>): Promise<T> {
  let outcome: FetchOutcome<T>;
  try {
    outcome = await call;
  } catch (error) {
    throw error instanceof ApiError ? error : toApiError(undefined, undefined);
  }
  if (!outcome.response.ok) throw toApiError(outcome.error, outcome.response);
  return outcome.data as T;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's response headers for `options`, worked out once. Without per-request parts (no CSP nonces) they
 * are the same for every response, so the server copies a ready map onto each reply instead of running
 * helmet's middleware per request (as @fastify/helmet does, building the middleware and reparsing the
 * Content-Security-Policy every time). helmet stays the authority on which headers and values to send.
 */
export function securityHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return response;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: Error | undefined;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error !== undefined)
      failure = error instanceof Error ? error : new Error('helmet refused its options');
  });
  if (failure) throw failure;
  return Object.freeze(headers);
}

/** The route families that answer with different security headers. */
export type HeaderFamily = 'strict' | 'docs' | 'dashboard';

/**
 * The Content-Security-Policy of the web app, the server-rendered public pages and every JSON answer: scripts,
 * styles and images from our own origin only (no `unsafe-inline`, no `eval`), no plugins, no framing, no
 * `<base>` or form posts elsewhere.
 */
const STRICT_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/**
 * The security headers of each route family, worked out once. Only Swagger UI (`/api/docs`) and the queue
 * dashboard (Bull Board at `/admin`, organisers only) keep inline styles; Swagger UI inline scripts too.
 * `upgrade-insecure-requests` is sent only when the public URL is https: over plain http (a server opened
 * by its IP address) it made browsers fetch every script and style over https, and Swagger UI stayed blank.
 */
export function routeSecurityHeaders(
  publicUrl: string,
): Readonly<Record<HeaderFamily, Readonly<Record<string, string>>>> {
  const https = new URL(publicUrl).protocol === 'https:';
  const upgrade = { upgradeInsecureRequests: https ? [] : null };
  return {
    strict: securityHeaders({
      contentSecurityPolicy: { useDefaults: false, directives: { ...STRICT_DIRECTIVES, ...upgrade } },
    }),
    docs: securityHeaders({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          ...upgrade,
        },
      },
    }),
    dashboard: securityHeaders({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          scriptSrc: ["'self'"],
          ...upgrade,
        },
      },
    }),
  };
}

/** Which family a request belongs to, from its URL (path and query string). */
export function headerFamilyOf(url: string): HeaderFamily {
  if (url.charCodeAt(1) !== 97 /* a */) return 'strict';
  if (under(url, '/api/docs')) return 'docs';
  if (under(url, '/admin')) return 'dashboard';
  return 'strict';
}

function under(url: string, prefix: string): boolean {
  if (!url.startsWith(prefix)) return false;
  const next = url[prefix.length];
  return next === undefined || next === '/' || next === '?';
}

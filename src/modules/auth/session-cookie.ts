import type {} from '@fastify/cookie';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { AuthErrors } from './auth.errors.js';
import type { SessionTokens, TokenPair } from './dto/auth.dto.js';

/** Sent by the web app on the auth routes: "keep my refresh token in a cookie, not in the JSON". */
export const SESSION_TRANSPORT_HEADER = 'x-session-transport';
export const REFRESH_COOKIE = 'magistral_refresh';
/** Only the auth routes (under the API prefix) ever receive the refresh token. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

/**
 * The browser's way to keep a session: the refresh token lives in an HttpOnly cookie that script can't
 * read, sent only to the auth routes; the access token stays in the app's memory.
 *
 * Cross-site requests can't use it: the cookie is `SameSite=Strict`; a refresh reads it only when the
 * request carries `X-Session-Transport: cookie`, a header no cross-site form or simple request can send
 * (it forces a CORS preflight); and with that header an `Origin` (or `Sec-Fetch-Site`) naming another site
 * is refused. Without the header every route answers as before, tokens in the JSON body.
 */
@Injectable()
export class SessionCookies {
  private readonly origin: string;
  private readonly secure: boolean;

  constructor(config: AppConfig) {
    const url = new URL(config.PUBLIC_URL);
    this.origin = url.origin;
    this.secure = url.protocol === 'https:';
  }

  /** Whether the client asked for the cookie; refuses (403) such a request from another site. */
  wanted(request: FastifyRequest): boolean {
    const transport = request.headers[SESSION_TRANSPORT_HEADER];
    if (typeof transport !== 'string' || transport.trim().toLowerCase() !== 'cookie') return false;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== this.origin)
      throw new DomainError(
        AuthErrors.crossSiteRequest,
        `Requests with X-Session-Transport: cookie must come from ${this.origin}`,
      );
    if (request.headers['sec-fetch-site'] === 'cross-site')
      throw new DomainError(AuthErrors.crossSiteRequest);
    return true;
  }

  /**
   * The refresh token the browser holds, if any. Parsed here, where it is needed: no other route reads a
   * cookie, so the server parses none on its own (`hook: false` in app.setup.ts).
   */
  read(request: FastifyRequest): string | undefined {
    const header = request.headers.cookie;
    const token = header ? request.server.parseCookie(header)[REFRESH_COOKIE] : undefined;
    return token ? token : undefined;
  }

  /** Puts the refresh token in the cookie and returns what the JSON body may carry. */
  hand(reply: FastifyReply, pair: TokenPair): SessionTokens {
    const { refreshToken, ...rest } = pair;
    const maxAge = Math.max(0, Math.floor((Date.parse(pair.refreshExpiresAt) - Date.now()) / 1000));
    void reply.setCookie(REFRESH_COOKIE, refreshToken, { ...this.attributes(), maxAge });
    return rest;
  }

  clear(reply: FastifyReply): void {
    void reply.setCookie(REFRESH_COOKIE, '', { ...this.attributes(), maxAge: 0 });
  }

  private attributes() {
    return {
      httpOnly: true,
      sameSite: 'strict' as const,
      path: REFRESH_COOKIE_PATH,
      secure: this.secure,
    };
  }
}

/** Checks the origin of a cookie-transport request before anything else runs (on login: before the password). */
@Injectable()
export class SessionTransportGuard implements CanActivate {
  constructor(private readonly cookies: SessionCookies) {}

  canActivate(context: ExecutionContext): boolean {
    this.cookies.wanted(context.switchToHttp().getRequest<FastifyRequest>());
    return true;
  }
}

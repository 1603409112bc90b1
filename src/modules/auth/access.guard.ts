import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import {
  ACCESS_METADATA,
  type Access,
  type AuthenticatedRequest,
} from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { CommonErrors, DomainError } from '../../common/errors/domain-error.js';
import { AuthErrors } from './auth.errors.js';

/**
 * The global guard: deny by default. A route passes only if it is `@Public()`, or carries a valid access
 * token and one of the roles its `@Authenticated()` names, from an account whose e-mail address is
 * verified unless the route allows otherwise.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) throw new DomainError(CommonErrors.forbidden, 'This route declares no access rule');
    if (access.public) {
      if (access.identifyCaller) await this.identify(context);
      return true;
    }
    await (super.canActivate(context) as Promise<boolean>);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { user?: Caller }>();
    const caller = request.user!;
    request.caller = caller;
    if (caller.emailUnverified && !access.allowUnverified)
      throw new DomainError(
        AuthErrors.emailUnverified,
        'Verify your e-mail address with the mailed link (POST /auth/verify-email), then refresh the session.',
      );
    if (access.roles.length && !access.roles.some((role) => caller.roles.includes(role)))
      throw new DomainError(CommonErrors.forbidden);
    return true;
  }

  /** On a public route that wants to know its caller: a valid token identifies them, anything else is anonymous. */
  private async identify(context: ExecutionContext): Promise<void> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { user?: Caller }>();
    if (!request.headers.authorization) return;
    try {
      await (super.canActivate(context) as Promise<boolean>);
      request.caller = request.user;
    } catch {
      // An expired or forged token must not turn a public page into an error.
    }
  }

  /**
   * An access token that only ran out of time (signature, algorithm and claims once good; jsonwebtoken checks
   * the signature before the expiry) gets its own code, so that clients refresh and retry.
   */
  override handleRequest<TUser = Caller>(error: unknown, user: TUser | false, info?: unknown): TUser {
    if (error instanceof DomainError) throw error;
    if (!error && !user && info instanceof Error && info.name === 'TokenExpiredError')
      throw new DomainError(AuthErrors.tokenExpired);
    if (error || !user) throw new DomainError(CommonErrors.unauthenticated);
    return user;
  }
}

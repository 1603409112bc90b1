import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Caller, Role } from './roles.js';

export const ACCESS_METADATA = 'magistral:access';

export type Access =
  | { public: true; identifyCaller?: boolean }
  | { public: false; roles: readonly Role[]; allowUnverified?: boolean };

/**
 * The one way to say who may call a route. Every route carries either this or `@Public()`; the global
 * guard refuses any route without one, and the app refuses to start with such a route.
 *
 * A caller whose e-mail address is unverified passes only routes that say `allowUnverified` (verifying,
 * reading their own account, signing out, accepting what was mailed to them); everywhere else 403
 * `auth.email_unverified`. Whoever registers an address they do not control gets nothing with it.
 */
export function Authenticated(
  options: { roles?: readonly Role[]; allowUnverified?: boolean } = {},
): MethodDecorator & ClassDecorator {
  const roles = options.roles ?? [];
  const access: Access = {
    public: false,
    roles,
    ...(options.allowUnverified ? { allowUnverified: true } : {}),
  };
  const forbidden = [
    ...(roles.length ? [`Only for: ${roles.join(', ')}`] : []),
    ...(options.allowUnverified ? [] : ['auth.email_unverified until the e-mail address is verified']),
  ];
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, access),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, expired or revoked access token (problem+json)' }),
    ...(forbidden.length
      ? [ApiForbiddenResponse({ description: `${forbidden.join('; ')} (problem+json)` })]
      : []),
  );
}

/**
 * A route anyone may call, signed in or not. With `identifyCaller`, a valid bearer token sent along makes the
 * caller known to the route (`@OptionalCaller()`); a missing, expired or forged one leaves it anonymous.
 */
export function Public(options: { identifyCaller?: boolean } = {}): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_METADATA, {
    public: true,
    ...(options.identifyCaller ? { identifyCaller: true } : {}),
  } satisfies Access);
}

export interface AuthenticatedRequest extends FastifyRequest {
  caller?: Caller;
}

/** The authenticated caller of the current request. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new Error('CurrentCaller used on a route without @Authenticated()');
  return caller;
});

/** The caller of a `@Public({ identifyCaller: true })` route, or undefined when anonymous. */
export const OptionalCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().caller,
);

import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { CommonErrors, DomainError } from '../../common/errors/domain-error.js';
import { InjectRedis } from '../../common/redis/redis.module.js';
import { AppConfig } from '../../config/app-config.js';
import { CompanyErrors } from './companies.errors.js';

/** How long an owner waits before mailing the same invitation again (kept on the invitation, in PostgreSQL). */
export const RESEND_COOLDOWN_SECONDS = 10 * 60;

/**
 * Each company invitation mails an address the owner chose: counted per company and per inviting user, in
 * Redis like the sign-in limits (src/modules/auth/rate-limits.ts), so the limit holds across API instances.
 * While Redis is down invitations answer 503 rather than go out unlimited.
 */
@Injectable()
export class CompanyInvitationLimits {
  private readonly perCompany: RateLimiterRedis;
  private readonly perInviter: RateLimiterRedis;

  constructor(@InjectRedis() redis: Redis, config: AppConfig) {
    const limiter = (scope: string): RateLimiterRedis =>
      new RateLimiterRedis({
        storeClient: redis,
        // The client already prefixes every key with the deployment's prefix.
        keyPrefix: `ratelimit:company_invitation:${scope}`,
        points: config.COMPANY_INVITATIONS_PER_WINDOW,
        duration: config.COMPANY_INVITATIONS_WINDOW_SECONDS,
        useRedisPackage: false,
      });
    this.perCompany = limiter('company');
    this.perInviter = limiter('inviter');
  }

  /** Counts one invitation; refuses with 429 and `Retry-After` over either limit. */
  async consume(companyId: string, inviterId: string): Promise<void> {
    for (const [limiter, key] of [
      [this.perCompany, companyId],
      [this.perInviter, inviterId],
    ] as const) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          throw new DomainError(
            CompanyErrors.tooManyInvitations,
            `Try again in ${seconds} s`,
            {},
            { 'Retry-After': String(seconds) },
          );
        }
        throw new DomainError(CommonErrors.unavailable, 'Rate limiting is unavailable (Redis)');
      }
    }
  }
}

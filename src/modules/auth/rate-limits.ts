import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { CommonErrors, DomainError } from '../../common/errors/domain-error.js';
import { InjectRedis } from '../../common/redis/redis.module.js';
import { AppConfig } from '../../config/app-config.js';
import { AuthErrors } from './auth.errors.js';

export type LimitedAction = 'login' | 'password_reset' | 'verify_email' | 'unlock_account';

/**
 * Attempts per client IP and per account on the routes attackers hammer. Counters live in Redis so the
 * limits hold across API instances; while Redis is down these routes answer 503 rather than run unlimited.
 */
@Injectable()
export class AuthRateLimits {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(@InjectRedis() redis: Redis, config: AppConfig) {
    for (const action of ['login', 'password_reset', 'verify_email', 'unlock_account'] as const) {
      for (const scope of ['ip', 'account'] as const) {
        this.limiters.set(
          `${action}:${scope}`,
          new RateLimiterRedis({
            storeClient: redis,
            // The client already prefixes every key with the deployment's prefix.
            keyPrefix: `ratelimit:${action}:${scope}`,
            points: scope === 'ip' ? config.RATE_LIMIT_IP_POINTS : config.RATE_LIMIT_ACCOUNT_POINTS,
            duration: config.RATE_LIMIT_WINDOW_SECONDS,
            useRedisPackage: false,
          }),
        );
      }
    }
    // Each registration mails an address the caller chose: per IP only (there is no account yet).
    this.limiters.set(
      'register:ip',
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: 'ratelimit:register:ip',
        points: config.RATE_LIMIT_REGISTER_POINTS,
        duration: config.RATE_LIMIT_REGISTER_WINDOW_SECONDS,
        useRedisPackage: false,
      }),
    );
  }

  /** Counts one attempt from this IP for this account; refuses with 429 and `Retry-After` over the limit. */
  async consume(action: LimitedAction, ip: string, account: string): Promise<void> {
    await this.take([
      [`${action}:ip`, ip],
      [`${action}:account`, account.toLowerCase()],
    ]);
  }

  /** Counts one registration from this IP. */
  async consumeRegistration(ip: string): Promise<void> {
    await this.take([['register:ip', ip]]);
  }

  private async take(attempts: [string, string][]): Promise<void> {
    for (const [name, key] of attempts) {
      try {
        await this.limiters.get(name)!.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          throw new DomainError(
            AuthErrors.tooManyAttempts,
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

import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { InjectRedis } from '../../common/redis/redis.module.js';
import { AppConfig } from '../../config/app-config.js';

/**
 * Sessions ended before their access tokens expire (logout, a disabled user, a role change, a stolen
 * refresh token). Kept in Redis, shared by every API instance, for as long as such a token could live.
 */
@Injectable()
export class SessionRevocations {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async revoke(sessionIds: string[]): Promise<void> {
    if (!sessionIds.length) return;
    const pipeline = this.redis.pipeline();
    for (const id of sessionIds)
      pipeline.set(`auth:revoked-session:${id}`, '1', 'EX', this.config.ACCESS_TOKEN_TTL_SECONDS + 60);
    await pipeline.exec();
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(`auth:revoked-session:${sessionId}`)) === 1;
  }
}

import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config.js';
import { closeRedis, watchRedis } from './redis-state.js';

export const REDIS = Symbol('REDIS');
export const InjectRedis = (): ParameterDecorator => Inject(REDIS);

/**
 * A client for the platform's own keys (rate limits, revocations, caches): every key gets the deployment's
 * prefix. Commands fail at once while Redis is unreachable instead of queueing, so a request never hangs
 * on Redis.
 */
export function createRedis(config: Pick<AppConfig, 'REDIS_URL' | 'REDIS_PREFIX'>): Redis {
  const redis = new Redis(config.REDIS_URL, {
    keyPrefix: `${config.REDIS_PREFIX}:`,
    enableOfflineQueue: false,
    // Commands issued in the same tick by concurrent requests (revocation checks) share one write.
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  });
  // Before it connects: an outage is one warning, not an "Unhandled error event" per reconnection.
  return watchRedis(redis, 'cache');
}

class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      // Wait briefly for the first connection so early commands don't fail; start anyway when Redis is down
      // (readiness reports it, and ioredis keeps reconnecting).
      useFactory: async (config: AppConfig) => {
        const redis = createRedis(config);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 3000);
          redis.once('ready', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        return redis;
      },
    },
    RedisShutdown,
  ],
  exports: [REDIS],
})
export class RedisModule {}

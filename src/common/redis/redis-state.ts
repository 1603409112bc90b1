import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import { maskUrl } from '../../config/config-messages.js';
import { connectionFailureReason } from '../lifecycle/failure-reason.js';
import { StartupError } from '../lifecycle/process-lifecycle.js';

const lastFailure = new WeakMap<Redis, string>();

/** Why a client is not connected, as far as it knows (its last connection error). */
export function redisFailureReason(redis: Redis): string | undefined {
  return lastFailure.get(redis);
}

/**
 * Error handling for a long-lived client, attached before it connects: without a listener ioredis prints
 * every failed reconnection as "[ioredis] Unhandled error event" with a stack. An outage is logged once
 * when it starts and once when it ends.
 */
export function watchRedis(redis: Redis, name: string, logger = new Logger('Redis')): Redis {
  let down = false;
  redis.on('error', (error: unknown) => {
    const reason = connectionFailureReason(error);
    lastFailure.set(redis, reason);
    if (down) return;
    down = true;
    logger.warn(`Redis (${name}) unreachable: ${reason}; reconnecting in the background`);
  });
  redis.on('ready', () => {
    lastFailure.delete(redis);
    if (!down) return;
    down = false;
    logger.log(`Redis (${name}) reachable again`);
  });
  return redis;
}

/**
 * Closes a client without ever hanging: QUIT when connected (pending replies are read), bounded by
 * `timeoutMs`; a client that is reconnecting, or a QUIT that does not finish in time, is disconnected.
 */
export async function closeRedis(redis: Redis, timeoutMs = 2000): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') return redis.disconnect();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.quit(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('QUIT timed out')), timeoutMs);
      }),
    ]);
  } catch {
    redis.disconnect();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Start-up check: one connection attempt, one PING. Refuses to start (one line naming REDIS_URL) rather
 * than letting every module discover the outage with its own stack trace.
 */
export async function assertRedisReachable(
  config: Pick<AppConfig, 'REDIS_URL'>,
  timeoutMs = 5000,
): Promise<void> {
  const redis = new Redis(config.REDIS_URL, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
  });
  let failure: unknown;
  redis.on('error', (error: unknown) => (failure ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    failure ??= error;
  } finally {
    redis.disconnect();
  }
  if (failure !== undefined) {
    const reason = connectionFailureReason(failure);
    const fix =
      reason === 'authentication failed'
        ? 'put the right password in REDIS_URL (redis://:password@host:6379)'
        : 'start Redis there, or set REDIS_URL to where it runs';
    throw new StartupError(`Redis unreachable at REDIS_URL=${maskUrl(config.REDIS_URL)} (${reason}): ${fix}`);
  }
}

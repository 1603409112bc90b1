import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { InjectRedis } from '../../common/redis/redis.module.js';
import { AppConfig } from '../../config/app-config.js';
import { AuthErrors } from './auth.errors.js';

/** One sorted set: member = session id, score = when it may be forgotten (epoch seconds). */
const SET = 'auth:revoked-sessions';
/**
 * Written (score +inf) with every (re)build of the set, in the same MULTI. It lives in the set itself, so
 * whatever loses the revocations (a restart without persistence, FLUSHALL, eviction of the key) loses it
 * too: a missing sentinel means "the cache is gone", never "nothing is revoked".
 */
const SENTINEL = '~built';
const REBUILD_LOCK = 'auth:revoked-sessions:rebuild-lock';
const REBUILD_LOCK_MS = 15_000;
const OUTAGE_LOG_EVERY_MS = 60_000;
const RESYNC_RETRY_MS = 1_000;

/**
 * Sessions ended before their access tokens expire (logout, a disabled user, a role change, a password
 * reset, a stolen refresh token).
 *
 * PostgreSQL is the record (`auth_sessions.revoked_at`, written in the transaction of the change); Redis
 * holds a cache of the revocations young enough to matter (an access token lives at most
 * ACCESS_TOKEN_TTL_SECONDS), shared by every instance and read once per request: ZMSCORE of the sentinel
 * and the session in one command, so a request costs no database read.
 *
 * - Redis lost the set (sentinel missing): one instance, under a lock, rebuilds it from PostgreSQL; the
 *   others answer from PostgreSQL meanwhile.
 * - Redis unreachable: requests are answered from PostgreSQL (one primary-key read), with one warning a
 *   minute in the log; if PostgreSQL fails too, 503 `auth.revocations_unavailable`, never a 401 that
 *   clients would read as "signed out".
 * - A revocation whose Redis write failed is committed in PostgreSQL; the cache is resynchronised from it
 *   once Redis answers again (retried every second, and by every instance on reconnecting).
 */
@Injectable()
export class SessionRevocations implements OnModuleDestroy {
  private readonly logger = new Logger(SessionRevocations.name);
  /** Seconds a revocation must be remembered: the longest an access token issued before it can live, plus skew. */
  private readonly window: number;
  private rebuilding?: Promise<Set<string> | null>;
  private outageSince: number | null = null;
  private outageRequests = 0;
  private lastOutageLog = 0;
  private lastRecordErrorLog = 0;
  private resyncTimer?: NodeJS.Timeout;
  /** The set may lack a revocation committed while Redis was away: answer from PostgreSQL until resynchronised. */
  private stale = false;
  /** Bumped by every reason to resynchronise, so a resync that began before a newer reason does not clear it. */
  private staleSeq = 0;
  private sawDisconnect = false;
  private destroyed = false;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.window = config.ACCESS_TOKEN_TTL_SECONDS + 60;
    redis.on('close', this.onClose);
    redis.on('ready', this.onReady);
  }

  onModuleDestroy(): void {
    this.destroyed = true;
    clearTimeout(this.resyncTimer);
    this.redis.off('close', this.onClose);
    this.redis.off('ready', this.onReady);
  }

  /** Call after the transaction that set `auth_sessions.revoked_at` committed. Never throws: the record is written. */
  async revoke(sessionIds: string[]): Promise<void> {
    if (!sessionIds.length) return;
    const now = Math.floor(Date.now() / 1000);
    try {
      await this.redis
        .multi()
        .zadd(SET, ...sessionIds.flatMap((id) => [now + this.window, id]))
        .zremrangebyscore(SET, '-inf', `(${now}`)
        .exec();
    } catch (error) {
      this.noteOutage(error);
      this.scheduleResync();
    }
  }

  /** Whether the session was ended. Throws 503 `auth.revocations_unavailable` when neither Redis nor PostgreSQL answers. */
  async isRevoked(sessionId: string): Promise<boolean> {
    let scores: (string | null)[];
    try {
      scores = await this.redis.zmscore(SET, SENTINEL, sessionId);
    } catch (error) {
      this.noteOutage(error);
      return this.fromRecord(sessionId);
    }
    if (this.outageSince !== null) this.noteRecovery();
    if (scores[1] != null) return true;
    if (this.stale) return this.fromRecord(sessionId);
    if (scores[0] !== null) return false;
    return this.afterRebuild(sessionId);
  }

  /** The durable answer: one primary-key read. An unknown session counts as ended. */
  private async fromRecord(sessionId: string): Promise<boolean> {
    try {
      const rows = await this.dataSource.query<{ revoked: boolean }[]>(
        `SELECT revoked_at IS NOT NULL AS revoked FROM auth_sessions WHERE id = $1`,
        [sessionId],
      );
      return rows[0]?.revoked ?? true;
    } catch (error) {
      const now = Date.now();
      if (now - this.lastRecordErrorLog >= OUTAGE_LOG_EVERY_MS) {
        this.lastRecordErrorLog = now;
        this.logger.error(
          `Sessions cannot be checked (Redis and PostgreSQL both failed): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      throw new DomainError(AuthErrors.revocationsUnavailable);
    }
  }

  private async afterRebuild(sessionId: string): Promise<boolean> {
    // One rebuild per process at a time, whatever the number of requests that found the set missing.
    this.rebuilding ??= this.resync().finally(() => (this.rebuilding = undefined));
    let revoked: Set<string> | null;
    try {
      revoked = await this.rebuilding;
    } catch {
      revoked = null; // Redis or PostgreSQL failed mid-rebuild: the record decides, or answers 503
    }
    return revoked ? revoked.has(sessionId) : this.fromRecord(sessionId);
  }

  /**
   * Loads the revocations young enough to matter from PostgreSQL into Redis, with the sentinel, in one
   * MULTI. Adds, never deletes: a revocation written meanwhile stays. Returns the revoked sessions, or null
   * when another instance holds the lock (its rebuild serves everyone once written).
   */
  private async rebuild(): Promise<Set<string> | null> {
    const lock = randomUUID();
    if ((await this.redis.set(REBUILD_LOCK, lock, 'PX', REBUILD_LOCK_MS, 'NX')) !== 'OK') return null;
    try {
      const rows = await this.dataSource.query<{ id: string; at: string }[]>(
        `SELECT id, floor(extract(epoch FROM revoked_at))::bigint AS at FROM auth_sessions
          WHERE revoked_at > now() - make_interval(secs => $1)`,
        [this.window],
      );
      const multi = this.redis.multi();
      for (let i = 0; i < rows.length; i += 1000)
        multi.zadd(SET, ...rows.slice(i, i + 1000).flatMap((r) => [Number(r.at) + this.window, r.id]));
      multi.zadd(SET, '+inf', SENTINEL);
      await multi.exec();
      this.logger.log(`Revocation cache rebuilt from PostgreSQL (${rows.length} sessions)`);
      return new Set(rows.map((r) => r.id));
    } finally {
      // Only our own lock: it may have lapsed and been taken by another instance.
      await this.redis
        .eval(
          `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`,
          1,
          REBUILD_LOCK,
          lock,
        )
        .catch(() => undefined);
    }
  }

  /** A rebuild that, once written, ends the staleness it was started for (not a newer one). */
  private async resync(): Promise<Set<string> | null> {
    const seq = this.staleSeq;
    const written = await this.rebuild();
    if (written && seq === this.staleSeq) this.stale = false;
    return written;
  }

  /**
   * Marks the set stale and rebuilds it after `delayMs`, then every second until this instance has written
   * one, however long Redis is away; meanwhile sessions are checked in PostgreSQL.
   */
  private scheduleResync(delayMs = RESYNC_RETRY_MS): void {
    this.stale = true;
    this.staleSeq++;
    if (this.resyncTimer || this.destroyed) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = undefined;
      this.resync().then(
        (written) => {
          if (!written) this.scheduleResync();
        },
        () => this.scheduleResync(),
      );
    }, delayMs);
    this.resyncTimer.unref();
  }

  private readonly onClose = (): void => {
    this.sawDisconnect = true;
  };

  /** Back after a disconnection: a revocation written meanwhile by any instance may be missing from the set. */
  private readonly onReady = (): void => {
    if (!this.sawDisconnect) return;
    this.sawDisconnect = false;
    this.scheduleResync(0);
  };

  /** One warning a minute while the cache cannot be read, not one per request. */
  private noteOutage(error: unknown): void {
    const now = Date.now();
    this.outageSince ??= now;
    this.outageRequests++;
    if (now - this.lastOutageLog < OUTAGE_LOG_EVERY_MS) return;
    this.lastOutageLog = now;
    this.logger.warn(
      `Revocation cache (Redis) unavailable since ${new Date(this.outageSince).toISOString()} ` +
        `(${this.outageRequests} checks so far): sessions are checked in PostgreSQL until it answers. ` +
        `Cause: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  private noteRecovery(): void {
    this.logger.log(
      `Revocation cache (Redis) readable again after ${Math.round((Date.now() - this.outageSince!) / 1000)} s ` +
        `(${this.outageRequests} checks answered from PostgreSQL)`,
    );
    this.outageSince = null;
    this.outageRequests = 0;
    this.scheduleResync(0);
  }
}

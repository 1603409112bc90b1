import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { type Caller } from '../../common/auth/roles.js';
import { InjectRedis } from '../../common/redis/redis.module.js';
import { purposeKey, sameSignature, signParts } from '../../common/signatures.js';
import { AppConfig } from '../../config/app-config.js';
import { SessionRevocations } from '../auth/revocations.js';
import { activeRolesOf } from '../users/user.queries.js';

/** Outside the API prefix (app.setup excludes `admin/*` from it). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const QUEUE_DASHBOARD_COOKIE = 'magistral_queues';
export const TICKET_TTL_SECONDS = 60;
export const DASHBOARD_SESSION_SECONDS = 15 * 60;

const TICKET = /^[A-Za-z0-9_-]{43}$/;
const COOKIE_VALUE =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * How a browser reaches the queue dashboard, which cannot send an Authorization header by itself. An
 * organiser's app asks the API for a ticket (bearer token, as for every route); the ticket — single use,
 * 60 seconds, kept in Redis so any instance redeems it — is traded at `/admin/queues/enter` for a cookie
 * bound to that sign-in session: `<userId>.<sessionId>.<expires>.<HMAC>`, HttpOnly, SameSite=Lax (no
 * cross-site request other than a plain link sends it), path `/admin/queues` only, 15 minutes. Every request
 * with it checks the signature, the time, the session (logout, a disabled account or a role change end it
 * at once, as for tokens) and the account's current roles.
 */
@Injectable()
export class QueueDashboardSessions {
  private readonly key: Buffer;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly revocations: SessionRevocations,
  ) {
    this.key = purposeKey(config.JWT_SECRET!, 'queue-dashboard/session/v1');
  }

  async issueTicket(caller: Caller): Promise<{ url: string; expiresAt: string }> {
    const ticket = randomBytes(32).toString('base64url');
    await this.redis.set(
      ticketKey(ticket),
      JSON.stringify({ userId: caller.userId, sessionId: caller.sessionId }),
      'EX',
      TICKET_TTL_SECONDS,
    );
    return {
      url: `${this.config.PUBLIC_URL}${QUEUE_DASHBOARD_PATH}/enter?ticket=${ticket}`,
      expiresAt: new Date(Date.now() + TICKET_TTL_SECONDS * 1000).toISOString(),
    };
  }

  /** The cookie's value for a ticket, once; null for a ticket that is unknown, used or expired. */
  async redeem(ticket: string): Promise<string | null> {
    if (!TICKET.test(ticket)) return null;
    const stored = await this.redis.getdel(ticketKey(ticket));
    if (!stored) return null;
    const { userId, sessionId } = JSON.parse(stored) as { userId: string; sessionId: string };
    return this.cookieValue(userId, sessionId, Math.floor(Date.now() / 1000) + DASHBOARD_SESSION_SECONDS);
  }

  cookieValue(userId: string, sessionId: string, expires: number): string {
    return `${userId}.${sessionId}.${expires}.${signParts(this.key, userId, sessionId, expires)}`;
  }

  /** Who the cookie stands for now, or false (forged, expired, session ended, account disabled or gone). */
  async callerFor(value: string): Promise<Caller | false> {
    const match = COOKIE_VALUE.exec(value);
    if (!match) return false;
    const [, userId, sessionId, expiresText, signature] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    const expires = Number(expiresText);
    if (!sameSignature(signParts(this.key, userId, sessionId, expires), signature)) return false;
    if (expires <= Date.now() / 1000 || (await this.revocations.isRevoked(sessionId))) return false;
    const roles = await activeRolesOf(this.dataSource.manager, userId);
    return roles ? { userId, sessionId, roles } : false;
  }

  /** The cookie that carries `value`; `Secure` whenever the platform is served over HTTPS. */
  setCookie(value: string): string {
    const secure = this.config.PUBLIC_URL.startsWith('https:') ? '; Secure' : '';
    return `${QUEUE_DASHBOARD_COOKIE}=${value}; Path=${QUEUE_DASHBOARD_PATH}; Max-Age=${DASHBOARD_SESSION_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
  }
}

/** Tickets are kept under their hash: a Redis dump or MONITOR never shows one that still works. */
function ticketKey(ticket: string): string {
  return `queue-dashboard:ticket:${createHash('sha256').update(ticket).digest('hex')}`;
}

/** The dashboard cookie's value from a Cookie header, if any. */
export function dashboardCookie(header: string | undefined): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [name, ...rest] = part.trim().split('=');
    if (name === QUEUE_DASHBOARD_COOKIE) return rest.join('=');
  }
  return undefined;
}

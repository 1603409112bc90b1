import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';
import { type Caller, hasRole } from '../../common/auth/roles.js';
import { CommonErrors, DomainError } from '../../common/errors/domain-error.js';
import { PROBLEM_CONTENT_TYPE, ProblemFilter } from '../../common/errors/problem.filter.js';
import { AppConfig } from '../../config/app-config.js';
import { QUEUE_NAMES } from '../../queue/jobs.js';
import { dashboardCookie, QUEUE_DASHBOARD_PATH, QueueDashboardSessions } from './queue-dashboard-sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Bull Board for organisers. It is a Fastify plugin, not a Nest controller, so the global guard never sees
 * it: an `onRequest` hook on its prefix authenticates every request (pages, assets and its JSON API) with the
 * very passport strategy the API uses — signature, issuer, audience, expiry and session revocation — from the
 * `Authorization: Bearer` header, or for a browser from the dashboard cookie a ticket was traded for at
 * `/admin/queues/enter` (see `QueueDashboardSessions`), and admits organisers. Never from the query string.
 */
@Injectable()
export class QueueDashboard implements OnApplicationBootstrap {
  private readonly problems = new ProblemFilter();
  /** The dashboard's own origin: the only one whose pages may change queues with the cookie. */
  private readonly origin: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    private readonly sessions: QueueDashboardSessions,
    config: AppConfig,
  ) {
    this.origin = new URL(config.PUBLIC_URL).origin;
  }

  // After Nest has installed its error handler: a plugin registered earlier leaves Fastify's own handler in
  // charge of parse errors (plain JSON instead of problem+json).
  async onApplicationBootstrap(): Promise<void> {
    // A worker process has no HTTP server, hence no dashboard.
    const httpAdapter = this.adapterHost?.httpAdapter;
    if (!httpAdapter) return;
    const fastify = httpAdapter.getInstance<FastifyInstance>();

    const board = new FastifyAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: QUEUE_NAMES.map(
        (name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })),
      ),
      serverAdapter: board,
      options: {
        uiBasePath: dirname(createRequire(import.meta.url).resolve('@bull-board/ui/package.json')),
        uiConfig: { boardTitle: 'Magistral queues' },
      },
    });
    // Outside the guarded scope: the browser has no credentials yet, only the ticket.
    fastify.get<{ Querystring: { ticket?: string } }>(`${QUEUE_DASHBOARD_PATH}/enter`, (request, reply) =>
      this.enter(request, reply),
    );
    await fastify.register(
      async (scope) => {
        scope.addHook('onRequest', (request, reply) => this.admitOrganisers(request, reply));
        await scope.register(board.registerPlugin());
      },
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  }

  /** Trades a ticket for the dashboard cookie and goes to the board; an unknown, used or late ticket is a 401. */
  private async enter(
    request: FastifyRequest<{ Querystring: { ticket?: string } }>,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    let value: string | null;
    try {
      value = await this.sessions.redeem(String(request.query.ticket ?? ''));
    } catch {
      return this.refuse(request, reply, new DomainError(CommonErrors.unavailable));
    }
    if (!value) return this.refuse(request, reply, new DomainError(CommonErrors.unauthenticated));
    return reply
      .header('set-cookie', this.sessions.setCookie(value))
      .header('cache-control', 'no-store')
      .redirect(`${QUEUE_DASHBOARD_PATH}/`, 303);
  }

  /** Returns the reply when it refused (Fastify then stops there), nothing when the request may go on. */
  private async admitOrganisers(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    if (!this.sameOrigin(request))
      return this.refuse(request, reply, new DomainError(CommonErrors.crossOrigin));
    let caller: Caller | false;
    try {
      caller = await this.authenticate(request, reply);
    } catch (error) {
      return this.refuse(
        request,
        reply,
        error instanceof DomainError ? error : new DomainError(CommonErrors.unavailable),
      );
    }
    if (!caller) return this.refuse(request, reply, new DomainError(CommonErrors.unauthenticated));
    if (!hasRole(caller, 'organiser'))
      return this.refuse(request, reply, new DomainError(CommonErrors.forbidden));
    return undefined;
  }

  /**
   * The browser sends the SameSite=Lax cookie with a cross-site top-level POST and with any request from
   * a same-site page (another subdomain), so a change (pause, retry, clean, ...) is accepted only from the
   * dashboard's own origin: `Origin` must be PUBLIC_URL's and `Sec-Fetch-Site`, where sent, same-origin.
   * Browsers send `Origin` with every non-GET request; a cookie-borne change without it is refused too. A
   * bearer header is not sent by browsers on their own, so such requests may omit both (scripts, curl).
   */
  private sameOrigin(request: FastifyRequest): boolean {
    if (SAFE_METHODS.has(request.method)) return true;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return false;
    if (origin !== undefined) return origin === this.origin;
    return request.headers.authorization !== undefined;
  }

  /**
   * The `jwt` passport strategy (src/modules/auth/strategies/jwt.strategy.ts) when the request carries an
   * Authorization header, else the dashboard cookie.
   */
  private authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Caller | false> {
    if (request.headers.authorization === undefined) {
      const cookie = dashboardCookie(request.headers.cookie);
      return cookie === undefined ? Promise.resolve(false) : this.sessions.callerFor(cookie);
    }
    return new Promise((resolve, reject) => {
      // Passport hands over whatever the strategy threw (e.g. Redis down while checking revocations).
      const fail = (error: unknown) =>
        reject(error instanceof Error ? error : new Error('Authentication failed'));
      const middleware = passport.authenticate(
        'jwt',
        { session: false },
        (error: unknown, user: Caller | false | undefined) => (error ? fail(error) : resolve(user ?? false)),
      ) as (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
      middleware(request, reply.raw, fail);
    });
  }

  private refuse(request: FastifyRequest, reply: FastifyReply, error: DomainError): FastifyReply {
    const { body, headers } = this.problems.toProblem(error, request);
    return reply.code(body.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}

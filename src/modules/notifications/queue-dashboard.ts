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
import { QUEUE_NAMES } from '../../queue/jobs.js';

/** Outside the API prefix (app.setup excludes `admin/*` from it). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board for organisers. It is a Fastify plugin, not a Nest controller, so the global guard never sees
 * it: an `onRequest` hook on its prefix authenticates every request (pages, assets and its JSON API) with the
 * very passport strategy the API uses — signature, issuer, audience, expiry and session revocation — from the
 * `Authorization: Bearer` header only (no cookie, so no cross-site request can act on the queues), and
 * admits organisers.
 */
@Injectable()
export class QueueDashboard implements OnApplicationBootstrap {
  private readonly problems = new ProblemFilter();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
  ) {}

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
    await fastify.register(
      async (scope) => {
        scope.addHook('onRequest', (request, reply) => this.admitOrganisers(request, reply));
        await scope.register(board.registerPlugin());
      },
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  }

  /** Returns the reply when it refused (Fastify then stops there), nothing when the request may go on. */
  private async admitOrganisers(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
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

  /** The `jwt` passport strategy (src/modules/auth/strategies/jwt.strategy.ts) on this request. */
  private authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Caller | false> {
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

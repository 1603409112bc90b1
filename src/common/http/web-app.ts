import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { CommonErrors } from '../errors/domain-error.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDocument } from '../errors/problem.filter.js';

/** Where `npm run build` puts the web app: `dist/web`, beside the compiled server in `dist/src`. */
export const BUILT_WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));

/** Paths the server answers itself: never the web app's index.html, whatever they ask for. */
export const SERVER_PREFIXES = ['/api', '/admin', '/results'] as const;

const YEAR_SECONDS = 365 * 24 * 3600;

function underServerPrefix(path: string): boolean {
  return SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** A browser navigating asks for HTML; a wildcard Accept (curl, a bare fetch) or none accepts it too. */
function acceptsHtml(accept: string | undefined): boolean {
  return accept === undefined || /text\/html|application\/xhtml\+xml|\*\/\*|text\/\*/i.test(accept);
}

function notBuilt(request: FastifyRequest): ProblemDocument {
  return {
    type: 'about:blank',
    title: 'The web app is not built on this server',
    status: 503,
    code: 'web.not_built',
    detail: 'This server was built without the web app (dist/web/index.html is missing); the API works.',
    requestId: request.id,
  };
}

function fileProblem(request: FastifyRequest, status: 404 | 500): ProblemDocument {
  return status === 404
    ? {
        type: 'about:blank',
        title: CommonErrors.routeNotFound.title,
        status,
        code: CommonErrors.routeNotFound.code,
        requestId: request.id,
      }
    : {
        type: 'about:blank',
        title: 'Internal Server Error',
        status,
        code: CommonErrors.internal.code,
        requestId: request.id,
      };
}

/**
 * Serves the built single-page app from `webDir` (`dist/web`): hashed files under `/assets/` cached for a
 * year as immutable, other files at the root (favicon…) cached for a day, and `index.html` (never cached
 * without revalidation) for every other GET/HEAD that accepts HTML and is not the API's, the dashboard's or
 * the server-rendered public pages' — the app's router decides what those paths show, its 404 page included.
 * Without a built app the server still starts: those paths answer a problem+json 503 and the log says so once.
 */
export async function serveWebApp(fastify: FastifyInstance, webDir: string, logger: Logger): Promise<void> {
  const indexFile = join(webDir, 'index.html');
  const index = existsSync(indexFile) ? readFileSync(indexFile) : null;
  const indexTag = index ? `"${createHash('sha256').update(index).digest('hex').slice(0, 32)}"` : '';
  if (!index)
    logger.warn({ webDir }, `No web app at ${indexFile}: the API runs, app pages answer 503 (npm run build)`);
  else {
    // In a scope of their own, so that a file request refused by @fastify/static (a path out of the root) is
    // answered in our problem format, as the 404 it is to the caller.
    await fastify.register(async (scope) => {
      scope.setErrorHandler((error: { statusCode?: number }, request, reply) => {
        const status = error.statusCode && error.statusCode < 500 ? 404 : 500;
        if (status === 500) request.log.error({ err: error }, 'Serving a web app file failed');
        return reply
          .status(status)
          .type(PROBLEM_CONTENT_TYPE)
          .send(JSON.stringify(fileProblem(request, status)));
      });
      const assets = join(webDir, 'assets');
      if (existsSync(assets)) {
        await scope.register(fastifyStatic, {
          root: assets,
          prefix: '/assets/',
          decorateReply: false,
          index: false,
          maxAge: YEAR_SECONDS * 1000,
          immutable: true,
        });
      }
      // The files Vite copies from web/public (favicon, robots.txt…): one route each, found at start.
      await scope.register(fastifyStatic, {
        root: webDir,
        prefix: '/',
        decorateReply: false,
        wildcard: false,
        index: false,
        globIgnore: ['index.html', 'assets/**'],
        maxAge: 24 * 3600 * 1000,
      });
    });
  }

  const maxParamLength = fastify.initialConfig.maxParamLength ?? 100;
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    // This catch-all also receives what the router refused for an over-long path parameter (it would
    // otherwise answer 414 itself): keep that answer, without echoing the segment.
    if (underServerPrefix(path) && path.split('/').some((segment) => segment.length > maxParamLength)) {
      return reply
        .status(414)
        .type(PROBLEM_CONTENT_TYPE)
        .send(
          JSON.stringify({
            type: 'about:blank',
            title: CommonErrors.uriTooLong.title,
            status: 414,
            code: CommonErrors.uriTooLong.code,
            requestId: request.id,
          } satisfies ProblemDocument),
        );
    }
    // A missing hashed file is a 404, never the page: a stale tab must not parse HTML as a script.
    if (underServerPrefix(path) || path.startsWith('/assets/') || !acceptsHtml(request.headers.accept))
      return reply.callNotFound();
    if (!index) {
      return reply
        .status(503)
        .header('retry-after', '3600')
        .type(PROBLEM_CONTENT_TYPE)
        .send(JSON.stringify(notBuilt(request)));
    }
    void reply.header('etag', indexTag).header('cache-control', 'no-cache');
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === indexTag))
      return reply.status(304).send();
    return reply.type('text/html; charset=utf-8').send(index);
  });
}

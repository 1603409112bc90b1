import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes, LogController } from 'fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { ACCESS_METADATA } from './common/auth/authenticated.decorator.js';
import { frameworkErrorHandler, ProblemFilter } from './common/errors/problem.filter.js';
import { PROBLEM_SCHEMA } from './common/errors/problem.schema.js';
import { installInputLimits } from './common/http/input-limits.js';
import { headerFamilyOf, routeSecurityHeaders } from './common/http/security-headers.js';
import { createValidationPipe } from './common/http/validation.pipe.js';
import { BUILT_WEB_DIR, serveWebApp } from './common/http/web-app.js';
import { createLogger, PinoNestLogger } from './common/logging/logger.js';
import type { AppConfig } from './config/app-config.js';
import { UNSUBSCRIBE_PATH } from './modules/notifications/unsubscribe-links.js';

export const API_PREFIX = 'api/v1';
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function trustProxy(config: AppConfig): string[] | false {
  const list = config.TRUSTED_PROXIES.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : false;
}

/**
 * Builds the HTTP application exactly as production runs it (main.ts listens on it; tests inject into it):
 * Fastify with JSON logs and request ids, helmet's headers, CORS, one problem+json filter, strict validation,
 * OpenAPI, and a check that every route declares who may call it.
 */
export async function createApp(
  config: AppConfig,
  // preview: modules are wired but no provider is built (nothing connects); enough to describe the API
  // (`npm run api:client`), not to serve it.
  options: { logger?: Logger; workers?: boolean; preview?: boolean } = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createLogger(config);
  // helmet's security headers (worked out once per route family) and the request id, on every answer,
  // errors included: a strict CSP everywhere but Swagger UI and the queue dashboard (see routeSecurityHeaders).
  const headerSets = routeSecurityHeaders(config.PUBLIC_URL);
  const headers = headerSets.strict;
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // One line per request (when it is answered, below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxy(config),
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // The router's own refusals (bad percent-encoding, over-long path parameter) in our problem format.
    frameworkErrors: frameworkErrorHandler(headers),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, { workers: options.workers }),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      abortOnError: false,
      preview: options.preview ?? false,
      // JSON only (plus multipart where a route registers it): no form or text bodies, so a plain HTML form
      // on another site can't post to the API.
      bodyParser: false,
    },
  );
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'admin/{*path}', method: RequestMethod.ALL },
      // The public results pages, rendered on the server for browsers and link previews.
      { path: 'results', method: RequestMethod.GET },
      { path: 'results/{*path}', method: RequestMethod.GET },
      // Where anyone checking a manifest's signature looks for the keys, beside the site.
      { path: '.well-known/magistral-signing-keys.json', method: RequestMethod.GET },
    ],
  });
  const filter = new ProblemFilter();
  app.useGlobalFilters(filter);
  app.useGlobalPipes(createValidationPipe());
  // No enableShutdownHooks(): main.ts and worker.ts stop on signals themselves, within SHUTDOWN_TIMEOUT_MS
  // (Nest's hooks would wait for ever on an unreachable Redis).

  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser(['text/plain']);
  // JSON only, so a cross-site HTML form can't reach the API — with one exception, which needs a signed
  // token and changes nothing but that token's own reminders: RFC 8058 one-click unsubscribe, where mail
  // clients post `List-Unsubscribe=One-Click` form-encoded to the link in the mail.
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (request, body, done) => {
      if (request.method !== 'POST' || request.routeOptions.url !== UNSUBSCRIBE_PATH)
        return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type']));
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
  // Answers carry tokens and personal data: no cache keeps them unless a route says otherwise (the public
  // results set their own Cache-Control and ETag).
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply
      .headers(headerSets[headerFamilyOf(request.url)])
      .header('x-request-id', request.id)
      .header('cache-control', 'no-store');
    done();
  });
  // Nesting depth, NUL, lone surrogates and control characters: refused once, for every route.
  installInputLimits(fastify);
  fastify.addHook('onResponse', (request, reply, done) => {
    // Built only when it is written: benchmarks run at LOG_LEVEL=warn.
    if (!logger.isLevelEnabled('info')) return done();
    // The path without its query string, which may carry addresses or tokens.
    const path = request.url.split('?')[0];
    request.log.info(
      { method: request.method, path, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      `${request.method} ${path} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`,
    );
    done();
  });
  // Uploads (nomination attachments): one file per request, at most UPLOAD_MAX_BYTES; read only by routes that ask.
  // Cookies are read only by the auth routes (the browser's refresh token, auth/session-cookie.ts), which
  // parse the header themselves: no request parses cookies it does not need.
  await app.register(fastifyCookie, { hook: false });
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 10, parts: 11, headerPairs: 100 },
  });
  const origins = config.CORS_ORIGINS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (origins.length)
    app.enableCors({
      origin: origins,
      credentials: false,
      exposedHeaders: ['ETag', 'Retry-After', 'X-Request-Id', 'Location'],
    });

  if (config.docsEnabled) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Magistral API')
        .setDescription(
          'Runs an award from nomination to published winners. Errors are application/problem+json (RFC 9457) with a stable `code`.',
        )
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .build(),
    );
    documentProblems(document);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }

  // The web app, for every GET that is not the API's (registered last: its catch-all yields to every route).
  await serveWebApp(fastify, config.WEB_DIST_DIR || BUILT_WEB_DIR, logger);

  // Needs the controllers built; every real start (and every test app) still checks.
  if (!options.preview) assertEveryRouteDeclaresAccess(app);
  return app;
}

/** Every operation may fail with a problem document: say so once, with its schema, on every route. */
function documentProblems(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = PROBLEM_SCHEMA;
  const problem = {
    description: 'Problem (application/problem+json)',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as { responses?: Record<string, unknown> }[]) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (/^[45]\d\d$/.test(status))
          operation.responses[status] = { ...(response as object), content: problem.content };
      }
      operation.responses.default ??= problem;
    }
  }
}

/** Deny by default is only safe if nobody forgets: refuse to start with a route that declares no access rule. */
function assertEveryRouteDeclaresAccess(app: NestFastifyApplication): void {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const missing: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[method] as () => unknown;
      if (!Reflect.getMetadata('path', handler)) continue;
      const declared = reflector.getAllAndOverride<unknown>(ACCESS_METADATA, [handler, wrapper.metatype]);
      if (!declared) missing.push(`${wrapper.metatype.name}.${method}`);
    }
  }
  if (missing.length) throw new Error(`Routes without @Authenticated() or @Public(): ${missing.join(', ')}`);
}

import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors, DomainError, type ErrorDefinition, type ErrorKind } from './domain-error.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  precondition_failed: 412,
  too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  locked: 423,
  precondition_required: 428,
  rate_limited: 429,
  unavailable: 503,
};

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

/** Errors Fastify raises before a route runs, mapped to our codes. */
function fromFastify(error: FastifyLikeError): DomainError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return new DomainError(CommonErrors.bodyTooLarge, error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new DomainError(CommonErrors.unsupportedMediaType, error.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new DomainError(CommonErrors.malformedBody, error.message);
  }
  if ((error as Error).name === 'SyntaxError' && error.statusCode === 400)
    return new DomainError(CommonErrors.malformedBody);
  return undefined;
}

/** Framework refusals (no such route, a pipe's 400...) in our terms. */
const BY_STATUS = new Map<number, ErrorDefinition>([
  [404, CommonErrors.routeNotFound],
  [413, CommonErrors.bodyTooLarge],
  [415, CommonErrors.unsupportedMediaType],
  [401, CommonErrors.unauthenticated],
  [403, CommonErrors.forbidden],
  [429, CommonErrors.rateLimited],
  [400, CommonErrors.validation],
]);

function fromHttpException(exception: HttpException): DomainError {
  const status = exception.getStatus();
  // Nest wraps Fastify's own errors (e.g. FST_ERR_CTP_INVALID_JSON_BODY) in an HttpException.
  const wrapped =
    exception.cause && typeof exception.cause === 'object' ? fromFastify(exception.cause) : undefined;
  if (wrapped) return wrapped;
  if (status === 400 && /JSON/i.test(exception.message))
    return new DomainError(CommonErrors.malformedBody, exception.message);
  const definition = BY_STATUS.get(status);
  if (definition) return new DomainError(definition);
  return new DomainError({ code: `http.${status}`, kind: 'invalid', title: exception.message }, undefined, {
    status,
  });
}

/**
 * The one place where errors become HTTP: every failure leaves as RFC 9457 problem+json with a stable
 * `code`. Unknown errors are logged with the request id and answered without internals.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, request);
    for (const [name, value] of Object.entries(problem.headers)) void reply.header(name, value);
    // Serialised here so that no later serializer can swap the problem media type for plain JSON.
    void reply.status(problem.body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.body));
  }

  toProblem(
    exception: unknown,
    request: FastifyRequest,
  ): { body: ProblemDocument; headers: Record<string, string> } {
    let error: DomainError | undefined;
    if (exception instanceof DomainError) error = exception;
    else if (exception instanceof HttpException) error = fromHttpException(exception);
    else if (exception && typeof exception === 'object') error = fromFastify(exception);

    if (!error) {
      this.logger.error(
        { err: exception, requestId: request.id, url: request.url.split('?')[0] },
        'Unhandled error',
      );
      const body: ProblemDocument = {
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        code: CommonErrors.internal.code,
        detail: `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
        requestId: request.id,
      };
      return { body, headers: {} };
    }

    const status =
      typeof error.extensions.status === 'number'
        ? error.extensions.status
        : STATUS_OF[error.definition.kind];
    const body: ProblemDocument = {
      ...error.extensions,
      type: 'about:blank',
      title: error.definition.title,
      status,
      code: error.definition.code,
      ...(error.detail ? { detail: error.detail } : {}),
      instance: request.url.split('?')[0],
      requestId: request.id,
    };
    return { body, headers: error.headers };
  }
}

/**
 * Fastify's router refuses some URLs before any hook runs (a malformed percent-encoding, a path parameter
 * over `maxParamLength`): answered here in the same problem+json, with the security headers and the request
 * id every other answer carries, and without echoing the URL (no `instance`, no `detail`).
 */
export function frameworkErrorHandler(
  headers: Readonly<Record<string, string>>,
): (error: FastifyLikeError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => {
    const definition =
      error.code === 'FST_ERR_BAD_URL'
        ? CommonErrors.badUrl
        : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? CommonErrors.uriTooLong
          : undefined;
    const body: ProblemDocument = definition
      ? {
          type: 'about:blank',
          title: definition.title,
          status: STATUS_OF[definition.kind],
          code: definition.code,
          requestId: request.id,
        }
      : {
          type: 'about:blank',
          title: 'Internal Server Error',
          status: 500,
          code: CommonErrors.internal.code,
          requestId: request.id,
        };
    void reply
      .headers(headers)
      .header('x-request-id', request.id)
      .header('cache-control', 'no-store')
      .status(body.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(body));
  };
}

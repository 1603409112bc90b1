import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, DECORATORS } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors, DomainError } from '../errors/domain-error.js';

/**
 * Optimistic concurrency, one dialect for every versioned resource (editions, nominations, scorecards):
 * reads answer the version as a strong `ETag`; writes take `If-Match` (`@IfMatch()`), refuse a stale one
 * with 409 `request.stale_version` carrying the current ETag (`assertFresh`), and answer the new ETag;
 * `@ApiVersioned()` documents all of it. Without `If-Match` a write applies to whatever is current.
 */

/** The versions an `If-Match` names; undefined when there is no precondition. */
export type ExpectedVersions = number[] | undefined;

/** The strong ETag of a versioned resource: `"<version>"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

function badIfMatch(resource: string): DomainError {
  return new DomainError(
    CommonErrors.validation,
    `If-Match must hold the ETag of the ${resource}, e.g. "3"`,
    {
      errors: [{ field: 'If-Match', messages: ['must be an ETag such as "3"'] }],
    },
  );
}

/**
 * Reads `If-Match`: undefined when absent or `*` (no precondition), otherwise the versions the client says
 * it last saw. Weak tags (`W/"3"`) are accepted too: the version names the whole representation.
 */
export function parseIfMatch(header: string | undefined, resource = 'resource'): number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const versions = header.split(',').map((tag) => /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(tag)?.[1]);
  if (!versions.length || versions.some((v) => v === undefined)) throw badIfMatch(resource);
  return versions.map(Number);
}

/** True when the client named no version or named the current one. */
export function isFresh(expected: ExpectedVersions, current: number): boolean {
  return !expected || expected.includes(current);
}

/** 409 `request.stale_version`, with the current version in the body and as the `ETag` header. */
export function staleVersion(current: number, resource = 'resource'): DomainError {
  return new DomainError(
    CommonErrors.staleVersion,
    `The ${resource} is at version ${current}; read it again and reapply your change.`,
    { currentVersion: current },
    { ETag: etagOf(current) },
  );
}

/** Refuses with 409 `request.stale_version` when the client's version is not the current one. */
export function assertFresh(expected: ExpectedVersions, current: number, resource = 'resource'): void {
  if (!isFresh(expected, current)) throw staleVersion(current, resource);
}

/** The `If-Match` of the request, parsed (400 `request.validation_failed` when malformed). */
export const IfMatch = createParamDecorator(
  (resource: string | undefined, context: ExecutionContext): number[] | undefined => {
    const header: string | string[] | undefined = context.switchToHttp().getRequest<FastifyRequest>().headers[
      'if-match'
    ];
    // Repeated headers are one list (RFC 9110 §5.3).
    return parseIfMatch(Array.isArray(header) ? header.join(',') : header, resource);
  },
);

/** Answers `value`'s version as its ETag; returns `value` for the handler to send. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, value: T): T {
  void reply.header('ETag', etagOf(value.version));
  return value;
}

const ETAG_HEADER = {
  ETag: {
    description: 'The version of what the body shows, e.g. "3": send it back as If-Match to write safely',
    schema: { type: 'string' },
  },
};

/**
 * Adds to the OpenAPI response `status` of a route without replacing what other decorators declare there
 * (a schema, or other codes of the same status), whichever order the decorators run in.
 */
function documentResponse(
  status: number,
  entry: { description: string; headers?: typeof ETAG_HEADER },
): MethodDecorator {
  return (_target, _key, descriptor) => {
    const route = descriptor.value as object;
    const responses = (Reflect.getMetadata(DECORATORS.API_RESPONSE, route) ?? {}) as Record<
      string,
      { description?: string; headers?: object }
    >;
    const existing = responses[status];
    Reflect.defineMetadata(
      DECORATORS.API_RESPONSE,
      {
        ...responses,
        [status]: {
          ...existing,
          description: [existing?.description, entry.description].filter(Boolean).join('\n\n'),
          ...(entry.headers ? { headers: { ...existing?.headers, ...entry.headers } } : {}),
        },
      },
      route,
    );
    return descriptor;
  };
}

/**
 * OpenAPI for a route of a versioned resource, in one place: its answer (`status`, 200 unless said) carries
 * the `ETag`; a `write` also takes `If-Match` and may answer 409 `request.stale_version` or 400 for a
 * malformed `If-Match`.
 */
export function ApiVersioned(options: { write?: boolean; status?: number } = {}): MethodDecorator {
  const decorators: MethodDecorator[] = [
    documentResponse(options.status ?? 200, { description: 'With the ETag header', headers: ETAG_HEADER }),
  ];
  if (options.write) {
    decorators.push(
      ApiHeader({
        name: 'If-Match',
        required: false,
        description:
          'The ETag last read (weak tags, lists and * accepted): the write is refused with 409 request.stale_version when the resource has changed since; without it the write applies to the current version',
      }),
      documentResponse(409, {
        description: 'request.stale_version: If-Match names an older version (the current ETag is sent)',
      }),
      documentResponse(400, { description: 'request.validation_failed: If-Match is not a list of ETags' }),
    );
  }
  return (target, key, descriptor) => {
    for (const decorate of decorators) decorate(target, key, descriptor);
    return descriptor;
  };
}

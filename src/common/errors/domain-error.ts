/**
 * What went wrong, in the award's terms. The problem filter maps a kind to an HTTP status; domain code
 * never speaks HTTP.
 */
export type ErrorKind =
  | 'invalid' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'gone' // 410
  | 'precondition_failed' // 412
  | 'too_large' // 413
  | 'uri_too_long' // 414
  | 'unsupported_media_type' // 415
  | 'locked' // 423
  | 'precondition_required' // 428
  | 'rate_limited' // 429
  | 'unavailable'; // 503

export interface ErrorDefinition {
  /** Stable, dotted, machine-readable: clients switch on it. */
  readonly code: string;
  readonly kind: ErrorKind;
  /** A short human summary that does not change from occurrence to occurrence. */
  readonly title: string;
}

/** Declares a module's error codes in one place: `export const NominationErrors = defineErrors({...})`. */
export function defineErrors<const T extends Record<string, ErrorDefinition>>(definitions: T): T {
  return definitions;
}

export class DomainError extends Error {
  constructor(
    readonly definition: ErrorDefinition,
    /** Explanation of this occurrence (RFC 9457 `detail`). */
    readonly detail?: string,
    /** Extension members added to the problem document. */
    readonly extensions: Record<string, unknown> = {},
    /** Response headers such as `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? definition.title);
    this.name = 'DomainError';
  }
}

export const CommonErrors = defineErrors({
  validation: { code: 'request.validation_failed', kind: 'invalid', title: 'The request is not valid' },
  malformedBody: {
    code: 'request.malformed_body',
    kind: 'invalid',
    title: 'The request body is not valid JSON',
  },
  bodyTooLarge: { code: 'request.body_too_large', kind: 'too_large', title: 'The request body is too large' },
  tooDeep: {
    code: 'request.too_deeply_nested',
    kind: 'invalid',
    title: 'The request body nests arrays or objects too deeply',
  },
  badUrl: { code: 'request.bad_url', kind: 'invalid', title: 'The URL is not valid' },
  uriTooLong: {
    code: 'request.uri_too_long',
    kind: 'uri_too_long',
    title: 'A path parameter is too long',
  },
  unsupportedMediaType: {
    code: 'request.unsupported_media_type',
    kind: 'unsupported_media_type',
    title: 'This media type is not accepted',
  },
  routeNotFound: { code: 'request.route_not_found', kind: 'not_found', title: 'No such route' },
  notFound: { code: 'resource.not_found', kind: 'not_found', title: 'Not found' },
  unauthenticated: {
    code: 'auth.unauthenticated',
    kind: 'unauthenticated',
    title: 'Authentication is required',
  },
  forbidden: { code: 'auth.forbidden', kind: 'forbidden', title: 'Your role may not do this' },
  crossOrigin: {
    code: 'request.cross_origin',
    kind: 'forbidden',
    title: 'A page of another site may not change anything here',
  },
  rateLimited: { code: 'request.rate_limited', kind: 'rate_limited', title: 'Too many requests' },
  idempotencyConflict: {
    code: 'request.idempotency_key_reused',
    kind: 'conflict',
    title: 'This Idempotency-Key was used for a different request',
  },
  idempotencyInProgress: {
    code: 'request.idempotency_in_progress',
    kind: 'conflict',
    title: 'A request with this Idempotency-Key is still being processed',
  },
  staleVersion: {
    code: 'request.stale_version',
    kind: 'conflict',
    title: 'The resource changed since you read it',
  },
  unavailable: {
    code: 'service.unavailable',
    kind: 'unavailable',
    title: 'A service the platform depends on is unavailable',
  },
  internal: { code: 'internal_error', kind: 'unavailable', title: 'Internal error' },
});

import { createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../../database/transaction.js';
import { canonicalJson, sha256Hex } from '../canonical-json.js';
import type { AuthenticatedRequest } from '../auth/authenticated.decorator.js';
import { CommonErrors, DomainError } from '../errors/domain-error.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/** A stored outcome is answered for this long; afterwards the key may be used afresh (and is swept). */
export const IDEMPOTENCY_KEY_RETENTION = '24 hours';
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/** What a creating request sent with `Idempotency-Key` is identified by: who, which key, which route. */
export interface IdempotentRequest {
  userId: string;
  key: string;
  /** `POST /api/v1/nominations/:id/attachments`: the route pattern, not the URL. */
  route: string;
}

/**
 * The request's `Idempotency-Key`, or null when it has none. A key that is not 1–255 visible ASCII
 * characters is a 400.
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): IdempotentRequest | null => {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return null;
    if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
      throw new DomainError(
        CommonErrors.validation,
        'Idempotency-Key must be 1–255 visible ASCII characters',
        {
          errors: [{ field: 'Idempotency-Key', messages: ['must be 1–255 visible ASCII characters'] }],
        },
      );
    }
    if (!request.caller) throw new Error('IdempotencyKey used on a route without @Authenticated()');
    return {
      userId: request.caller.userId,
      key: header,
      route: `${request.method} ${request.routeOptions.url ?? request.url}`,
    };
  },
);

/** Documents the header on a route that honours it. */
export const ApiIdempotencyKey = (): MethodDecorator =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Retry-safe creation: the same key and body from the same user replays the first response (header `Idempotent-Replayed: true`); the same key with another body is a 409.',
  });

export interface IdempotentOutcome<T> {
  value: T;
  /** True when `value` is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

interface StoredKey {
  route: string;
  request_hash: string;
  response_body: unknown;
}

/**
 * Runs a creating request at most once per (user, Idempotency-Key), across any number of API instances.
 *
 * The key row is inserted first in the same transaction as the work and completed with the response before
 * it commits. A concurrent retry's INSERT therefore waits on the primary key until the first transaction
 * ends: after a commit it finds the stored response and replays it; after a rollback (the work failed) it
 * runs the work itself. There is no "in progress" state that a crash could leave behind.
 */
@Injectable()
export class IdempotentRequests {
  constructor(private readonly transactions: Transactions) {}

  /**
   * `fingerprint` is whatever identifies the request's content (body, path parameters, an upload's
   * SHA-256): the same key with another fingerprint is refused as `request.idempotency_key_reused`.
   * `work` must return plain JSON: that is what a replay answers.
   */
  async run<T>(
    request: IdempotentRequest | null,
    fingerprint: unknown,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<IdempotentOutcome<T>> {
    if (!request) return { value: await this.transactions.run(work), replayed: false };
    const requestHash = sha256Hex(canonicalJson({ route: request.route, fingerprint: fingerprint ?? null }));
    return this.transactions.run(async (manager) => {
      const claimed = await manager.query<{ key: string }[]>(
        `INSERT INTO idempotency_keys (user_id, key, route, request_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT pk_idempotency_keys DO UPDATE
           SET route = EXCLUDED.route, request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL, created_at = now()
           WHERE idempotency_keys.created_at < now() - interval '${IDEMPOTENCY_KEY_RETENTION}'
         RETURNING key`,
        [request.userId, request.key, request.route, requestHash],
      );
      if (!claimed.length) {
        const [stored] = await manager.query<StoredKey[]>(
          `SELECT route, request_hash, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
          [request.userId, request.key],
        );
        if (!stored || stored.route !== request.route || stored.request_hash !== requestHash) {
          throw new DomainError(
            CommonErrors.idempotencyConflict,
            'This Idempotency-Key was already used for a different request; use a new key for a new request.',
          );
        }
        return { value: stored.response_body as T, replayed: true };
      }
      const value = await work(manager);
      await manager.query(
        `UPDATE idempotency_keys SET response_status = 201, response_body = $3::jsonb WHERE user_id = $1 AND key = $2`,
        [request.userId, request.key, JSON.stringify(value)],
      );
      return { value, replayed: false };
    });
  }
}

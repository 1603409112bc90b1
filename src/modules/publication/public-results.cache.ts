import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { sha256Hex } from '../../common/canonical-json.js';
import { InjectRedis } from '../../common/redis/redis.module.js';

export type PublicDocumentKind = 'results' | 'manifest';

/** A public document exactly as served: its bytes, their strong ETag and the moment it may be served from. */
export interface PublicDocument {
  body: string;
  etag: string;
  releaseAt: Date;
}

/** A document held in this process, with its bytes encoded once. */
export interface HeldDocument extends PublicDocument {
  bytes: Buffer;
}

export function publicDocument(body: string, releaseAt: Date): PublicDocument {
  return { body, etag: `"${sha256Hex(body)}"`, releaseAt };
}

/** Published documents never change, but a cache that forgets unused editions keeps Redis small. */
const TTL_SECONDS = 24 * 3600;
/** How long this process keeps a document without asking Redis again, and how many it keeps. */
const LOCAL_TTL_MS = 60_000;
const LOCAL_ENTRIES = 256;

/**
 * Published results in Redis, filled at publication and refilled from PostgreSQL on a miss, with a small
 * copy in each process in front of it: a published document never changes, and a hot results page would
 * otherwise fetch and decode the same kilobytes from Redis on every request. Redis being down only costs
 * speed: a failed read is a miss, a failed write is skipped.
 */
@Injectable()
export class PublicResultsCache {
  private readonly local = new Map<string, { document: HeldDocument; expiresAt: number }>();

  constructor(@InjectRedis() private readonly redis: Redis) {}

  async get(slug: string, kind: PublicDocumentKind): Promise<HeldDocument | null> {
    const name = key(slug, kind);
    const held = this.local.get(name);
    if (held && held.expiresAt > Date.now()) return held.document;
    try {
      const [body, etag, releaseAt] = (await this.redis.hmget(name, 'body', 'etag', 'releaseAt')) as [
        string | null,
        string | null,
        string | null,
      ];
      if (body === null || etag === null || releaseAt === null) return null;
      return this.hold(name, { body, etag, releaseAt: new Date(Number(releaseAt)) });
    } catch {
      return null;
    }
  }

  async put(slug: string, kind: PublicDocumentKind, document: PublicDocument): Promise<HeldDocument> {
    const name = key(slug, kind);
    try {
      await this.redis
        .multi()
        .hset(name, {
          body: document.body,
          etag: document.etag,
          releaseAt: String(document.releaseAt.getTime()),
        })
        .expire(name, TTL_SECONDS)
        .exec();
    } catch {
      // The next read refills it from PostgreSQL.
    }
    return this.hold(name, document);
  }

  private hold(name: string, document: PublicDocument): HeldDocument {
    const held = { ...document, bytes: Buffer.from(document.body, 'utf8') };
    this.local.delete(name);
    if (this.local.size >= LOCAL_ENTRIES) this.local.delete(this.local.keys().next().value!);
    this.local.set(name, { document: held, expiresAt: Date.now() + LOCAL_TTL_MS });
    return held;
  }
}

function key(slug: string, kind: PublicDocumentKind): string {
  return `public-results:${slug}:${kind}`;
}

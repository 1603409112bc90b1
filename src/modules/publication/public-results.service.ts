import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasRole, type Caller } from '../../common/auth/roles.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { SLUG_PATTERN } from '../editions/dto/validation.js';
import {
  publicDocument,
  PublicResultsCache,
  type PublicDocument,
  type PublicDocumentKind,
} from './public-results.cache.js';
import { PublicationService } from './publication.service.js';
import { PublicationErrors } from './publication.errors.js';

export interface ServedDocument extends PublicDocument {
  /** The body encoded, when a cache holds it so. */
  bytes?: Buffer;
  /** An organiser's look at unpublished results: never cached anywhere. */
  preview: boolean;
}

/**
 * Published results for everyone: from Redis, else from PostgreSQL (refilling Redis). Before publication,
 * and before the embargo by the server clock whatever any job did, the answer is the same 404 as for a slug
 * that was never used, from the same single query; only organisers get a preview instead.
 */
@Injectable()
export class PublicResultsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cache: PublicResultsCache,
    private readonly publication: PublicationService,
  ) {}

  async document(
    slug: string,
    kind: PublicDocumentKind,
    caller: Caller | undefined,
  ): Promise<ServedDocument> {
    // No edition can have such a slug; answering at once reveals nothing the slug rules don't say.
    if (slug.length > 80 || !SLUG_PATTERN.test(slug))
      throw new DomainError(PublicationErrors.resultsNotFound);
    const now = this.clock.now();
    const cached = await this.cache.get(slug, kind);
    if (cached && cached.releaseAt <= now) return { ...cached, preview: false };

    const [row] = await this.dataSource.query<{ body: string; release_at: Date }[]>(
      `SELECT p.${kind === 'results' ? 'results' : 'manifest'} AS body, p.release_at
         FROM edition_settings e JOIN publications p ON p.edition_id = e.id AND p.status = 'published'
        WHERE e.slug = $1`,
      [slug],
    );
    if (row && row.release_at <= now) {
      return {
        ...(await this.cache.put(slug, kind, publicDocument(row.body, row.release_at))),
        preview: false,
      };
    }

    if (caller && hasRole(caller, 'organiser')) {
      const preview = await this.publication.preview(slug);
      if (preview) return { ...preview[kind], preview: true };
    }
    throw new DomainError(PublicationErrors.resultsNotFound);
  }
}

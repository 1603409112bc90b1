import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sha256Hex } from '../../common/canonical-json.js';
import { Clock } from '../../common/clock.js';

/** One published edition, as the public list shows it. */
export interface PublicEdition {
  slug: string;
  name: string;
  /** The calendar year (UTC) the results were published in. */
  year: number;
  publishedAt: string;
  categoryCount: number;
  nominationCount: number;
  /** The public results (JSON) and their manifest. */
  resultsUrl: string;
  manifestSha256: string;
}

/** The list as served: the editions, newest publication first, with the strong ETag of its bytes. */
export interface PublicEditionList {
  editions: PublicEdition[];
  body: string;
  etag: string;
}

/**
 * The editions whose results are public, for everyone: only published ones whose release time has come by
 * the server clock, so an embargoed or unpublished edition never appears. Read from the published results
 * documents themselves (what the public may see), never from the editions being prepared.
 */
@Injectable()
export class PublicEditions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<PublicEditionList> {
    const rows = await this.dataSource.query<
      {
        slug: string;
        name: string;
        publishedAt: Date;
        manifestSha256: string;
        categoryCount: number;
        nominationCount: number;
      }[]
    >(
      `SELECT r.doc->'edition'->>'slug' AS slug, r.doc->'edition'->>'name' AS name,
              p.published_at AS "publishedAt", p.manifest_sha256 AS "manifestSha256",
              jsonb_array_length(r.doc->'categories') AS "categoryCount",
              (SELECT coalesce(sum(jsonb_array_length(c->'nominations')), 0)::int
                 FROM jsonb_array_elements(r.doc->'categories') c) AS "nominationCount"
         FROM publications p CROSS JOIN LATERAL (SELECT p.results::jsonb AS doc) r
        WHERE p.status = 'published' AND p.release_at <= $1 AND p.results IS NOT NULL
        ORDER BY p.published_at DESC, slug`,
      [this.clock.now()],
    );
    const editions = rows.map((row): PublicEdition => ({
      slug: row.slug,
      name: row.name,
      year: row.publishedAt.getUTCFullYear(),
      publishedAt: row.publishedAt.toISOString(),
      categoryCount: row.categoryCount,
      nominationCount: row.nominationCount,
      resultsUrl: `/api/v1/public/editions/${row.slug}/results`,
      manifestSha256: row.manifestSha256,
    }));
    const body = JSON.stringify({ editions });
    return { editions, body, etag: `"${sha256Hex(body)}"` };
  }
}

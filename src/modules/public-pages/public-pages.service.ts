import { gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import type { Locale } from '../../common/auth/roles.js';
import { sha256Hex } from '../../common/canonical-json.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { BUILT_WEB_DIR } from '../../common/http/web-app.js';
import { AppConfig } from '../../config/app-config.js';
import type { PublicResults } from '../publication/manifest.js';
import { PublicEditions } from '../publication/public-editions.js';
import { PublicationErrors } from '../publication/publication.errors.js';
import { PublicResultsService } from '../publication/public-results.service.js';
import { editionsPage, notFoundPage, resultsPage, type PageContext } from './pages.js';
import { PUBLIC_PAGES_CSS } from './style.js';
import { builtVerifierScript } from './verifier-script.js';

/** One encoding of a page: its bytes and their strong ETag. */
export interface PageBytes {
  body: Buffer;
  etag: string;
}

/** A rendered page, as is and gzipped (compressed once, when rendered), and whether it exists (else: the 404 page). */
export interface RenderedPage {
  found: boolean;
  identity: PageBytes;
  gzip: PageBytes;
}

const PAGES_KEPT = 512;

export const STYLESHEET: { body: Buffer; etag: string; path: string } = (() => {
  const digest = sha256Hex(PUBLIC_PAGES_CSS);
  return {
    body: Buffer.from(PUBLIC_PAGES_CSS, 'utf8'),
    etag: `"${digest}"`,
    path: `/results/style.css?v=${digest.slice(0, 12)}`,
  };
})();

function bytes(body: Buffer): PageBytes {
  return { body, etag: `"${sha256Hex(body)}"` };
}

function page(found: boolean, text: string): RenderedPage {
  const body = Buffer.from(text, 'utf8');
  return { found, identity: bytes(body), gzip: bytes(gzipSync(body, { level: 9 })) };
}

/**
 * The public results pages, rendered from the published documents the publication module serves (the
 * public results JSON and the list of published editions), never from tables of their own. A results page
 * is rendered once per edition, language and results document and kept in this process: the document never
 * changes once published, and its ETag is part of the key.
 */
@Injectable()
export class PublicPages {
  private readonly rendered = new Map<string, { sourceTag: string; page: RenderedPage }>();
  private readonly publicUrl: string;
  private readonly verifierScript: string | null;

  constructor(
    private readonly results: PublicResultsService,
    private readonly editions: PublicEditions,
    config: AppConfig,
  ) {
    this.publicUrl = config.PUBLIC_URL.replace(/\/+$/, '');
    // Fixed for the life of the process, as is the web app it belongs to.
    this.verifierScript = builtVerifierScript(config.WEB_DIST_DIR || BUILT_WEB_DIR);
  }

  private context(locale: Locale): PageContext {
    return {
      locale,
      publicUrl: this.publicUrl,
      stylesheet: STYLESHEET.path,
      verifierScript: this.verifierScript,
    };
  }

  async editionList(locale: Locale): Promise<RenderedPage> {
    const list = await this.editions.list();
    return this.remember(`list:${locale}`, list.etag, () =>
      page(true, editionsPage(this.context(locale), list.editions)),
    );
  }

  /** The results page, or the not-found page — the same for an unknown edition and unpublished results. */
  async edition(slug: string, locale: Locale): Promise<RenderedPage> {
    let document;
    try {
      document = await this.results.document(slug, 'results', undefined);
    } catch (error) {
      if (error instanceof DomainError && error.definition === PublicationErrors.resultsNotFound)
        return this.notFound(locale);
      throw error;
    }
    return this.remember(`edition:${slug}:${locale}`, document.etag, () =>
      page(true, resultsPage(this.context(locale), JSON.parse(document.body) as PublicResults)),
    );
  }

  notFound(locale: Locale): RenderedPage {
    return this.remember(`not-found:${locale}`, '', () => page(false, notFoundPage(this.context(locale))));
  }

  private remember(key: string, sourceTag: string, render: () => RenderedPage): RenderedPage {
    const held = this.rendered.get(key);
    if (held && held.sourceTag === sourceTag) return held.page;
    const fresh = render();
    this.rendered.delete(key);
    if (this.rendered.size >= PAGES_KEPT) this.rendered.delete(this.rendered.keys().next().value!);
    this.rendered.set(key, { sourceTag, page: fresh });
    return fresh;
  }
}

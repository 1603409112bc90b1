import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/authenticated.decorator.js';
import { noneMatch } from '../../common/http/conditional.js';
import { pickLocale } from './locale.js';
import { PublicPages, STYLESHEET, type RenderedPage } from './public-pages.service.js';

const HTML = 'text/html; charset=utf-8';

/**
 * The public results as HTML pages rendered on the server: shareable, readable without JavaScript, with
 * Open Graph tags for link previews. Outside the API prefix (`/results`), so not part of the API document.
 */
@ApiExcludeController()
@Controller('results')
export class PublicPagesController {
  constructor(private readonly pages: PublicPages) {}

  @Get()
  @Public()
  async list(
    @Query('lang') lang: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.pages.editionList(pickLocale(lang, acceptLanguage));
    await send(reply, page, { ifNoneMatch, acceptEncoding });
  }

  @Get('style.css')
  @Public()
  async stylesheet(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    void reply.header('etag', STYLESHEET.etag).header('cache-control', 'public, max-age=86400');
    if (noneMatch(ifNoneMatch, STYLESHEET.etag)) {
      await reply.status(304).send();
      return;
    }
    await reply.status(200).header('content-type', 'text/css; charset=utf-8').send(STYLESHEET.body);
  }

  @Get(':slug')
  @Public()
  async edition(
    @Param('slug') slug: string,
    @Query('lang') lang: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.pages.edition(slug, pickLocale(lang, acceptLanguage));
    await send(reply, page, { ifNoneMatch, acceptEncoding });
  }
}

/** Whether Accept-Encoding admits gzip (`gzip`, `x-gzip` or `*`, not at q=0). */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') return false;
    return !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}

/**
 * A found page is public and revalidated with its ETag (like the results JSON), gzipped for clients that
 * take it (compressed once per page, not per request); the language may come from Accept-Language, hence
 * `Vary`. The not-found page is answered alike for every missing or unpublished edition, and never cached:
 * the edition may be published a minute later.
 */
async function send(
  reply: FastifyReply,
  page: RenderedPage,
  request: { ifNoneMatch: string | undefined; acceptEncoding: string | undefined },
): Promise<void> {
  void reply.header('vary', 'Accept-Language, Accept-Encoding');
  const gzip = acceptsGzip(request.acceptEncoding);
  const chosen = gzip ? page.gzip : page.identity;
  if (gzip) void reply.header('content-encoding', 'gzip');
  if (!page.found) {
    await reply.status(404).header('content-type', HTML).send(chosen.body);
    return;
  }
  void reply.header('etag', chosen.etag).header('cache-control', 'public, max-age=60');
  if (noneMatch(request.ifNoneMatch, chosen.etag)) {
    void reply.removeHeader('content-encoding');
    await reply.status(304).send();
    return;
  }
  await reply.status(200).header('content-type', HTML).send(chosen.body);
}

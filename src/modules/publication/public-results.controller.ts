import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OptionalCaller, Public } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import type { PublicDocumentKind } from './public-results.cache.js';
import { PublicResultsResponse, ResultsManifestResponse } from './dto/public-results.response.js';
import { PublicResultsService, type ServedDocument } from './public-results.service.js';

const IF_NONE_MATCH = {
  name: 'If-None-Match',
  required: false,
  description: 'The ETag last read: 304 when unchanged',
};

@ApiTags('public')
@Controller('public/editions')
export class PublicResultsController {
  constructor(private readonly results: PublicResultsService) {}

  @Get(':slug/results')
  @Public({ identifyCaller: true })
  @ApiOperation({
    summary:
      'Published results: per category the ranking, winners and finalists (organisers may preview before publication)',
  })
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({
    type: PublicResultsResponse,
    description: 'With a strong ETag and Cache-Control: public, max-age=60',
  })
  @ApiNotFoundResponse({ description: 'Unknown edition, or results not (yet) public' })
  async get(
    @Param('slug') slug: string,
    @OptionalCaller() caller: Caller | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.serve(reply, 'results', slug, caller, ifNoneMatch);
  }

  @Get(':slug/results/manifest')
  @Public({ identifyCaller: true })
  @ApiOperation({
    summary:
      'The results manifest: algorithm, rules, anonymised score matrix, ranking, audit chain head and the SHA-256 of its canonical JSON; check it with `npm run verify`',
  })
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({
    type: ResultsManifestResponse,
    description: 'With a strong ETag and Cache-Control: public, max-age=60',
  })
  @ApiNotFoundResponse({ description: 'Unknown edition, or results not (yet) public' })
  async manifest(
    @Param('slug') slug: string,
    @OptionalCaller() caller: Caller | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.serve(reply, 'manifest', slug, caller, ifNoneMatch);
  }

  private async serve(
    reply: FastifyReply,
    kind: PublicDocumentKind,
    slug: string,
    caller: Caller | undefined,
    ifNoneMatch: string | undefined,
  ): Promise<void> {
    const document = await this.results.document(slug, kind, caller);
    if (document.preview) {
      await reply
        .status(200)
        .header('content-type', 'application/json; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(document.body);
      return;
    }
    void reply.header('etag', document.etag).header('cache-control', 'public, max-age=60');
    if (matches(ifNoneMatch, document)) {
      await reply.status(304).send();
      return;
    }
    await reply
      .status(200)
      .header('content-type', 'application/json; charset=utf-8')
      .send(document.bytes ?? document.body);
  }
}

/** RFC 9110 If-None-Match: `*` or a list of tags, compared weakly. */
function matches(header: string | undefined, document: ServedDocument): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === document.etag);
}

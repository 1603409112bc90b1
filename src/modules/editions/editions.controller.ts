import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import type { Page } from '../../common/http/pagination.js';
import { ChangePhaseDto, CreateEditionDto, EditionListQuery, UpdateEditionDto } from './dto/edition.dto.js';
import { EditionsService } from './editions.service.js';
import type { Edition } from './entities/edition.entity.js';
import { etagOf, parseIfMatch } from '../../common/http/etag.js';
import { type EditionView, toEditionView } from './views.js';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag last read; a stale one is refused with 409 request.stale_version',
};

@ApiTags('editions')
@Controller('editions')
export class EditionsController {
  constructor(private readonly editions: EditionsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Editions, newest first (organisers also see drafts)' })
  async list(@CurrentCaller() caller: Caller, @Query() query: EditionListQuery): Promise<Page<EditionView>> {
    const result = await this.editions.list(caller, query);
    return { ...result, items: result.items.map(toEditionView) };
  }

  @Post()
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Create an edition in draft, with the four standard categories' })
  @ApiConflictResponse({ description: 'editions.slug_taken' })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateEditionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EditionView> {
    const edition = await this.editions.create(caller, dto);
    void reply.header('Location', `/api/v1/editions/${edition.id}`);
    return this.withEtag(reply, edition);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One edition; the ETag header carries its version' })
  @ApiNotFoundResponse({ description: 'Unknown, or a draft and the caller is no organiser' })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EditionView> {
    return this.withEtag(reply, await this.editions.findVisible(caller, id));
  }

  @Patch(':id')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Change name, slug, timeline or rules; the timeline is validated as a whole, judging rules freeze when judging opens',
  })
  @ApiHeader(IF_MATCH)
  @ApiConflictResponse({
    description:
      'request.stale_version, editions.judging_rules_frozen, editions.slug_taken, editions.wrong_phase (archived)',
  })
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateEditionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EditionView> {
    return this.withEtag(
      reply,
      await this.editions.update(caller, id, dto, parseIfMatch(ifMatch, 'edition')),
    );
  }

  @Post(':id/phase')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Move the edition to the next phase (draft → nominations → eligibility → judging → tallying → results_ready → published → archived)',
  })
  @ApiHeader(IF_MATCH)
  @ApiConflictResponse({
    description:
      'editions.invalid_phase_transition (with currentPhase), editions.no_categories, editions.results_embargoed, request.stale_version',
  })
  async changePhase(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ChangePhaseDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EditionView> {
    return this.withEtag(
      reply,
      await this.editions.changePhase(caller, id, dto.phase, parseIfMatch(ifMatch, 'edition')),
    );
  }

  private withEtag(reply: FastifyReply, edition: Edition): EditionView {
    void reply.header('ETag', etagOf(edition.version));
    return toEditionView(edition);
  }
}

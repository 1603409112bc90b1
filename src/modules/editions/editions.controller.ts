import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import type { Page } from '../../common/http/pagination.js';
import { ChangePhaseDto, CreateEditionDto, EditionListQuery, UpdateEditionDto } from './dto/edition.dto.js';
import { EditionPage, EditionResponse, PhaseReadinessResponse } from './dto/edition.response.js';
import { EditionsService } from './editions.service.js';
import { ApiVersioned, type ExpectedVersions, IfMatch, withEtag } from '../../common/http/etag.js';
import { type EditionView, toEditionView } from './views.js';

@ApiTags('editions')
@Controller('editions')
export class EditionsController {
  constructor(private readonly editions: EditionsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Editions, newest first (organisers also see drafts)' })
  @ApiOkResponse({ type: EditionPage })
  async list(@CurrentCaller() caller: Caller, @Query() query: EditionListQuery): Promise<Page<EditionView>> {
    const result = await this.editions.list(caller, query);
    return { ...result, items: result.items.map(toEditionView) };
  }

  @Post()
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Create an edition in draft, with the four standard categories' })
  @ApiConflictResponse({ description: 'editions.slug_taken' })
  @ApiVersioned({ status: 201 })
  @ApiCreatedResponse({ type: EditionResponse, description: 'With Location' })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateEditionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EditionView> {
    const edition = await this.editions.create(caller, dto);
    void reply.header('Location', `/api/v1/editions/${edition.id}`);
    return withEtag(reply, toEditionView(edition));
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One edition; the ETag header carries its version' })
  @ApiOkResponse({ type: EditionResponse })
  @ApiNotFoundResponse({ description: 'Unknown, or a draft and the caller is no organiser' })
  @ApiVersioned()
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EditionView> {
    return withEtag(reply, toEditionView(await this.editions.findVisible(caller, id)));
  }

  @Patch(':id')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Change name, slug, timeline or rules; the timeline is validated as a whole, judging rules freeze when judging opens',
  })
  @ApiVersioned({ write: true })
  @ApiOkResponse({ type: EditionResponse })
  @ApiConflictResponse({
    description: 'editions.judging_rules_frozen, editions.slug_taken, editions.wrong_phase (archived)',
  })
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateEditionDto,
    @IfMatch('edition') expected: ExpectedVersions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EditionView> {
    return withEtag(reply, toEditionView(await this.editions.update(caller, id, dto, expected)));
  }

  @Get(':id/phase')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      "The edition's phase, the next one, and what would refuse the move to it now (the checks of POST /editions/{id}/phase)",
  })
  @ApiOkResponse({ type: PhaseReadinessResponse })
  @ApiNotFoundResponse({ description: 'editions.not_found' })
  async phaseReadiness(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<PhaseReadinessResponse> {
    const readiness = await this.editions.phaseReadiness(caller, id);
    return {
      ...readiness,
      blockers: readiness.blockers.map(({ error, params }) => ({
        code: error.code,
        title: error.title,
        params,
      })),
    };
  }

  @Post(':id/phase')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Move the edition to the next phase (draft → nominations → eligibility → judging → tallying → results_ready → published → archived)',
  })
  @ApiVersioned({ write: true })
  @ApiOkResponse({ type: EditionResponse })
  @ApiConflictResponse({
    description:
      'editions.invalid_phase_transition (with currentPhase), editions.no_categories (into nominations); nominations.eligibility_undecided (count), rounds.none, panels.missing (count, categories) (into judging); editions.results_embargoed (into published). The first blocker GET /editions/{id}/phase lists.',
  })
  async changePhase(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ChangePhaseDto,
    @IfMatch('edition') expected: ExpectedVersions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EditionView> {
    return withEtag(reply, toEditionView(await this.editions.changePhase(caller, id, dto.phase, expected)));
  }
}

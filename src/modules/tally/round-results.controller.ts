import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import {
  AdvanceService,
  type AdvanceOutcome,
  type AdvancePreview,
  type ShortlistAnnouncement,
} from './advance.service.js';
import { AdvancePreviewQuery, AdvanceRoundDto, RoundResultsQuery } from './dto/advance.dto.js';
import { type Page, PageQuery } from '../../common/http/pagination.js';
import {
  AdvancePreviewResponse,
  AdvanceResponse,
  RankingPage,
  RoundResultsResponse,
  ShortlistAnnouncementResponse,
  TallyRequestedResponse,
} from './dto/results.response.js';
import { type NominationResultView, ResultsService, type RoundResultsView } from './results.service.js';
import { TallyService, type TallyRequested } from './tally.service.js';

@ApiTags('tally')
@Controller('rounds')
export class RoundResultsController {
  constructor(
    private readonly tally: TallyService,
    private readonly results: ResultsService,
    private readonly advancing: AdvanceService,
  ) {}

  @Post(':id/close')
  @HttpCode(202)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Close an open round (scorecards freeze) and tally every category in the background; the edition moves from judging to tallying',
  })
  @ApiAcceptedResponse({
    type: TallyRequestedResponse,
    description: 'The tally jobs, one per category: follow them in GET /rounds/{id}/results',
  })
  @ApiConflictResponse({ description: 'rounds.closed, editions.wrong_phase (needs judging or tallying)' })
  close(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<TallyRequested> {
    return this.tally.closeRound(caller, id);
  }

  @Post(':id/tally')
  @HttpCode(202)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Tally a closed round again; unchanged scorecards find their existing snapshot' })
  @ApiAcceptedResponse({ type: TallyRequestedResponse, description: 'The tally jobs, one per category' })
  @ApiConflictResponse({ description: 'rounds.open' })
  retally(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<TallyRequested> {
    return this.tally.requestTally(caller, id);
  }

  @Get(':id/results')
  @Authenticated()
  @ApiOperation({
    summary:
      'Organisers: per category the latest tally (ranking, scores, flags, tie-breakers, juror statistics) and the latest run with its status or error',
  })
  @ApiOkResponse({ type: RoundResultsResponse })
  @ApiNotFoundResponse({ description: 'Unknown round, or the caller is no organiser' })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: RoundResultsQuery,
  ): Promise<RoundResultsView> {
    return this.results.results(caller, id, { pageSize: query.pageSize });
  }

  @Get(':id/results/:categoryId/ranking')
  @Authenticated()
  @ApiOperation({
    summary:
      "Organisers: one page of a category's latest ranking, in rank order (empty before its first tally)",
  })
  @ApiOkResponse({ type: RankingPage })
  @ApiNotFoundResponse({
    description: 'Unknown round, the caller is no organiser, or the category is not of its edition',
  })
  @ApiConflictResponse({ description: 'tally.conflicts_awaiting_decision' })
  ranking(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('categoryId', new ParseUUIDPipe()) categoryId: string,
    @Query() query: PageQuery,
  ): Promise<Page<NominationResultView>> {
    return this.results.ranking(caller, id, categoryId, query);
  }

  @Get(':id/results.csv')
  @Authenticated()
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Organisers: the results as CSV, one line per nomination' })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'text/csv; charset=utf-8, as an attachment' })
  @ApiNotFoundResponse({ description: 'Unknown round, or the caller is no organiser' })
  async resultsCsv(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return csv(reply, `results-${id}.csv`, await this.results.resultsCsv(caller, id));
  }

  @Get(':id/scoresheet.csv')
  @Authenticated()
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'Organisers: every counted scorecard as CSV, jurors by pseudonym, with criterion scores and totals',
  })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'text/csv; charset=utf-8, as an attachment' })
  @ApiNotFoundResponse({ description: 'Unknown round, or the caller is no organiser' })
  async scoresheetCsv(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return csv(reply, `scoresheet-${id}.csv`, await this.results.scoresheetCsv(caller, id));
  }

  @Post(':id/advance')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Shortlist the top N of each category of a closed, tallied round (ties at the cut included) and open the next round with assignments',
  })
  @ApiConflictResponse({
    description:
      'rounds.open, tally.not_current, rounds.next_round_exists, rounds.nothing_to_advance, editions.wrong_phase (needs tallying)',
  })
  @ApiOkResponse({ type: AdvanceResponse })
  advance(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AdvanceRoundDto,
  ): Promise<AdvanceOutcome> {
    return this.advancing.advance(caller, id, dto.topN);
  }

  @Get(':id/advance-preview')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'What POST /rounds/{id}/advance with this topN would shortlist now (computed by the same code), with the ties at the cut named; changes nothing',
  })
  @ApiOkResponse({ type: AdvancePreviewResponse })
  @ApiNotFoundResponse({ description: 'rounds.not_found' })
  @ApiConflictResponse({
    description:
      'rounds.open, tally.not_current, rounds.next_round_exists, editions.wrong_phase (needs tallying)',
  })
  advancePreview(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: AdvancePreviewQuery,
  ): Promise<AdvancePreview> {
    return this.advancing.preview(id, query.topN);
  }

  @Post(':id/announce-shortlist')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      "Show entrants the shortlist this round advanced: until then they see their nominations' earlier status (organisers always see the true one). Audited",
  })
  @ApiNotFoundResponse({ description: 'rounds.not_found' })
  @ApiConflictResponse({
    description: 'rounds.shortlist_not_advanced, rounds.shortlist_already_announced',
  })
  @ApiOkResponse({ type: ShortlistAnnouncementResponse })
  announceShortlist(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ShortlistAnnouncement> {
    return this.advancing.announceShortlist(caller, id);
  }
}

function csv(reply: FastifyReply, filename: string, body: string): string {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store');
  return body;
}

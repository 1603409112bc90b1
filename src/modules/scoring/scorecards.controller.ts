import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiVersioned, type ExpectedVersions, IfMatch, withEtag } from '../../common/http/etag.js';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { SaveScorecardDto, SubmitScorecardDto } from './dto/scorecard.dto.js';
import { ScorecardResponse } from './dto/scorecard.response.js';
import { ScorecardsService, type ScorecardView } from './scorecards.service.js';

const NOT_YOURS =
  'Not assigned to you in this round, or you have a conflict of interest with its company (same answer as an unknown id)';
const WRITE_CONFLICTS =
  'rounds.closed, editions.wrong_phase, scorecards.judging_not_open, conflicts.not_confirmed';

@ApiTags('scoring')
@Controller('rounds/:roundId/scorecards/:nominationId')
export class ScorecardsController {
  constructor(private readonly scorecards: ScorecardsService) {}

  @Get()
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({
    summary: 'Your scorecard for a nomination in a round (version 0 until first saved); only ever your own',
  })
  @ApiVersioned()
  @ApiOkResponse({ type: ScorecardResponse })
  @ApiNotFoundResponse({ description: NOT_YOURS })
  async read(
    @CurrentCaller() caller: Caller,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Param('nominationId', new ParseUUIDPipe()) nominationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScorecardView> {
    return withEtag(reply, await this.scorecards.read(caller, roundId, nominationId));
  }

  @Put()
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({
    summary: 'Save your scorecard as a draft (integers within each scale; criteria may be left out)',
  })
  @ApiVersioned({ write: true })
  @ApiOkResponse({ type: ScorecardResponse })
  @ApiBadRequestResponse({
    description: 'scorecards.invalid_scores (unknown criterion, not an integer, outside the scale)',
  })
  @ApiNotFoundResponse({ description: NOT_YOURS })
  @ApiConflictResponse({ description: WRITE_CONFLICTS })
  async save(
    @CurrentCaller() caller: Caller,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Param('nominationId', new ParseUUIDPipe()) nominationId: string,
    @Body() dto: SaveScorecardDto,
    @IfMatch('scorecard') expected: ExpectedVersions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScorecardView> {
    return withEtag(reply, await this.scorecards.save(caller, roundId, nominationId, dto, expected));
  }

  @Post('submit')
  @HttpCode(200)
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({
    summary: 'Submit your scorecard: every criterion scored (from the body, or else the saved draft)',
  })
  @ApiVersioned({ write: true })
  @ApiOkResponse({ type: ScorecardResponse })
  @ApiBadRequestResponse({ description: 'scorecards.incomplete, scorecards.invalid_scores' })
  @ApiNotFoundResponse({ description: NOT_YOURS })
  @ApiConflictResponse({ description: WRITE_CONFLICTS })
  async submit(
    @CurrentCaller() caller: Caller,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Param('nominationId', new ParseUUIDPipe()) nominationId: string,
    @Body() dto: SubmitScorecardDto,
    @IfMatch('scorecard') expected: ExpectedVersions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScorecardView> {
    return withEtag(reply, await this.scorecards.submit(caller, roundId, nominationId, dto, expected));
  }
}

import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../../common/auth/authenticated.decorator.js';
import { AnalyticsService, type RoundAnalyticsView } from './analytics.service.js';
import { RoundAnalyticsResponse } from './dto/analytics.response.js';

const REFUSALS =
  'rounds.open (until the round closes nobody sees any of it), tally.no_snapshot (no tally has finished yet), tally.conflicts_awaiting_decision';

/** Jury agreement and juror diagnostics: organisers only, read from what the tally job stored. */
@ApiTags('tally')
@Controller('rounds')
export class RoundAnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get(':id/analytics')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      "Organisers: per category of a closed round, Krippendorff's alpha with its bootstrap interval, Kendall's W per block, and each juror's leniency, agreement, scale use and flags (computed with the tally snapshot)",
  })
  @ApiOkResponse({ type: RoundAnalyticsResponse })
  @ApiNotFoundResponse({ description: 'rounds.not_found' })
  @ApiConflictResponse({ description: REFUSALS })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<RoundAnalyticsView> {
    return this.analytics.analytics(id);
  }

  @Get(':id/analytics/jurors.csv')
  @Authenticated({ roles: ['organiser'] })
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Organisers: the juror diagnostics as CSV, one line per juror and category' })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'text/csv; charset=utf-8, as an attachment' })
  @ApiNotFoundResponse({ description: 'rounds.not_found' })
  @ApiConflictResponse({ description: REFUSALS })
  async jurorsCsv(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const body = await this.analytics.jurorsCsv(id);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="juror-diagnostics-${id}.csv"`)
      .header('cache-control', 'no-store');
    return body;
  }
}

import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../../common/auth/authenticated.decorator.js';
import { NominationExportQuery } from './dto/nomination.dto.js';
import { NominationExport } from './nomination-export.js';

@ApiTags('nominations')
@Controller('editions')
export class NominationExportController {
  constructor(private readonly exports: NominationExport) {}

  @Get(':id/nominations.csv')
  @Authenticated({ roles: ['organiser'] })
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      "Organisers: the edition's nominations as CSV, one line per nomination, with the list's filters (drafts only when asked for)",
  })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'text/csv; charset=utf-8, as an attachment' })
  @ApiNotFoundResponse({ description: 'editions.not_found' })
  async csv(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: NominationExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const body = await this.exports.csv(id, query);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="nominations-${id}.csv"`)
      .header('cache-control', 'no-store');
    return body;
  }
}

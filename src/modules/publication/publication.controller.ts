import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { PublicationResponse } from './dto/publication.response.js';
import { PublishDto } from './dto/publish.dto.js';
import { PublicationService, type PublicationView } from './publication.service.js';

@ApiTags('publication')
@Controller('editions')
export class PublicationController {
  constructor(private readonly publication: PublicationService) {}

  @Post(':id/publish')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      "Publish the final round's results now (200), or at `at` (202, embargo; publishing again reschedules). Winners and finalists are marked, the manifest sealed",
  })
  @ApiOkResponse({ type: PublicationResponse, description: 'Published now' })
  @ApiAcceptedResponse({ type: PublicationResponse, description: 'Scheduled for `at`' })
  @ApiNotFoundResponse({ description: 'editions.not_found' })
  @ApiConflictResponse({
    description:
      'editions.wrong_phase (needs tallying or results_ready), publication.already_published, publication.no_round, rounds.open, tally.not_current, editions.results_embargoed',
  })
  async publish(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: PublishDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const publication = await this.publication.publish(caller, id, dto.at ? new Date(dto.at) : undefined);
    // The status depends on the outcome, which @HttpCode cannot express.
    await reply.status(publication.status === 'scheduled' ? 202 : 200).send(publication);
  }

  @Get(':id/publication')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      "The edition's publication: scheduled or published, with the manifest's SHA-256 and the last release error",
  })
  @ApiOkResponse({ type: PublicationResponse })
  @ApiNotFoundResponse({ description: 'editions.not_found, publication.not_found' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PublicationView> {
    return this.publication.find(id);
  }

  @Delete(':id/publication')
  @HttpCode(204)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Cancel a scheduled publication before its embargo ends: nothing is released (audited). Publish again to reschedule',
  })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiNotFoundResponse({ description: 'editions.not_found, publication.not_found (nothing scheduled)' })
  @ApiConflictResponse({ description: 'publication.already_published: released already, too late' })
  async cancel(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.publication.cancel(caller, id);
  }
}

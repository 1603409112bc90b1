import { Controller, Get, Param, ParseUUIDPipe, Query, Res, type StreamableFile } from '@nestjs/common';
import {
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
  AttachmentDownloadQuery,
  attachmentResponse,
} from '../nominations/attachments/attachment-response.js';
import { MyAssignmentsQuery } from './dto/jury.dto.js';
import {
  NominationForJurorResponse,
  OwnDistributionResponse,
  WorklistResponse,
} from './dto/jury.response.js';
import {
  JurorViewService,
  type NominationForJuror,
  type OwnDistribution,
  type Worklist,
} from './juror-view.service.js';

const NOT_ASSIGNED =
  'Not assigned to you in this round, withdrawn, or you have a conflict of interest with its company (same answer as an unknown id)';

const NOT_DECLARED =
  'conflicts.not_confirmed: your declaration for the edition is not complete yet (the problem names its editionId)';

@ApiTags('jury')
@Controller()
export class JurorViewController {
  constructor(private readonly view: JurorViewService) {}

  @Get('me/assignments')
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({
    summary:
      'Your worklist: the nominations you are to score, with your scorecard status and progress per round',
  })
  @ApiOkResponse({ type: WorklistResponse })
  worklist(@CurrentCaller() caller: Caller, @Query() query: MyAssignmentsQuery): Promise<Worklist> {
    return this.view.worklist(caller, query);
  }

  @Get('me/rounds/:roundId/distribution')
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({
    summary:
      'Your own picture of a round: the distribution of your submitted totals per category against the scale (never anyone else’s scores, nor any aggregate of them)',
  })
  @ApiOkResponse({ type: OwnDistributionResponse })
  @ApiNotFoundResponse({ description: 'No such round, or none of your standing assignments are in it' })
  distribution(
    @CurrentCaller() caller: Caller,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
  ): Promise<OwnDistribution> {
    return this.view.distribution(caller, roundId);
  }

  @Get('rounds/:roundId/nominations/:nominationId')
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({
    summary:
      'A nomination assigned to you, with the criteria to score it on (blind editions: nothing that identifies the company)',
  })
  @ApiOkResponse({ type: NominationForJurorResponse })
  @ApiNotFoundResponse({ description: NOT_ASSIGNED })
  @ApiConflictResponse({ description: NOT_DECLARED })
  nomination(
    @CurrentCaller() caller: Caller,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Param('nominationId', new ParseUUIDPipe()) nominationId: string,
  ): Promise<NominationForJuror> {
    return this.view.nomination(caller, roundId, nominationId);
  }

  @Get('rounds/:roundId/nominations/:nominationId/attachments/:attachmentId')
  @Authenticated({ roles: ['juror'] })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOperation({
    summary:
      'Download an attachment of a nomination assigned to you, or view it with `?disposition=inline` (blind editions: under a generated name)',
  })
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    description: 'The file, with Content-Disposition, a strong ETag and a sandboxing Content-Security-Policy',
  })
  @ApiNotFoundResponse({ description: NOT_ASSIGNED })
  @ApiConflictResponse({ description: NOT_DECLARED })
  async attachment(
    @CurrentCaller() caller: Caller,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Param('nominationId', new ParseUUIDPipe()) nominationId: string,
    @Param('attachmentId', new ParseUUIDPipe()) attachmentId: string,
    @Query() query: AttachmentDownloadQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    // Blind editions: the generated name, inline or not.
    const file = await this.view.openAttachment(caller, roundId, nominationId, attachmentId);
    return attachmentResponse(reply, file, query.disposition);
  }
}

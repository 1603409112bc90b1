import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentCaller } from '../../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../../common/auth/roles.js';
import {
  ApiIdempotencyKey,
  IdempotencyKey,
  type IdempotentRequest,
  REPLAYED_HEADER,
} from '../../../common/http/idempotency.js';
import { CreateSampleEntryDto } from '../dto/calibration.dto.js';
import { CalibrationMarkedResponse, SampleEntryAddedResponse } from '../dto/calibration.response.js';
import { CalibrationService, type CalibrationMarked, type SampleEntryAdded } from './calibration.service.js';

const CHANGEABLE =
  'rounds.closed, editions.wrong_phase (calibration entries change during eligibility and judging)';

@ApiTags('jury')
@Controller('rounds/:id/calibration')
export class CalibrationController {
  constructor(private readonly calibration: CalibrationService) {}

  // Declared before ':nominationId' for readers; the router prefers the literal segment anyway.
  @Post('samples')
  @Authenticated({ roles: ['organiser'] })
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      "Write a sample entry for the round's calibration: a nomination of no company and no entrant (title, summary, answers to the category's questions, metrics), assigned to every panel juror of its category and scored like any other; it never competes and no entrant, list, export, result or public page shows it",
  })
  @ApiCreatedResponse({ type: SampleEntryAddedResponse, description: 'A replay answers the same' })
  @ApiBadRequestResponse({
    description:
      'request.validation_failed, nominations.incomplete (a required question unanswered), nominations.invalid_answers (a question the category does not ask)',
  })
  @ApiNotFoundResponse({ description: "rounds.not_found, categories.not_found (not the round's edition's)" })
  @ApiConflictResponse({ description: CHANGEABLE })
  async addSample(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CreateSampleEntryDto,
    @IdempotencyKey() idempotent: IdempotentRequest | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SampleEntryAdded> {
    const outcome = await this.calibration.addSample(caller, id, dto, idempotent);
    if (outcome.replayed) void reply.header(REPLAYED_HEADER, 'true');
    return outcome.value;
  }

  @Delete('samples/:nominationId')
  @HttpCode(204)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary: 'Remove a sample entry of the round with its assignments, as long as no juror has scored it',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'rounds.not_found, calibration.sample_not_found' })
  @ApiConflictResponse({
    description: `calibration.sample_scored (a scorecard, even a draft, exists), ${CHANGEABLE}`,
  })
  async removeSample(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('nominationId', new ParseUUIDPipe()) nominationId: string,
  ): Promise<void> {
    await this.calibration.removeSample(caller, id, nominationId);
  }

  @Post(':nominationId')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Mark a nomination as a calibration entry of the round: every panel juror of its category (minus conflicts) scores it, and it never competes (no ranking, advance, manifest, results mail or public page)',
  })
  @ApiCreatedResponse({ type: CalibrationMarkedResponse })
  @ApiNotFoundResponse({
    description: "rounds.not_found, nominations.not_found (not in the round's edition)",
  })
  @ApiConflictResponse({
    description: `calibration.exists, assignments.nomination_not_in_round, ${CHANGEABLE}`,
  })
  mark(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('nominationId', new ParseUUIDPipe()) nominationId: string,
  ): Promise<CalibrationMarked> {
    return this.calibration.mark(caller, id, nominationId);
  }

  @Delete(':nominationId')
  @HttpCode(204)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Unmark a calibration entry: the nomination competes again with the scorecards submitted on it (its assignments stay)',
  })
  @ApiNoContentResponse({ description: 'Unmarked' })
  @ApiNotFoundResponse({ description: 'rounds.not_found, calibration.not_found' })
  @ApiConflictResponse({ description: `calibration.sample_stays (remove a sample instead), ${CHANGEABLE}` })
  async unmark(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('nominationId', new ParseUUIDPipe()) nominationId: string,
  ): Promise<void> {
    await this.calibration.unmark(caller, id, nominationId);
  }
}

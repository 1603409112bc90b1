import { Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../../common/auth/roles.js';
import { CalibrationMarkedResponse } from '../dto/calibration.response.js';
import { CalibrationService, type CalibrationMarked } from './calibration.service.js';

const CHANGEABLE =
  'rounds.closed, editions.wrong_phase (calibration entries change during eligibility and judging)';

@ApiTags('jury')
@Controller('rounds/:id/calibration')
export class CalibrationController {
  constructor(private readonly calibration: CalibrationService) {}

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
  @ApiConflictResponse({ description: CHANGEABLE })
  async unmark(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('nominationId', new ParseUUIDPipe()) nominationId: string,
  ): Promise<void> {
    await this.calibration.unmark(caller, id, nominationId);
  }
}

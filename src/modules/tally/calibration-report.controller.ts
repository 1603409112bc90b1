import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import {
  CalibrationReport,
  type OwnCalibrationView,
  type RoundCalibrationView,
} from './calibration-report.service.js';
import { OwnCalibrationResponse, RoundCalibrationResponse } from './dto/calibration.response.js';

@ApiTags('tally')
@Controller()
export class CalibrationReportController {
  constructor(private readonly report: CalibrationReport) {}

  @Get('rounds/:id/calibration')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      "The round's calibration entries: each juror's total on each against the panel's median, and each juror's mean deviation",
  })
  @ApiOkResponse({ type: RoundCalibrationResponse })
  @ApiNotFoundResponse({ description: 'rounds.not_found' })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<RoundCalibrationView> {
    return this.report.forOrganiser(caller, id);
  }

  @Get('me/rounds/:id/calibration')
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({
    summary:
      "Your own deviation from the panel's median on the round's calibration entries (never another juror's marks), where the edition allows it and once all yours are submitted",
  })
  @ApiOkResponse({ type: OwnCalibrationResponse })
  @ApiNotFoundResponse({
    description: 'rounds.not_found (no standing assignment of yours in the round), calibration.none',
  })
  @ApiConflictResponse({ description: 'calibration.feedback_off, calibration.incomplete' })
  own(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<OwnCalibrationView> {
    return this.report.forJuror(caller, id);
  }
}

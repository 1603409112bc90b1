import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { CalibrationReport, type RoundCalibrationView } from './calibration-report.service.js';
import { RoundCalibrationResponse } from './dto/calibration.response.js';

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
}

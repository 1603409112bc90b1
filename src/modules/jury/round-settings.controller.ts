import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { UpdateRoundDto } from './dto/jury.dto.js';
import { RoundResponse } from './dto/jury.response.js';
import { RoundsService } from './rounds.service.js';
import type { RoundView } from './views.js';

@ApiTags('jury')
@Controller('rounds')
export class RoundSettingsController {
  constructor(private readonly rounds: RoundsService) {}

  @Patch(':id')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary: "Rename an open round or move its deadline (jurors' reminders follow the new one)",
  })
  @ApiOkResponse({ type: RoundResponse })
  @ApiConflictResponse({ description: 'rounds.closed' })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateRoundDto,
  ): Promise<RoundView> {
    return this.rounds.update(caller, id, dto);
  }
}

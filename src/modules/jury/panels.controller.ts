import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { AddPanelMembersDto } from './dto/jury.dto.js';
import { PanelResponse } from './dto/jury.response.js';
import { PanelsService } from './panels.service.js';
import type { PanelView } from './views.js';

@ApiTags('jury')
@Controller('editions/:id/panels')
export class PanelsController {
  constructor(private readonly panels: PanelsService) {}

  @Get()
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Every category of the edition with the jurors on its panel' })
  @ApiOkResponse({ type: [PanelResponse] })
  list(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<PanelView[]> {
    return this.panels.list(caller, id);
  }

  @Post()
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: "Put jurors on a category's panel (idempotent); answers with that panel" })
  @ApiOkResponse({ type: PanelResponse })
  @ApiBadRequestResponse({ description: 'panels.not_a_juror (lists the refused ids)' })
  @ApiConflictResponse({ description: 'editions.wrong_phase (after judging)' })
  add(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AddPanelMembersDto,
  ): Promise<PanelView> {
    return this.panels.add(caller, id, dto);
  }

  @Delete(':categoryId/jurors/:jurorId')
  @HttpCode(204)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Take a juror off a panel (refused while they hold assignments in the category)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiConflictResponse({ description: 'panels.juror_has_assignments, editions.wrong_phase' })
  async remove(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('categoryId', new ParseUUIDPipe()) categoryId: string,
    @Param('jurorId', new ParseUUIDPipe()) jurorId: string,
  ): Promise<void> {
    await this.panels.remove(caller, id, categoryId, jurorId);
  }
}

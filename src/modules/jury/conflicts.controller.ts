import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { type Page, PageQuery } from '../../common/http/pagination.js';
import { type ConflictMatrix, ConflictMatrixService } from './conflict-matrix.service.js';
import { type ConfirmationView, ConflictsService } from './conflicts.service.js';
import { ConflictMatrixResponse } from './dto/conflict-matrix.response.js';
import { LateConflictsService, type LateConflictView } from './conflicts-late.service.js';
import { ConflictListQuery, ConflictMatrixQuery, RecordConflictDto, SetEmployerDto } from './dto/jury.dto.js';
import { DecideLateConflictDto } from './dto/late-conflicts.dto.js';
import {
  ConfirmationResponse,
  ConflictPage,
  ConflictResponse,
  EmployerResponse,
  LateConflictPage,
  LateConflictResponse,
} from './dto/jury.response.js';
import type { ConflictView } from './views.js';

@ApiTags('jury')
@Controller()
export class ConflictsController {
  constructor(
    private readonly conflicts: ConflictsService,
    private readonly late: LateConflictsService,
    private readonly matrices: ConflictMatrixService,
  ) {}

  @Get('conflicts')
  @Authenticated({ roles: ['organiser', 'juror'] })
  @ApiOperation({
    summary: 'Conflicts of interest in an edition, recorded and automatic (jurors: their own)',
  })
  @ApiOkResponse({ type: ConflictPage })
  list(@CurrentCaller() caller: Caller, @Query() query: ConflictListQuery): Promise<Page<ConflictView>> {
    return this.conflicts.list(caller, query);
  }

  @Post('conflicts')
  @Authenticated({ roles: ['organiser', 'juror'] })
  @ApiOperation({
    summary:
      'A juror declares a conflict with a company, or an organiser records one for a juror (reason required)',
  })
  @ApiCreatedResponse({ type: ConflictResponse })
  @ApiConflictResponse({ description: 'conflicts.exists, editions.wrong_phase' })
  record(@CurrentCaller() caller: Caller, @Body() dto: RecordConflictDto): Promise<ConflictView> {
    return this.conflicts.record(caller, dto);
  }

  @Delete('conflicts/:id')
  @HttpCode(204)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary: 'Withdraw a recorded conflict (kept in the record as removed; automatic ones cannot be)',
  })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  async remove(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.conflicts.remove(caller, id);
  }

  @Get('editions/:id/conflicts/matrix')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      "The conflicts overview as jurors × companies, a page of each: each juror's panels and whether they completed their declaration, the companies nominated, and every pair of the page with a conflict (declared, organiser's, membership, employer)",
  })
  @ApiOkResponse({ type: ConflictMatrixResponse })
  matrix(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: ConflictMatrixQuery,
  ): Promise<ConflictMatrix> {
    return this.matrices.matrix(caller, id, query);
  }

  @Post('editions/:id/conflicts/confirm')
  @HttpCode(200)
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({
    summary:
      'Declare your list of conflicts in this edition complete (needed once before your first scorecard), once the terms are accepted (POST /me/declarations/{editionId}/terms)',
  })
  @ApiOkResponse({ type: ConfirmationResponse })
  @ApiConflictResponse({ description: 'conflicts.terms_not_accepted, editions.wrong_phase' })
  confirm(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ConfirmationView> {
    return this.conflicts.confirm(caller, id);
  }

  @Put('me/employer')
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({ summary: 'Name the company you work for (an automatic conflict of interest), or null' })
  @ApiOkResponse({ type: EmployerResponse })
  setEmployer(
    @CurrentCaller() caller: Caller,
    @Body() dto: SetEmployerDto,
  ): Promise<{ employerCompanyId: string | null }> {
    return this.conflicts.setEmployer(caller, dto.companyId);
  }

  @Get('editions/:id/late-conflicts')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      "Conflicts that appeared after the juror had scored the company's nominations (a membership, an employer, a declaration), undecided first: the tally, results and publication wait for a decision on each",
  })
  @ApiOkResponse({ type: LateConflictPage })
  listLate(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<LateConflictView>> {
    return this.late.list(caller, id, query);
  }

  @Post('late-conflicts/:id/decision')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      "Decide a late conflict: confirm (the juror's scorecards on the company's nominations stop counting) or dismiss (they count)",
  })
  @ApiOkResponse({ type: LateConflictResponse })
  @ApiConflictResponse({ description: 'conflicts.late_already_decided' })
  decideLate(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DecideLateConflictDto,
  ): Promise<LateConflictView> {
    return this.late.decide(caller, id, dto);
  }
}

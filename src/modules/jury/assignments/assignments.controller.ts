import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../../common/auth/roles.js';
import type { Page } from '../../../common/http/pagination.js';
import {
  AddAssignmentDto,
  AssignmentListQuery,
  NominationProgressQuery,
  AutoAssignDto,
  RemoveAssignmentDto,
} from '../dto/jury.dto.js';
import {
  AssignmentPage,
  AssignmentResponse,
  AutoAssignResponse,
  ManualReminderResponse,
  DefaultAssignmentsResponse,
  NominationProgressPage,
  RoundProgressResponse,
} from '../dto/jury.response.js';
import { type NominationProgress, ProgressService, type RoundProgress } from '../progress.service.js';
import {
  MANUAL_REMINDER_COOLDOWN_HOURS,
  ManualReminders,
  type ManualReminderView,
} from '../reminders/manual-reminders.js';
import type { AssignmentView } from '../views.js';
import { AssignmentsService, type AutoAssignSummary } from './assignments.service.js';

const ASSIGNABLE = 'rounds.closed, editions.wrong_phase (assignments change during eligibility and judging)';

@ApiTags('jury')
@Controller('rounds/:id')
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly progressReport: ProgressService,
    private readonly manualReminders: ManualReminders,
  ) {}

  @Get('assignments')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: "The round's assignments, with whether each stands and its scorecard's status" })
  @ApiOkResponse({ type: AssignmentPage })
  list(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: AssignmentListQuery,
  ): Promise<Page<AssignmentView>> {
    return this.assignments.list(id, query);
  }

  @Post('assignments/default')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Assign every panel juror every nomination of their category judged in this round, minus conflicts (adds what is missing)',
  })
  @ApiOkResponse({ type: DefaultAssignmentsResponse })
  @ApiConflictResponse({ description: ASSIGNABLE })
  assignDefault(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<{ roundId: string; created: number }> {
    return this.assignments.assignDefault(caller, id);
  }

  @Post('assignments/auto')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary: 'Replace the assignments by k non-conflicted jurors per nomination, loads balanced within ±1',
  })
  @ApiConflictResponse({
    description: `assignments.infeasible (says which nomination or juror, and why), assignments.scoring_started, ${ASSIGNABLE}`,
  })
  @ApiOkResponse({ type: AutoAssignResponse })
  assignAutomatically(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AutoAssignDto,
  ): Promise<AutoAssignSummary> {
    return this.assignments.assignAutomatically(caller, id, dto);
  }

  @Post('assignments')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Assign one juror to one nomination' })
  @ApiCreatedResponse({ type: AssignmentResponse })
  @ApiConflictResponse({
    description: `assignments.exists, assignments.not_on_panel, assignments.conflicted, assignments.nomination_not_in_round, ${ASSIGNABLE}`,
  })
  add(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AddAssignmentDto,
  ): Promise<AssignmentView> {
    return this.assignments.add(caller, id, dto);
  }

  @Delete('assignments/:nominationId/jurors/:jurorId')
  @HttpCode(204)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Remove one assignment (a reason is required once the juror has submitted its scorecard; the scorecard is kept but no longer counts)',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiConflictResponse({ description: ASSIGNABLE })
  async remove(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('nominationId', new ParseUUIDPipe()) nominationId: string,
    @Param('jurorId', new ParseUUIDPipe()) jurorId: string,
    @Body() dto: RemoveAssignmentDto,
  ): Promise<void> {
    await this.assignments.remove(caller, id, nominationId, jurorId, dto.reason);
  }

  @Get('progress')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary: 'Assigned, drafted and submitted scorecards per juror and per category, and who is behind',
  })
  @ApiOkResponse({ type: RoundProgressResponse })
  progress(@Param('id', new ParseUUIDPipe()) id: string): Promise<RoundProgress> {
    return this.progressReport.progress(id);
  }

  @Get('progress/nominations')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'One page of the nominations judged in the round with their standing assignments and scorecards, fewest submitted first',
  })
  @ApiOkResponse({ type: NominationProgressPage })
  nominationProgress(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: NominationProgressQuery,
  ): Promise<Page<NominationProgress>> {
    return this.progressReport.nominations(id, query);
  }

  @Post('reminders')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary: `Remind the jurors who are behind now (the scoring-reminder mail), at most once per ${MANUAL_REMINDER_COOLDOWN_HOURS} hours per round`,
  })
  @ApiOkResponse({ type: ManualReminderResponse })
  @ApiConflictResponse({
    description:
      'reminders.cooling_down (with availableAt and Retry-After), reminders.nobody_behind, rounds.closed, editions.wrong_phase (judging only)',
  })
  remind(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ManualReminderView> {
    return this.manualReminders.send(caller, id);
  }
}

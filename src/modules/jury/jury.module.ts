import { Module } from '@nestjs/common';
import { IdempotentRequests } from '../../common/http/idempotency.js';
import { EditionsModule } from '../editions/editions.module.js';
import { NominationsModule } from '../nominations/nominations.module.js';
import { AssignmentsController } from './assignments/assignments.controller.js';
import { AssignmentsService } from './assignments/assignments.service.js';
import { CalibrationController } from './calibration/calibration.controller.js';
import { CalibrationService } from './calibration/calibration.service.js';
import { ConflictMatrixService } from './conflict-matrix.service.js';
import { ConflictsController } from './conflicts.controller.js';
import { ConflictsService } from './conflicts.service.js';
import { DeclarationsController } from './declarations.controller.js';
import { DeclarationsService } from './declarations.service.js';
import { LateConflictsService } from './conflicts-late.service.js';
import { JudgingPhaseCheck } from './judging-phase-check.js';
import { JurorAccess } from './juror-access.js';
import { JuryTokensModule } from './jury-tokens.module.js';
import { JurorViewController } from './juror-view.controller.js';
import { JurorViewService } from './juror-view.service.js';
import { PanelsController } from './panels.controller.js';
import { PanelsService } from './panels.service.js';
import { ProgressService } from './progress.service.js';
import { ManualReminders } from './reminders/manual-reminders.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { RoundSettingsController } from './round-settings.controller.js';
import { RoundsController } from './rounds.controller.js';
import { RoundsService } from './rounds.service.js';

/**
 * The jury: rounds, panels, conflicts of interest, assignments, the juror's own view of what they judge
 * and the scoring reminders (`reminders/`). The rules other modules (scoring, tally) read are SQL views
 * (`juror_conflicts`, `active_assignments`, `counted_scorecards`) and `JurorAccess`.
 */
@Module({
  imports: [EditionsModule, NominationsModule, RemindersModule, JuryTokensModule],
  controllers: [
    RoundsController,
    RoundSettingsController,
    PanelsController,
    ConflictsController,
    DeclarationsController,
    AssignmentsController,
    CalibrationController,
    JurorViewController,
  ],
  providers: [
    IdempotentRequests,
    RoundsService,
    PanelsService,
    ConflictsService,
    DeclarationsService,
    LateConflictsService,
    AssignmentsService,
    CalibrationService,
    ProgressService,
    ConflictMatrixService,
    ManualReminders,
    JurorAccess,
    JurorViewService,
    JudgingPhaseCheck,
  ],
  exports: [RoundsService, JurorAccess],
})
export class JuryModule {}

import { Module } from '@nestjs/common';
import { AdvanceService } from './advance.service.js';
import { AnalyticsService } from './analytics.service.js';
import { CalibrationReportController } from './calibration-report.controller.js';
import { CalibrationReport } from './calibration-report.service.js';
import { CurrentTallies } from './current-tallies.js';
import { TallyCategoryHandler } from './jobs/tally-category.handler.js';
import { JurorPseudonyms } from './juror-pseudonyms.js';
import { ResultsService } from './results.service.js';
import { SnapshotResults } from './snapshot-results.js';
import { RoundAnalyticsController } from './round-analytics.controller.js';
import { RoundResultsController } from './round-results.controller.js';
import { TallyInputs } from './tally-inputs.js';
import { TallyService } from './tally.service.js';

/**
 * Closing rounds, tally jobs and their snapshots, organiser results and exports, advancing to the next
 * round. The arithmetic lives apart in `arithmetic/` (pure, no Nest). Publication builds on the exports.
 */
@Module({
  controllers: [RoundResultsController, RoundAnalyticsController, CalibrationReportController],
  providers: [
    TallyService,
    TallyInputs,
    CurrentTallies,
    JurorPseudonyms,
    ResultsService,
    SnapshotResults,
    AnalyticsService,
    AdvanceService,
    CalibrationReport,
    TallyCategoryHandler,
  ],
  exports: [TallyService, TallyInputs, CurrentTallies, JurorPseudonyms],
})
export class TallyModule {}

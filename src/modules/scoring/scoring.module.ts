import { Module } from '@nestjs/common';
import { JuryModule } from '../jury/jury.module.js';
import { ScorecardsController } from './scorecards.controller.js';
import { ScorecardWrites } from './scorecard-writes.js';
import { ScorecardsService } from './scorecards.service.js';

/** Jurors' scorecards: drafts, submission, optimistic concurrency, each change audited in the same statement. */
@Module({
  imports: [JuryModule],
  controllers: [ScorecardsController],
  providers: [ScorecardsService, ScorecardWrites],
})
export class ScoringModule {}

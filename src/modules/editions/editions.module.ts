import { Module } from '@nestjs/common';
import { CategoriesController } from './categories.controller.js';
import { CategoriesService } from './categories.service.js';
import { EditionsController } from './editions.controller.js';
import { EditionsService } from './editions.service.js';
import { PhaseChecks } from './phase-checks.js';

/**
 * Editions, their phases and timeline, categories and criteria. Other modules import `EditionsService`
 * (`findVisible`) and the pure rules in `edition-rules.ts` (`assertPhase`, `nominationsOpen`, ...), and
 * register what a phase needs of their data with `PhaseChecks`.
 */
@Module({
  controllers: [EditionsController, CategoriesController],
  providers: [EditionsService, CategoriesService, PhaseChecks],
  exports: [EditionsService, CategoriesService, PhaseChecks],
})
export class EditionsModule {}

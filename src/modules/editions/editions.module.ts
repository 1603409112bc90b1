import { Module } from '@nestjs/common';
import { CategoriesController } from './categories.controller.js';
import { CategoriesService } from './categories.service.js';
import { EditionsController } from './editions.controller.js';
import { EditionsService } from './editions.service.js';

/**
 * Editions, their phases and timeline, categories and criteria. Other modules import `EditionsService`
 * (`findVisible`) and the pure rules in `edition-rules.ts` (`assertPhase`, `nominationsOpen`, ...).
 */
@Module({
  controllers: [EditionsController, CategoriesController],
  providers: [EditionsService, CategoriesService],
  exports: [EditionsService, CategoriesService],
})
export class EditionsModule {}

import { Module } from '@nestjs/common';
import { IdempotentRequests } from '../../common/http/idempotency.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { EditionsModule } from '../editions/editions.module.js';
import { AttachmentStorage } from './attachments/attachment-storage.js';
import { AttachmentsController } from './attachments/attachments.controller.js';
import { AttachmentsService } from './attachments/attachments.service.js';
import { EligibilityPhaseCheck } from './eligibility-phase-check.js';
import { EligibilityService } from './eligibility.service.js';
import { NominationAccess } from './nomination-access.js';
import { NominationExportController } from './nomination-export.controller.js';
import { NominationExport } from './nomination-export.js';
import { NominationList } from './nomination-list.js';
import { NominationsController } from './nominations.controller.js';
import { NominationsService } from './nominations.service.js';

@Module({
  imports: [CompaniesModule, EditionsModule],
  controllers: [NominationsController, NominationExportController, AttachmentsController],
  providers: [
    NominationsService,
    NominationList,
    NominationExport,
    NominationAccess,
    EligibilityService,
    EligibilityPhaseCheck,
    AttachmentsService,
    AttachmentStorage,
    IdempotentRequests,
  ],
  exports: [NominationAccess, NominationsService, AttachmentStorage],
})
export class NominationsModule {}

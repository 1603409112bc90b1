import { Module } from '@nestjs/common';
import { IdempotentRequests } from '../../common/http/idempotency.js';
import { CompaniesController } from './companies.controller.js';
import { CompaniesService } from './companies.service.js';
import { CompanyAccess } from './company-access.js';
import { CompanyInvitationLimits } from './invitation-limits.js';

@Module({
  controllers: [CompaniesController],
  providers: [CompaniesService, CompanyAccess, CompanyInvitationLimits, IdempotentRequests],
  exports: [CompanyAccess],
})
export class CompaniesModule {}

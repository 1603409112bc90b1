import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/authenticated.decorator.js';
import type { Page } from '../../common/http/pagination.js';
import { AuditSealer } from './audit-sealer.js';
import { type AuditListEntry, AuditLog, type AuditVerification } from './audit.service.js';
import { AuditQuery } from './dto/audit-query.dto.js';
import { AuditEntryPage, AuditVerificationResponse } from './dto/audit.response.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditLog,
    private readonly sealer: AuditSealer,
  ) {}

  @Get()
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'The audit log, newest first, filterable' })
  @ApiOkResponse({ type: AuditEntryPage })
  list(@Query() query: AuditQuery): Promise<Page<AuditListEntry>> {
    const { action, entityType, entityId, editionId, actorId, from, to } = query;
    return this.audit.list({ action, entityType, entityId, editionId, actorId, from, to }, query);
  }

  @Get('verify')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary: 'Seal what has committed, then verify the whole chain; reports the first broken entry',
  })
  @ApiOkResponse({ type: AuditVerificationResponse })
  async verify(): Promise<AuditVerification> {
    await this.sealer.sealAllCommitted();
    return this.audit.verify();
  }
}

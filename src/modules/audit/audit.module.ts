import { Global, Module } from '@nestjs/common';
import { AuditSealer } from './audit-sealer.js';
import { AuditController } from './audit.controller.js';
import { AuditLog } from './audit.service.js';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditLog, AuditSealer],
  exports: [AuditLog, AuditSealer],
})
export class AuditModule {}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.service.js';
import { MembershipConflicts, type MembershipDuringJudging } from '../companies/membership-conflicts.js';
import { auditLateConflicts, editionsBeingJudgedBy } from './conflict-rules.js';

/** The jury's side of `MembershipConflicts`: audits the late conflicts and names the editions being judged. */
@Injectable()
export class JuryMembershipConflicts implements MembershipConflicts {
  constructor(private readonly audit: AuditLog) {}

  async membershipTaken(
    manager: EntityManager,
    change: { userId: string; companyId: string; via: string },
  ): Promise<MembershipDuringJudging> {
    const late = await auditLateConflicts(manager, this.audit, {
      jurorId: change.userId,
      companyId: change.companyId,
      source: 'membership',
      actorId: change.userId,
      via: change.via,
    });
    const judging = [
      ...new Set([...(await editionsBeingJudgedBy(manager, change.userId)), ...late.map((l) => l.editionId)]),
    ].sort();
    return { late, judging };
  }
}

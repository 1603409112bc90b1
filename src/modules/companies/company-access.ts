import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { hasRole, type Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CompanyErrors } from './companies.errors.js';
import { Company } from './entities/company.entity.js';
import type { CompanyRole } from './entities/company-member.entity.js';

export interface VisibleCompany {
  company: Company;
  /** The caller's role in the company; null for an organiser who is not a member. */
  role: CompanyRole | null;
}

/**
 * Who may see and manage a company, in one place. A company's details (registration number, members) are
 * private to its members and to organisers; to anyone else the company does not exist (404).
 */
@Injectable()
export class CompanyAccess {
  async roleOf(manager: EntityManager, companyId: string, userId: string): Promise<CompanyRole | null> {
    const rows = await manager.query<{ role: CompanyRole }[]>(
      `SELECT role FROM company_members WHERE company_id = $1 AND user_id = $2`,
      [companyId, userId],
    );
    return rows[0]?.role ?? null;
  }

  /** `lock` takes the company row for update: membership changes and nomination submits queue behind it. */
  async findVisible(
    manager: EntityManager,
    caller: Caller,
    companyId: string,
    options: { lock?: boolean } = {},
  ): Promise<VisibleCompany> {
    const company = await manager.findOne(Company, {
      where: { id: companyId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!company) throw new DomainError(CompanyErrors.notFound);
    const role = await this.roleOf(manager, companyId, caller.userId);
    if (!role && !hasRole(caller, 'organiser')) throw new DomainError(CompanyErrors.notFound);
    return { company, role };
  }

  /** Members may write the company's nominations; anyone else who can see it (organisers) may not. */
  async findAsMember(
    manager: EntityManager,
    caller: Caller,
    companyId: string,
    options: { lock?: boolean } = {},
  ): Promise<VisibleCompany & { role: CompanyRole }> {
    const visible = await this.findVisible(manager, caller, companyId, options);
    if (!visible.role) throw new DomainError(CompanyErrors.membersOnly);
    return { ...visible, role: visible.role };
  }

  async findAsOwner(
    manager: EntityManager,
    caller: Caller,
    companyId: string,
    options: { lock?: boolean } = {},
  ): Promise<VisibleCompany & { role: 'owner' }> {
    const visible = await this.findVisible(manager, caller, companyId, options);
    if (visible.role !== 'owner') throw new DomainError(CompanyErrors.ownerOnly);
    return { ...visible, role: 'owner' };
  }
}

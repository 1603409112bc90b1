import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { hasRole, type Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { type CompanyNomination, Nomination } from './entities/nomination.entity.js';
import { NominationErrors } from './nominations.errors.js';

/**
 * Which nominations a caller may know exist, in one place: organisers see every nomination, entrants those
 * of the companies they belong to, anyone else none. Lists filter with `visibleTo`; single reads, writes
 * and attachment downloads go through `findVisible`, so a nomination outside the caller's view is a 404,
 * never a 403. (Jurors' view — their assignments — is to be added here, and only here.)
 *
 * A sample entry (an organiser's, for calibration only: no company) is no one's nomination here: these
 * routes, lists and exports never show it; the round's calibration routes are where it is written and read.
 */
@Injectable()
export class NominationAccess {
  /**
   * A SQL condition on the nominations alias `n` that holds for the rows the caller may see. Its
   * parameters are appended to `params` and referenced by position.
   */
  visibleTo(caller: Caller, params: unknown[], alias = 'n'): string {
    if (hasRole(caller, 'organiser')) return `NOT ${alias}.sample`;
    if (hasRole(caller, 'entrant')) {
      params.push(caller.userId);
      return `${alias}.company_id IN (SELECT cm.company_id FROM company_memberships cm WHERE cm.user_id = $${params.length})`;
    }
    return 'FALSE';
  }

  /** The nomination if the caller may see it, else 404. `lock` holds the row for update until the transaction ends. */
  async findVisible(
    manager: EntityManager,
    caller: Caller,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<CompanyNomination> {
    const params: unknown[] = [id];
    const scope = this.visibleTo(caller, params);
    const rows = await manager.query<{ id: string }[]>(
      `SELECT n.id FROM nominations n WHERE n.id = $1 AND ${scope}${options.lock ? ' FOR UPDATE OF n' : ''}`,
      params,
    );
    const nomination = rows.length ? await manager.findOneBy(Nomination, { id }) : null;
    if (!nomination || nomination.sample || nomination.companyId === null)
      throw new DomainError(NominationErrors.notFound);
    return { ...nomination, companyId: nomination.companyId, sample: false };
  }

  /** Writing needs membership of the nominating company; an organiser who can see it but is not a member gets 403. */
  async findWritable(manager: EntityManager, caller: Caller, id: string): Promise<CompanyNomination> {
    const nomination = await this.findVisible(manager, caller, id, { lock: true });
    const member = await manager.query<unknown[]>(
      `SELECT 1 FROM company_memberships WHERE company_id = $1 AND user_id = $2`,
      [nomination.companyId, caller.userId],
    );
    if (!member.length) throw new DomainError(NominationErrors.membersOnly);
    return nomination;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type Caller, type Locale } from '../../common/auth/roles.js';
import { Clock } from '../../common/clock.js';
import { escapeLike } from '../../common/escape-like.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { assertFresh, type ExpectedVersions } from '../../common/http/etag.js';
import {
  type IdempotentOutcome,
  type IdempotentRequest,
  IdempotentRequests,
} from '../../common/http/idempotency.js';
import { page, type Page } from '../../common/http/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import { isUniqueViolation } from '../../database/pg-errors.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { hashOpaqueToken, newOpaqueToken } from '../auth/tokens.js';
import { Notifications } from '../notifications/notifications.service.js';
import { confirmEmail, findUserByEmail, findUserOrFail } from '../users/user.queries.js';
import { CompanyErrors } from './companies.errors.js';
import { CompanyAccess } from './company-access.js';
import { CompanyInvitationLimits, RESEND_COOLDOWN_SECONDS } from './invitation-limits.js';
import { MembershipConflicts } from './membership-conflicts.js';
import type { AddMemberDto, CompanyQuery, CreateCompanyDto, UpdateCompanyDto } from './dto/company.dto.js';
import type { CompanyRole } from './entities/company-member.entity.js';
import { CompanyInvitation } from './entities/company-invitation.entity.js';
import { Company } from './entities/company.entity.js';

export interface CompanySummary {
  id: string;
  name: string;
  country: string;
  registrationNumber: string;
  website: string | null;
  /** The caller's role; null for an organiser who is not a member. */
  role: CompanyRole | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CompanyMemberView {
  userId: string;
  email: string;
  fullName: string;
  role: CompanyRole;
  since: string;
}

export interface PendingInvitationView {
  id: string;
  email: string;
  role: CompanyRole;
  expiresAt: string;
}

export interface CompanyView extends CompanySummary {
  members: CompanyMemberView[];
  pendingInvitations: PendingInvitationView[];
}

/** The one answer to an invitation, whoever holds the address. */
export interface AddMemberOutcome {
  status: 'invited';
  invitation: PendingInvitationView;
}

function invitationView(
  invitation: { id: string; email: string; role: CompanyRole },
  expiresAt: Date,
): PendingInvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: expiresAt.toISOString(),
  };
}

const REGISTRATION_UNIQUE = 'uq_companies_country_registration';

function summaryOf(company: Company, role: CompanyRole | null): CompanySummary {
  return {
    id: company.id,
    name: company.name,
    country: company.country,
    registrationNumber: company.registrationNumber,
    website: company.website,
    role,
    version: company.version,
    createdAt: company.createdAt.toISOString(),
    updatedAt: company.updatedAt.toISOString(),
  };
}

interface CompanyRow {
  id: string;
  name: string;
  country: string;
  registration_number: string;
  website: string | null;
  role: CompanyRole | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

@Injectable()
export class CompaniesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly idempotency: IdempotentRequests,
    private readonly access: CompanyAccess,
    private readonly audit: AuditLog,
    private readonly notifications: Notifications,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly limits: CompanyInvitationLimits,
    private readonly conflicts: MembershipConflicts,
  ) {}

  /** The creating entrant becomes the company's first owner. */
  async create(
    caller: Caller,
    dto: CreateCompanyDto,
    idempotent: IdempotentRequest | null,
  ): Promise<IdempotentOutcome<CompanyView>> {
    return this.idempotency.run(idempotent, dto, async (manager) => {
      const inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO companies (name, country, registration_number, website, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (country, upper(registration_number)) DO NOTHING RETURNING id`,
        [dto.name, dto.country, dto.registrationNumber, dto.website ?? null, caller.userId],
      );
      const id = inserted[0]?.id;
      if (!id)
        throw new DomainError(
          CompanyErrors.registrationTaken,
          `${dto.country} ${dto.registrationNumber} is already registered`,
        );
      await manager.query(
        `INSERT INTO company_members (company_id, user_id, role, added_by) VALUES ($1, $2, 'owner', $2)`,
        [id, caller.userId],
      );
      await this.audit.append(manager, {
        action: 'company.created',
        entityType: 'company',
        entityId: id,
        actorId: caller.userId,
        data: { name: dto.name, country: dto.country, registrationNumber: dto.registrationNumber },
      });
      return this.view(manager, caller, id);
    });
  }

  /** Organisers see every company; anyone else the companies they belong to. */
  async list(caller: Caller, query: CompanyQuery): Promise<Page<CompanySummary>> {
    const params: unknown[] = [caller.userId];
    const where: string[] = [];
    if (!hasRole(caller, 'organiser')) where.push('m.user_id IS NOT NULL');
    if (query.country) where.push(`c.country = $${params.push(query.country)}`);
    if (query.q) where.push(`c.name ILIKE $${params.push(`%${escapeLike(query.q)}%`)}`);
    // The nominations module's view: which companies take part in an edition is its data, read, not written.
    if (query.editionId)
      where.push(
        `EXISTS (SELECT 1 FROM nomination_entries n WHERE n.company_id = c.id AND n.edition_id = $${params.push(query.editionId)})`,
      );
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM companies c LEFT JOIN company_members m ON m.company_id = c.id AND m.user_id = $1 ${filter}`;
    const [rows, counted] = await Promise.all([
      this.dataSource.query<CompanyRow[]>(
        `SELECT c.id, c.name, c.country, c.registration_number, c.website, m.role, c.version, c.created_at, c.updated_at ${from}
         ORDER BY lower(c.name), c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.pageSize, query.offset],
      ),
      this.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n ${from}`, params),
    ]);
    const items = rows.map((r) => ({
      id: r.id,
      name: r.name,
      country: r.country,
      registrationNumber: r.registration_number,
      website: r.website,
      role: r.role,
      version: r.version,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    }));
    return page(items, query, counted[0]?.n ?? 0);
  }

  async get(caller: Caller, id: string): Promise<CompanyView> {
    return this.view(this.dataSource.manager, caller, id);
  }

  /** Owners and organisers. */
  async update(
    caller: Caller,
    id: string,
    dto: UpdateCompanyDto,
    expected?: ExpectedVersions,
  ): Promise<CompanyView> {
    return this.transactions.run(async (manager) => {
      const { company, role } = await this.access.findVisible(manager, caller, id, { lock: true });
      if (role !== 'owner' && !hasRole(caller, 'organiser')) throw new DomainError(CompanyErrors.ownerOnly);
      assertFresh(expected, company.version, 'company');
      const changes: Partial<Pick<Company, 'name' | 'country' | 'registrationNumber' | 'website'>> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.country !== undefined) changes.country = dto.country;
      if (dto.registrationNumber !== undefined) changes.registrationNumber = dto.registrationNumber;
      if (dto.website !== undefined) changes.website = dto.website;
      const changed = Object.fromEntries(
        Object.entries(changes).filter(([key, value]) => company[key as keyof typeof changes] !== value),
      );
      if (!Object.keys(changed).length) return this.view(manager, caller, id);
      try {
        await manager.query(
          `UPDATE companies SET name = $2, country = $3, registration_number = $4, website = $5, version = version + 1, updated_at = now() WHERE id = $1`,
          [
            id,
            changes.name ?? company.name,
            changes.country ?? company.country,
            changes.registrationNumber ?? company.registrationNumber,
            changes.website !== undefined ? changes.website : company.website,
          ],
        );
      } catch (error) {
        if (isUniqueViolation(error, REGISTRATION_UNIQUE))
          throw new DomainError(CompanyErrors.registrationTaken);
        throw error;
      }
      await this.audit.append(manager, {
        action: 'company.updated',
        entityType: 'company',
        entityId: id,
        actorId: caller.userId,
        data: { changes: changed },
      });
      return this.view(manager, caller, id);
    });
  }

  /**
   * Invites someone by e-mail, whether or not the address has an account: nobody becomes a member (and so,
   * when a juror, conflicted with the company) without accepting. The answer is the same in both cases and
   * carries nothing of the account, so it tells the owner neither who holds the address nor whether anyone
   * does.
   */
  async addMember(caller: Caller, id: string, dto: AddMemberDto): Promise<AddMemberOutcome> {
    return this.transactions.run(async (manager) => {
      const { company } = await this.access.findAsOwner(manager, caller, id, { lock: true });
      // Counted only for owners, after the company is known: nobody can spend a company's allowance but its owners.
      await this.limits.consume(id, caller.userId);
      const role = dto.role ?? 'member';
      // The owner already sees the members' addresses: refusing an existing member reveals nothing new.
      const member = await manager.query<unknown[]>(
        `SELECT 1 FROM company_members m JOIN user_directory u ON u.id = m.user_id WHERE m.company_id = $1 AND u.email = $2`,
        [id, dto.email],
      );
      if (member.length) throw new DomainError(CompanyErrors.alreadyMember);
      const invitee = await findUserByEmail(manager, dto.email);
      // A new invitation replaces a pending one: the latest mail is the one whose link works.
      await manager.query(
        `DELETE FROM company_invitations WHERE company_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
        [id, dto.email],
      );
      const { token, hash } = newOpaqueToken();
      const expiresAt = this.invitationExpiry();
      const inviter = await findUserOrFail(manager, caller.userId);
      const locale = invitee?.locale ?? dto.locale ?? inviter.locale;
      const [invitation] = await manager.query<{ id: string }[]>(
        `INSERT INTO company_invitations (company_id, email, role, invited_by, token_hash, expires_at, locale, last_sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [id, dto.email, role, caller.userId, hash, expiresAt, locale, this.clock.now()],
      );
      await this.mailInvitation(manager, company, {
        invitedBy: inviter.fullName,
        subject: invitation!.id,
        email: dto.email,
        userId: invitee?.id ?? null,
        locale,
        token,
        expiresAt,
      });
      await this.audit.append(manager, {
        action: 'company.member_invited',
        entityType: 'company',
        entityId: id,
        actorId: caller.userId,
        data: { email: dto.email, role, invitationId: invitation!.id },
      });
      return {
        status: 'invited',
        invitation: invitationView({ id: invitation!.id, email: dto.email, role }, expiresAt),
      };
    });
  }

  /**
   * Mails a pending invitation again with a new token (the old link dies at once) and a new expiry. Once
   * per cool-down, counted in PostgreSQL on the invitation itself, and within the company's and the owner's
   * invitation allowance: an owner cannot flood an address.
   */
  async resendInvitation(caller: Caller, id: string, invitationId: string): Promise<PendingInvitationView> {
    return this.changeInvitation(
      caller,
      id,
      invitationId,
      'company.invitation_reissued',
      async (manager, company, invitation) => {
        const now = this.clock.now();
        const waitMs = invitation.lastSentAt.getTime() + RESEND_COOLDOWN_SECONDS * 1000 - now.getTime();
        if (waitMs > 0) {
          const seconds = Math.ceil(waitMs / 1000);
          throw new DomainError(
            CompanyErrors.resentRecently,
            `Resend in ${seconds} s`,
            {},
            { 'Retry-After': String(seconds) },
          );
        }
        await this.limits.consume(id, caller.userId);
        const { token, hash } = newOpaqueToken();
        const expiresAt = this.invitationExpiry();
        await manager.query(
          `UPDATE company_invitations SET token_hash = $2, expires_at = $3, last_sent_at = $4, sends = sends + 1 WHERE id = $1`,
          [invitation.id, hash, expiresAt, now],
        );
        const invitee = await findUserByEmail(manager, invitation.email);
        await this.mailInvitation(manager, company, {
          invitedBy: (await findUserOrFail(manager, caller.userId)).fullName,
          // Each mail its own notification: the outbox sends one per (template, subject, recipient).
          subject: `${invitation.id}:${invitation.sends + 1}`,
          email: invitation.email,
          userId: invitee?.id ?? null,
          locale: invitation.locale,
          token,
          expiresAt,
        });
        return invitationView(invitation, expiresAt);
      },
    );
  }

  /** Revokes a pending invitation: its token stops working at once and answers like an unknown one. */
  async revokeInvitation(caller: Caller, id: string, invitationId: string): Promise<void> {
    await this.changeInvitation(
      caller,
      id,
      invitationId,
      'company.invitation_revoked',
      async (manager, _company, invitation) => {
        await manager.query(`UPDATE company_invitations SET revoked_at = $2 WHERE id = $1`, [
          invitation.id,
          this.clock.now(),
        ]);
      },
    );
  }

  /** An owner's change of one of the company's pending invitations, audited, with the company row locked. */
  private async changeInvitation<T>(
    caller: Caller,
    id: string,
    invitationId: string,
    action: 'company.invitation_reissued' | 'company.invitation_revoked',
    change: (manager: EntityManager, company: Company, invitation: CompanyInvitation) => Promise<T>,
  ): Promise<T> {
    return this.transactions.run(async (manager) => {
      const { company } = await this.access.findAsOwner(manager, caller, id, { lock: true });
      const invitation = await this.pendingInvitation(manager, id, invitationId);
      const result = await change(manager, company, invitation);
      await this.audit.append(manager, {
        action,
        entityType: 'company',
        entityId: id,
        actorId: caller.userId,
        data: { invitationId: invitation.id, email: invitation.email },
      });
      return result;
    });
  }

  /** An invitation of this company that is still pending; 404 for another company's, 409 once it is not. */
  private async pendingInvitation(
    manager: EntityManager,
    companyId: string,
    invitationId: string,
  ): Promise<CompanyInvitation> {
    const invitation = await manager.findOne(CompanyInvitation, {
      where: { id: invitationId, companyId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!invitation) throw new DomainError(CompanyErrors.invitationNotFound);
    if (invitation.acceptedAt) throw new DomainError(CompanyErrors.invitationAccepted);
    if (invitation.revokedAt) throw new DomainError(CompanyErrors.invitationRevoked);
    if (invitation.expiresAt <= this.clock.now()) throw new DomainError(CompanyErrors.invitationExpired);
    return invitation;
  }

  private invitationExpiry(): Date {
    return new Date(this.clock.now().getTime() + this.config.INVITATION_TTL_SECONDS * 1000);
  }

  private async mailInvitation(
    manager: EntityManager,
    company: Company,
    mail: {
      invitedBy: string;
      subject: string;
      email: string;
      userId: string | null;
      locale: Locale;
      token: string;
      expiresAt: Date;
    },
  ): Promise<void> {
    await this.notifications.notify(manager, {
      template: 'company.member_invitation',
      subject: mail.subject,
      recipient: { email: mail.email, userId: mail.userId, locale: mail.locale },
      params: {
        companyName: company.name,
        invitedBy: mail.invitedBy,
        link: `${this.config.PUBLIC_URL}/companies/invitations/accept?token=${mail.token}`,
        expiresAt: mail.expiresAt.toISOString(),
      },
    });
  }

  /** Owners remove anyone; a member may remove themselves. The last owner stays. */
  async removeMember(caller: Caller, id: string, userId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const { role } = await this.access.findAsMember(manager, caller, id, { lock: true });
      if (role !== 'owner' && userId !== caller.userId) throw new DomainError(CompanyErrors.ownerOnly);
      const target = await this.access.roleOf(manager, id, userId);
      if (!target) throw new DomainError(CompanyErrors.memberNotFound);
      if (target === 'owner') {
        // The company row is locked: two owners removing each other cannot both pass this count.
        const [owners] = await manager.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM company_members WHERE company_id = $1 AND role = 'owner'`,
          [id],
        );
        if ((owners?.n ?? 0) <= 1) throw new DomainError(CompanyErrors.lastOwner);
      }
      await manager.query(`DELETE FROM company_members WHERE company_id = $1 AND user_id = $2`, [id, userId]);
      await this.audit.append(manager, {
        action: 'company.member_removed',
        entityType: 'company',
        entityId: id,
        actorId: caller.userId,
        data: { userId, role: target },
      });
    });
  }

  /** Turns an invitation into a membership; only for the signed-in user the invitation was mailed to. */
  async acceptInvitation(caller: Caller, token: string): Promise<CompanyView> {
    return this.transactions.run(async (manager) => {
      const claimed = await manager.query<[{ id: string; company_id: string; role: CompanyRole }[], number]>(
        `UPDATE company_invitations i SET accepted_at = $3, accepted_user_id = u.id
           FROM user_directory u
          WHERE i.token_hash = $1 AND u.id = $2 AND i.email = u.email AND i.accepted_at IS NULL AND i.revoked_at IS NULL
            AND i.expires_at > $3
          RETURNING i.id, i.company_id, i.role`,
        [hashOpaqueToken(token), caller.userId, this.clock.now()],
      );
      const invitation = claimed[0][0];
      if (!invitation) throw new DomainError(CompanyErrors.invalidInvitation);
      await manager.query(
        `INSERT INTO company_members (company_id, user_id, role, added_by)
         SELECT $1, $2, $3, invited_by FROM company_invitations WHERE id = $4
         ON CONFLICT ON CONSTRAINT pk_company_members DO NOTHING`,
        [invitation.company_id, caller.userId, invitation.role, invitation.id],
      );
      // The token came by mail to this address, and the caller holds the account: the address is proven.
      await confirmEmail(manager, caller.userId, this.clock.now());
      // A juror who joins a company whose nominations they have scored: the organisers decide what counts
      // (late conflicts). A juror joining a company while judging is under way: on the record as such.
      const { late, judging } = await this.conflicts.membershipTaken(manager, {
        userId: caller.userId,
        companyId: invitation.company_id,
        via: 'company.invitation_accepted',
      });
      await this.audit.append(manager, {
        action: 'company.invitation_accepted',
        entityType: 'company',
        entityId: invitation.company_id,
        actorId: caller.userId,
        data: {
          invitationId: invitation.id,
          role: invitation.role,
          ...(judging.length
            ? {
                duringJudging: judging.map((editionId) => ({
                  editionId,
                  lateConflictId: late.find((l) => l.editionId === editionId)?.id ?? null,
                })),
              }
            : {}),
        },
      });
      return this.view(manager, caller, invitation.company_id);
    });
  }

  private async view(manager: EntityManager, caller: Caller, id: string): Promise<CompanyView> {
    const { company, role } = await this.access.findVisible(manager, caller, id);
    const members = await manager.query<
      { user_id: string; email: string; full_name: string; role: CompanyRole; created_at: Date }[]
    >(
      `SELECT m.user_id, u.email, u.full_name, m.role, m.created_at FROM company_members m JOIN user_directory u ON u.id = m.user_id
        WHERE m.company_id = $1 ORDER BY m.created_at, u.email`,
      [id],
    );
    const invitations = await manager.query<
      { id: string; email: string; role: CompanyRole; expires_at: Date }[]
    >(
      `SELECT id, email, role, expires_at FROM company_invitations
        WHERE company_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at`,
      [id, this.clock.now()],
    );
    return {
      ...summaryOf(company, role),
      members: members.map((m) => ({
        userId: m.user_id,
        email: m.email,
        fullName: m.full_name,
        role: m.role,
        since: m.created_at.toISOString(),
      })),
      pendingInvitations: invitations.map((i) => invitationView(i, i.expires_at)),
    };
  }
}

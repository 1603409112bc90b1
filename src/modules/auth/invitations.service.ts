import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller, Locale, Role } from '../../common/auth/roles.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { escapeLike } from '../../common/escape-like.js';
import { page, type Page } from '../../common/http/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { Notifications } from '../notifications/notifications.service.js';
import { findUserByEmail, findUserOrFail } from '../users/user.queries.js';
import { AuthErrors } from './auth.errors.js';
import type { InvitationQuery, InvitationState } from './dto/invitation.dto.js';
import { Invitation } from './entities/invitation.entity.js';
import { newOpaqueToken } from './tokens.js';

/** How long an organiser waits before mailing the same invitation again (kept on the invitation). */
export const INVITATION_RESEND_COOLDOWN_SECONDS = 10 * 60;

/** A juror or organiser invitation as the console lists it. */
export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  state: InvitationState;
  locale: Locale;
  invitedByName: string | null;
  createdAt: string;
  expiresAt: string;
  lastSentAt: string;
  /** When a resend is allowed again (the cool-down); in the past once it is. */
  resendableAt: string;
  sends: number;
  acceptedAt: string | null;
  acceptedUserName: string | null;
  revokedAt: string | null;
}

interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  state: InvitationState;
  locale: Locale;
  invited_by_name: string | null;
  created_at: Date;
  expires_at: Date;
  last_sent_at: Date;
  sends: number;
  accepted_at: Date | null;
  accepted_user_name: string | null;
  revoked_at: Date | null;
}

/** One expression, so that the list's filter and its column agree on what "pending" means. */
const stateSql = (now: string): string =>
  `CASE WHEN i.accepted_at IS NOT NULL THEN 'accepted' WHEN i.revoked_at IS NOT NULL THEN 'revoked'
   WHEN i.expires_at <= ${now} THEN 'expired' ELSE 'pending' END`;

/** The columns of an `InvitationView`, with the names of the inviter and of whoever accepted. */
const selectView = (now: string): string => `
  SELECT i.id, i.email, i.role, ${stateSql(now)} AS state, i.locale, inviter.full_name AS invited_by_name,
         i.created_at, i.expires_at, i.last_sent_at, i.sends, i.accepted_at,
         accepted.full_name AS accepted_user_name, i.revoked_at
    FROM invitations i
    LEFT JOIN user_directory inviter ON inviter.id = i.invited_by
    LEFT JOIN user_directory accepted ON accepted.id = i.accepted_user_id`;

/**
 * The organisers' side of juror and organiser invitations once sent (`AuthService.createInvitation` sends
 * them): the list, a resend with a new token (the old link dies) once per cool-down, and a revoke that kills
 * the link at once, as owners do for company invitations. Every change is audited.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly notifications: Notifications,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async list(query: InvitationQuery): Promise<Page<InvitationView>> {
    const now = this.clock.now();
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.state) where.push(`${stateSql(`$${params.push(now)}`)} = $${params.push(query.state)}`);
    if (query.role) where.push(`i.role = $${params.push(query.role)}`);
    if (query.q) where.push(`i.email ILIKE $${params.push(`%${escapeLike(query.q.toLowerCase())}%`)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rowParams = [...params];
    const [rows, counted] = await Promise.all([
      this.dataSource.query<InvitationRow[]>(
        `${selectView(`$${rowParams.push(now)}`)} ${filter}
          ORDER BY i.created_at DESC, i.id DESC
          LIMIT $${rowParams.push(query.pageSize)} OFFSET $${rowParams.push(query.offset)}`,
        rowParams,
      ),
      this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM invitations i ${filter}`,
        params,
      ),
    ]);
    return page(rows.map(toView), query, counted[0]?.n ?? 0);
  }

  /**
   * Mails a pending invitation again with a new token (the previous link stops working) and a new expiry,
   * in the language of the first mail. Once per cool-down, counted on the invitation in PostgreSQL.
   */
  async resend(caller: Caller, id: string): Promise<InvitationView> {
    return this.change(caller, id, 'auth.invitation_reissued', async (manager, invitation) => {
      const now = this.clock.now();
      const waitMs =
        invitation.lastSentAt.getTime() + INVITATION_RESEND_COOLDOWN_SECONDS * 1000 - now.getTime();
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new DomainError(
          AuthErrors.invitationResentRecently,
          `Resend in ${seconds} s`,
          {},
          { 'Retry-After': String(seconds) },
        );
      }
      const { token, hash } = newOpaqueToken();
      const expiresAt = new Date(now.getTime() + this.config.INVITATION_TTL_SECONDS * 1000);
      await manager.query(
        `UPDATE invitations SET token_hash = $2, expires_at = $3, last_sent_at = $4, sends = sends + 1 WHERE id = $1`,
        [invitation.id, hash, expiresAt, now],
      );
      const inviter = await findUserOrFail(manager, caller.userId);
      const invitee = await findUserByEmail(manager, invitation.email);
      await this.notifications.notify(manager, {
        template: 'account.invitation',
        // Each mail its own notification: the outbox sends one per (template, subject, recipient).
        subject: `${invitation.id}:${invitation.sends + 1}`,
        recipient: { email: invitation.email, userId: invitee?.id ?? null, locale: invitation.locale },
        params: {
          role: invitation.role,
          invitedBy: inviter.fullName,
          link: `${this.config.PUBLIC_URL}/invitations/accept?token=${token}`,
          expiresAt: expiresAt.toISOString(),
        },
      });
    });
  }

  /** Revokes a pending invitation: its token stops working at once and answers like an unknown one. */
  async revoke(caller: Caller, id: string): Promise<void> {
    await this.change(caller, id, 'auth.invitation_revoked', async (manager, invitation) => {
      await manager.query(`UPDATE invitations SET revoked_at = $2 WHERE id = $1`, [
        invitation.id,
        this.clock.now(),
      ]);
    });
  }

  /** A change of a pending invitation (locked; 404 when unknown, 409 once it is not pending), audited. */
  private async change(
    caller: Caller,
    id: string,
    action: 'auth.invitation_reissued' | 'auth.invitation_revoked',
    apply: (manager: EntityManager, invitation: Invitation) => Promise<void>,
  ): Promise<InvitationView> {
    return this.transactions.run(async (manager) => {
      const invitation = await manager.findOne(Invitation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw new DomainError(AuthErrors.invitationNotFound);
      if (invitation.acceptedAt) throw new DomainError(AuthErrors.invitationAccepted);
      if (invitation.revokedAt) throw new DomainError(AuthErrors.invitationRevoked);
      if (invitation.expiresAt <= this.clock.now()) throw new DomainError(AuthErrors.invitationExpired);
      await apply(manager, invitation);
      await this.audit.append(manager, {
        action,
        entityType: 'invitation',
        entityId: invitation.id,
        actorId: caller.userId,
        data: { email: invitation.email, role: invitation.role },
      });
      const [row] = await manager.query<InvitationRow[]>(`${selectView('$1')} WHERE i.id = $2`, [
        this.clock.now(),
        invitation.id,
      ]);
      return toView(row!);
    });
  }
}

function toView(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    state: row.state,
    locale: row.locale,
    invitedByName: row.invited_by_name,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    lastSentAt: row.last_sent_at.toISOString(),
    resendableAt: new Date(
      row.last_sent_at.getTime() + INVITATION_RESEND_COOLDOWN_SECONDS * 1000,
    ).toISOString(),
    sends: row.sends,
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    acceptedUserName: row.accepted_user_name,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

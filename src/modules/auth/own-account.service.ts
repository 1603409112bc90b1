import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { OptOuts } from '../notifications/opt-outs.service.js';
import {
  findProfile,
  type Profile,
  type ProfileChanges,
  setPasswordHash,
  updateProfile,
} from '../users/profile.queries.js';
import { UsersErrors } from '../users/users.errors.js';
import { AuthErrors } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import type { ChangePasswordDto, ProfileResponse, UpdateProfileDto } from './dto/me.dto.js';
import { hashPassword } from './passwords.js';
import { SessionRevocations } from './revocations.js';

/**
 * What a signed-in user does to their own account: read and edit the profile (name, language of the app and
 * the mails, time zone, reminders), change the password, sign out everywhere.
 */
@Injectable()
export class OwnAccount {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly auth: AuthService,
    private readonly revocations: SessionRevocations,
    private readonly optOuts: OptOuts,
    private readonly audit: AuditLog,
  ) {}

  async profile(caller: Caller): Promise<ProfileResponse> {
    const profile = await findProfile(this.dataSource.manager, caller.userId);
    if (!profile) throw new DomainError(UsersErrors.userNotFound);
    const preferences = await this.optOuts.preferences(caller.userId);
    return view(profile, preferences.reminders);
  }

  /** Changes only what the body names; audited with the fields' old and new values. */
  async updateProfile(caller: Caller, dto: UpdateProfileDto): Promise<ProfileResponse> {
    const changes: ProfileChanges = {
      ...(dto.fullName !== undefined ? { fullName: dto.fullName } : {}),
      ...(dto.locale !== undefined ? { locale: dto.locale } : {}),
      ...(dto.timeZone !== undefined ? { timeZone: dto.timeZone } : {}),
    };
    return this.transactions.run(async (manager) => {
      const before = await findProfile(manager, caller.userId, true);
      if (!before) throw new DomainError(UsersErrors.userNotFound);
      const after = Object.keys(changes).length
        ? await updateProfile(manager, caller.userId, changes)
        : before;
      if (!after) throw new DomainError(UsersErrors.userNotFound);
      const preferences =
        dto.jurorReminders === undefined
          ? await this.optOuts.preferences(caller.userId, manager)
          : await this.optOuts.setPreferences(caller.userId, { reminders: dto.jurorReminders }, manager);
      const changed = (Object.keys(changes) as (keyof ProfileChanges)[]).filter(
        (field) => before[field] !== after[field],
      );
      if (changed.length)
        await this.audit.append(manager, {
          action: 'user.profile_updated',
          entityType: 'user',
          entityId: caller.userId,
          actorId: caller.userId,
          data: {
            before: Object.fromEntries(changed.map((field) => [field, before[field]])),
            after: Object.fromEntries(changed.map((field) => [field, after[field]])),
          },
        });
      return view(after, preferences.reminders);
    });
  }

  /**
   * Needs the current password, checked exactly as a sign-in is (rate limits, failed-attempt count, lockout),
   * so a stolen access token can't be turned into the account. Ends every other session; this one goes on.
   */
  async changePassword(caller: Caller, dto: ChangePasswordDto, ip: string): Promise<void> {
    // A policy refusal changes nothing and is no failed attempt.
    this.auth.checkPasswordPolicy(dto.newPassword);
    const profile = await findProfile(this.dataSource.manager, caller.userId);
    if (!profile) throw new DomainError(UsersErrors.userNotFound);
    try {
      await this.auth.validateCredentials(profile.email, dto.currentPassword, ip);
    } catch (error) {
      if (error instanceof DomainError && error.definition === AuthErrors.invalidCredentials)
        throw new DomainError(AuthErrors.currentPasswordWrong);
      throw error;
    }
    const passwordHash = await hashPassword(dto.newPassword);
    const ended = await this.transactions.run(async (manager) => {
      await setPasswordHash(manager, caller.userId, passwordHash);
      const sessions = await this.auth.revokeAllSessions(
        manager,
        caller.userId,
        'password_changed',
        caller.sessionId,
      );
      await this.audit.append(manager, {
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: caller.userId,
        actorId: caller.userId,
        data: { ip, sessionId: caller.sessionId, sessionsEnded: sessions.length },
      });
      return sessions;
    });
    await this.revocations.revoke(ended);
  }

  /** Every session of the user ends, this one too: access tokens at once, refresh tokens with them. */
  async signOutEverywhere(caller: Caller, ip: string): Promise<void> {
    const ended = await this.transactions.run(async (manager) => {
      const sessions = await this.auth.revokeAllSessions(manager, caller.userId, 'logout_everywhere');
      await this.audit.append(manager, {
        action: 'auth.logged_out_everywhere',
        entityType: 'user',
        entityId: caller.userId,
        actorId: caller.userId,
        data: { ip, sessionId: caller.sessionId, sessionsEnded: sessions.length },
      });
      return sessions;
    });
    await this.revocations.revoke([...new Set([...ended, caller.sessionId])]);
  }
}

function view(profile: Profile, jurorReminders: boolean): ProfileResponse {
  return {
    id: profile.id,
    email: profile.email,
    fullName: profile.fullName,
    locale: profile.locale,
    timeZone: profile.timeZone,
    roles: profile.roles,
    emailVerified: profile.emailVerified,
    createdAt: profile.createdAt.toISOString(),
    jurorReminders,
  };
}

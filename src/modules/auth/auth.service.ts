import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { Caller, Role } from '../../common/auth/roles.js';
import { CommonErrors, DomainError } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { Notifications } from '../notifications/notifications.service.js';
import {
  clearFailedLogins,
  confirmEmail,
  findUser,
  findUserByEmail,
  findUserByEmailOrFail,
  findUserForLogin,
  findUserOrFail,
  grantRole as addUserRole,
  insertUser,
  passwordHashOf,
  recordFailedLogin,
  resetPassword,
  setEmailVerified,
  takeOverAccount,
  unlockUser,
  type User,
} from '../users/user.queries.js';
import { UsersErrors } from '../users/users.errors.js';
import { AuthErrors } from './auth.errors.js';
import type { AcceptInvitationDto, CreateInvitationDto, RegisterDto, TokenPair } from './dto/auth.dto.js';
import { AuthSession } from './entities/auth-session.entity.js';
import { Invitation } from './entities/invitation.entity.js';
import { OneTimeToken, type OneTimePurpose } from './entities/one-time-token.entity.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { burnPasswordCheck, hashPassword, isCommonPassword, verifyPassword } from './passwords.js';
import { AuthRateLimits } from './rate-limits.js';
import { SessionRevocations } from './revocations.js';
import { type AccessTokenClaims, hashOpaqueToken, newOpaqueToken } from './tokens.js';

const seconds = (n: number): Date => new Date(Date.now() + n * 1000);
/** How long the unlock link mailed at a lockout stays valid; after it, a password reset still unlocks. */
const UNLOCK_LINK_TTL_SECONDS = 7 * 24 * 3600;

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly audit: AuditLog,
    private readonly notifications: Notifications,
    private readonly revocations: SessionRevocations,
    private readonly limits: AuthRateLimits,
  ) {}

  checkPasswordPolicy(password: string): void {
    if (isCommonPassword(password)) throw new DomainError(AuthErrors.weakPassword);
  }

  async register(dto: RegisterDto, ip: string): Promise<User> {
    await this.limits.consumeRegistration(ip);
    this.checkPasswordPolicy(dto.password);
    const passwordHash = await hashPassword(dto.password);
    return this.transactions.run(async (manager) => {
      const id = await insertUser(manager, {
        email: dto.email,
        passwordHash,
        fullName: dto.fullName,
        locale: dto.locale ?? 'en',
        roles: ['entrant'],
        emailVerified: false,
      });
      if (!id) throw new DomainError(AuthErrors.emailTaken);
      const user = await findUserOrFail(manager, id);
      await this.audit.append(manager, {
        action: 'auth.registered',
        entityType: 'user',
        entityId: user.id,
        actorId: user.id,
        data: { email: user.email, roles: user.roles },
      });
      await this.sendVerification(manager, user);
      return user;
    });
  }

  /**
   * passport-local's check. Same answer, in about the same time, for an unknown e-mail, a wrong password,
   * a disabled account and a locked one (right password or not), so a guesser learns nothing from it.
   *
   * Lockout (NIST SP 800-63B §5.2.2): guessing is slowed first by the per-account and per-IP limits
   * (RATE_LIMIT_*, the same for every address and password); after LOCKOUT_THRESHOLD consecutive failures
   * the account stops accepting passwords, invisibly. The owner is mailed an unlock link once per lock,
   * and a password reset unlocks as well. Sessions already open are left alone.
   */
  async validateCredentials(email: string, password: string, ip: string): Promise<User> {
    await this.limits.consume('login', ip, email);
    const user = await findUserForLogin(this.dataSource.manager, email);
    if (!user) {
      await burnPasswordCheck(password);
      await this.audit.append(this.dataSource.manager, {
        action: 'auth.login_failed',
        entityType: 'user',
        data: { email, ip, reason: 'unknown_email' },
      });
      throw new DomainError(AuthErrors.invalidCredentials);
    }
    const valid = await verifyPassword(user.passwordHash, password);
    if (user.lockedAt) {
      await this.audit.append(this.dataSource.manager, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        data: { ip, reason: valid ? 'locked_right_password' : 'locked' },
      });
      throw new DomainError(AuthErrors.invalidCredentials);
    }
    if (!valid || user.disabledAt) {
      await this.transactions.run(async (manager) => {
        // `justLocked`: this very statement locked the account, the one time the owner is mailed.
        const state = await recordFailedLogin(manager, user.id, this.config.LOCKOUT_THRESHOLD);
        await this.audit.append(manager, {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          data: {
            ip,
            reason: user.disabledAt ? 'disabled' : 'wrong_password',
            consecutiveFailures: state?.failedLoginCount ?? null,
          },
        });
        if (state?.justLocked) {
          await this.audit.append(manager, {
            action: 'auth.account_locked',
            entityType: 'user',
            entityId: user.id,
            data: { ip },
          });
          if (!user.disabledAt) await this.sendUnlockLink(manager, user);
        }
      });
      throw new DomainError(AuthErrors.invalidCredentials);
    }
    if (user.failedLoginCount > 0) await clearFailedLogins(this.dataSource.manager, user.id);
    return user;
  }

  /** The owner's way back in without changing the password: the single-use link mailed when the account locked. */
  async unlockAccount(token: string, ip: string): Promise<void> {
    await this.limits.consume('unlock_account', ip, hashOpaqueToken(token).slice(0, 16));
    await this.transactions.run(async (manager) => {
      const spent = await this.spend(manager, token, 'unlock_account');
      await unlockUser(manager, spent.userId);
      await this.audit.append(manager, {
        action: 'auth.account_unlocked',
        entityType: 'user',
        entityId: spent.userId,
        actorId: spent.userId,
        data: { ip, by: 'unlock_link' },
      });
    });
  }

  /** Starts a session (a refresh-token family) and returns its first token pair. */
  async login(user: User, ip: string): Promise<TokenPair> {
    return this.transactions.run(async (manager) => {
      const session = await manager.save(
        AuthSession,
        manager.create(AuthSession, {
          userId: user.id,
          expiresAt: seconds(this.config.REFRESH_SESSION_MAX_SECONDS),
          revokedAt: null,
          revokedReason: null,
        }),
      );
      await this.audit.append(manager, {
        action: 'auth.logged_in',
        entityType: 'user',
        entityId: user.id,
        actorId: user.id,
        data: { ip, sessionId: session.id },
      });
      return this.issue(manager, user, session);
    });
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.transactions.run(async (manager): Promise<TokenPair | { reused: string }> => {
      const token = await manager.findOne(RefreshToken, {
        where: { tokenHash: hashOpaqueToken(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token) throw new DomainError(AuthErrors.invalidRefreshToken);
      const session = await manager.findOne(AuthSession, {
        where: { id: token.sessionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!session || session.revokedAt) throw new DomainError(AuthErrors.invalidRefreshToken);
      if (token.usedAt) {
        // A spent token came back: someone holds a copy. End the whole family.
        await manager.update(
          AuthSession,
          { id: session.id },
          { revokedAt: new Date(), revokedReason: 'refresh_token_reused' },
        );
        await this.audit.append(manager, {
          action: 'auth.refresh_token_reused',
          entityType: 'user',
          entityId: session.userId,
          data: { sessionId: session.id },
        });
        return { reused: session.id };
      }
      if (token.expiresAt <= new Date() || session.expiresAt <= new Date())
        throw new DomainError(AuthErrors.invalidRefreshToken);
      const user = await findUser(manager, session.userId);
      if (!user || user.disabledAt) throw new DomainError(AuthErrors.invalidRefreshToken);
      await manager.update(RefreshToken, { id: token.id }, { usedAt: new Date() });
      return this.issue(manager, user, session);
    });
    if ('reused' in outcome) {
      await this.revocations.revoke([outcome.reused]);
      throw new DomainError(AuthErrors.refreshTokenReused);
    }
    return outcome;
  }

  async logout(caller: Caller): Promise<void> {
    await this.transactions.run(async (manager) => {
      await manager.update(
        AuthSession,
        { id: caller.sessionId, revokedAt: IsNull() },
        { revokedAt: new Date(), revokedReason: 'logout' },
      );
      await this.audit.append(manager, {
        action: 'auth.logged_out',
        entityType: 'user',
        entityId: caller.userId,
        actorId: caller.userId,
        data: { sessionId: caller.sessionId },
      });
    });
    await this.revocations.revoke([caller.sessionId]);
  }

  /**
   * Ends every session of a user (disabled, role changed, password reset). Call inside the change's
   * transaction, then `revocations.revoke`. Includes sessions that ended in the last access-token
   * lifetime: their last access token may still be alive. `except` keeps one session (a password change
   * keeps the one that made it).
   */
  async revokeAllSessions(
    manager: EntityManager,
    userId: string,
    reason: string,
    except?: string,
  ): Promise<string[]> {
    const rows = await manager.query<[{ id: string }[], number]>(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() - make_interval(secs => $3)
          AND id IS DISTINCT FROM $4::uuid RETURNING id`,
      [userId, reason, this.config.ACCESS_TOKEN_TTL_SECONDS + 60, except ?? null],
    );
    return rows[0].map((r) => r.id);
  }

  async me(caller: Caller): Promise<User> {
    const user = await findUser(this.dataSource.manager, caller.userId);
    if (!user) throw new DomainError(UsersErrors.userNotFound);
    return user;
  }

  async resendVerification(caller: Caller, ip: string): Promise<void> {
    const user = await this.me(caller);
    if (user.emailVerifiedAt) return;
    await this.limits.consume('verify_email', ip, user.email);
    await this.transactions.run((manager) => this.sendVerification(manager, user));
  }

  async verifyEmail(token: string, ip: string): Promise<void> {
    await this.limits.consume('verify_email', ip, hashOpaqueToken(token).slice(0, 16));
    await this.transactions.run(async (manager) => {
      const spent = await this.spend(manager, token, 'verify_email');
      await setEmailVerified(manager, spent.userId);
      await this.audit.append(manager, {
        action: 'auth.email_verified',
        entityType: 'user',
        entityId: spent.userId,
        actorId: spent.userId,
      });
    });
  }

  /** Always the same answer, whether the address has an account or not. */
  async requestPasswordReset(email: string, ip: string): Promise<void> {
    await this.limits.consume('password_reset', ip, email);
    const user = await findUserByEmail(this.dataSource.manager, email.toLowerCase());
    if (!user || user.disabledAt) return;
    await this.transactions.run(async (manager) => {
      await this.mailAccountLink(manager, user, {
        purpose: 'password_reset',
        template: 'account.password_reset',
        path: '/reset-password',
        ttl: this.config.PASSWORD_RESET_TTL_SECONDS,
      });
      await this.audit.append(manager, {
        action: 'auth.password_reset_requested',
        entityType: 'user',
        entityId: user.id,
        data: { ip },
      });
    });
  }

  async confirmPasswordReset(token: string, password: string, ip: string): Promise<void> {
    await this.limits.consume('password_reset', ip, hashOpaqueToken(token).slice(0, 16));
    this.checkPasswordPolicy(password);
    const passwordHash = await hashPassword(password);
    const revoked = await this.transactions.run(async (manager) => {
      const spent = await this.spend(manager, token, 'password_reset');
      await resetPassword(manager, spent.userId, passwordHash);
      const sessions = await this.revokeAllSessions(manager, spent.userId, 'password_reset');
      await this.audit.append(manager, {
        action: 'auth.password_reset',
        entityType: 'user',
        entityId: spent.userId,
        actorId: spent.userId,
        data: { ip, sessionsEnded: sessions.length },
      });
      return sessions;
    });
    await this.revocations.revoke(revoked);
  }

  async createInvitation(
    caller: Caller,
    dto: CreateInvitationDto,
  ): Promise<{ id: string; email: string; role: Role; expiresAt: string }> {
    return this.transactions.run(async (manager) => {
      const { token, hash } = newOpaqueToken();
      const expiresAt = seconds(this.config.INVITATION_TTL_SECONDS);
      const existing = await findUserByEmail(manager, dto.email);
      const invitation = await manager.save(
        Invitation,
        manager.create(Invitation, {
          email: dto.email,
          role: dto.role,
          invitedBy: caller.userId,
          tokenHash: hash,
          expiresAt,
          acceptedAt: null,
          acceptedUserId: null,
          revokedAt: null,
          locale: dto.locale ?? existing?.locale ?? 'en',
        }),
      );
      const inviter = await findUserOrFail(manager, caller.userId);
      await this.notifications.notify(manager, {
        template: 'account.invitation',
        subject: invitation.id,
        recipient: { email: dto.email, userId: existing?.id ?? null, locale: invitation.locale },
        params: {
          role: dto.role,
          invitedBy: inviter.fullName,
          link: `${this.config.PUBLIC_URL}/invitations/accept?token=${token}`,
          expiresAt: expiresAt.toISOString(),
        },
      });
      await this.audit.append(manager, {
        action: 'auth.invitation_created',
        entityType: 'invitation',
        entityId: invitation.id,
        actorId: caller.userId,
        data: { email: dto.email, role: dto.role },
      });
      return {
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        expiresAt: expiresAt.toISOString(),
      };
    });
  }

  /**
   * Accepts an invitation. The token proves control of the mailbox; a role goes to an existing account only
   * when its holder proves that too:
   * - no account: one is created, its address verified by the token;
   * - an unverified account (whoever registered it never proved the address): the acceptance takes it over:
   *   the password sent becomes its password, the address is verified, every other session ends;
   * - a verified account: the caller is signed in to it, or sends its current password.
   * Any refusal rolls the claim back, so the invitation stays usable.
   */
  async acceptInvitation(dto: AcceptInvitationDto, caller: Caller | undefined, ip: string): Promise<User> {
    if (dto.password) this.checkPasswordPolicy(dto.password);
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    const { user, revoked } = await this.transactions.run(async (manager) => {
      const claimed = await manager.query<[{ id: string; email: string; role: Role }[], number]>(
        `UPDATE invitations SET accepted_at = now() WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING id, email, role`,
        [hashOpaqueToken(dto.token)],
      );
      const invitation = claimed[0][0];
      if (!invitation) throw new DomainError(AuthErrors.invalidInvitation);
      let userId: string | undefined;
      let revoked: string[] = [];
      let takenOver = false;
      const existing = await findUserByEmail(manager, invitation.email, { lock: true });
      if (!existing) {
        if (!dto.fullName || !passwordHash) {
          // Only now is it known that the account is new; throwing rolls the claim of the invitation back.
          const errors = [
            ...(dto.fullName
              ? []
              : [{ field: 'fullName', messages: ['fullName is required to create the invited account'] }]),
            ...(passwordHash
              ? []
              : [{ field: 'password', messages: ['password is required to create the invited account'] }]),
          ];
          throw new DomainError(
            CommonErrors.validation,
            errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(' | '),
            { errors },
          );
        }
        userId = await insertUser(manager, {
          email: invitation.email,
          passwordHash,
          fullName: dto.fullName,
          locale: dto.locale ?? 'en',
          roles: [invitation.role],
          emailVerified: true,
        });
      }
      if (!userId) {
        // The account existed, or another acceptance (or a registration) created it a moment ago.
        const user = existing ?? (await findUserByEmailOrFail(manager, invitation.email, { lock: true }));
        userId = user.id;
        const signedInAsIt = caller?.userId === user.id;
        if (!user.emailVerifiedAt && !signedInAsIt) {
          revoked = await this.takeOver(manager, user, dto, passwordHash);
          takenOver = true;
        } else if (!signedInAsIt) {
          await this.proveAccount(manager, user, dto.password, ip);
        }
        await confirmEmail(manager, user.id);
        revoked = [...revoked, ...(await this.grantRole(manager, user, invitation.role))];
      }
      await manager.update(Invitation, { id: invitation.id }, { acceptedUserId: userId });
      await this.audit.append(manager, {
        action: 'auth.invitation_accepted',
        entityType: 'user',
        entityId: userId,
        actorId: userId,
        data: {
          invitationId: invitation.id,
          role: invitation.role,
          ...(takenOver ? { tookOverUnverifiedAccount: true, sessionsEnded: revoked.length } : {}),
        },
      });
      return { user: await findUserOrFail(manager, userId), revoked };
    });
    await this.revocations.revoke(revoked);
    return user;
  }

  /**
   * An unverified account found at an invited address: the token holder controls the mailbox, whoever
   * registered it may not. The account becomes theirs: their password, sessions and refresh tokens of
   * anyone else ended, lockout cleared. Returns the sessions ended.
   */
  private async takeOver(
    manager: EntityManager,
    user: User,
    dto: AcceptInvitationDto,
    passwordHash: string | undefined,
  ): Promise<string[]> {
    if (!passwordHash)
      throw new DomainError(
        CommonErrors.validation,
        'password: password is required: it becomes the password of the account at this address',
        {
          errors: [
            {
              field: 'password',
              messages: ['password is required: it becomes the password of the account at this address'],
            },
          ],
        },
      );
    await takeOverAccount(manager, user.id, {
      passwordHash,
      fullName: dto.fullName ?? null,
      locale: dto.locale ?? null,
    });
    // Unused links mailed to the address before (verification, reset) belong to the mailbox, which is
    // theirs; they stay valid. Sessions are what someone else may hold.
    return this.revokeAllSessions(manager, user.id, 'invitation_takeover');
  }

  /** A verified account gains a role only for someone who proves they hold it: its current password. */
  private async proveAccount(
    manager: EntityManager,
    user: User,
    password: string | undefined,
    ip: string,
  ): Promise<void> {
    if (!password) throw new DomainError(AuthErrors.invitationNeedsAccountProof);
    await this.limits.consume('login', ip, user.email);
    const hash = await passwordHashOf(manager, user.id);
    if (!hash || !(await verifyPassword(hash, password)))
      throw new DomainError(AuthErrors.invalidCredentials);
  }

  /** Adds a role to an account whose row the caller holds locked; returns the sessions it ended. */
  private async grantRole(manager: EntityManager, user: User, role: Role): Promise<string[]> {
    if (user.roles.includes(role)) return [];
    await addUserRole(manager, user.id, role);
    // Tokens carry roles: end the sessions so the next login carries the new one.
    return this.revokeAllSessions(manager, user.id, 'role_changed');
  }

  private async issue(manager: EntityManager, user: User, session: AuthSession): Promise<TokenPair> {
    const { token, hash } = newOpaqueToken();
    const expiresAt = new Date(
      Math.min(seconds(this.config.REFRESH_TOKEN_TTL_SECONDS).getTime(), session.expiresAt.getTime()),
    );
    await manager.insert(RefreshToken, { sessionId: session.id, tokenHash: hash, expiresAt, usedAt: null });
    const claims: AccessTokenClaims = {
      sub: user.id,
      sid: session.id,
      roles: user.roles,
      typ: 'access',
      ev: user.emailVerifiedAt !== null,
    };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: token,
      refreshExpiresAt: expiresAt.toISOString(),
    };
  }

  private async sendUnlockLink(manager: EntityManager, user: User): Promise<void> {
    await this.mailAccountLink(manager, user, {
      purpose: 'unlock_account',
      template: 'account.unlock',
      path: '/unlock-account',
      ttl: UNLOCK_LINK_TTL_SECONDS,
    });
  }

  private async sendVerification(manager: EntityManager, user: User): Promise<void> {
    await this.mailAccountLink(manager, user, {
      purpose: 'verify_email',
      template: 'account.verify_email',
      path: '/verify-email',
      ttl: this.config.EMAIL_VERIFICATION_TTL_SECONDS,
    });
  }

  /** A single-use token for the account's owner, mailed as a link to the page that spends it. */
  private async mailAccountLink(
    manager: EntityManager,
    user: User,
    link: {
      purpose: OneTimePurpose;
      template: 'account.verify_email' | 'account.password_reset' | 'account.unlock';
      path: string;
      ttl: number;
    },
  ): Promise<void> {
    const { token, expiresAt, id } = await this.createOneTimeToken(manager, user.id, link.purpose, link.ttl);
    await this.notifications.notify(manager, {
      template: link.template,
      subject: id,
      recipient: { email: user.email, userId: user.id, locale: user.locale },
      params: {
        name: user.fullName,
        link: `${this.config.PUBLIC_URL}${link.path}?token=${token}`,
        expiresAt: expiresAt.toISOString(),
      },
    });
  }

  private async createOneTimeToken(
    manager: EntityManager,
    userId: string,
    purpose: OneTimePurpose,
    ttl: number,
  ): Promise<{ token: string; expiresAt: Date; id: string }> {
    const { token, hash } = newOpaqueToken();
    const expiresAt = seconds(ttl);
    const saved = await manager.save(
      OneTimeToken,
      manager.create(OneTimeToken, { userId, purpose, tokenHash: hash, expiresAt, usedAt: null }),
    );
    return { token, expiresAt, id: saved.id };
  }

  /** Marks a token used in the same statement that checks it, so two concurrent uses can't both pass. */
  private async spend(
    manager: EntityManager,
    token: string,
    purpose: OneTimePurpose,
  ): Promise<{ userId: string }> {
    const rows = await manager.query<[{ user_id: string }[], number]>(
      `UPDATE one_time_tokens SET used_at = now() WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
      [hashOpaqueToken(token), purpose],
    );
    const row = rows[0][0];
    if (!row) throw new DomainError(AuthErrors.invalidToken);
    return { userId: row.user_id };
  }
}

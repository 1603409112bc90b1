import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, Locale } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { escapeLike } from '../../common/escape-like.js';
import { page, type Page } from '../../common/http/pagination.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { AccountSecurity } from './account-security.js';
import type { UpdateUserDto, UserQuery } from './dto/update-user.dto.js';
import { User } from './entities/user.entity.js';
import { UsersErrors } from './users.errors.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly security: AccountSecurity,
  ) {}

  async list(query: UserQuery): Promise<Page<User>> {
    const users = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (query.q)
      users.andWhere('(u.fullName ILIKE :pattern OR u.email ILIKE :pattern)', {
        pattern: `%${escapeLike(query.q)}%`,
      });
    if (query.role) users.andWhere(':role = ANY(u.roles)', { role: query.role });
    const [items, total] = await users
      .orderBy('u.createdAt', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    return page(items, query, total);
  }

  /** Role changes and disabling end the user's sessions at once: their tokens carry the old roles. */
  async update(caller: Caller, userId: string, dto: UpdateUserDto): Promise<User> {
    // Locking oneself out would leave nobody signed in to undo it (and ends this very session).
    if (dto.disabled === true && userId === caller.userId)
      throw new DomainError(UsersErrors.cannotDisableSelf);
    const { user, revoked } = await this.transactions.run(async (manager) => {
      // One change to the set of organisers at a time: two organisers demoting each other at once would
      // otherwise each lock the other's row first (a deadlock), or both see the other still active.
      if (dto.roles !== undefined || dto.disabled === true)
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('users.organisers'))`);
      const user = await manager.findOne(User, {
        where: { id: userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw new DomainError(UsersErrors.userNotFound);
      const before = { roles: user.roles, disabled: user.disabledAt !== null };
      const roles = dto.roles ?? user.roles;
      const disabledAt =
        dto.disabled === undefined ? user.disabledAt : dto.disabled ? (user.disabledAt ?? new Date()) : null;
      const losesOrganiser =
        user.roles.includes('organiser') && (!roles.includes('organiser') || disabledAt !== null);
      if (losesOrganiser) {
        const [{ n }] = await manager.query<[{ n: number }]>(
          `SELECT count(*)::int AS n FROM users WHERE 'organiser' = ANY(roles) AND disabled_at IS NULL AND id <> $1`,
          [user.id],
        );
        if (n === 0) throw new DomainError(UsersErrors.lastOrganiser);
      }
      await manager.update(User, { id: user.id }, { roles, disabledAt });
      const after = { roles, disabled: disabledAt !== null };
      const changed = JSON.stringify(before) !== JSON.stringify(after);
      const revoked = changed
        ? await this.security.endSessions(manager, user.id, disabledAt ? 'disabled' : 'role_changed')
        : [];
      if (changed)
        await this.audit.append(manager, {
          action: 'users.updated',
          entityType: 'user',
          entityId: user.id,
          actorId: caller.userId,
          data: { before, after },
        });
      return { user: await manager.findOneByOrFail(User, { id: user.id }), revoked };
    });
    await this.security.forgetSessions(revoked);
    return user;
  }

  /** The CLI's way to create the first organiser; there are no default accounts. */
  async createOrganiser(input: {
    email: string;
    password: string;
    fullName: string;
    locale?: Locale;
  }): Promise<User> {
    const passwordHash = await this.security.hashNewPassword(input.password);
    const email = input.email.trim().toLowerCase();
    return this.transactions.run(async (manager) => {
      const existing = await manager.findOneBy(User, { email });
      let id: string;
      if (existing) {
        await manager.query(
          `UPDATE users SET roles = CASE WHEN 'organiser' = ANY(roles) THEN roles ELSE array_append(roles, 'organiser') END, password_hash = $2, email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1`,
          [existing.id, passwordHash],
        );
        id = existing.id;
      } else {
        const saved = await manager.save(
          User,
          manager.create(User, {
            email,
            passwordHash,
            fullName: input.fullName,
            locale: input.locale ?? 'en',
            roles: ['organiser'],
            emailVerifiedAt: new Date(),
            disabledAt: null,
            lockedAt: null,
            failedLoginCount: 0,
          }),
        );
        id = saved.id;
      }
      await this.audit.append(manager, {
        action: 'users.organiser_created',
        entityType: 'user',
        entityId: id,
        data: { email, via: 'cli' },
      });
      return manager.findOneByOrFail(User, { id });
    });
  }
}

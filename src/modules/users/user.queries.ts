import type { EntityManager } from 'typeorm';
import type { Role } from '../../common/auth/roles.js';
import { User } from './entities/user.entity.js';

/** The row type other modules use with these functions, and its public view, so that they do not import the users' entity. */
export type { User, UserView } from './entities/user.entity.js';
export { toUserView } from './entities/user.entity.js';

/**
 * The users module's typed reads and writes for other modules (auth, companies, jury, nominations,
 * notifications, the queue dashboard), so that only this module's SQL names the `users` table. Each takes the
 * caller's `EntityManager`: inside a transaction, the one it runs in. Queries that only join a user's name,
 * address or language onto rows of their own read the view `user_directory` instead (migration UserDirectory).
 */

/** What a mail or a list shows of a user. */
export type UserContact = Pick<User, 'id' | 'email' | 'fullName' | 'locale'>;

/** The values of a new account; an address already taken inserts nothing. */
export interface NewUser {
  email: string;
  passwordHash: string;
  fullName: string;
  locale: string;
  roles: Role[];
  /** True when whoever creates the account has proven the address (an invitation's token). */
  emailVerified: boolean;
}

export function findUser(manager: EntityManager, id: string): Promise<User | null> {
  return manager.findOneBy(User, { id });
}

export function findUserOrFail(manager: EntityManager, id: string): Promise<User> {
  return manager.findOneByOrFail(User, { id });
}

/** The account at this (lower-cased) address; `lock` holds its row for the rest of the transaction. */
export function findUserByEmail(
  manager: EntityManager,
  email: string,
  options: { lock?: boolean } = {},
): Promise<User | null> {
  return manager.findOne(User, {
    where: { email },
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}

/** As `findUserByEmail`, for an account known to exist: its absence is a bug, not an answer. */
export function findUserByEmailOrFail(
  manager: EntityManager,
  email: string,
  options: { lock?: boolean } = {},
): Promise<User> {
  return manager.findOneOrFail(User, {
    where: { email },
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}

/** The account at this address with its password hash, which no other read selects: what a login checks. */
export function findUserForLogin(manager: EntityManager, email: string): Promise<User | null> {
  return manager
    .getRepository(User)
    .createQueryBuilder('u')
    .addSelect('u.passwordHash')
    .where('u.email = :email', { email: email.toLowerCase() })
    .getOne();
}

export async function passwordHashOf(manager: EntityManager, id: string): Promise<string | undefined> {
  const [row] = await manager.query<{ password_hash: string }[]>(
    `SELECT password_hash FROM users WHERE id = $1`,
    [id],
  );
  return row?.password_hash;
}

/** Name, address and language of each of `ids` that exists, in one query. */
export function contactsOf(manager: EntityManager, ids: readonly string[]): Promise<UserContact[]> {
  if (!ids.length) return Promise.resolve([]);
  return manager.query<UserContact[]>(
    `SELECT id, email, full_name AS "fullName", locale FROM users WHERE id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
}

/** The roles of an account that is not disabled; undefined for a disabled or unknown one. */
export async function activeRolesOf(manager: EntityManager, id: string): Promise<Role[] | undefined> {
  const [row] = await manager.query<{ roles: Role[] }[]>(
    `SELECT roles FROM users WHERE id = $1 AND disabled_at IS NULL`,
    [id],
  );
  return row?.roles;
}

/** Those of `ids` whose accounts hold `role` (and, with `active`, are not disabled). */
export async function usersWithRole(
  manager: EntityManager,
  ids: readonly string[],
  role: Role,
  options: { active?: boolean } = {},
): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND $2 = ANY(roles)${options.active ? ' AND disabled_at IS NULL' : ''}`,
    [[...ids], role],
  );
  return rows.map((row) => row.id);
}

/** Creates an account; undefined when the address is taken (by a concurrent registration too). */
export async function insertUser(manager: EntityManager, user: NewUser): Promise<string | undefined> {
  const inserted = await manager.query<{ id: string }[]>(
    `INSERT INTO users (email, password_hash, full_name, locale, roles, email_verified_at)
     VALUES ($1, $2, $3, $4, $5::text[], CASE WHEN $6 THEN now() END)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [user.email, user.passwordHash, user.fullName, user.locale, user.roles, user.emailVerified],
  );
  return inserted[0]?.id;
}

/**
 * Counts a failed login and locks the account at `threshold` consecutive failures. `justLocked` is true when
 * this very statement locked it (`now()` is the transaction's start): the one time the owner is mailed.
 */
export async function recordFailedLogin(
  manager: EntityManager,
  id: string,
  threshold: number,
): Promise<{ failedLoginCount: number; justLocked: boolean } | undefined> {
  const [rows] = await manager.query<[{ failedLoginCount: number; justLocked: boolean }[], number]>(
    `UPDATE users SET failed_login_count = failed_login_count + 1,
            locked_at = CASE WHEN locked_at IS NULL AND failed_login_count + 1 >= $2 THEN now() ELSE locked_at END
      WHERE id = $1 RETURNING failed_login_count AS "failedLoginCount", locked_at IS NOT DISTINCT FROM now() AS "justLocked"`,
    [id, threshold],
  );
  return rows[0];
}

/** A successful login ends the run of failures. */
export async function clearFailedLogins(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE users SET failed_login_count = 0 WHERE id = $1`, [id]);
}

/** Lifts a lockout (the unlock link). */
export async function unlockUser(manager: EntityManager, id: string): Promise<void> {
  await manager.update(User, { id }, { failedLoginCount: 0, lockedAt: null });
}

/** A new password from a reset link; the lockout goes with the old one. */
export async function resetPassword(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
  await manager.update(User, { id }, { passwordHash, failedLoginCount: 0, lockedAt: null });
}

/** The verification link was spent: the address is verified as of now. */
export async function setEmailVerified(manager: EntityManager, id: string): Promise<void> {
  await manager.update(User, { id }, { emailVerifiedAt: new Date() });
}

/** The address is proven by other means (an invitation's token); an earlier verification stays. */
export async function confirmEmail(manager: EntityManager, id: string, at?: Date): Promise<void> {
  await manager.query(
    `UPDATE users SET email_verified_at = coalesce(email_verified_at, $2::timestamptz, now()) WHERE id = $1`,
    [id, at ?? null],
  );
}

/**
 * An unverified account taken over by whoever proved its address: their password (and name and language when
 * given), the address verified, the lockout cleared.
 */
export async function takeOverAccount(
  manager: EntityManager,
  id: string,
  values: { passwordHash: string; fullName: string | null; locale: string | null },
): Promise<void> {
  await manager.query(
    `UPDATE users SET password_hash = $2, full_name = coalesce($3, full_name), locale = coalesce($4, locale),
            email_verified_at = now(), failed_login_count = 0, locked_at = NULL WHERE id = $1`,
    [id, values.passwordHash, values.fullName, values.locale],
  );
}

/** Adds a role the account does not hold yet. */
export async function grantRole(manager: EntityManager, id: string, role: Role): Promise<void> {
  await manager.query(`UPDATE users SET roles = array_append(roles, $2) WHERE id = $1`, [id, role]);
}

/** Sets (or with null clears) the juror's declared employer, the row locked; returns the one it replaces. */
export async function setEmployerCompany(
  manager: EntityManager,
  id: string,
  companyId: string | null,
): Promise<string | null> {
  const [rows] = await manager.query<[{ before: string | null }[], number]>(
    `UPDATE users u SET employer_company_id = $2, updated_at = now() FROM (SELECT id, employer_company_id FROM users WHERE id = $1 FOR UPDATE) old
      WHERE u.id = old.id RETURNING old.employer_company_id AS "before"`,
    [id, companyId],
  );
  if (!rows[0]) throw new Error(`No user ${id} to set the employer of`);
  return rows[0].before;
}

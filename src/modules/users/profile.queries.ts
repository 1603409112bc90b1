import type { EntityManager } from 'typeorm';
import type { Locale, Role } from '../../common/auth/roles.js';

/**
 * The users module's typed reads and writes of a user's own profile, for the auth module's `/me` routes, so
 * that their SQL does not name the `users` table.
 */

export interface Profile {
  id: string;
  email: string;
  fullName: string;
  locale: Locale;
  timeZone: string | null;
  roles: Role[];
  emailVerified: boolean;
  createdAt: Date;
}

/** What a user may change of their own profile; an absent field stays as it is. */
export interface ProfileChanges {
  fullName?: string;
  locale?: Locale;
  timeZone?: string | null;
}

const PROFILE_COLUMNS = `id, email, full_name AS "fullName", locale, time_zone AS "timeZone", roles,
  email_verified_at IS NOT NULL AS "emailVerified", created_at AS "createdAt"`;

export async function findProfile(
  manager: EntityManager,
  userId: string,
  lock = false,
): Promise<Profile | undefined> {
  const [profile] = await manager.query<Profile[]>(
    `SELECT ${PROFILE_COLUMNS} FROM users WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [userId],
  );
  return profile;
}

/** Writes the fields given; returns the profile as it is now, or undefined when the user does not exist. */
export async function updateProfile(
  manager: EntityManager,
  userId: string,
  changes: ProfileChanges,
): Promise<Profile | undefined> {
  const [rows] = await manager.query<[Profile[], number]>(
    `UPDATE users SET
        full_name = CASE WHEN $2 THEN $3 ELSE full_name END,
        locale = CASE WHEN $4 THEN $5 ELSE locale END,
        time_zone = CASE WHEN $6 THEN $7 ELSE time_zone END,
        updated_at = now()
      WHERE id = $1 RETURNING ${PROFILE_COLUMNS}`,
    [
      userId,
      changes.fullName !== undefined,
      changes.fullName ?? null,
      changes.locale !== undefined,
      changes.locale ?? null,
      changes.timeZone !== undefined,
      changes.timeZone ?? null,
    ],
  );
  return rows[0];
}

/** A new password hash (already checked against the policy); clears the failed sign-in count. */
export async function setPasswordHash(
  manager: EntityManager,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await manager.query(
    `UPDATE users SET password_hash = $2, failed_login_count = 0, updated_at = now() WHERE id = $1`,
    [userId, passwordHash],
  );
}

import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Role } from '../../src/common/auth/roles.js';
import type { TestApp } from './test-app.js';

export const DEFAULT_PASSWORD = 'Steppe-Caravan-Route-2025';
let defaultHash: Promise<string> | undefined;

/**
 * The factories' users carry an argon2id hash made with the smallest cost argon2 accepts. A hash names its
 * own parameters, so the server verifies it as it is, in ~1 ms instead of the ~50–100 ms the production
 * cost takes (most tests sign in several users). Passwords set through the API (registration, reset,
 * invitations) are still hashed at the production cost, and auth.e2e-spec checks that cost.
 */
function cheapHash(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  fullName: string;
  roles: Role[];
}

export interface SignedIn extends TestUser {
  token: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.test`;
}

/** Inserts a user directly (hashing once per test process keeps factories fast). */
export async function createUser(
  t: TestApp,
  options: { roles?: Role[]; email?: string; fullName?: string; locale?: string; verified?: boolean } = {},
): Promise<TestUser> {
  defaultHash ??= cheapHash(DEFAULT_PASSWORD);
  const email = (options.email ?? uniqueEmail(options.roles?.[0] ?? 'entrant')).toLowerCase();
  const fullName = options.fullName ?? `Test ${email.split('@')[0]}`;
  const roles = options.roles ?? ['entrant'];
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO users (email, password_hash, full_name, locale, roles, email_verified_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      email,
      await defaultHash,
      fullName,
      options.locale ?? 'en',
      roles,
      options.verified === false ? null : new Date(),
    ],
  );
  return { id: row!.id, email, password: DEFAULT_PASSWORD, fullName, roles };
}

export async function login(
  t: TestApp,
  email: string,
  password = DEFAULT_PASSWORD,
): Promise<{ token: string; refreshToken: string }> {
  const response = await t.http().post('/api/v1/auth/login').send({ email, password });
  if (response.status !== 200)
    throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { token: response.body.accessToken as string, refreshToken: response.body.refreshToken as string };
}

/** A user with these roles, logged in. */
export async function signIn(
  t: TestApp,
  roles: Role[] = ['entrant'],
  options: Parameters<typeof createUser>[1] = {},
): Promise<SignedIn> {
  const user = await createUser(t, { ...options, roles });
  const { token, refreshToken } = await login(t, user.email, user.password);
  return { ...user, token, refreshToken, auth: { Authorization: `Bearer ${token}` } };
}

export async function countRows(
  t: TestApp,
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const [row] = await t.db.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
    params,
  );
  return row!.n;
}

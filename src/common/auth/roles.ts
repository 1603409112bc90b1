export const ROLES = ['entrant', 'juror', 'organiser'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['en', 'ru', 'kk', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/** Who is calling, as the access token (checked against revocations) says. */
export interface Caller {
  userId: string;
  sessionId: string;
  roles: Role[];
  /** Set while the account's e-mail address is unverified: such a caller may only verify it (see `AccessGuard`). */
  emailUnverified?: true;
}

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return roles.some((role) => caller.roles.includes(role));
}

import type { EntityManager } from 'typeorm';

/**
 * What administering users needs from authentication: the password policy and hashing, and ending a user's
 * sessions. Declared here and provided by the auth module (which owns passwords and sessions), so that users
 * does not import auth while auth builds on the users' table.
 */
export abstract class AccountSecurity {
  /** Refuses a password the policy forbids (auth's `weak_password`), else returns its hash. */
  abstract hashNewPassword(password: string): Promise<string>;

  /** Ends every live session of the user, in the caller's transaction; returns their ids. */
  abstract endSessions(manager: EntityManager, userId: string, reason: string): Promise<string[]>;

  /** After the commit: sessions ended by `endSessions` are refused at once, not only when their token expires. */
  abstract forgetSessions(sessionIds: string[]): Promise<void>;
}

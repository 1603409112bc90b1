import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccountSecurity } from '../users/account-security.js';
import { AuthService } from './auth.service.js';
import { hashPassword } from './passwords.js';
import { SessionRevocations } from './revocations.js';

/** Auth's side of `AccountSecurity`: the same policy, hashing and revocation that auth's own routes use. */
@Injectable()
export class AuthAccountSecurity extends AccountSecurity {
  constructor(
    private readonly auth: AuthService,
    private readonly revocations: SessionRevocations,
  ) {
    super();
  }

  async hashNewPassword(password: string): Promise<string> {
    this.auth.checkPasswordPolicy(password);
    return hashPassword(password);
  }

  endSessions(manager: EntityManager, userId: string, reason: string): Promise<string[]> {
    return this.auth.revokeAllSessions(manager, userId, reason);
  }

  forgetSessions(sessionIds: string[]): Promise<void> {
    return this.revocations.revoke(sessionIds);
  }
}

import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../../config/app-config.js';
import { AccountSecurity } from '../users/account-security.js';
import { AccessGuard } from './access.guard.js';
import { AuthAccountSecurity } from './account-security.provider.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';
import { MeController } from './me.controller.js';
import { OwnAccount } from './own-account.service.js';
import { AuthRateLimits } from './rate-limits.js';
import { SessionRevocations } from './revocations.js';
import { SessionCookies, SessionTransportGuard } from './session-cookie.js';
import { JwtStrategy } from './strategies/jwt.strategy.js';
import { LocalStrategy } from './strategies/local.strategy.js';
import { jwtKey } from './tokens.js';

/**
 * Sign-in, tokens, sessions and invitations, and the one global guard. Global so that users' administration
 * gets `AccountSecurity` (password policy, ending sessions) without importing auth, which builds on users.
 */
@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const key = jwtKey(config.JWT_SECRET!);
        return {
          secretOrKeyProvider: () => key,
          signOptions: {
            algorithm: 'HS256',
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
            expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
          },
          verifyOptions: { algorithms: ['HS256'], issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
        };
      },
    }),
  ],
  controllers: [AuthController, InvitationsController, MeController],
  providers: [
    AuthService,
    InvitationsService,
    OwnAccount,
    SessionCookies,
    SessionTransportGuard,
    AuthRateLimits,
    SessionRevocations,
    JwtStrategy,
    LocalStrategy,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: AccountSecurity, useClass: AuthAccountSecurity },
  ],
  exports: [AuthService, SessionRevocations, AccountSecurity],
})
export class AuthModule {}

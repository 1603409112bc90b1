import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ROLES, type Caller, type Role } from '../../../common/auth/roles.js';
import { AppConfig } from '../../../config/app-config.js';
import { SessionRevocations } from '../revocations.js';
import { type AccessTokenClaims, jwtKey } from '../tokens.js';

/**
 * Access tokens: HS256 only (no `none`, no RS/HS confusion), our issuer and audience, `exp` required,
 * and the session not revoked (logout, disabled user, role change).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly revocations: SessionRevocations,
  ) {
    const key = jwtKey(config.JWT_SECRET!);
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (
        _request: unknown,
        _token: unknown,
        done: (error: Error | null, key?: unknown) => void,
      ) => done(null, key),
      algorithms: ['HS256'],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ignoreExpiration: false,
      jsonWebTokenOptions: { maxAge: `${config.ACCESS_TOKEN_TTL_SECONDS + 5}s` },
    } as never);
  }

  async validate(claims: Partial<AccessTokenClaims> & { exp?: number }): Promise<Caller | false> {
    if (
      claims.typ !== 'access' ||
      typeof claims.exp !== 'number' ||
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string'
    )
      return false;
    if (!Array.isArray(claims.roles) || !claims.roles.every((r) => (ROLES as readonly string[]).includes(r)))
      return false;
    if (await this.revocations.isRevoked(claims.sid)) return false;
    return { userId: claims.sub, sessionId: claims.sid, roles: claims.roles as Role[] };
  }
}

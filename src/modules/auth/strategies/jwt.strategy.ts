import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ROLES, type Caller, type Role } from '../../../common/auth/roles.js';
import { BoundedCache } from '../../../common/bounded-cache.js';
import { AppConfig } from '../../../config/app-config.js';
import { SessionRevocations } from '../revocations.js';
import { type AccessTokenClaims, jwtKey } from '../tokens.js';

type Claims = Partial<AccessTokenClaims> & { exp?: number; iat?: number };
/** The request as passport's types name it (Fastify's, at run time; only its headers are read). */
type PassportRequest = Parameters<Strategy['authenticate']>[0];

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Access tokens: HS256 only (no `none`, no RS/HS confusion), our issuer and audience, `exp` required,
 * and the session not revoked (logout, disabled user, role change).
 *
 * jsonwebtoken checks a token the first time this process sees it; after that its signature, algorithm,
 * issuer and audience cannot have changed (the token is the cache key, byte for byte), so only what
 * depends on the time (expiry and maximum age, as jsonwebtoken reckons them) is checked again, and the
 * claims and revocation checks of `validate` run on every request as before. A juror saving scorecards
 * sends the same token for up to 15 minutes.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly verified = new BoundedCache<string, Claims>(10_000);
  private readonly maxAgeSeconds: number;

  constructor(
    config: AppConfig,
    private readonly revocations: SessionRevocations,
  ) {
    const key = jwtKey(config.JWT_SECRET!);
    const maxAgeSeconds = config.ACCESS_TOKEN_TTL_SECONDS + 5;
    super({
      jwtFromRequest: bearerToken,
      secretOrKeyProvider: (
        _request: unknown,
        _token: unknown,
        done: (error: Error | null, key?: unknown) => void,
      ) => done(null, key),
      algorithms: ['HS256'],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ignoreExpiration: false,
      jsonWebTokenOptions: { maxAge: `${maxAgeSeconds}s` },
      passReqToCallback: true,
    } as never);
    this.maxAgeSeconds = maxAgeSeconds;
  }

  override authenticate(request: PassportRequest, options?: object): void {
    const token = bearerToken(request);
    const claims = token ? this.verified.get(token) : undefined;
    if (!claims || !this.inTime(claims)) return super.authenticate(request, options);
    this.validate(request, claims).then(
      (caller) => (caller ? this.success(caller) : this.fail(401)),
      (error: unknown) => this.error(error instanceof Error ? error : new Error(String(error))),
    );
  }

  async validate(request: PassportRequest, claims: Claims): Promise<Caller | false> {
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
    const token = bearerToken(request);
    if (token) this.verified.set(token, claims);
    return {
      userId: claims.sub,
      sessionId: claims.sid,
      roles: claims.roles as Role[],
      ...(claims.ev === false ? { emailUnverified: true as const } : {}),
    };
  }

  /** jsonwebtoken's time checks: not expired (`exp`) and not older than an access token may live (`iat` + max age). */
  private inTime(claims: Claims): boolean {
    const now = Math.floor(Date.now() / 1000);
    return (
      typeof claims.exp === 'number' &&
      now < claims.exp &&
      typeof claims.iat === 'number' &&
      now < claims.iat + this.maxAgeSeconds
    );
  }
}

import { createHmac, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { login, signIn, type SignedIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function without(claims: Record<string, unknown>, ...names: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([name]) => !names.includes(name)));
}

/** Signs by hand, so that a test can choose any header and any key, including ones a library would refuse. */
function hs256(header: object, payload: object, secret: string | Buffer): string {
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** Access tokens that must all be refused with 401, whatever they claim. */
describe('forged and stale access tokens', () => {
  let t: TestApp;
  let organiser: SignedIn;
  /** The claims of a genuine token of the organiser's session. */
  let genuine: { sub: string; sid: string; roles: string[]; typ: string; iss: string; aud: string };

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000' });
    organiser = await signIn(t, ['organiser']);
    const decoded = jwt.decode(organiser.token) as typeof genuine & { iat: number; exp: number };
    genuine = {
      sub: decoded.sub,
      sid: decoded.sid,
      roles: decoded.roles,
      typ: decoded.typ,
      iss: decoded.iss,
      aud: decoded.aud,
    };
  });
  afterAll(() => t.close());

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({
    ...genuine,
    iat: now(),
    exp: now() + 600,
    ...extra,
  });
  const usersWith = (token: string) => t.http().get(`${API}/users`).set('Authorization', `Bearer ${token}`);
  const expectRefused = async (token: string, code = 'auth.unauthenticated') => {
    const res = await usersWith(token).expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe(code);
  };

  it('accepts a token signed as the server signs (so the refusals below are about the forgery)', async () => {
    await usersWith(hs256({ alg: 'HS256', typ: 'JWT' }, claims(), t.config.JWT_SECRET!)).expect(200);
    await usersWith(jwt.sign(claims(), t.config.JWT_SECRET!, { algorithm: 'HS256' })).expect(200);
  });

  it('refuses alg "none"', async () => {
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`;
    await expectRefused(unsigned);
    await expectRefused(`${b64url({ alg: 'None', typ: 'JWT' })}.${b64url(claims())}.`);
  });

  it('refuses RS256, and HS256 keyed with the RSA public key (algorithm confusion)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expectRefused(jwt.sign(claims(), privateKey, { algorithm: 'RS256' }));
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' });
    await expectRefused(hs256({ alg: 'HS256', typ: 'JWT' }, claims(), publicPem));
    await expectRefused(
      hs256({ alg: 'HS256', typ: 'JWT' }, claims(), publicKey.export({ type: 'pkcs1', format: 'pem' })),
    );
  });

  it('refuses another HMAC algorithm and another secret', async () => {
    await expectRefused(jwt.sign(claims(), t.config.JWT_SECRET!, { algorithm: 'HS512' }));
    await expectRefused(
      hs256({ alg: 'HS256', typ: 'JWT' }, claims(), 'some-other-secret-that-is-long-enough-for-hs256'),
    );
  });

  it('refuses an expired token', async () => {
    await expectRefused(
      hs256(
        { alg: 'HS256', typ: 'JWT' },
        claims({ iat: now() - 1000, exp: now() - 10 }),
        t.config.JWT_SECRET!,
      ),
      // Its own code, so that clients know to refresh (issue 14).
      'auth.token_expired',
    );
  });

  it('refuses a token without exp, and one older than an access token may live whatever its exp says', async () => {
    await expectRefused(hs256({ alg: 'HS256', typ: 'JWT' }, without(claims(), 'exp'), t.config.JWT_SECRET!));
    await expectRefused(
      hs256({ alg: 'HS256', typ: 'JWT' }, without(claims(), 'iat', 'exp'), t.config.JWT_SECRET!),
    );
    const ttl = t.config.ACCESS_TOKEN_TTL_SECONDS;
    await expectRefused(
      hs256(
        { alg: 'HS256', typ: 'JWT' },
        claims({ iat: now() - ttl - 60, exp: now() + 365 * 24 * 3600 }),
        t.config.JWT_SECRET!,
      ),
      'auth.token_expired',
    );
  });

  it('refuses a token it accepted before, once it expires or outlives an access token (the check is not cached)', async () => {
    const ttl = t.config.ACCESS_TOKEN_TTL_SECONDS;
    const expiring = hs256({ alg: 'HS256', typ: 'JWT' }, claims({ exp: now() + 2 }), t.config.JWT_SECRET!);
    // Issued long enough ago that the server's maximum age (TTL + 5 s) runs out in 2 s, whatever its exp.
    const ageing = hs256(
      { alg: 'HS256', typ: 'JWT' },
      claims({ iat: now() - ttl - 3, exp: now() + 3600 }),
      t.config.JWT_SECRET!,
    );
    for (let i = 0; i < 3; i++) {
      await usersWith(expiring).expect(200);
      await usersWith(ageing).expect(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expectRefused(expiring, 'auth.token_expired');
    await expectRefused(ageing, 'auth.token_expired');
  });

  it('refuses a wrong issuer or audience', async () => {
    await expectRefused(
      hs256({ alg: 'HS256', typ: 'JWT' }, claims({ iss: 'someone-else' }), t.config.JWT_SECRET!),
    );
    await expectRefused(
      hs256({ alg: 'HS256', typ: 'JWT' }, claims({ aud: 'another-api' }), t.config.JWT_SECRET!),
    );
    await expectRefused(hs256({ alg: 'HS256', typ: 'JWT' }, without(claims(), 'iss'), t.config.JWT_SECRET!));
    await expectRefused(hs256({ alg: 'HS256', typ: 'JWT' }, without(claims(), 'aud'), t.config.JWT_SECRET!));
  });

  it('refuses a tampered payload that keeps the original signature', async () => {
    const entrant = await signIn(t, ['entrant']);
    await usersWith(entrant.token).expect(403);
    const [header, payload, signature] = entrant.token.split('.') as [string, string, string];
    const promoted = {
      ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as object),
      roles: ['organiser'],
    };
    await expectRefused(`${header}.${b64url(promoted)}.${signature}`);
  });

  it('refuses claims the server never issues: unknown roles, another token type, missing session', async () => {
    await expectRefused(
      hs256({ alg: 'HS256', typ: 'JWT' }, claims({ roles: ['admin'] }), t.config.JWT_SECRET!),
    );
    await expectRefused(
      hs256({ alg: 'HS256', typ: 'JWT' }, claims({ typ: 'refresh' }), t.config.JWT_SECRET!),
    );
    await expectRefused(hs256({ alg: 'HS256', typ: 'JWT' }, without(claims(), 'sid'), t.config.JWT_SECRET!));
  });

  it('refuses a refresh token used as an access token', async () => {
    const user = await signIn(t, ['organiser']);
    await expectRefused(user.refreshToken);
  });

  it('refuses a token after logout', async () => {
    const user = await signIn(t, ['organiser']);
    await usersWith(user.token).expect(200);
    await t.http().post(`${API}/auth/logout`).set(user.auth).expect(204);
    await expectRefused(user.token);
  });

  it('refuses the token of a user an organiser disabled, at once', async () => {
    const juror = await signIn(t, ['juror']);
    const second = await login(t, juror.email);
    await t.http().get(`${API}/auth/me`).set(juror.auth).expect(200);
    await t.http().patch(`${API}/users/${juror.id}`).set(organiser.auth).send({ disabled: true }).expect(200);
    for (const token of [juror.token, second.token]) {
      const res = await t.http().get(`${API}/auth/me`).set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.code).toBe('auth.unauthenticated');
    }
  });

  it('refuses the last access token of a session that ended a moment ago when its user is disabled', async () => {
    const juror = await signIn(t, ['juror']);
    // The refresh session reached its absolute end; the access token issued just before it still lives.
    await t.db.query(`UPDATE auth_sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [
      juror.id,
    ]);
    await t.http().get(`${API}/auth/me`).set(juror.auth).expect(200);
    await t.http().patch(`${API}/users/${juror.id}`).set(organiser.auth).send({ disabled: true }).expect(200);
    await expectRefused(juror.token);
  });
});

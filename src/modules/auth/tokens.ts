import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../../common/canonical-json.js';

/** An unguessable token for links and refresh; only its SHA-256 is stored. */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256Hex(token) };
}

export const hashOpaqueToken = (token: string): string => sha256Hex(token);

/**
 * The HMAC key as a KeyObject: given a string, jsonwebtoken first tries to parse it as a PEM public key
 * on every verification, which halves the throughput of authenticated routes.
 */
export function jwtKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  roles: string[];
  typ: 'access';
  /** Whether the account's e-mail address was verified when the token was issued (absent in older tokens: verified). */
  ev?: boolean;
}

/**
 * Who published a manifest: an Ed25519 signature (RFC 8032) by the platform's key over the manifest's
 * SHA-256, which already covers every other member. Pure (node:crypto only): the server signs with it,
 * `npm run verify` checks with it; the browser checks the same bytes with WebCrypto.
 *
 * The signed message is `magistral-results-manifest/1\n<sha256>`: the format name keeps a signature over
 * a manifest from ever passing for a signature over anything else the key might sign.
 */
import { createPublicKey, sign, verify } from 'node:crypto';

import type { SigningKey } from '../../config/signing-keys.js';

export const SIGNATURE_ALGORITHM = 'Ed25519';
const MESSAGE_PREFIX = 'magistral-results-manifest/1\n';

export interface ManifestSignature {
  algorithm: typeof SIGNATURE_ALGORITHM;
  /** Names the public key in the published key list (see `keyIdOf`). */
  keyId: string;
  /** base64url of the 64-byte signature. */
  value: string;
}

/** A public key as published at /.well-known/magistral-signing-keys.json (a JWK WebCrypto imports as is). */
export interface PublishedKey {
  keyId: string;
  algorithm: typeof SIGNATURE_ALGORITHM;
  publicKey: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  /** When the platform first signed with it. */
  validFrom: string;
  /** When it was retired (`npm run cli -- keys:retire`); manifests signed before stay valid. */
  validUntil: string | null;
}

/** The bytes a signature covers. */
export function signedMessage(sha256: string): Buffer {
  return Buffer.from(MESSAGE_PREFIX + sha256, 'utf8');
}

export function signDigest(sha256: string, key: SigningKey): ManifestSignature {
  return {
    algorithm: SIGNATURE_ALGORITHM,
    keyId: key.keyId,
    value: sign(null, signedMessage(sha256), key.privateKey).toString('base64url'),
  };
}

/**
 * Problems with a manifest's signature against the published keys (none when it holds): the key must be
 * published, valid when the manifest was published, and the signature must verify over its SHA-256.
 */
export function signatureProblems(
  manifest: { sha256: string; publishedAt?: unknown; signature?: unknown },
  keys: readonly PublishedKey[],
): string[] {
  const signature = manifest.signature;
  if (!isSignature(signature)) return ['the manifest carries no Ed25519 signature'];
  const key = keys.find((candidate) => candidate.keyId === signature.keyId);
  if (key === undefined) return [`the signing key ${signature.keyId} is not among the published keys`];
  const problems: string[] = [];
  const publishedAt = typeof manifest.publishedAt === 'string' ? Date.parse(manifest.publishedAt) : NaN;
  if (
    Number.isNaN(publishedAt) ||
    publishedAt < Date.parse(key.validFrom) - CLOCK_SKEW_MS ||
    (key.validUntil !== null && publishedAt > Date.parse(key.validUntil))
  )
    problems.push(`the key ${key.keyId} was not valid when the manifest was published`);
  const holds = signatureHolds(manifest.sha256, signature, key);
  if (!holds) problems.push(`the signature does not verify with the key ${key.keyId}`);
  return problems;
}

function signatureHolds(sha256: string, signature: ManifestSignature, key: PublishedKey): boolean {
  try {
    const publicKey = createPublicKey({ key: key.publicKey, format: 'jwk' });
    return verify(null, signedMessage(sha256), publicKey, Buffer.from(signature.value, 'base64url'));
  } catch {
    // A malformed key or signature proves nothing.
    return false;
  }
}

/** Several API instances share one key; their clocks may differ a little from the one that registered it. */
const CLOCK_SKEW_MS = 5 * 60_000;

function isSignature(value: unknown): value is ManifestSignature {
  if (typeof value !== 'object' || value === null) return false;
  const { algorithm, keyId, value: signature } = value as Record<string, unknown>;
  return algorithm === SIGNATURE_ALGORITHM && typeof keyId === 'string' && typeof signature === 'string';
}

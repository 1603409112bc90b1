/**
 * Who published a manifest: an Ed25519 signature (RFC 8032) by the platform's key over the manifest's
 * SHA-256, which already covers every other member. The server signs with node:crypto here; checking is
 * manifest-verification.ts's, with node:crypto (`NODE_VERIFIER_CRYPTO`, for `npm run verify`) or WebCrypto
 * (in the browser) over the same bytes.
 *
 * The signed message is `magistral-results-manifest/1\n<sha256>`: the format name keeps a signature over
 * a manifest from ever passing for a signature over anything else the key might sign.
 */
import { createPublicKey, sign, verify } from 'node:crypto';

import { sha256Hex } from '../../common/canonical-json.js';
import type { SigningKey } from '../../config/signing-keys.js';
import {
  signatureFindings,
  signedMessage,
  SIGNATURE_ALGORITHM,
  type ManifestSignature,
  type PublishedKey,
  type VerifierCrypto,
} from './manifest-verification.js';

export { SIGNATURE_ALGORITHM, signedMessage } from './manifest-verification.js';
export type { ManifestSignature, PublishedKey } from './manifest-verification.js';

export function signDigest(sha256: string, key: SigningKey): ManifestSignature {
  return {
    algorithm: SIGNATURE_ALGORITHM,
    keyId: key.keyId,
    value: sign(null, signedMessage(sha256), key.privateKey).toString('base64url'),
  };
}

/** The verifier's cryptography in Node. */
export const NODE_VERIFIER_CRYPTO: VerifierCrypto = {
  sha256Hex: (text) => Promise.resolve(sha256Hex(text)),
  verifyEd25519: (publicKey, message, signature) => {
    try {
      const key = createPublicKey({ key: publicKey, format: 'jwk' });
      return Promise.resolve(verify(null, message, key, signature));
    } catch {
      // A malformed key or signature proves nothing.
      return Promise.resolve(false);
    }
  },
};

/** The signature's problems against the published keys, in words (none when it holds). */
export async function signatureProblems(
  manifest: { sha256: string; publishedAt?: unknown; signature?: unknown },
  keys: readonly PublishedKey[],
): Promise<string[]> {
  return (await signatureFindings(manifest, keys, NODE_VERIFIER_CRYPTO)).map((finding) => finding.text);
}

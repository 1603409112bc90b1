import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';

/**
 * The platform's Ed25519 signing key (results manifests): read from configuration, or made for a process.
 * Here, beside the configuration, so that the key is checked at start with the rest of it.
 */
export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  /** base64url of the raw 32-byte public key (the JWK's `x`). */
  publicKey: string;
}

/** The first 16 hex digits of the SHA-256 of the raw public key: short, and the same wherever computed. */
export function keyIdOf(publicKeyX: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyX, 'base64url')).digest('hex').slice(0, 16);
}

/** A signing key from PKCS#8, as PEM or as the base64 of its DER (one line, for an environment variable). */
export function signingKeyFrom(text: string): SigningKey {
  const trimmed = text.trim();
  const privateKey = trimmed.startsWith('-----BEGIN')
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the key is not an Ed25519 private key');
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('the key has no public part');
  return { keyId: keyIdOf(x), privateKey, publicKey: x };
}

/** A new key pair: the private key as one base64 line (PKCS#8 DER) and its key id. */
export function generateSigningKey(): { privateKey: string; key: SigningKey } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const line = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  return { privateKey: line, key: signingKeyFrom(line) };
}

import { describe, expect, it } from '@jest/globals';

import { generateSigningKey, keyIdOf, signingKeyFrom } from '../../config/signing-keys.js';
import { signatureProblems, signDigest, type PublishedKey } from './manifest-signature.js';

const SHA = 'ab'.repeat(32);
const PUBLISHED_AT = '2026-11-20T12:00:00.000Z';

function published(key = generateSigningKey().key, validUntil: string | null = null): PublishedKey {
  return {
    keyId: key.keyId,
    algorithm: 'Ed25519',
    publicKey: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey },
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil,
  };
}

describe('manifest signatures', () => {
  const { privateKey, key } = generateSigningKey();

  it('read the configured key back from its one-line form and from PEM, with the same key id', () => {
    expect(signingKeyFrom(privateKey).keyId).toBe(key.keyId);
    const pem = key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(signingKeyFrom(pem).keyId).toBe(key.keyId);
    expect(key.keyId).toBe(keyIdOf(key.publicKey));
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(() => signingKeyFrom('not a key')).toThrow();
  });

  it('verify with the published key, and with no other', async () => {
    const manifest = { sha256: SHA, publishedAt: PUBLISHED_AT, signature: signDigest(SHA, key) };
    expect(await signatureProblems(manifest, [published(key)])).toEqual([]);
    const other = published();
    expect(await signatureProblems(manifest, [other])).toEqual([
      `the signing key ${key.keyId} is not among the published keys`,
    ]);
    // The same key id with another key's public part: the signature does not hold.
    expect(await signatureProblems(manifest, [{ ...other, keyId: key.keyId }])).toEqual([
      `the signature does not verify with the key ${key.keyId}`,
    ]);
  });

  it('cover the SHA-256, so a changed manifest (a changed digest) no longer verifies', async () => {
    const signature = signDigest(SHA, key);
    expect(
      await signatureProblems({ sha256: 'cd'.repeat(32), publishedAt: PUBLISHED_AT, signature }, [
        published(key),
      ]),
    ).toEqual([`the signature does not verify with the key ${key.keyId}`]);
  });

  it('refuse a key used outside its validity, and a manifest with no signature', async () => {
    const manifest = { sha256: SHA, publishedAt: PUBLISHED_AT, signature: signDigest(SHA, key) };
    expect(await signatureProblems(manifest, [published(key, '2026-06-01T00:00:00.000Z')])).toEqual([
      `the key ${key.keyId} was not valid when the manifest was published`,
    ]);
    expect(await signatureProblems(manifest, [published(key, '2026-12-01T00:00:00.000Z')])).toEqual([]);
    expect(await signatureProblems({ sha256: SHA, publishedAt: PUBLISHED_AT }, [published(key)])).toEqual([
      'the manifest carries no Ed25519 signature',
    ]);
    expect(
      await signatureProblems({ ...manifest, signature: { ...manifest.signature, value: '!!' } }, [
        published(key),
      ]),
    ).toEqual([`the signature does not verify with the key ${key.keyId}`]);
  });
});

/**
 * The verifier's cryptography through WebCrypto (`crypto.subtle`), for the results page's check in the
 * visitor's browser (Chromium, Firefox and Safari verify Ed25519 there). No Node import: the browser bundle
 * takes it as is, and Node, which has the same API, tests it against node:crypto.
 */
import type { VerifierCrypto } from './manifest-verification.js';

/** Thrown when the browser cannot check Ed25519 at all: that says nothing about the manifest. */
export class Ed25519Unsupported extends Error {
  constructor(cause: unknown) {
    super('This browser cannot check Ed25519 signatures', { cause });
    this.name = 'Ed25519Unsupported';
  }
}

function hex(buffer: ArrayBuffer): string {
  let out = '';
  for (const byte of new Uint8Array(buffer)) out += byte.toString(16).padStart(2, '0');
  return out;
}

export const WEB_VERIFIER_CRYPTO: VerifierCrypto = {
  async sha256Hex(text) {
    return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  },
  async verifyEd25519(publicKey, message, signature) {
    let key: Awaited<ReturnType<typeof crypto.subtle.importKey>>;
    try {
      key = await crypto.subtle.importKey(
        'jwk',
        { kty: publicKey.kty, crv: publicKey.crv, x: publicKey.x },
        { name: 'Ed25519' },
        false,
        ['verify'],
      );
    } catch (error) {
      // A key WebCrypto cannot read proves nothing; an algorithm it does not know is the browser's limit.
      if (error instanceof Error && error.name === 'NotSupportedError') throw new Ed25519Unsupported(error);
      return false;
    }
    try {
      return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
    } catch {
      return false;
    }
  },
};

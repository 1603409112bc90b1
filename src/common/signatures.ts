import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * A key for one purpose only, derived from the platform's secret (HKDF-SHA256): what is signed for one
 * purpose (an unsubscribe link, a dashboard cookie) can never pass for another, and needs no table.
 */
export function purposeKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'magistral', purpose, 32));
}

/** HMAC-SHA256 of the parts, one per line, in base64url (43 characters). */
export function signParts(key: Buffer, ...parts: (string | number)[]): string {
  return createHmac('sha256', key).update(parts.join('\n')).digest('base64url');
}

/** Whether `given` is the signature expected, compared in constant time. */
export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

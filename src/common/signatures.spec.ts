import { createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { purposeKey, sameSignature, signParts } from './signatures.js';

describe('signatures', () => {
  it('sign the parts one per line with a key of their own purpose (links already mailed keep verifying)', () => {
    const key = purposeKey('a secret of the platform', 'notifications/unsubscribe/v1');
    const before = Buffer.from(
      hkdfSync('sha256', 'a secret of the platform', 'magistral', 'notifications/unsubscribe/v1', 32),
    );
    expect(key.equals(before)).toBe(true);
    const signature = signParts(key, 'user', 'reminders');
    expect(signature).toBe(createHmac('sha256', before).update('user\nreminders').digest('base64url'));
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signParts(purposeKey('a secret of the platform', 'other/v1'), 'user', 'reminders')).not.toBe(
      signature,
    );
  });

  it('compare in constant time, and refuse anything but the same signature', () => {
    const signature = signParts(purposeKey('s', 'p'), 1, 2);
    expect(sameSignature(signature, signature)).toBe(true);
    expect(sameSignature(signature, `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`)).toBe(
      false,
    );
    expect(sameSignature(signature, signature.slice(1))).toBe(false);
    expect(sameSignature(signature, '')).toBe(false);
  });
});

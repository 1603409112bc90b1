import { describe, expect, it } from '@jest/globals';
import { canonicalTimeZone } from './me.dto.js';

describe('canonicalTimeZone', () => {
  it.each([
    ['Asia/Almaty', 'Asia/Almaty'],
    ['asia/almaty', 'Asia/Almaty'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['Etc/UTC', 'UTC'],
    // ICU's canonical names, which are also the ones Intl.supportedValuesOf lists in browsers and here.
    ['Asia/Kolkata', 'Asia/Calcutta'],
    ['Asia/Qostanay', 'Asia/Qostanay'],
  ])('knows %s as %s', (given, canonical) => {
    expect(canonicalTimeZone(given)).toBe(canonical);
  });

  it.each([
    'Mars/Olympus_Mons',
    '+05:00',
    '',
    'Asia/Almaty\u0000',
    `Asia/${'x'.repeat(80)}`,
    '../etc/passwd',
  ])('refuses %j', (given) => {
    expect(canonicalTimeZone(given)).toBeUndefined();
  });
});

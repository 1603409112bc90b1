import { describe, expect, it } from '@jest/globals';

import { comparable, present, quotient, roundHalfAwayFromZero, TallyDecimal } from './decimal.js';

describe('roundHalfAwayFromZero', () => {
  it.each([
    ['1.23445', 4, '1.2345'],
    ['1.23444999', 4, '1.2344'],
    ['-1.23445', 4, '-1.2345'],
    ['2.5', 0, '3'],
    ['-2.5', 0, '-3'],
    ['0.00005', 4, '0.0001'],
    ['-0.00004', 4, '0.0000'],
    ['7', 4, '7.0000'],
    ['123456789012345678901234567890.5', 0, '123456789012345678901234567891'],
  ])('%s to %i decimals is %s', (value, places, expected) => {
    expect(roundHalfAwayFromZero(value, places)).toBe(expected);
  });

  it('rounds a Decimal and a bigint', () => {
    expect(roundHalfAwayFromZero(new TallyDecimal(2).sqrt(), 10)).toBe('1.4142135624');
    expect(roundHalfAwayFromZero(12n, 2)).toBe('12.00');
  });

  it('refuses a negative or fractional number of places', () => {
    expect(() => roundHalfAwayFromZero('1', -1)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero('1', 1.5)).toThrow(RangeError);
  });

  it('is not affected by the global Decimal configuration', async () => {
    const { default: SharedDecimal } = await import('decimal.js');
    const shared = SharedDecimal as unknown as typeof SharedDecimal.Decimal;
    shared.set({ precision: 5, rounding: shared.ROUND_DOWN });
    try {
      expect(quotient(2n, 3n).toFixed(20)).toBe('0.66666666666666666667');
      expect(roundHalfAwayFromZero('0.125', 2)).toBe('0.13');
    } finally {
      shared.set({ defaults: true });
    }
  });
});

describe('present', () => {
  it('shows the 4-decimal rounding of the compared 10-decimal value', () => {
    // 1.23444999996 compares as 1.2344500000, so it is shown as 1.2345 (not 1.2344): a value and
    // anything it ties with always show the same figure.
    expect(present(new TallyDecimal('1.23444999996'))).toEqual({ exact: '1.2344500000', shown: '1.2345' });
    expect(present(new TallyDecimal('-0.00000000004'))).toEqual({ exact: '0.0000000000', shown: '0.0000' });
  });
});

describe('comparable', () => {
  it('makes values that agree to 10 decimals equal', () => {
    expect(comparable(new TallyDecimal('5.00000000004')).eq(comparable(new TallyDecimal('5')))).toBe(true);
    expect(comparable(new TallyDecimal('5.00000000005')).gt(comparable(new TallyDecimal('5')))).toBe(true);
  });
});

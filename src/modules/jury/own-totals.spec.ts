import { describe, expect, it } from '@jest/globals';
import { meanOf } from './own-totals.js';

describe('meanOf', () => {
  it('is null for no totals', () => {
    expect(meanOf([])).toBeNull();
  });

  it('averages exactly and rounds half away from zero to 4 decimals', () => {
    expect(meanOf(['7.2500', '9.7500'])).toBe('8.5000');
    expect(meanOf(['1.0000', '2.0000', '2.0000'])).toBe('1.6667');
    expect(meanOf(['0.0001', '0.0000'])).toBe('0.0001');
    expect(meanOf(['-0.0001', '0.0000'])).toBe('-0.0001');
    expect(meanOf(['-0.0001', '0.0001'])).toBe('0.0000');
    expect(meanOf(['10', '5.5'])).toBe('7.7500');
  });
});

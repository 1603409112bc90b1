import { describe, expect, it } from '@jest/globals';
import { BoundedCache } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('keeps recently used entries and forgets the least recently used beyond its capacity', () => {
    const cache = new BoundedCache<string, number>(4);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1);
    cache.set('d', 4);
    cache.set('e', 5);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('e')).toBe(5);
    cache.set('e', 6);
    expect(cache.get('e')).toBe(6);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
  });

  it('never holds more than its capacity and always the most recently used half of it', () => {
    const capacity = 100;
    const cache = new BoundedCache<number, number>(capacity);
    for (let i = 0; i < 1_000; i++) {
      cache.set(i, i);
      expect(cache.size).toBeLessThanOrEqual(capacity);
      // One entry read now and then stays however many are added after it.
      if (i % 10 === 0) expect(cache.get(7)).toBe(i === 0 ? undefined : 7);
      if (i === 0) cache.set(7, 7);
    }
    for (let i = 999; i >= 1_000 - capacity / 2; i--) expect(cache.get(i)).toBe(i);
  });
});

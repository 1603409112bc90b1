import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import { assertFresh, etagOf, parseIfMatch, parseIfMatchVersion } from './etag.js';

describe('ETags and If-Match', () => {
  it('reads strong and weak tags, lists, * and absence', () => {
    expect(etagOf(3)).toBe('"3"');
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch('W/"12"')).toEqual([12]);
    expect(parseIfMatch('W/"3", "4"')).toEqual([3, 4]);
    for (const bad of ['3', '"a"', 'three', '', '"3",']) expect(() => parseIfMatch(bad)).toThrow(DomainError);
  });

  it('reads exactly one version for single-version writes', () => {
    expect(parseIfMatchVersion('"7"', 'scorecard')).toBe(7);
    expect(parseIfMatchVersion(undefined, 'scorecard')).toBeUndefined();
    expect(() => parseIfMatchVersion('"1", "2"', 'scorecard')).toThrow(/ETag of the scorecard/);
  });

  it('refuses a stale version with the current ETag', () => {
    expect(() => assertFresh([3], 3)).not.toThrow();
    expect(() => assertFresh(undefined, 3)).not.toThrow();
    try {
      assertFresh([2], 3, 'edition');
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).headers).toEqual({ ETag: '"3"' });
    }
  });
});

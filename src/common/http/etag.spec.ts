import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import { assertFresh, etagOf, isFresh, parseIfMatch, staleVersion } from './etag.js';

describe('ETags and If-Match', () => {
  it('reads strong and weak tags, lists, * and absence', () => {
    expect(etagOf(3)).toBe('"3"');
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch('W/"12"')).toEqual([12]);
    expect(parseIfMatch('W/"3", "4"')).toEqual([3, 4]);
    for (const bad of ['3', '"a"', 'three', '', '"3",']) expect(() => parseIfMatch(bad)).toThrow(DomainError);
  });

  it('names the resource when If-Match is malformed', () => {
    expect(() => parseIfMatch('"1"; "2"', 'scorecard')).toThrow(/ETag of the scorecard/);
  });

  it('is fresh without a precondition or when one named version is current', () => {
    expect(isFresh(undefined, 4)).toBe(true);
    expect(isFresh([3, 4], 4)).toBe(true);
    expect(isFresh([3], 4)).toBe(false);
    expect(staleVersion(0, 'scorecard').extensions).toEqual({ currentVersion: 0 });
    expect(staleVersion(0, 'scorecard').headers).toEqual({ ETag: '"0"' });
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

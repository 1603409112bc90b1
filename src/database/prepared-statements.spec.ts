import { describe, expect, it } from '@jest/globals';
import { StatementNames } from './prepared-statements.js';

describe('StatementNames', () => {
  it('names each text once, the same way every time, and never more than its cap', () => {
    const names = new StatementNames('list', 3);
    const first = names.nameFor('SELECT 1');
    expect(first).toMatch(/^list_[0-9a-f]{20}$/);
    expect(names.nameFor('SELECT 1')).toBe(first);
    expect(new StatementNames('list', 3).nameFor('SELECT 1')).toBe(first); // another process, same name
    expect(names.nameFor('SELECT 2')).not.toBe(first);
    expect(names.nameFor('SELECT 3')).toBeDefined();
    // Beyond the cap a text runs unnamed; the texts named before keep their names.
    expect(names.nameFor('SELECT 4')).toBeUndefined();
    expect(names.nameFor('SELECT 1')).toBe(first);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { defineErrors } from '../../common/errors/domain-error.js';
import { PhaseChecks, type PhaseCheckEdition } from './phase-checks.js';

const Errors = defineErrors({
  first: { code: 'test.first', kind: 'conflict', title: 'First' },
  second: { code: 'test.second', kind: 'conflict', title: 'Second' },
  other: { code: 'test.other', kind: 'conflict', title: 'Other phase' },
});

const manager = {} as EntityManager;
const edition: PhaseCheckEdition = { id: 'e1', phase: 'eligibility', resultsEmbargoUntil: null };

describe('PhaseChecks', () => {
  it('asks only the checks of the phase moved into, in the order they were registered, every blocker kept', async () => {
    const checks = new PhaseChecks();
    const asked: string[] = [];
    checks.register({
      into: 'judging',
      check: async (_, e) => {
        asked.push(`first:${e.id}`);
        return [{ error: Errors.first, params: { count: '2' } }];
      },
    });
    checks.register({
      into: 'nominations',
      check: async () => {
        asked.push('other');
        return [{ error: Errors.other, params: {} }];
      },
    });
    checks.register({
      into: 'judging',
      check: async () => {
        asked.push('second');
        return [
          { error: Errors.second, params: { categories: 'a' } },
          { error: Errors.second, params: { categories: 'b' } },
        ];
      },
    });
    const blockers = await checks.blockersFor(manager, edition, 'judging');
    expect(blockers.map((b) => [b.error.code, b.params])).toEqual([
      ['test.first', { count: '2' }],
      ['test.second', { categories: 'a' }],
      ['test.second', { categories: 'b' }],
    ]);
    expect(asked).toEqual(['first:e1', 'second']);
  });

  it('finds nothing in the way when no check guards the phase', async () => {
    expect(await new PhaseChecks().blockersFor(manager, edition, 'tallying')).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { TALLY_ALGORITHM_VERSION, type TallyResult } from './arithmetic/tally.js';
import { SnapshotResults } from './snapshot-results.js';

function resultOf(id: string): TallyResult {
  return {
    algorithm: TALLY_ALGORITHM_VERSION,
    rules: { method: 'mean', tieBreakers: [], minScorecards: 1 },
    nominations: [
      {
        nomination: `${id}-n1`,
        rank: 1,
        score: '1.0000',
        scoreExact: '1.0000000000',
        scorecards: 1,
        median: '1.0000',
        medianExact: '1.0000000000',
        flags: [],
        tieBrokenBy: null,
        tieBreakerValues: [],
      },
    ],
    jurors: [],
    overall: null,
  };
}

/** A manager whose `query` answers the snapshots asked for (unknown ids are left out) and counts reads. */
function fakeManager(known: ReadonlySet<string>) {
  const reads: string[][] = [];
  const manager = {
    query: (_sql: string, [ids]: [string[]]) => {
      reads.push(ids);
      return Promise.resolve(ids.filter((id) => known.has(id)).map((id) => ({ id, result: resultOf(id) })));
    },
  } as unknown as EntityManager;
  return { manager, reads };
}

describe('SnapshotResults', () => {
  it('reads a snapshot once, then answers from memory', async () => {
    const { manager, reads } = fakeManager(new Set(['a', 'b']));
    const results = new SnapshotResults();
    const first = await results.of(manager, ['a', 'b']);
    const again = await results.of(manager, ['b', 'a']);
    expect(reads).toEqual([['a', 'b']]);
    expect(again.get('a')).toBe(first.get('a'));
    expect(again.get('b')?.nominations[0]?.nomination).toBe('b-n1');
  });

  it('reads only the snapshots it does not hold, and leaves out unknown ones', async () => {
    const { manager, reads } = fakeManager(new Set(['a', 'b']));
    const results = new SnapshotResults();
    await results.of(manager, ['a']);
    const found = await results.of(manager, ['a', 'b', 'gone']);
    expect(reads).toEqual([['a'], ['b', 'gone']]);
    expect([...found.keys()]).toEqual(['a', 'b']);
  });

  it('keeps the most recently used 32 and reads an evicted one again', async () => {
    const ids = Array.from({ length: 33 }, (_, i) => `s${i}`);
    const { manager, reads } = fakeManager(new Set(ids));
    const results = new SnapshotResults();
    for (const id of ids.slice(0, 32)) await results.of(manager, [id]);
    await results.of(manager, ['s0']); // s0 is now the most recent; s1 the oldest
    await results.of(manager, ['s32']); // evicts s1
    reads.length = 0;
    await results.of(manager, ['s0', 's2', 's31', 's32']);
    expect(reads).toEqual([]);
    await results.of(manager, ['s1']);
    expect(reads).toEqual([['s1']]);
  });

  it('hands out frozen results, so that no reader can change what the next one sees', async () => {
    const { manager } = fakeManager(new Set(['a']));
    const result = (await new SnapshotResults().of(manager, ['a'])).get('a')!;
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.nominations[0])).toBe(true);
    expect(() => {
      (result.nominations as unknown[]).push({});
    }).toThrow(TypeError);
  });
});

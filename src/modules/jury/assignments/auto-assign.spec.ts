import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  autoAssign,
  type AutoAssignOutcome,
  type AutoAssignProblem,
  describeInfeasibility,
} from './auto-assign.js';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

function problem(
  nominations: number,
  jurors: number,
  k: number,
  conflicts: [number, number][] = [],
): AutoAssignProblem {
  const forbidden = new Set(conflicts.map(([n, j]) => `n${n}|j${j}`));
  return {
    nominations: ids('n', nominations),
    jurors: ids('j', jurors),
    perNomination: k,
    conflicted: (n, j) => forbidden.has(`${n}|${j}`),
  };
}

/** Everything a feasible answer must satisfy, checked independently of how it was found. */
function assertValid(p: AutoAssignProblem, outcome: AutoAssignOutcome): void {
  if (!outcome.feasible)
    throw new Error(`expected a feasible outcome, got ${describeInfeasibility(outcome)}`);
  const perNomination = new Map(p.nominations.map((n) => [n, new Set<string>()]));
  const loads = new Map(p.jurors.map((j) => [j, 0]));
  for (const { nominationId, jurorId } of outcome.assignments) {
    expect(p.conflicted(nominationId, jurorId)).toBe(false);
    const set = perNomination.get(nominationId)!;
    expect(set.has(jurorId)).toBe(false);
    set.add(jurorId);
    loads.set(jurorId, loads.get(jurorId)! + 1);
  }
  for (const set of perNomination.values()) expect(set.size).toBe(p.perNomination);
  if (p.jurors.length) {
    const values = [...loads.values()];
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  }
}

/** Exhaustive search for tiny problems: is there any valid assignment at all? */
function existsByBruteForce(p: AutoAssignProblem): boolean {
  const subsets = (items: string[], size: number): string[][] =>
    size === 0
      ? [[]]
      : items.flatMap((item, i) => subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]));
  const options = p.nominations.map((n) =>
    subsets(
      p.jurors.filter((j) => !p.conflicted(n, j)),
      p.perNomination,
    ),
  );
  const loads = new Map(p.jurors.map((j) => [j, 0]));
  const search = (i: number): boolean => {
    if (i === p.nominations.length) {
      const values = [...loads.values()];
      return !values.length || Math.max(...values) - Math.min(...values) <= 1;
    }
    return options[i]!.some((choice) => {
      for (const j of choice) loads.set(j, loads.get(j)! + 1);
      const found = search(i + 1);
      for (const j of choice) loads.set(j, loads.get(j)! - 1);
      return found;
    });
  };
  return search(0);
}

describe('autoAssign', () => {
  it('gives each nomination exactly k jurors with loads within one of each other', () => {
    const p = problem(10, 4, 3);
    const outcome = autoAssign(p);
    assertValid(p, outcome);
    expect(outcome).toMatchObject({ minimumLoad: 7, maximumLoad: 8 });
  });

  it('never assigns a conflicted juror', () => {
    const p = problem(6, 4, 2, [
      [1, 1],
      [1, 2],
      [2, 1],
      [3, 4],
      [6, 3],
    ]);
    assertValid(p, autoAssign(p));
  });

  it('with no nominations assigns nothing', () => {
    expect(autoAssign(problem(0, 3, 2))).toEqual({
      feasible: true,
      assignments: [],
      minimumLoad: 0,
      maximumLoad: 0,
    });
  });

  it('names the nomination that has too few jurors without a conflict', () => {
    const outcome = autoAssign(
      problem(3, 3, 2, [
        [2, 1],
        [2, 3],
      ]),
    );
    expect(outcome).toEqual({
      feasible: false,
      reason: 'too_few_jurors',
      nominationId: 'n2',
      eligibleJurors: 1,
      required: 2,
    });
    expect(describeInfeasibility(outcome as Extract<AutoAssignOutcome, { feasible: false }>)).toContain('n2');
  });

  it('refuses more jurors per nomination than the panel has', () => {
    expect(autoAssign(problem(2, 2, 3))).toMatchObject({
      feasible: false,
      reason: 'too_few_jurors',
      eligibleJurors: 2,
      required: 3,
    });
  });

  it('refuses an empty panel', () => {
    expect(autoAssign(problem(1, 0, 1))).toMatchObject({
      feasible: false,
      reason: 'too_few_jurors',
      nominationId: 'n1',
      eligibleJurors: 0,
    });
  });

  it('names a juror whom conflicts keep below the balanced load', () => {
    // 4 nominations × 2 = 8 over 4 jurors: everyone takes exactly 2, but j4 may judge only n1.
    const outcome = autoAssign(
      problem(4, 4, 2, [
        [2, 4],
        [3, 4],
        [4, 4],
      ]),
    );
    expect(outcome).toEqual({
      feasible: false,
      reason: 'juror_overconstrained',
      jurorId: 'j4',
      possibleNominations: 1,
      minimumLoad: 2,
    });
  });

  it('finds the balanced assignment where taking the least-loaded juror first fails', () => {
    // Greedy in input order gives n1 → j1, n2 → j2 (both load 1), then n3 can only go to j1 or j2: loads 2,1,0.
    // The only balanced answer sends n1 and n2 elsewhere so that j3 gets one: n1→j3 is allowed, n3 is not.
    const p = problem(3, 3, 1, [
      [3, 3],
      [2, 3],
    ]);
    assertValid(p, autoAssign(p));
  });

  it('reports an unbalanceable case where every nomination and juror is fine on its own', () => {
    // Each juror can reach the minimum load of 1 and each nomination has a juror, but j3 and j4 may only
    // judge n1, which takes one juror: one of them stays at 0 while the others have 1.
    const outcome = autoAssign(
      problem(4, 4, 1, [
        [2, 3],
        [3, 3],
        [4, 3],
        [2, 4],
        [3, 4],
        [4, 4],
      ]),
    );
    expect(outcome).toEqual({ feasible: false, reason: 'unbalanceable', minimumLoad: 1, maximumLoad: 1 });
  });

  it('solves a category of 1,000 nominations and 64 jurors with scattered conflicts', () => {
    const p = problem(
      1000,
      64,
      3,
      Array.from({ length: 3000 }, (_, i) => [1 + ((i * 7) % 1000), 1 + ((i * 13) % 64)] as [number, number]),
    );
    assertValid(p, autoAssign(p));
  });
});

describe('autoAssign properties', () => {
  const instance = fc
    .record({
      nominations: fc.integer({ min: 0, max: 14 }),
      jurors: fc.integer({ min: 0, max: 9 }),
      k: fc.integer({ min: 1, max: 4 }),
    })
    .chain(({ nominations, jurors, k }) =>
      fc.record({
        nominations: fc.constant(nominations),
        jurors: fc.constant(jurors),
        k: fc.constant(k),
        conflicts: fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: Math.max(1, nominations) }),
            fc.integer({ min: 1, max: Math.max(1, jurors) }),
          ),
          { maxLength: nominations * jurors },
        ),
      }),
    );

  it('a feasible answer has exactly k jurors per nomination, loads within ±1 and no conflicted pair', () => {
    fc.assert(
      fc.property(instance, ({ nominations, jurors, k, conflicts }) => {
        const p = problem(nominations, jurors, k, conflicts);
        const outcome = autoAssign(p);
        if (outcome.feasible) assertValid(p, outcome);
      }),
      { numRuns: 500 },
    );
  });

  it('a refusal gives a reason that holds', () => {
    fc.assert(
      fc.property(instance, ({ nominations, jurors, k, conflicts }) => {
        const p = problem(nominations, jurors, k, conflicts);
        const outcome = autoAssign(p);
        if (outcome.feasible) return;
        if (outcome.reason === 'too_few_jurors') {
          expect(p.jurors.filter((j) => !p.conflicted(outcome.nominationId, j)).length).toBe(
            outcome.eligibleJurors,
          );
          expect(outcome.eligibleJurors).toBeLessThan(k);
        } else if (outcome.reason === 'juror_overconstrained') {
          expect(p.nominations.filter((n) => !p.conflicted(n, outcome.jurorId)).length).toBe(
            outcome.possibleNominations,
          );
          expect(outcome.possibleNominations).toBeLessThan(outcome.minimumLoad);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is complete: it refuses exactly when no valid assignment exists (exhaustive check on small panels)', () => {
    const small = fc.record({
      nominations: fc.integer({ min: 0, max: 5 }),
      jurors: fc.integer({ min: 0, max: 4 }),
      k: fc.integer({ min: 1, max: 3 }),
      conflicts: fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 })), {
        maxLength: 12,
      }),
    });
    fc.assert(
      fc.property(small, ({ nominations, jurors, k, conflicts }) => {
        const p = problem(nominations, jurors, k, conflicts);
        expect(autoAssign(p).feasible).toBe(existsByBruteForce(p));
      }),
      { numRuns: 600 },
    );
  });
});

import { FlowNetwork } from './max-flow.js';

/** One category's automatic assignment problem. */
export interface AutoAssignProblem {
  nominations: readonly string[];
  /** The category's panel. */
  jurors: readonly string[];
  /** True when the juror must not judge the nomination (a conflict of interest). */
  conflicted: (nominationId: string, jurorId: string) => boolean;
  /** Jurors each nomination must get: exactly this many. */
  perNomination: number;
}

export interface ProposedAssignment {
  nominationId: string;
  jurorId: string;
}

/** Why no assignment exists, specific enough to act on. */
export type Infeasibility =
  /** Fewer non-conflicted panel jurors than `perNomination` for this nomination. */
  | { reason: 'too_few_jurors'; nominationId: string; eligibleJurors: number; required: number }
  /** Balanced loads need this juror to take at least `minimumLoad` nominations, but conflicts leave fewer. */
  | { reason: 'juror_overconstrained'; jurorId: string; possibleNominations: number; minimumLoad: number }
  /** Each nomination and each juror can be served on its own, but conflicts rule out every balanced combination. */
  | { reason: 'unbalanceable'; minimumLoad: number; maximumLoad: number };

export type AutoAssignOutcome =
  | { feasible: true; assignments: ProposedAssignment[]; minimumLoad: number; maximumLoad: number }
  | ({ feasible: false } & Infeasibility);

/**
 * Gives every nomination exactly `perNomination` distinct, non-conflicted jurors so that all jurors' loads
 * differ by at most one, or says why that is impossible.
 *
 * Loads within ±1 of each other that add up to T = nominations × perNomination can only be ⌊T/J⌋ or ⌊T/J⌋ + 1
 * (J = jurors), with exactly T mod J jurors at the higher one. That is a flow problem, and max-flow answers it
 * exactly where greedy heuristics (least-loaded juror first, most-constrained nomination first) can paint
 * themselves into a corner:
 *
 *   source ─k─▶ nomination ─1─▶ juror (unless conflicted) ─⌊T/J⌋─▶ sink
 *                                     └──────1──────▶ extra ─(T mod J)─▶ sink
 *
 * A flow of T fills every nomination; since the "extra" lane carries at most T mod J units, each juror's
 * ⌊T/J⌋ lane must be full, so every load is ⌊T/J⌋ or ⌊T/J⌋ + 1. Conversely any valid assignment is such a flow.
 */
export function autoAssign(problem: AutoAssignProblem): AutoAssignOutcome {
  const { nominations, jurors, conflicted, perNomination: k } = problem;
  if (!Number.isInteger(k) || k < 1) throw new RangeError('perNomination must be a positive integer');
  if (!nominations.length) return { feasible: true, assignments: [], minimumLoad: 0, maximumLoad: 0 };

  const allowed = nominations.map((n) => jurors.filter((j) => !conflicted(n, j)));
  const total = nominations.length * k;
  const minimumLoad = jurors.length ? Math.floor(total / jurors.length) : 0;
  const extra = jurors.length ? total % jurors.length : 0;
  const maximumLoad = extra ? minimumLoad + 1 : minimumLoad;

  // The plain reasons first, naming the most constrained nomination or juror.
  let scarcest = -1;
  allowed.forEach((list, i) => {
    if (list.length < k && (scarcest === -1 || list.length < allowed[scarcest]!.length)) scarcest = i;
  });
  if (scarcest !== -1) {
    return {
      feasible: false,
      reason: 'too_few_jurors',
      nominationId: nominations[scarcest]!,
      eligibleJurors: allowed[scarcest]!.length,
      required: k,
    };
  }
  const possible = new Map(jurors.map((j) => [j, 0]));
  for (const list of allowed) for (const j of list) possible.set(j, possible.get(j)! + 1);
  const idle = jurors
    .filter((j) => possible.get(j)! < minimumLoad)
    .sort((a, b) => possible.get(a)! - possible.get(b)!)[0];
  if (idle !== undefined)
    return {
      feasible: false,
      reason: 'juror_overconstrained',
      jurorId: idle,
      possibleNominations: possible.get(idle)!,
      minimumLoad,
    };

  const source = 0;
  const sink = 1;
  const extraLane = 2;
  const nominationNode = (i: number) => 3 + i;
  const jurorNode = (j: number) => 3 + nominations.length + j;
  const network = new FlowNetwork(3 + nominations.length + jurors.length);
  const jurorIndex = new Map(jurors.map((j, i) => [j, i]));
  const edges: { edge: number; nominationId: string; jurorId: string }[] = [];
  nominations.forEach((nominationId, i) => {
    network.addEdge(source, nominationNode(i), k);
    // Offering jurors in rotated order spreads the first, greedy paths evenly and leaves little to repair.
    const list = allowed[i]!;
    for (let step = 0; step < list.length; step++) {
      const jurorId = list[(i * k + step) % list.length]!;
      edges.push({
        edge: network.addEdge(nominationNode(i), jurorNode(jurorIndex.get(jurorId)!), 1),
        nominationId,
        jurorId,
      });
    }
  });
  jurors.forEach((_, j) => {
    network.addEdge(jurorNode(j), sink, minimumLoad);
    network.addEdge(jurorNode(j), extraLane, 1);
  });
  network.addEdge(extraLane, sink, extra);

  if (network.maxFlow(source, sink) < total)
    return { feasible: false, reason: 'unbalanceable', minimumLoad, maximumLoad };
  const assignments = edges
    .filter((e) => network.flowOn(e.edge) === 1)
    .map(({ nominationId, jurorId }) => ({ nominationId, jurorId }));
  return { feasible: true, assignments, minimumLoad, maximumLoad };
}

/** A sentence for the problem document. */
export function describeInfeasibility(outcome: Infeasibility): string {
  switch (outcome.reason) {
    case 'too_few_jurors':
      return `Nomination ${outcome.nominationId} has only ${outcome.eligibleJurors} panel juror(s) without a conflict of interest; ${outcome.required} are required.`;
    case 'juror_overconstrained':
      return `Balanced loads need juror ${outcome.jurorId} to take at least ${outcome.minimumLoad} nomination(s), but conflicts of interest leave only ${outcome.possibleNominations}.`;
    case 'unbalanceable':
      return `Conflicts of interest rule out every assignment in which each juror gets ${outcome.minimumLoad}–${outcome.maximumLoad} nominations.`;
  }
}

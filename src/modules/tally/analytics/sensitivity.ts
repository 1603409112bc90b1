/**
 * Sensitivity: would the winner change? (issue 17). Pure: one category in one round, from the same input as
 * its tally, ranked again through the tally module itself (arithmetic/tally.ts `prepareTally`,
 * `rankVariation`, `scoresWithChange`), never by a second implementation of the rules.
 *
 *     sensitivity(input: TallyInput, options?: SensitivityOptions): CategorySensitivity
 *
 * - `methods`: the winner(s) and the top N under each of the three scoring methods (the rules' own included),
 *   the rules' tie-breakers and minScorecards unchanged.
 * - `leaveOneOut`: for each juror with a counted scorecard, the tally without all of that juror's counted
 *   scorecards (the pools of the z-score too): whether the winner(s) or the set that advances change. The set
 *   that advances is what POST /rounds/{id}/advance would take: the ranked nominations with rank ≤ topN, ties
 *   at the cut included. A nomination the juror scored needs one scorecard fewer to be ranked without them
 *   (`keepRankable`): with a minimum of 3 and 3 jurors per nomination, leaving anyone out would otherwise leave
 *   their nominations unranked and call every category fragile, which says nothing about the juror's marks.
 * - `margin`: between the first two nominations of the ranking (rank 1 and the next; with a shared rank 1,
 *   the first two of it): the difference of their compared scores, and the smallest change to ONE counted
 *   juror total — one of the second's raised, or one of the first's lowered — after which the second's score
 *   is at least the first's (they tie on score, so the tie-breakers decide, or the second leads). Totals are
 *   exact fractions S/W (tally/arithmetic/totals.ts), so the change is searched in whole steps of 1/W
 *   (W = 10⁴·Σ weights), which makes it exact for mean and trimmed_mean (a nomination's score only grows with
 *   one of its totals). Under zscore a changed total also moves the juror's and the pool's μ and σ; the same
 *   search is used and is exact where the comparison is monotone in the change, which is the usual case.
 *   A changed total stays within the range of the category's counted totals (the lowest and highest given):
 *   `change` is null when no such change is enough.
 * - `fragile`: the winner(s) differ under another method or without some juror, or the margin's change is
 *   at most `fragileMargin` points of one total; `causes` lists each such change.
 *
 * Cost at issue 17's size (2,000 nominations, 60 jurors, 5 scorecards each): see bench/analytics.ts.
 */
import { at } from '../../../common/checked-index.js';
import {
  compareIds,
  prepareTally,
  presentScaled,
  rankVariation,
  scaledQuotient,
  scoresWithChange,
  type PreparedTally,
  type ScoringMethod,
  type Standing,
  type TallyInput,
} from '../arithmetic/tally.js';

export const SCORING_METHODS: readonly ScoringMethod[] = ['mean', 'trimmed_mean', 'zscore'];

export interface SensitivityOptions {
  /** How many places advance (and are listed per method). Default DEFAULT_TOP_N. */
  topN?: number;
  /**
   * A margin whose change is at most this many points of one juror total makes the category fragile:
   * a decimal string with at most 4 decimals. Default DEFAULT_FRAGILE_MARGIN.
   */
  fragileMargin?: string;
}

export const DEFAULT_TOP_N = 3;
/** One point of one juror's total (the weighted mean of their marks, on the criteria's scale). */
export const DEFAULT_FRAGILE_MARGIN = '1';

export interface Placed {
  nomination: string;
  rank: number;
  /** Rounded to 4 decimals from scoreExact, as NominationTally.score. */
  score: string;
  /** Rounded to 10 decimals: the value compared. */
  scoreExact: string;
}

export interface MethodOutcome {
  method: ScoringMethod;
  /** The rules' own method. */
  own: boolean;
  /** Nominations at rank 1, by id (several when tied; none when nothing is ranked). */
  winners: string[];
  /** Ranked nominations with rank ≤ topN (ties at the cut included), in the tally's order. */
  top: Placed[];
  /** Winners differ from those under the rules' own method. */
  winnersChanged: boolean;
  /** The set that would advance differs from that under the rules' own method. */
  advancingChanged: boolean;
}

export interface LeaveOneOutOutcome {
  juror: string;
  /** Counted scorecards of this juror in the category and round, all left out. */
  scorecards: number;
  /** Winners without this juror, by id. */
  winners: string[];
  winnersChanged: boolean;
  advancingChanged: boolean;
  /** Would advance without this juror but do not with them, and the reverse; by id. */
  wouldEnter: string[];
  wouldDrop: string[];
}

export interface MarginChange {
  juror: string;
  /** The nomination whose total by this juror changes: `second` (raised) or `first` (lowered). */
  nomination: string;
  /** Signed change of that one total: 10 decimals, rounded half away from zero from the exact step count. */
  deltaExact: string;
  /** …and 4. */
  delta: string;
}

export interface Margin {
  /** The first two nominations of the ranking. */
  first: string;
  second: string;
  /** Their compared scores' difference, ≥ 0 (10 and 4 decimals); 0 when a tie-breaker or nothing separated them. */
  scoreDifferenceExact: string;
  scoreDifference: string;
  /** The smallest change to one counted total that brings second level with or ahead of first; null if none. */
  change: MarginChange | null;
}

export type FragilityCause =
  | { kind: 'method'; method: ScoringMethod; winners: string[] }
  | { kind: 'leave_one_out'; juror: string; winners: string[] }
  | { kind: 'margin'; change: MarginChange; threshold: string };

export interface CategorySensitivity {
  /** The rules' own method. */
  method: ScoringMethod;
  topN: number;
  /** Under the rules as they are: rank 1, and the set that advances (rank ≤ topN), by id. */
  winners: string[];
  advancing: string[];
  /** One per method, in SCORING_METHODS order. */
  methods: MethodOutcome[];
  /** One per juror with a counted scorecard, by juror id. */
  leaveOneOut: LeaveOneOutOutcome[];
  /** Null with fewer than two ranked nominations. */
  margin: Margin | null;
  fragile: boolean;
  /** What changed the winner, in the order: methods, jurors left out, margin. */
  causes: FragilityCause[];
}

/** Throws TallyInputError where `tally` would, RangeError for bad options. */
export function sensitivity(input: TallyInput, options: SensitivityOptions = {}): CategorySensitivity {
  const topN = options.topN ?? DEFAULT_TOP_N;
  if (!Number.isSafeInteger(topN) || topN < 1)
    throw new RangeError(`topN must be a positive integer, got ${topN}`);
  const fragileMargin = options.fragileMargin ?? DEFAULT_FRAGILE_MARGIN;
  const threshold = tenThousandths(fragileMargin);

  const prepared = prepareTally(input);
  const own = rankVariation(prepared);
  const winners = winnersOf(own);
  const advancing = advancingOf(own, topN);

  const methods = SCORING_METHODS.map((method): MethodOutcome => {
    const standings = method === prepared.rules.method ? own : rankVariation(prepared, { method });
    return {
      method,
      own: method === prepared.rules.method,
      winners: winnersOf(standings),
      top: standings.filter((s) => s.rank !== null && s.rank <= topN).map(placed),
      winnersChanged: !sameIds(winnersOf(standings), winners),
      advancingChanged: !sameIds(advancingOf(standings, topN), advancing),
    };
  });

  const leaveOneOut = prepared.matrix.jurors
    .filter((row) => row.moments.count > 0)
    .map((row): LeaveOneOutOutcome => {
      const standings = rankVariation(prepared, { withoutJuror: row.id, keepRankable: true });
      const without = winnersOf(standings);
      const advancingWithout = advancingOf(standings, topN);
      return {
        juror: row.id,
        scorecards: row.moments.count,
        winners: without,
        winnersChanged: !sameIds(without, winners),
        advancingChanged: !sameIds(advancingWithout, advancing),
        wouldEnter: advancingWithout.filter((id) => !advancing.includes(id)),
        wouldDrop: advancing.filter((id) => !advancingWithout.includes(id)),
      };
    });

  const { margin, steps } = marginOf(prepared, own);

  const causes: FragilityCause[] = [
    ...methods
      .filter((m) => m.winnersChanged)
      .map((m): FragilityCause => ({ kind: 'method', method: m.method, winners: m.winners })),
    ...leaveOneOut
      .filter((l) => l.winnersChanged)
      .map((l): FragilityCause => ({ kind: 'leave_one_out', juror: l.juror, winners: l.winners })),
  ];
  // steps/W ≤ threshold/10⁴, exactly.
  if (
    margin?.change != null &&
    steps !== null &&
    steps * 10_000n <= threshold * prepared.matrix.denominator
  ) {
    causes.push({ kind: 'margin', change: margin.change, threshold: fragileMargin });
  }

  return {
    method: prepared.rules.method,
    topN,
    winners,
    advancing,
    methods,
    leaveOneOut,
    margin,
    fragile: causes.length > 0,
    causes,
  };
}

/** "1.25" → 12500n. */
function tenThousandths(value: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(value);
  if (match === null) {
    throw new RangeError(`fragileMargin must be a decimal ≥ 0 with at most 4 decimals, got "${value}"`);
  }
  return BigInt(match[1] ?? '0') * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'));
}

function winnersOf(standings: readonly Standing[]): string[] {
  return standings.filter((s) => s.rank === 1).map((s) => s.nomination);
}

/** As AdvanceService's shortlist: rank ≤ topN, ties at the cut included; by id. */
function advancingOf(standings: readonly Standing[], topN: number): string[] {
  return standings
    .filter((s) => s.rank !== null && s.rank <= topN)
    .map((s) => s.nomination)
    .sort(compareIds);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort(compareIds);
  return [...a].sort(compareIds).every((id, i) => id === sortedB[i]);
}

function placed(standing: Standing): Placed {
  // Only ranked standings are placed: rank and score are set.
  const { exact, shown } = presentScaled(standing.score ?? 0n);
  return { nomination: standing.nomination, rank: standing.rank ?? 0, score: shown, scoreExact: exact };
}

/**
 * The margin between the first two of the ranking. For each counted total of `second` (raised) and of `first`
 * (lowered), the smallest whole number of steps 1/W after which second's compared score is at least first's,
 * by bisection over the tally module's own scores of the changed input; the smallest over all totals wins
 * (ties: by juror id, then raising before lowering).
 */
function marginOf(
  prepared: PreparedTally,
  standings: readonly Standing[],
): { margin: Margin | null; steps: bigint | null } {
  const [firstStanding, secondStanding] = standings;
  if (secondStanding?.score == null || firstStanding?.score == null) return { margin: null, steps: null };
  const first = firstStanding.nomination;
  const second = secondStanding.nomination;
  const difference = presentScaled(firstStanding.score - secondStanding.score);
  const base = {
    first,
    second,
    scoreDifferenceExact: difference.exact,
    scoreDifference: difference.shown,
  };
  if (firstStanding.score === secondStanding.score) {
    // Already level: no change is needed; the tie-breakers (or the ids, for an equal rank) decided.
    return { margin: { ...base, change: null }, steps: null };
  }

  const { matrix } = prepared;
  let lowest: bigint | undefined;
  let highest: bigint | undefined;
  for (const row of matrix.jurors) {
    if (row.moments.count === 0) continue;
    if (highest === undefined || row.highest > highest) highest = row.highest;
  }
  for (const column of matrix.nominations) {
    for (const entry of column.entries)
      if (lowest === undefined || entry.total < lowest) lowest = entry.total;
  }
  if (lowest === undefined || highest === undefined)
    return { margin: { ...base, change: null }, steps: null };

  const columnOf = (id: string) => matrix.nominations.find((column) => column.id === id);
  const candidates = [
    ...(columnOf(second)?.entries ?? []).map((entry) => ({
      nomination: second,
      juror: entry.juror,
      sign: 1n,
      room: highest - entry.total,
    })),
    ...(columnOf(first)?.entries ?? []).map((entry) => ({
      nomination: first,
      juror: entry.juror,
      sign: -1n,
      room: entry.total - lowest,
    })),
  ].sort(
    (a, b) =>
      compareIds(at(matrix.jurors, a.juror).id, at(matrix.jurors, b.juror).id) || Number(b.sign - a.sign),
  );

  let best: { steps: bigint; juror: string; nomination: string; sign: bigint } | undefined;
  for (const candidate of candidates) {
    const juror = at(matrix.jurors, candidate.juror).id;
    const level = (steps: bigint) => {
      const scores = scoresWithChange(
        prepared,
        { juror, nomination: candidate.nomination, delta: candidate.sign * steps },
        [first, second],
      );
      return at(scores, 1) >= at(scores, 0);
    };
    // Search no further than the best so far: only a smaller change can replace it.
    const limit = best === undefined ? candidate.room : minimum(candidate.room, best.steps - 1n);
    if (limit < 1n || !level(limit)) continue;
    let low = 0n; // not level (the scores differ now)
    let high = limit; // level
    while (high - low > 1n) {
      const middle = (low + high) >> 1n;
      if (level(middle)) high = middle;
      else low = middle;
    }
    best = { steps: high, juror, nomination: candidate.nomination, sign: candidate.sign };
  }
  if (best === undefined) return { margin: { ...base, change: null }, steps: null };
  const delta = presentScaled(scaledQuotient(best.sign * best.steps, matrix.denominator));
  return {
    margin: {
      ...base,
      change: { juror: best.juror, nomination: best.nomination, deltaExact: delta.exact, delta: delta.shown },
    },
    steps: best.steps,
  };
}

function minimum(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

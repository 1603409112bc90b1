/**
 * Rules 2–4 on a built score matrix: every nomination's ranking keys (score, then the declared tie-breakers)
 * and the competition ranking over them. `tally` (tally.ts) is this plus presentation. The same steps are
 * offered for variations of one tally, for the sensitivity analysis (analytics/sensitivity.ts): another
 * scoring method, the tally without one juror's scorecards, one total changed. A variation is the tally of
 * the varied input, computed by the same functions; it is only faster, because the input is parsed once and
 * a nomination's keys that the variation cannot change are reused (property-tested against `tally`).
 */
import { at } from '../../../common/checked-index.js';

import { scaledQuotient, type Arithmetic } from './decimal.js';
import { TallyInputError } from './errors.js';
import { buildMatrix, type JurorRow, type NominationColumn, type ScoreMatrix } from './matrix.js';
import { rankContenders, type Contender, type Placing } from './ranking.js';
import { scorerFor, type ZscoreColumn } from './scoring.js';
import {
  addMoments,
  categoryWeights,
  compareIds,
  compareTotals,
  emptyMoments,
  type Moments,
} from './totals.js';
import type { ScoringMethod, TallyInput, TallyRules, TieBreaker } from './types.js';

export interface NominationContender extends Contender {
  column: NominationColumn;
  /** keys[0]; scaled (decimal.ts). */
  score: bigint;
  /** Scaled, as keys are. */
  median: bigint;
}

export interface Standings {
  /** In rank order, ties by id. */
  placings: Placing<NominationContender>[];
  /** Nominations with fewer scorecards than the threshold, by id; median null without scorecards. */
  unranked: { column: NominationColumn; median: bigint | null }[];
}

/** The input of one tally, parsed and checked once: rank it, or a variation of it, as often as needed. */
export interface PreparedTally {
  readonly rules: TallyRules;
  readonly matrix: ScoreMatrix;
  readonly arithmetic: Arithmetic;
  /** Per column of matrix.nominations: its median and tie-breaker keys (they depend on the column only). */
  readonly columnKeys: (ColumnKeys | undefined)[];
  /** Per column: its z-score figures that do not depend on the pools (scoring.ts). */
  readonly zscoreColumns: WeakMap<NominationColumn, ZscoreColumn>;
  /**
   * Per method: the column indices in the order of the prepared matrix's ranking. A variation lists its
   * contenders in that order, which changes nothing in the result (the ranking's order is total) but lets the
   * sort run over an almost sorted list: a variation moves few nominations.
   */
  readonly order: Map<ScoringMethod, number[]>;
  /** Per method and column: its contender, where that depends on the column only. */
  readonly contenders: Map<ScoringMethod, (NominationContender | undefined)[]>;
}

interface ColumnKeys {
  median: bigint | null;
  tieBreakers: bigint[];
}

export function prepare(input: TallyInput, arithmetic: Arithmetic): PreparedTally {
  const weights = categoryWeights(input.criteria);
  const rules = checkedRules(input.rules, weights.codes);
  const matrix = buildMatrix(input.nominations, input.scorecards, weights);
  return {
    rules,
    matrix,
    arithmetic,
    columnKeys: [],
    zscoreColumns: new WeakMap(),
    order: new Map(),
    contenders: new Map(),
  };
}

/** The standings of the prepared tally under its own rules, or under another scoring method. */
export function standingsOf(
  prepared: PreparedTally,
  method: ScoringMethod = prepared.rules.method,
): Standings {
  return standingsOfMatrix(
    prepared,
    prepared.matrix,
    method,
    () => true,
    () => false,
  );
}

/**
 * The standings without one juror's scorecards: the tally of the same input without them. Only the columns
 * the juror scored are recomputed (and every z-score, whose pools change); the juror keeps a row with no
 * totals, which no rule reads. An unknown juror changes nothing.
 *
 * With `keepRankable`, a nomination the juror scored needs one scorecard fewer to be ranked (never fewer
 * than one): what leaving the juror out then measures is their weight in the scores, not whether the
 * nominations they scored still have enough scorecards to be ranked at all.
 */
export function standingsWithoutJuror(
  prepared: PreparedTally,
  juror: string,
  method: ScoringMethod = prepared.rules.method,
  keepRankable = false,
): Standings {
  const { matrix } = prepared;
  const index = matrix.jurors.findIndex((row) => row.id === juror);
  if (index < 0) return standingsOf(prepared, method);
  const jurors = matrix.jurors.map((row, i): JurorRow => (i === index ? emptyRow(row.id) : row));
  const overall = emptyMoments();
  for (const row of jurors) addMoments(overall, row.moments);
  const touched = new Set<number>();
  const nominations = matrix.nominations.map((column, i) => {
    if (!column.entries.some((entry) => entry.juror === index)) return column;
    touched.add(i);
    return { id: column.id, entries: column.entries.filter((entry) => entry.juror !== index) };
  });
  return standingsOfMatrix(
    prepared,
    { denominator: matrix.denominator, nominations, jurors, overall },
    method,
    (i) => !touched.has(i),
    (i) => keepRankable && touched.has(i),
  );
}

/**
 * The scores (scaled, decimal.ts) of some nominations when one counted total, juror `juror`'s on
 * `nomination`, has its numerator (totals.ts: the total times W) changed by `delta`: the juror's moments
 * and the pools change with it, as they would in the tally of such an input.
 */
export function scoresWithChangedTotal(
  prepared: PreparedTally,
  change: { juror: string; nomination: string; delta: bigint },
  nominations: readonly string[],
  method: ScoringMethod = prepared.rules.method,
): bigint[] {
  const { matrix } = prepared;
  const jurorIndex = matrix.jurors.findIndex((row) => row.id === change.juror);
  const columnIndex = matrix.nominations.findIndex((column) => column.id === change.nomination);
  const column = matrix.nominations[columnIndex];
  const entry = column?.entries.find((e) => e.juror === jurorIndex);
  if (column === undefined || entry === undefined) {
    throw new TallyInputError(`juror "${change.juror}" has no counted scorecard for "${change.nomination}"`);
  }
  const changed = { ...entry, total: entry.total + change.delta };
  const changedColumn: NominationColumn = {
    id: column.id,
    entries: column.entries.map((e) => (e === entry ? changed : e)),
  };
  const row = at(matrix.jurors, jurorIndex);
  const moments: Moments = {
    count: row.moments.count,
    sum: row.moments.sum + change.delta,
    sumOfSquares: row.moments.sumOfSquares - entry.total * entry.total + changed.total * changed.total,
  };
  const jurors = matrix.jurors.map((r, i) => (i === jurorIndex ? { ...r, moments } : r));
  const overall: Moments = {
    count: matrix.overall.count,
    sum: matrix.overall.sum + moments.sum - row.moments.sum,
    sumOfSquares: matrix.overall.sumOfSquares + moments.sumOfSquares - row.moments.sumOfSquares,
  };
  // The scorers read the pools and the column they score, never the list of columns.
  const varied: ScoreMatrix = {
    denominator: matrix.denominator,
    nominations: matrix.nominations,
    jurors,
    overall,
  };
  const score = scorerFor(method, varied, prepared.arithmetic);
  return nominations.map((id) => {
    const found = id === column.id ? changedColumn : matrix.nominations.find((c) => c.id === id);
    if (found === undefined || found.entries.length === 0) {
      throw new TallyInputError(`nomination "${id}" has no counted scorecard`);
    }
    return score(found);
  });
}

function emptyRow(id: string): JurorRow {
  return { id, moments: emptyMoments(), highest: 0n };
}

/**
 * Rules 2–4 over a matrix derived from the prepared one. `unchanged(i)`: column i and everything its keys
 * read (its entries, their jurors' highest totals) are the prepared matrix's, so cached keys are valid.
 */
function standingsOfMatrix(
  prepared: PreparedTally,
  matrix: ScoreMatrix,
  method: ScoringMethod,
  unchanged: (column: number) => boolean,
  /** Columns ranked with one scorecard fewer than the rules' minimum (standingsWithoutJuror's keepRankable). */
  oneFewer: (column: number) => boolean,
): Standings {
  const { rules, arithmetic } = prepared;
  // The remaining jurors' moments are the prepared matrix's in every variation ranked here.
  const score = scorerFor(method, matrix, arithmetic, prepared.zscoreColumns);
  // The z-score reads the pools, which any variation changes; the other methods read the column only.
  const cacheScores = matrix === prepared.matrix || method !== 'zscore';
  let cache = prepared.contenders.get(method);
  if (cache === undefined) prepared.contenders.set(method, (cache = []));
  // A nomination without scorecards has no score to rank, whatever minScorecards says.
  const threshold = Math.max(1, rules.minScorecards);
  const lowered = Math.max(1, rules.minScorecards - 1);

  const contenders: NominationContender[] = [];
  const unranked: Standings['unranked'] = [];
  const order = prepared.order.get(method);
  const visit = (column: NominationColumn, i: number) => {
    const cached = unchanged(i);
    let keys = cached ? prepared.columnKeys[i] : undefined;
    if (keys === undefined) {
      keys = columnKeys(rules.tieBreakers, column, matrix, arithmetic);
      if (cached) prepared.columnKeys[i] = keys;
    }
    const { median } = keys;
    if (median === null || column.entries.length < (oneFewer(i) ? lowered : threshold)) {
      unranked.push({ column, median });
      return;
    }
    let contender = cached && cacheScores ? cache[i] : undefined;
    if (contender === undefined) {
      const columnScore = score(column);
      contender = {
        id: column.id,
        keys: [columnScore, ...keys.tieBreakers],
        score: columnScore,
        column,
        median,
      };
      if (cached && cacheScores) cache[i] = contender;
    }
    contenders.push(contender);
  };
  if (order === undefined) matrix.nominations.forEach(visit);
  else for (const i of order) visit(at(matrix.nominations, i), i);
  const placings = rankContenders(contenders);
  if (order === undefined && matrix === prepared.matrix) {
    const indexOf = new Map(matrix.nominations.map((column, i) => [column.id, i]));
    prepared.order.set(method, [
      ...placings.map(({ contender }) => indexOf.get(contender.id) ?? 0),
      ...unranked.map(({ column }) => indexOf.get(column.id) ?? 0),
    ]);
  } else if (order !== undefined) {
    unranked.sort((a, b) => compareIds(a.column.id, b.column.id));
  }
  return { placings, unranked };
}

function columnKeys(
  tieBreakers: readonly TieBreaker[],
  column: NominationColumn,
  matrix: ScoreMatrix,
  arithmetic: Arithmetic,
): ColumnKeys {
  if (column.entries.length === 0) return { median: null, tieBreakers: [] };
  const median = medianOf(column, matrix.denominator, arithmetic);
  return {
    median,
    tieBreakers: tieBreakers.map((tieBreaker) =>
      tieBreaker === 'median' ? median : tieBreakerValue(tieBreaker, column, matrix, arithmetic),
    ),
  };
}

/** The median of the totals (the mean of the middle two for an even count), scaled. */
function medianOf(column: NominationColumn, denominator: bigint, arithmetic: Arithmetic): bigint {
  const sorted = column.entries.map((entry) => entry.total).sort(compareTotals);
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) return scaledQuotient(at(sorted, middle), denominator, arithmetic);
  return scaledQuotient(at(sorted, middle - 1) + at(sorted, middle), 2n * denominator, arithmetic);
}

/** Rule 4, for the tie-breakers other than the median, scaled as ranking keys are. Higher is better. */
function tieBreakerValue(
  tieBreaker: TieBreaker,
  column: NominationColumn,
  matrix: ScoreMatrix,
  arithmetic: Arithmetic,
): bigint {
  if (tieBreaker === 'top_marks') {
    // Jurors whose highest total over all their counted scorecards (ranked or not) is this one; a juror
    // whose highest total is shared by several nominations counts for each of them.
    let topMarks = 0n;
    for (const entry of column.entries) {
      if (entry.total === at(matrix.jurors, entry.juror).highest) topMarks++;
    }
    return topMarks;
  }
  // criterion:<code>: the mean of the raw scores on that criterion.
  const code = tieBreaker.slice('criterion:'.length);
  let sum = 0n;
  for (const entry of column.entries) {
    const value = entry.scores[code];
    // checkedRules accepted the code and buildMatrix checked every scorecard scores every criterion.
    if (value === undefined) {
      throw new TallyInputError(`scorecard has no score for tie-breaker "${tieBreaker}"`);
    }
    sum += BigInt(value);
  }
  return scaledQuotient(sum, BigInt(column.entries.length), arithmetic);
}

const METHODS: readonly ScoringMethod[] = ['mean', 'trimmed_mean', 'zscore'];

function checkedRules(rules: TallyRules, criterionCodes: readonly string[]): TallyRules {
  if (!METHODS.includes(rules.method)) throw new TallyInputError(`unknown scoring method "${rules.method}"`);
  if (!Number.isSafeInteger(rules.minScorecards) || rules.minScorecards < 0) {
    throw new TallyInputError(`minScorecards must be a non-negative integer, got ${rules.minScorecards}`);
  }
  rules.tieBreakers.forEach((tieBreaker, i) => {
    const known =
      tieBreaker === 'median' ||
      tieBreaker === 'top_marks' ||
      (tieBreaker.startsWith('criterion:') && criterionCodes.includes(tieBreaker.slice('criterion:'.length)));
    if (!known) throw new TallyInputError(`unknown tie-breaker "${tieBreaker}"`);
    if (rules.tieBreakers.indexOf(tieBreaker) !== i) {
      throw new TallyInputError(`tie-breaker "${tieBreaker}" is declared twice`);
    }
  });
  return rules;
}

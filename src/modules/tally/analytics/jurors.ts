/**
 * Each juror against the others, from the counted totals of one category and round:
 * - leniency: the mean, over the nominations the juror shares with other jurors, of the juror's total minus
 *   the others' mean total on that nomination (positive: marks higher than the others), also in units of the
 *   σ of all counted totals;
 * - agreement: Spearman's rank correlation between the juror's totals and the others' mean totals on the
 *   same nominations (three or more shared nominations);
 * - scale use: the lowest and highest mark the juror gave on each criterion.
 * A juror is flagged when agreement is below a threshold or leniency (in σ) is beyond one.
 */
import { at } from '../../../common/checked-index.js';

import { compare, midRanks, round4 } from './ratings.js';

export interface JurorScorecard {
  juror: string;
  nomination: string;
  total: number;
  scores: Readonly<Record<string, number>>;
}

export interface DiagnosticThresholds {
  /** Flag a juror whose agreement is below this. */
  minAgreement: number;
  /** Flag a juror whose |leniency| exceeds this many σ. */
  maxLeniencySigma: number;
}

/** Stated defaults, used where an edition sets none. */
export const DEFAULT_THRESHOLDS: DiagnosticThresholds = { minAgreement: 0.3, maxLeniencySigma: 1 };

export type JurorFlag =
  | { code: 'low_agreement'; value: number; threshold: number }
  | { code: 'lenient' | 'severe'; value: number; threshold: number };

export interface JurorDiagnostics {
  juror: string;
  scorecards: number;
  /** Nominations this juror shares with at least one other juror. */
  shared: number;
  leniency: number | null;
  leniencySigma: number | null;
  agreement: number | null;
  /** Why agreement is null: fewer than three shared nominations, or no variation in one of the two. */
  agreementReason: 'too_few_shared' | 'no_variance' | null;
  scaleUse: { criterion: string; lowest: number; highest: number }[];
  flags: JurorFlag[];
}

export function jurorDiagnostics(
  scorecards: readonly JurorScorecard[],
  sigma: number,
  thresholds: DiagnosticThresholds = DEFAULT_THRESHOLDS,
): JurorDiagnostics[] {
  const byNomination = new Map<string, JurorScorecard[]>();
  const byJuror = new Map<string, JurorScorecard[]>();
  for (const card of scorecards) {
    push(byNomination, card.nomination, card);
    push(byJuror, card.juror, card);
  }
  return [...byJuror.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([juror, own]) => {
      const own_: number[] = [];
      const others: number[] = [];
      for (const card of [...own].sort((a, b) => compare(a.nomination, b.nomination))) {
        const rest = (byNomination.get(card.nomination) ?? []).filter((other) => other.juror !== juror);
        if (rest.length === 0) continue;
        own_.push(card.total);
        others.push(rest.reduce((total, other) => total + other.total, 0) / rest.length);
      }
      const leniency = own_.length === 0 ? null : mean(own_.map((value, i) => value - at(others, i)));
      const leniencySigma = leniency === null || !(sigma > 0) ? null : leniency / sigma;
      const [agreement, agreementReason] = spearman(own_, others);
      const flags = jurorFlags({ agreement, leniencySigma }, thresholds);
      return {
        juror,
        scorecards: own.length,
        shared: own_.length,
        leniency: leniency === null ? null : round4(leniency),
        leniencySigma: leniencySigma === null ? null : round4(leniencySigma),
        agreement: agreement === null ? null : round4(agreement),
        agreementReason,
        scaleUse: scaleUse(own),
        flags,
      };
    });
}

/**
 * The flags of a juror's figures under `thresholds`. Apart from the figures, so that figures stored with a
 * tally snapshot are flagged under the edition's thresholds of the moment they are read.
 */
export function jurorFlags(
  figures: Pick<JurorDiagnostics, 'agreement' | 'leniencySigma'>,
  thresholds: DiagnosticThresholds,
): JurorFlag[] {
  const { agreement, leniencySigma } = figures;
  const flags: JurorFlag[] = [];
  if (agreement !== null && agreement < thresholds.minAgreement)
    flags.push({ code: 'low_agreement', value: round4(agreement), threshold: thresholds.minAgreement });
  if (leniencySigma !== null && Math.abs(leniencySigma) > thresholds.maxLeniencySigma)
    flags.push({
      code: leniencySigma > 0 ? 'lenient' : 'severe',
      value: round4(leniencySigma),
      threshold: thresholds.maxLeniencySigma,
    });
  return flags;
}

/** Spearman's ρ: Pearson's correlation of the mid-ranks. */
export function spearman(
  x: readonly number[],
  y: readonly number[],
): [number, null] | [null, 'too_few_shared' | 'no_variance'] {
  if (x.length < 3) return [null, 'too_few_shared'];
  const rx = midRanks(x).ranks;
  const ry = midRanks(y).ranks;
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  rx.forEach((r, i) => {
    const dx = r - mx;
    const dy = at(ry, i) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  if (sxx === 0 || syy === 0) return [null, 'no_variance'];
  return [sxy / Math.sqrt(sxx * syy), null];
}

function scaleUse(cards: readonly JurorScorecard[]): JurorDiagnostics['scaleUse'] {
  const range = new Map<string, { lowest: number; highest: number }>();
  for (const card of cards)
    for (const [criterion, mark] of Object.entries(card.scores)) {
      const seen = range.get(criterion);
      if (seen === undefined) range.set(criterion, { lowest: mark, highest: mark });
      else
        range.set(criterion, { lowest: Math.min(seen.lowest, mark), highest: Math.max(seen.highest, mark) });
    }
  return [...range.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([criterion, { lowest, highest }]) => ({ criterion, lowest, highest }));
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

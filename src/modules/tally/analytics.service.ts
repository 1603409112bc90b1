import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { categoryNamesOf, juryThresholdsOf, type LocalizedText } from '../editions/edition.queries.js';
import { findRound } from '../jury/round-state.js';
import { contactsOf } from '../users/user.queries.js';
import type { CategoryAnalysis, JurorFigures } from './analytics/analysis.js';
import type { Concordance } from './analytics/kendall.js';
import { DEFAULT_THRESHOLDS, jurorFlags, type JurorFlag } from './analytics/jurors.js';
import type { NotComputable } from './analytics/ratings.js';
import type { CategorySensitivity, FragilityCause, MarginChange } from './analytics/sensitivity.js';
import type { ScoringMethod } from './arithmetic/tally.js';
import { toCsv, type CsvCell } from './csv.js';
import { assertConflictsDecided } from './tally-inputs.js';
import { TallyErrors } from './tally.errors.js';

/** A statistic flattened for the API: the value and its counts, or null and the reason. */
export interface AlphaView {
  value: number | null;
  reason: NotComputable | null;
  /** Nominations with two or more counted scorecards (the only ones alpha reads). */
  units: number | null;
  values: number | null;
  coders: number | null;
  /** Percentile bootstrap 95 % interval, seeded by the inputs digest. */
  interval: { low: number; high: number; resamples: number } | null;
}

export interface ConcordanceView {
  jurors: string[];
  nominations: number;
  value: number | null;
  reason: NotComputable | null;
}

export interface JurorAnalyticsView extends JurorFigures {
  flags: JurorFlag[];
}

export type AnalysisStatus = 'computed' | 'not_tallied' | 'not_computed';

export interface CategoryAnalyticsView {
  categoryId: string;
  code: string;
  name: LocalizedText;
  /**
   * `computed`; `not_tallied` while the category has no successful tally; `not_computed` for a snapshot
   * tallied before jury analytics existed (tallying the round again computes it).
   */
  status: AnalysisStatus;
  snapshotId: string | null;
  inputsDigest: string | null;
  sigma: number | null;
  alpha: AlphaView | null;
  concordance: ConcordanceView[];
  jurors: JurorAnalyticsView[];
  /** Would the winner change; null without counted scorecards or where the stored analysis predates it. */
  sensitivity: SensitivityView | null;
}

/** A cause as the API gives it: one shape with the fields of every kind (`FragilityCause` is their union). */
export interface FragilityCauseView {
  kind: FragilityCause['kind'];
  method?: ScoringMethod;
  juror?: string;
  winners?: string[];
  change?: MarginChange;
  threshold?: string;
}

export type SensitivityView = Omit<CategorySensitivity, 'causes'> & { causes: FragilityCauseView[] };

export interface RoundAnalyticsView {
  roundId: string;
  editionId: string;
  thresholds: { minAgreement: number; maxLeniencySigma: number };
  categories: CategoryAnalyticsView[];
}

interface LatestAnalysisRow {
  category_id: string;
  snapshot_id: string;
  inputs_digest: string;
  analysis: CategoryAnalysis | null;
}

/**
 * Jury agreement and juror diagnostics of a closed round, for organisers only. Only reads what the tally
 * job stored with each snapshot (never computes a statistic on a request); flags come from the edition's
 * thresholds of the moment.
 */
@Injectable()
export class AnalyticsService {
  constructor(private readonly dataSource: DataSource) {}

  async analytics(roundId: string): Promise<RoundAnalyticsView> {
    const manager = this.dataSource.manager;
    const round = await findRound(manager, roundId);
    if (round.status !== 'closed')
      throw new DomainError(TallyErrors.roundOpen, undefined, { roundStatus: round.status });
    // As for the ranking: figures from scorecards a late conflict puts in question wait for the decision.
    await assertConflictsDecided(manager, round.editionId);
    const thresholds = (await juryThresholdsOf(manager, round.editionId)) ?? DEFAULT_THRESHOLDS;
    const categories = await categoryNamesOf(manager, round.editionId);
    // The snapshot of each category's latest successful run: the one the results page ranks.
    const rows = await manager.query<LatestAnalysisRow[]>(
      `SELECT DISTINCT ON (r.category_id) r.category_id, s.id AS snapshot_id, s.inputs_digest, a.analysis
         FROM tally_runs r JOIN tally_snapshots s ON s.id = r.snapshot_id
         LEFT JOIN tally_analyses a ON a.snapshot_id = s.id
        WHERE r.round_id = $1 AND r.status = 'succeeded'
        ORDER BY r.category_id, r.finished_at DESC, r.id`,
      [round.id],
    );
    if (!rows.length)
      throw new DomainError(TallyErrors.noSnapshot, undefined, {
        roundId: round.id,
        roundStatus: round.status,
      });
    const of = new Map(rows.map((row) => [row.category_id, row]));
    return {
      roundId: round.id,
      editionId: round.editionId,
      thresholds,
      categories: categories.map((category): CategoryAnalyticsView => {
        const row = of.get(category.id);
        const analysis = row?.analysis ?? null;
        return {
          categoryId: category.id,
          code: category.code,
          name: category.name,
          status: !row ? 'not_tallied' : analysis ? 'computed' : 'not_computed',
          snapshotId: row?.snapshot_id ?? null,
          inputsDigest: row?.inputs_digest ?? null,
          sigma: analysis?.sigma ?? null,
          alpha: analysis && alphaView(analysis),
          concordance: (analysis?.concordance ?? []).map((block) => ({
            jurors: block.jurors,
            nominations: block.nominations,
            ...statistic(block.w),
          })),
          jurors: (analysis?.jurors ?? []).map((figures) => ({
            ...figures,
            flags: jurorFlags(figures, thresholds),
          })),
          sensitivity: analysis?.sensitivity ?? null,
        };
      }),
    };
  }

  /** The juror diagnostics as CSV: one line per juror and category, with the juror's name. */
  async jurorsCsv(roundId: string): Promise<string> {
    const view = await this.analytics(roundId);
    const jurorIds = view.categories.flatMap((c) => c.jurors.map((j) => j.juror));
    const names = new Map(
      (await contactsOf(this.dataSource.manager, jurorIds)).map((user) => [user.id, user.fullName]),
    );
    const rows: CsvCell[][] = view.categories.flatMap((category) =>
      category.jurors.map((j) => [
        category.code,
        j.juror,
        names.get(j.juror),
        j.scorecards,
        j.shared,
        j.leniency,
        j.leniencySigma,
        j.agreement,
        j.agreementReason,
        j.scaleUse.map((s) => `${s.criterion} ${s.lowest}-${s.highest}`).join('; '),
        j.flags.map((f) => f.code).join(' '),
        category.inputsDigest,
      ]),
    );
    return toCsv(
      [
        'category',
        'juror_id',
        'juror',
        'scorecards',
        'shared',
        'leniency',
        'leniency_sigma',
        'agreement',
        'agreement_not_computed',
        'scale_use',
        'flags',
        'inputs_digest',
      ],
      rows,
    );
  }
}

function statistic(s: Concordance): { value: number | null; reason: NotComputable | null } {
  return s.value === null ? { value: null, reason: s.reason } : { value: s.value, reason: null };
}

function alphaView(analysis: CategoryAnalysis): AlphaView {
  const { alpha } = analysis;
  if (alpha.value === null)
    return { value: null, reason: alpha.reason, units: null, values: null, coders: null, interval: null };
  return {
    value: alpha.value,
    reason: null,
    units: alpha.units,
    values: alpha.values,
    coders: alpha.coders,
    interval: analysis.alphaInterval,
  };
}

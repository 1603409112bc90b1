import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextResponse } from '../../editions/dto/edition.response.js';
import type {
  AlphaView,
  AnalysisStatus,
  CategoryAnalyticsView,
  ConcordanceView,
  JurorAnalyticsView,
  FragilityCauseView,
  RoundAnalyticsView,
  SensitivityView,
} from '../analytics.service.js';
import type { JurorFlag } from '../analytics/jurors.js';
import type { NotComputable } from '../analytics/ratings.js';
import type {
  LeaveOneOutOutcome,
  Margin,
  MarginChange,
  MethodOutcome,
  Placed,
} from '../analytics/sensitivity.js';
import type { ScoringMethod } from '../arithmetic/tally.js';

const NOT_COMPUTABLE: NotComputable[] = ['too_few_pairable', 'no_variance', 'no_common_block'];
const REASON = {
  enum: NOT_COMPUTABLE,
  enumName: 'NotComputableReason',
  nullable: true,
  description:
    'Why the value is null: too_few_pairable (no nomination has two counted scorecards), no_variance (every value the same), no_common_block',
} as const;
const STATUSES: AnalysisStatus[] = ['computed', 'not_tallied', 'not_computed'];
const FLAG_CODES: JurorFlag['code'][] = ['low_agreement', 'lenient', 'severe'];
const METHODS: ScoringMethod[] = ['mean', 'trimmed_mean', 'zscore'];
const METHOD = { enum: METHODS, enumName: 'ScoringMethod' } as const;
const IDS: { type: [StringConstructor]; format: 'uuid' } = { type: [String], format: 'uuid' };

class AlphaIntervalResponse {
  @ApiProperty({ example: 0.61 })
  low!: number;

  @ApiProperty({ example: 0.9 })
  high!: number;

  @ApiProperty({ type: 'integer', example: 1000 })
  resamples!: number;
}

class AlphaResponse implements AlphaView {
  @ApiProperty({ type: Number, nullable: true, example: 0.8108, description: '4 decimals' })
  value!: number | null;

  @ApiProperty(REASON)
  reason!: NotComputable | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Nominations with 2 or more counted scorecards',
  })
  units!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Counted totals in those nominations' })
  values!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Jurors among them' })
  coders!: number | null;

  @ApiProperty({
    type: AlphaIntervalResponse,
    nullable: true,
    description: 'Percentile bootstrap 95 % interval over nominations, seeded by the inputs digest',
  })
  interval!: AlphaIntervalResponse | null;
}

class ConcordanceResponse implements ConcordanceView {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The jurors who all scored these nominations' })
  jurors!: string[];

  @ApiProperty({ type: 'integer', example: 12 })
  nominations!: number;

  @ApiProperty({ type: Number, nullable: true, example: 0.72, description: "Kendall's W (tie-corrected)" })
  value!: number | null;

  @ApiProperty(REASON)
  reason!: NotComputable | null;
}

class ScaleUseResponse {
  @ApiProperty({ example: 'transit_time' })
  criterion!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  lowest!: number;

  @ApiProperty({ type: 'integer', example: 9 })
  highest!: number;
}

class JurorFlagResponse {
  @ApiProperty({
    enum: FLAG_CODES,
    enumName: 'JurorFlagCode',
    description:
      'low_agreement: agreement below the threshold; lenient/severe: leniency beyond the threshold in σ',
  })
  code!: JurorFlag['code'];

  @ApiProperty({ example: 0.12, description: 'The figure that crossed the threshold' })
  value!: number;

  @ApiProperty({ example: 0.3 })
  threshold!: number;
}

class JurorAnalyticsResponse implements JurorAnalyticsView {
  @ApiProperty({ format: 'uuid', description: "The juror's account id, as in the results' juror statistics" })
  juror!: string;

  @ApiProperty({ type: 'integer', description: 'Counted scorecards' })
  scorecards!: number;

  @ApiProperty({ type: 'integer', description: 'Of them, on nominations another juror also scored' })
  shared!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.75,
    description: "Mean of the juror's total minus the others' mean total on the same nominations",
  })
  leniency!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.4,
    description: 'Leniency in σ of all counted totals',
  })
  leniencySigma!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.8,
    description:
      "Spearman's ρ between the juror's totals and the others' mean totals on the same nominations",
  })
  agreement!: number | null;

  @ApiProperty({
    enum: ['too_few_shared', 'no_variance'],
    enumName: 'AgreementNotComputable',
    nullable: true,
    description: 'Why agreement is null: fewer than 3 shared nominations, or no variation',
  })
  agreementReason!: 'too_few_shared' | 'no_variance' | null;

  @ApiProperty({ type: [ScaleUseResponse], description: 'Lowest and highest mark given, per criterion' })
  scaleUse!: ScaleUseResponse[];

  @ApiProperty({ type: [JurorFlagResponse], description: "Under the edition's current thresholds" })
  flags!: JurorFlagResponse[];
}

class PlacedResponse implements Placed {
  @ApiProperty({ format: 'uuid' })
  nomination!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  rank!: number;

  @ApiProperty({ example: '7.2500', description: '4 decimals' })
  score!: string;

  @ApiProperty({ example: '7.2500000000', description: '10 decimals: the value compared' })
  scoreExact!: string;
}

class MethodOutcomeResponse implements MethodOutcome {
  @ApiProperty(METHOD)
  method!: ScoringMethod;

  @ApiProperty({ description: "The rules' own method" })
  own!: boolean;

  @ApiProperty({ ...IDS, description: 'Nominations at rank 1 under this method' })
  winners!: string[];

  @ApiProperty({
    type: [PlacedResponse],
    description: 'Ranked nominations with rank ≤ topN, ties at the cut included',
  })
  top!: PlacedResponse[];

  @ApiProperty()
  winnersChanged!: boolean;

  @ApiProperty()
  advancingChanged!: boolean;
}

class LeaveOneOutResponse implements LeaveOneOutOutcome {
  @ApiProperty({ format: 'uuid', description: 'The juror left out' })
  juror!: string;

  @ApiProperty({ type: 'integer', description: "The juror's counted scorecards, all left out" })
  scorecards!: number;

  @ApiProperty({ ...IDS, description: 'Winners without this juror' })
  winners!: string[];

  @ApiProperty()
  winnersChanged!: boolean;

  @ApiProperty()
  advancingChanged!: boolean;

  @ApiProperty({ ...IDS, description: 'Would advance without this juror, and do not with them' })
  wouldEnter!: string[];

  @ApiProperty({ ...IDS, description: 'Advance with this juror, and would not without them' })
  wouldDrop!: string[];
}

class MarginChangeResponse implements MarginChange {
  @ApiProperty({ format: 'uuid', description: 'The juror whose one total changes' })
  juror!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The nomination of that total: the second (raised) or the first (lowered)',
  })
  nomination!: string;

  @ApiProperty({ example: '0.4000000000', description: 'Signed change of the total, 10 decimals' })
  deltaExact!: string;

  @ApiProperty({ example: '0.4000', description: '4 decimals' })
  delta!: string;
}

class MarginResponse implements Margin {
  @ApiProperty({ format: 'uuid' })
  first!: string;

  @ApiProperty({ format: 'uuid' })
  second!: string;

  @ApiProperty({ example: '0.0800000000' })
  scoreDifferenceExact!: string;

  @ApiProperty({ example: '0.0800' })
  scoreDifference!: string;

  @ApiProperty({
    type: MarginChangeResponse,
    nullable: true,
    description:
      'The smallest change to one counted total that brings the second level with the first; null if none within the totals given',
  })
  change!: MarginChangeResponse | null;
}

class FragilityCauseResponse implements FragilityCauseView {
  @ApiProperty({ enum: ['method', 'leave_one_out', 'margin'], enumName: 'FragilityCauseKind' })
  kind!: 'method' | 'leave_one_out' | 'margin';

  @ApiProperty({
    ...METHOD,
    required: false,
    description: 'kind method: the method under which the winner differs',
  })
  method?: ScoringMethod;

  @ApiProperty({ format: 'uuid', required: false, description: 'kind leave_one_out: the juror left out' })
  juror?: string;

  @ApiProperty({
    ...IDS,
    required: false,
    description: 'The winners under that change (method, leave_one_out)',
  })
  winners?: string[];

  @ApiProperty({ type: MarginChangeResponse, required: false, description: 'kind margin: the change' })
  change?: MarginChangeResponse;

  @ApiProperty({
    required: false,
    example: '1',
    description: 'kind margin: the margin at or under which a category is fragile',
  })
  threshold?: string;
}

class SensitivityResponse implements SensitivityView {
  @ApiProperty({ ...METHOD, description: "The rules' own method" })
  method!: ScoringMethod;

  @ApiProperty({ type: 'integer', example: 3, description: 'Places that advance, for the comparisons' })
  topN!: number;

  @ApiProperty(IDS)
  winners!: string[];

  @ApiProperty(IDS)
  advancing!: string[];

  @ApiProperty({ type: [MethodOutcomeResponse] })
  methods!: MethodOutcomeResponse[];

  @ApiProperty({ type: [LeaveOneOutResponse], description: 'One per juror with a counted scorecard' })
  leaveOneOut!: LeaveOneOutResponse[];

  @ApiProperty({
    type: MarginResponse,
    nullable: true,
    description: 'Null with fewer than two ranked nominations',
  })
  margin!: MarginResponse | null;

  @ApiProperty({
    description: 'The winner changes under another method, without a juror, or within the margin threshold',
  })
  fragile!: boolean;

  @ApiProperty({ type: [FragilityCauseResponse] })
  causes!: FragilityCauseResponse[];
}

class CategoryAnalyticsResponse implements CategoryAnalyticsView {
  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'efficiency' })
  code!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  name!: LocalizedTextResponse;

  @ApiProperty({
    enum: STATUSES,
    enumName: 'AnalysisStatus',
    description:
      'not_tallied: no successful tally yet; not_computed: tallied before jury analytics existed (tally again)',
  })
  status!: AnalysisStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  snapshotId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  inputsDigest!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Population σ of all counted totals' })
  sigma!: number | null;

  @ApiProperty({ type: AlphaResponse, nullable: true, description: "Krippendorff's alpha, interval metric" })
  alpha!: AlphaResponse | null;

  @ApiProperty({
    type: [ConcordanceResponse],
    description: 'Per block of nominations scored by the same jurors',
  })
  concordance!: ConcordanceResponse[];

  @ApiProperty({ type: [JurorAnalyticsResponse] })
  jurors!: JurorAnalyticsResponse[];

  @ApiProperty({
    type: SensitivityResponse,
    nullable: true,
    description:
      'Would the winner change (another method, a juror left out, the smallest change to one total)? Null without counted scorecards, or for a snapshot tallied before it existed (tally again)',
  })
  sensitivity!: SensitivityResponse | null;
}

class ThresholdsResponse {
  @ApiProperty({ example: 0.3 })
  minAgreement!: number;

  @ApiProperty({ example: 1 })
  maxLeniencySigma!: number;
}

export class RoundAnalyticsResponse implements RoundAnalyticsView {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ type: ThresholdsResponse, description: "The edition's rules the flags were judged by" })
  thresholds!: ThresholdsResponse;

  @ApiProperty({ type: [CategoryAnalyticsResponse] })
  categories!: CategoryAnalyticsResponse[];
}

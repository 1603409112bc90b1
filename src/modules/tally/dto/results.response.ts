import { PageResponse } from '../../../common/http/page.response.js';
import { ApiProperty } from '@nestjs/swagger';
import type { Phase } from '../../editions/edition.queries.js';
import { LocalizedTextResponse, PHASE_SCHEMA } from '../../editions/dto/edition.response.js';
import type { RoundStatus } from '../../jury/round-state.js';
import type { AdvancePreview, ShortlistAnnouncement, AdvanceOutcome } from '../advance.service.js';
import {
  TALLY_ALGORITHM_VERSION,
  type JurorStatistics,
  type NominationFlag,
  type NominationTally,
  type ScoringMethod,
  type TallyRules,
  type TieBreaker,
  type TieBreakerValue,
  type TotalsStatistics,
} from '../arithmetic/types.js';
import { TALLY_RUN_STATUSES, type TallyRunStatus } from '../entities/tally-run.entity.js';
import type {
  CategoryResultsView,
  NominationResultView,
  RoundResultsView,
  RunView,
} from '../results.service.js';
import type { TallyJobView, TallyRequested } from '../tally.service.js';

const TIE_BREAKER = {
  type: String,
  pattern: '^(median|top_marks|criterion:[a-z0-9_]+)$',
  example: 'criterion:transit_time',
} as const;
const DECIMAL_4 = { example: '7.8333', description: 'Exact decimal, rounded to 4 places' } as const;
const DECIMAL_10 = { example: '7.8333333333', description: 'Exact decimal, rounded to 10 places' } as const;

class TallyJobResponse implements TallyJobView {
  @ApiProperty({ description: 'The BullMQ job id' })
  jobId!: string;

  @ApiProperty({ format: 'uuid' })
  runId!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'efficiency' })
  categoryCode!: string;
}

export class TallyRequestedResponse implements TallyRequested {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ enum: ['closed'] })
  roundStatus!: 'closed';

  @ApiProperty({ type: String, format: 'date-time' })
  closedAt!: Date;

  @ApiProperty({ ...PHASE_SCHEMA })
  editionPhase!: Phase;

  @ApiProperty({ type: [TallyJobResponse] })
  jobs!: TallyJobResponse[];
}

class TallyRunResponse implements RunView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: TALLY_RUN_STATUSES })
  status!: TallyRunStatus;

  @ApiProperty({ type: 'integer', example: 1 })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Why the run failed' })
  error!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  requestedAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: Date | null;
}

class TallySnapshotResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  runId!: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the tally inputs' })
  inputsDigest!: string;

  @ApiProperty({ example: TALLY_ALGORITHM_VERSION })
  algorithm!: string;

  @ApiProperty({ type: 'integer', example: 42, description: 'Counted scorecards' })
  scorecards!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export class TallyRulesResponse implements TallyRules {
  @ApiProperty({ enum: ['mean', 'trimmed_mean', 'zscore'], enumName: 'ScoringMethod' })
  method!: ScoringMethod;

  @ApiProperty({ ...TIE_BREAKER, isArray: true, example: ['median', 'criterion:transit_time', 'top_marks'] })
  tieBreakers!: TieBreaker[];

  @ApiProperty({ type: 'integer', example: 3 })
  minScorecards!: number;
}

export class TieBreakerValueResponse implements TieBreakerValue {
  @ApiProperty(TIE_BREAKER)
  tieBreaker!: TieBreaker;

  @ApiProperty({ example: '8', description: 'Rounded to 4 decimals (top_marks: the count)' })
  value!: string;

  @ApiProperty({ example: '8', description: 'Rounded to 10 decimals: the value compared' })
  valueExact!: string;
}

export class NominationTallyResponse implements NominationTally {
  @ApiProperty({ format: 'uuid' })
  nomination!: string;

  @ApiProperty({ type: 'integer', nullable: true, example: 1, description: 'Standard competition rank' })
  rank!: number | null;

  @ApiProperty({ type: String, nullable: true, ...DECIMAL_4 })
  score!: string | null;

  @ApiProperty({ type: String, nullable: true, ...DECIMAL_10 })
  scoreExact!: string | null;

  @ApiProperty({ type: 'integer', example: 5, description: 'Counted scorecards' })
  scorecards!: number;

  @ApiProperty({ type: String, nullable: true, ...DECIMAL_4 })
  median!: string | null;

  @ApiProperty({ type: String, nullable: true, ...DECIMAL_10 })
  medianExact!: string | null;

  @ApiProperty({ enum: ['insufficient_scorecards', 'tied'], isArray: true })
  flags!: NominationFlag[];

  @ApiProperty({
    ...TIE_BREAKER,
    nullable: true,
    description: 'The deepest tie-breaker that separated it from an equal score',
  })
  tieBrokenBy!: TieBreaker | null;

  @ApiProperty({ type: [TieBreakerValueResponse] })
  tieBreakerValues!: TieBreakerValueResponse[];
}

export class TotalsStatisticsResponse implements TotalsStatistics {
  @ApiProperty({ type: 'integer', example: 12 })
  count!: number;

  @ApiProperty(DECIMAL_4)
  mean!: string;

  @ApiProperty({ example: '1.2041', description: 'Population standard deviation, rounded to 4 places' })
  sigma!: string;

  @ApiProperty(DECIMAL_10)
  meanExact!: string;

  @ApiProperty({ example: '1.2041594579', description: 'Rounded to 10 places' })
  sigmaExact!: string;
}

export class JurorStatisticsResponse extends TotalsStatisticsResponse implements JurorStatistics {
  @ApiProperty({ format: 'uuid' })
  juror!: string;
}

export class NominationResultResponse extends NominationTallyResponse implements NominationResultView {
  @ApiProperty({ example: 'Dry port Khorgos: 40% faster rail transfers' })
  title!: string;

  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ example: 'KazTransLogistics LLP' })
  companyName!: string;
}

class CategoryResultsResponse implements CategoryResultsView {
  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'efficiency' })
  code!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  name!: LocalizedTextResponse;

  @ApiProperty({
    type: TallyRunResponse,
    nullable: true,
    description: 'The most recent run, whatever its outcome',
  })
  latestRun!: TallyRunResponse | null;

  @ApiProperty({ type: TallySnapshotResponse, nullable: true, description: 'Of the latest successful run' })
  snapshot!: TallySnapshotResponse | null;

  @ApiProperty({ type: TallyRulesResponse, nullable: true })
  rules!: TallyRulesResponse | null;

  @ApiProperty({
    type: [NominationResultResponse],
    description: 'The ranking in rank order: whole, or its first page when the request names a pageSize',
  })
  nominations!: NominationResultResponse[];

  @ApiProperty({ type: 'integer', example: 500, description: 'How many nominations the ranking holds' })
  nominationsTotal!: number;

  @ApiProperty({ type: [JurorStatisticsResponse] })
  jurors!: JurorStatisticsResponse[];

  @ApiProperty({ type: TotalsStatisticsResponse, nullable: true })
  overall!: TotalsStatisticsResponse | null;
}

export class RoundResultsResponse implements RoundResultsView {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  roundNumber!: number;

  @ApiProperty({ example: 'First round' })
  roundName!: string;

  @ApiProperty({ enum: ['open', 'closed'] })
  roundStatus!: RoundStatus;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ ...PHASE_SCHEMA })
  editionPhase!: Phase;

  @ApiProperty({ type: [CategoryResultsResponse] })
  categories!: CategoryResultsResponse[];
}

class NextRound {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  number!: number;

  @ApiProperty({ example: 'Round 2' })
  name!: string;
}

class ShortlistedCategory {
  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'efficiency' })
  categoryCode!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  nominationIds!: string[];
}

export class AdvanceResponse implements AdvanceOutcome {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ type: NextRound })
  nextRound!: NextRound;

  @ApiProperty({ ...PHASE_SCHEMA, example: 'judging' })
  editionPhase!: Phase;

  @ApiProperty({ type: [ShortlistedCategory] })
  shortlisted!: ShortlistedCategory[];

  @ApiProperty({ type: 'integer', example: 24, description: 'Assignments created in the next round' })
  assignments!: number;
}

export class ShortlistAnnouncementResponse implements ShortlistAnnouncement {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ format: 'date-time' })
  announcedAt!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The nominations whose entrants now see shortlisted',
  })
  nominationIds!: string[];
}

class AdvancingNomination {
  @ApiProperty({ format: 'uuid' })
  nomination!: string;

  @ApiProperty({ example: 'Dry port Khorgos: 40% faster rail transfers' })
  title!: string;

  @ApiProperty({ example: 'KazTransLogistics LLP' })
  companyName!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  rank!: number;
}

class AdvancePreviewCategory extends ShortlistedCategory {
  @ApiProperty({
    type: [AdvancingNomination],
    description:
      'The same nominations in rank order, with their titles: what the organiser reads before confirming',
  })
  nominations!: AdvancingNomination[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'The nominations sharing the rank at the cut when they take the category past topN (they all advance); empty otherwise',
  })
  tiedAtCut!: string[];
}

export class AdvancePreviewResponse implements AdvancePreview {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ type: 'integer', example: 5 })
  topN!: number;

  @ApiProperty({ type: [AdvancePreviewCategory] })
  categories!: AdvancePreviewCategory[];
}

export class RankingPage extends PageResponse(NominationResultResponse) {}

import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from '../../../common/http/page.response.js';
import type { CategoryQuestion, LocalizedText } from '../entities/category.entity.js';
import { PHASES, type Phase, SCORING_METHODS, type ScoringMethod } from '../entities/edition.entity.js';
import type { CategoryView, CriterionView, EditionView } from '../views.js';
import { PUBLISH_JURY_STATISTICS_DOC } from './edition.dto.js';

/** An edition's phase, one schema (`Phase`) wherever a response names it. */
export const PHASE_SCHEMA = { enum: PHASES, enumName: 'Phase' } as const;

export class EditionResponse implements EditionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'magistral-2026' })
  slug!: string;

  @ApiProperty({ example: 'Magistral Awards 2026' })
  name!: string;

  @ApiProperty({ ...PHASE_SCHEMA, example: 'nominations' })
  phase!: Phase;

  @ApiProperty({
    ...PHASE_SCHEMA,
    nullable: true,
    description: 'Where `POST /editions/{id}/phase` can take it, or null once archived',
  })
  nextPhase!: Phase | null;

  @ApiProperty({ format: 'date-time' })
  nominationsOpenAt!: string;

  @ApiProperty({ format: 'date-time' })
  nominationsCloseAt!: string;

  @ApiProperty({ format: 'date-time' })
  judgingOpenAt!: string;

  @ApiProperty({ format: 'date-time' })
  judgingCloseAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resultsEmbargoUntil!: string | null;

  @ApiProperty({ enum: SCORING_METHODS, enumName: 'ScoringMethod' })
  scoringMethod!: ScoringMethod;

  @ApiProperty({
    type: [String],
    example: ['median', 'criterion:emissions_reduction', 'top_marks'],
    description: '`median`, `top_marks` or `criterion:<code>`, applied in order',
  })
  tieBreakers!: string[];

  @ApiProperty({ type: 'integer', example: 3 })
  minScorecards!: number;

  @ApiProperty({ type: 'integer', example: 3 })
  maxNominationsPerCompanyPerCategory!: number;

  @ApiProperty({ description: 'Jurors never learn which company is behind an entry' })
  blind!: boolean;

  @ApiProperty({
    description:
      "A juror sees their own deviation from the panel's median on a round's calibration entries once all theirs are submitted",
  })
  calibrationFeedback!: boolean;

  @ApiProperty({ description: PUBLISH_JURY_STATISTICS_DOC })
  publishJuryStatistics!: boolean;

  @ApiProperty({ type: 'integer', example: 48 })
  reminderLeadHours!: number;

  @ApiProperty({
    example: 0.3,
    description: 'Jury analytics: a juror whose agreement is below this is flagged',
  })
  minJurorAgreement!: number;

  @ApiProperty({
    example: 1,
    description: 'Jury analytics: a juror beyond this many σ of leniency is flagged',
  })
  maxJurorLeniencySigma!: number;

  @ApiProperty({ type: 'integer', example: 3, description: 'Also the ETag; send it back in If-Match' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class EditionPage extends PageResponse(EditionResponse) {}

/** A text in each of the platform's four languages. */
export class LocalizedTextResponse implements LocalizedText {
  @ApiProperty({ example: 'Efficiency' })
  en!: string;

  @ApiProperty({ example: 'Эффективность' })
  ru!: string;

  @ApiProperty({ example: 'Тиімділік' })
  kk!: string;

  @ApiProperty({ example: 'Effizienz' })
  de!: string;
}

export class CategoryQuestionResponse implements CategoryQuestion {
  @ApiProperty({ example: 'baseline' })
  code!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  prompt!: LocalizedTextResponse;

  @ApiProperty()
  required!: boolean;

  @ApiProperty({ type: 'integer', example: 2000, description: 'Longest answer accepted, in characters' })
  maxLength!: number;
}

export class CriterionResponse implements CriterionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'transit_time' })
  code!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  name!: LocalizedTextResponse;

  @ApiProperty({ type: LocalizedTextResponse })
  description!: LocalizedTextResponse;

  @ApiProperty({ example: '1.5', description: 'Exact decimal, without trailing zeros' })
  weight!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  scaleMin!: number;

  @ApiProperty({ type: 'integer', example: 10 })
  scaleMax!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  position!: number;
}

export class CategoryResponse implements CategoryView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ example: 'efficiency' })
  code!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  name!: LocalizedTextResponse;

  @ApiProperty({ type: LocalizedTextResponse })
  description!: LocalizedTextResponse;

  @ApiProperty({ type: [CategoryQuestionResponse] })
  questions!: CategoryQuestionResponse[];

  @ApiProperty({ type: 'integer', example: 0 })
  position!: number;

  @ApiProperty({ type: [CriterionResponse] })
  criteria!: CriterionResponse[];
}

export class PhaseBlockerResponse {
  @ApiProperty({
    example: 'editions.no_categories',
    description: 'The problem code `POST /editions/{id}/phase` would refuse with',
  })
  code!: string;

  @ApiProperty({ example: 'An edition needs at least one category before nominations open' })
  title!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { resultsEmbargoUntil: '2026-12-01T09:00:00.000Z' },
    description: 'What lifting it depends on (dates as ISO strings)',
  })
  params!: Record<string, string>;
}

export class PhaseReadinessResponse {
  @ApiProperty({ ...PHASE_SCHEMA, example: 'draft' })
  phase!: Phase;

  @ApiProperty({ ...PHASE_SCHEMA, nullable: true, description: 'Null once archived' })
  nextPhase!: Phase | null;

  @ApiProperty({
    type: [PhaseBlockerResponse],
    description: 'Empty when the move to nextPhase would be accepted now; in the order the move checks them',
  })
  blockers!: PhaseBlockerResponse[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { type Phase, PHASES, type ScoringMethod, SCORING_METHODS } from '../entities/edition.entity.js';
import { TIE_BREAKER_PATTERN } from '../edition-rules.js';
import { IsInstant, IsText, OptionalNotNull, SLUG_PATTERN } from './validation.js';

export const PUBLISH_JURY_STATISTICS_DOC =
  "The published results manifest and page state each category's Krippendorff's alpha (with its 95 % interval) and whether its winner was fragile";

const TIE_BREAKERS_DOC =
  'In order: `median`, `top_marks`, `criterion:<code>` (the code of a criterion every category of the edition has)';

export class CreateEditionDto {
  @ApiProperty({ example: 'magistral-2026', pattern: SLUG_PATTERN.source, maxLength: 80 })
  @IsString()
  @MaxLength(80)
  @Matches(SLUG_PATTERN, { message: '$property must be lower-case kebab-case (a-z, 0-9, single hyphens)' })
  slug!: string;

  @ApiProperty({ example: 'Magistral Awards 2026', maxLength: 200 })
  @IsText()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  nominationsOpenAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  nominationsCloseAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  judgingOpenAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  judgingCloseAt!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Results are not released before this moment (at or after judgingCloseAt)',
  })
  @IsOptional()
  @IsInstant()
  resultsEmbargoUntil?: string | null;

  @ApiPropertyOptional({ enum: SCORING_METHODS, default: 'mean' })
  @OptionalNotNull()
  @IsIn(SCORING_METHODS)
  scoringMethod?: ScoringMethod;

  @ApiPropertyOptional({
    type: [String],
    example: ['median', 'criterion:emissions_reduction', 'top_marks'],
    description: TIE_BREAKERS_DOC,
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(TIE_BREAKER_PATTERN, {
    each: true,
    message: '$property must hold only median, top_marks or criterion:<code>',
  })
  tieBreakers?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 3 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  minScorecards?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 3 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  maxNominationsPerCompanyPerCategory?: number;

  @ApiPropertyOptional({ default: false, description: 'Jurors never learn which company is behind an entry' })
  @OptionalNotNull()
  @IsBoolean()
  blind?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      "A juror sees their own deviation from the panel's median on a round's calibration entries once all theirs are submitted",
  })
  @OptionalNotNull()
  @IsBoolean()
  calibrationFeedback?: boolean;

  @ApiPropertyOptional({ default: false, description: PUBLISH_JURY_STATISTICS_DOC })
  @OptionalNotNull()
  @IsBoolean()
  publishJuryStatistics?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 720,
    default: 72,
    description: 'Hours before a round closes when jurors who are behind are reminded',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(720)
  reminderLeadHours?: number;

  @ApiPropertyOptional({
    minimum: -1,
    maximum: 1,
    default: 0.3,
    description:
      "Jury analytics: a juror whose agreement with the others (Spearman's ρ) is below this is flagged",
  })
  @OptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(-1)
  @Max(1)
  minJurorAgreement?: number;

  @ApiPropertyOptional({
    minimum: 0.01,
    maximum: 9.99,
    default: 1,
    description:
      "Jury analytics: a juror more lenient or severe than this many σ of the category's totals is flagged",
  })
  @OptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(9.99)
  maxJurorLeniencySigma?: number;
}

/** Every field optional; the result, merged with the edition, is validated as a whole. */
export class UpdateEditionDto {
  @ApiPropertyOptional({
    pattern: SLUG_PATTERN.source,
    maxLength: 80,
    description: 'Fixed once the edition is published: public links use it',
  })
  @OptionalNotNull()
  @IsString()
  @MaxLength(80)
  @Matches(SLUG_PATTERN, { message: '$property must be lower-case kebab-case (a-z, 0-9, single hyphens)' })
  slug?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @IsText()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsInstant()
  nominationsOpenAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsInstant()
  nominationsCloseAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsInstant()
  judgingOpenAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsInstant()
  judgingCloseAt?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null removes the embargo',
  })
  @IsOptional()
  @IsInstant()
  resultsEmbargoUntil?: string | null;

  @ApiPropertyOptional({ enum: SCORING_METHODS, description: 'Fixed once judging opens' })
  @OptionalNotNull()
  @IsIn(SCORING_METHODS)
  scoringMethod?: ScoringMethod;

  @ApiPropertyOptional({ type: [String], description: `${TIE_BREAKERS_DOC}. Fixed once judging opens` })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(TIE_BREAKER_PATTERN, {
    each: true,
    message: '$property must hold only median, top_marks or criterion:<code>',
  })
  tieBreakers?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'Fixed once judging opens' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  minScorecards?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  maxNominationsPerCompanyPerCategory?: number;

  @ApiPropertyOptional({ description: 'Fixed once judging opens' })
  @OptionalNotNull()
  @IsBoolean()
  blind?: boolean;

  @ApiPropertyOptional({
    description:
      "A juror sees their own deviation from the panel's median on a round's calibration entries once all theirs are submitted",
  })
  @OptionalNotNull()
  @IsBoolean()
  calibrationFeedback?: boolean;

  @ApiPropertyOptional({ description: `${PUBLISH_JURY_STATISTICS_DOC}. Fixed once judging opens` })
  @OptionalNotNull()
  @IsBoolean()
  publishJuryStatistics?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 720 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(720)
  reminderLeadHours?: number;

  @ApiPropertyOptional({
    minimum: -1,
    maximum: 1,
    description:
      "Jury analytics: a juror whose agreement with the others (Spearman's ρ) is below this is flagged",
  })
  @OptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(-1)
  @Max(1)
  minJurorAgreement?: number;

  @ApiPropertyOptional({
    minimum: 0.01,
    maximum: 9.99,
    description:
      "Jury analytics: a juror more lenient or severe than this many σ of the category's totals is flagged",
  })
  @OptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(9.99)
  maxJurorLeniencySigma?: number;
}

export class ChangePhaseDto {
  @ApiProperty({ enum: PHASES, description: 'The next phase: editions move forward one step at a time' })
  @IsIn(PHASES)
  phase!: Phase;
}

export class EditionListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { NOMINATION_STATUSES, type NominationStatus } from '../entities/nomination.entity.js';

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 2000;
export const METRICS_MAX = 20;
const ANSWERS_MAX = 50;
const ANSWER_MAX = 10_000;

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
// No control characters in one-line text (a title ends up in mail subjects); a summary may have line breaks.
const ONE_LINE = /^[^\p{Cc}]*$/u;
const MULTI_LINE = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;

/** `answers` is an object of question code → text, each at most ANSWER_MAX characters. */
function IsAnswerMap(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAnswerMap',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `answers must map question codes to texts of at most ${ANSWER_MAX} characters (at most ${ANSWERS_MAX} answers)`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= ANSWERS_MAX &&
          Object.entries(value).every(
            ([code, text]) =>
              /^[a-z0-9_]{1,40}$/.test(code) &&
              typeof text === 'string' &&
              text.length <= ANSWER_MAX &&
              MULTI_LINE.test(text),
          ),
      },
    });
}

export class MetricDto {
  @ApiProperty({ maxLength: 100, example: 'CO₂ emissions avoided' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  @Matches(ONE_LINE)
  name!: string;

  @ApiProperty({ description: 'A number, not a string', example: 1250.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiProperty({ maxLength: 30, example: 't/year' })
  @Transform(trim)
  @IsString()
  @Length(1, 30)
  @Matches(ONE_LINE)
  unit!: string;
}

export class CreateNominationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  companyId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  editionId!: string;

  @ApiProperty({ format: 'uuid', description: 'A category of the edition' })
  @IsUUID()
  categoryId!: string;

  @ApiProperty({ maxLength: TITLE_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, TITLE_MAX)
  @Matches(ONE_LINE, { message: 'title must not contain control characters' })
  title!: string;

  @ApiPropertyOptional({ maxLength: SUMMARY_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(SUMMARY_MAX)
  @Matches(MULTI_LINE, { message: 'summary must not contain control characters' })
  summary?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "Question code → answer (the category's `questions`)",
  })
  @IsOptional()
  @IsObject()
  @IsAnswerMap()
  answers?: Record<string, string>;

  @ApiPropertyOptional({ type: [MetricDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(METRICS_MAX)
  @ValidateNested({ each: true })
  @Type(() => MetricDto)
  metrics?: MetricDto[];
}

export class UpdateNominationDto {
  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TITLE_MAX)
  @Matches(ONE_LINE, { message: 'title must not contain control characters' })
  title?: string;

  @ApiPropertyOptional({ maxLength: SUMMARY_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(SUMMARY_MAX)
  @Matches(MULTI_LINE, { message: 'summary must not contain control characters' })
  summary?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Replaces every answer',
  })
  @IsOptional()
  @IsObject()
  @IsAnswerMap()
  answers?: Record<string, string>;

  @ApiPropertyOptional({ type: [MetricDto], description: 'Replaces every metric' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(METRICS_MAX)
  @ValidateNested({ each: true })
  @Type(() => MetricDto)
  metrics?: MetricDto[];
}

export const ELIGIBILITY_DECISIONS = ['eligible', 'ineligible'] as const;
export type EligibilityDecision = (typeof ELIGIBILITY_DECISIONS)[number];

export class EligibilityDto {
  @ApiProperty({ enum: ELIGIBILITY_DECISIONS })
  @IsIn(ELIGIBILITY_DECISIONS)
  decision!: EligibilityDecision;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required when ineligible; refused when eligible' })
  @ValidateIf((dto: EligibilityDto) => dto.decision === 'ineligible' || dto.reason !== undefined)
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

/** The fields a list may be sorted by, and the columns they stand for: nothing else reaches ORDER BY. */
export const NOMINATION_SORTS = {
  createdAt: 'n.created_at',
  updatedAt: 'n.updated_at',
  title: 'n.title',
  submittedAt: 'n.submitted_at',
} as const;
export type NominationSort = keyof typeof NOMINATION_SORTS;

export class NominationQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  editionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ enum: NOMINATION_STATUSES })
  @IsOptional()
  @IsIn(NOMINATION_STATUSES)
  status?: NominationStatus;

  @ApiPropertyOptional({ maxLength: 200, description: 'Text in the title or summary' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ enum: Object.keys(NOMINATION_SORTS), default: 'createdAt' })
  @IsOptional()
  @IsIn(Object.keys(NOMINATION_SORTS))
  sort: NominationSort = 'createdAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';
}

/** The list's filters, for the CSV export of an edition's nominations (every matching row, no pages). */
export class NominationExportQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ enum: NOMINATION_STATUSES, description: 'Without it: every status but `draft`' })
  @IsOptional()
  @IsIn(NOMINATION_STATUSES)
  status?: NominationStatus;

  @ApiPropertyOptional({ maxLength: 200, description: 'Text in the title or summary' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}

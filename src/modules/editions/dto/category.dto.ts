import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CODE_PATTERN, IsText, IsWeight, OptionalNotNull } from './validation.js';

const CODE_MESSAGE = '$property must be 2–40 characters of a-z, 0-9 and _';

/** A short label in every language the platform speaks. */
export class LocalizedNameDto {
  @ApiProperty({ maxLength: 200 }) @IsText() @MaxLength(200) en!: string;
  @ApiProperty({ maxLength: 200 }) @IsText() @MaxLength(200) ru!: string;
  @ApiProperty({ maxLength: 200 }) @IsText() @MaxLength(200) kk!: string;
  @ApiProperty({ maxLength: 200 }) @IsText() @MaxLength(200) de!: string;
}

/** A paragraph in every language the platform speaks. */
export class LocalizedParagraphDto {
  @ApiProperty({ maxLength: 2000 }) @IsText() @MaxLength(2000) en!: string;
  @ApiProperty({ maxLength: 2000 }) @IsText() @MaxLength(2000) ru!: string;
  @ApiProperty({ maxLength: 2000 }) @IsText() @MaxLength(2000) kk!: string;
  @ApiProperty({ maxLength: 2000 }) @IsText() @MaxLength(2000) de!: string;
}

export class CategoryQuestionDto {
  @ApiProperty({ pattern: CODE_PATTERN.source })
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ type: LocalizedParagraphDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedParagraphDto)
  prompt!: LocalizedParagraphDto;

  @ApiProperty()
  @IsBoolean()
  required!: boolean;

  @ApiProperty({ minimum: 1, maximum: 20000, description: 'Longest answer accepted, in characters' })
  @IsInt()
  @Min(1)
  @Max(20000)
  maxLength!: number;
}

export class CreateCriterionDto {
  @ApiProperty({ pattern: CODE_PATTERN.source, example: 'emissions_reduction' })
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ type: LocalizedNameDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name!: LocalizedNameDto;

  @ApiProperty({ type: LocalizedParagraphDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedParagraphDto)
  description!: LocalizedParagraphDto;

  @ApiProperty({
    type: String,
    example: '1.5',
    description: 'Positive decimal, at most 4 decimal places (string or number); answered as a string',
  })
  @IsWeight()
  weight!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 99, default: 0 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(99)
  scaleMin?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  scaleMax?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000, description: 'Display order; default: after the others' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}

export class UpdateCriterionDto {
  @ApiPropertyOptional({ pattern: CODE_PATTERN.source })
  @OptionalNotNull()
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional({ type: LocalizedNameDto })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name?: LocalizedNameDto;

  @ApiPropertyOptional({ type: LocalizedParagraphDto })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedParagraphDto)
  description?: LocalizedParagraphDto;

  @ApiPropertyOptional({ type: String, example: '2.25' })
  @OptionalNotNull()
  @IsWeight()
  weight?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 99 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(99)
  scaleMin?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  scaleMax?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}

export class CreateCategoryDto {
  @ApiProperty({ pattern: CODE_PATTERN.source, example: 'safety' })
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ type: LocalizedNameDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name!: LocalizedNameDto;

  @ApiProperty({ type: LocalizedParagraphDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedParagraphDto)
  description!: LocalizedParagraphDto;

  @ApiPropertyOptional({ type: [CategoryQuestionDto], maxItems: 20 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CategoryQuestionDto)
  questions?: CategoryQuestionDto[];

  @ApiPropertyOptional({ minimum: 0, maximum: 1000, description: 'Display order; default: after the others' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;

  @ApiProperty({
    type: [CreateCriterionDto],
    minItems: 1,
    maxItems: 20,
    description: 'A category is scored on at least one criterion',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CreateCriterionDto)
  criteria!: CreateCriterionDto[];
}

export class UpdateCategoryDto {
  @ApiPropertyOptional({ pattern: CODE_PATTERN.source })
  @OptionalNotNull()
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional({ type: LocalizedNameDto })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name?: LocalizedNameDto;

  @ApiPropertyOptional({ type: LocalizedParagraphDto })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedParagraphDto)
  description?: LocalizedParagraphDto;

  @ApiPropertyOptional({ type: [CategoryQuestionDto], maxItems: 20, description: 'Replaces the whole list' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CategoryQuestionDto)
  questions?: CategoryQuestionDto[];

  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}

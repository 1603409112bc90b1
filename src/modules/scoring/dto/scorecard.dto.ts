import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export const COMMENT_MAX = 5000;

export class SaveScorecardDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { cost: 7, speed: 9 },
    description: 'Criterion code → integer within its scale; a draft may leave criteria out',
  })
  @IsObject()
  scores!: Record<string, unknown>;

  @ApiPropertyOptional({
    type: String,
    maxLength: COMMENT_MAX,
    nullable: true,
    description: 'null or left out clears it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT_MAX)
  comment?: string | null;
}

/** Submitting may carry the final scores and comment; what is left out is taken from the saved draft. */
export class SubmitScorecardDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Every criterion of the category',
  })
  @IsOptional()
  @IsObject()
  scores?: Record<string, unknown>;

  @ApiPropertyOptional({ type: String, maxLength: COMMENT_MAX, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT_MAX)
  comment?: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../../common/http/pagination.js';

export class AdvanceRoundDto {
  @ApiProperty({
    minimum: 1,
    maximum: 1000,
    example: 5,
    description: 'How many nominations of each category advance; all nominations tied at the cut advance too',
  })
  @IsInt()
  @Min(1)
  @Max(1000)
  topN!: number;
}

export class AdvancePreviewQuery {
  @ApiProperty({
    minimum: 1,
    maximum: 1000,
    example: 5,
    description: 'How many nominations of each category would advance',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  topN!: number;
}

export class RoundResultsQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    description:
      "Each category's ranking is its first page of this size (the rest: GET /rounds/{id}/results/{categoryId}/ranking); without it, whole",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

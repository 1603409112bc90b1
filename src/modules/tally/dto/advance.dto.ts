import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

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

import { ApiProperty } from '@nestjs/swagger';
import type { ScorecardStatus } from '../entities/scorecard.entity.js';
import type { ScorecardView } from '../scorecards.service.js';

export class ScorecardResponse implements ScorecardView {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ enum: ['draft', 'submitted'], enumName: 'ScorecardStatus' })
  status!: ScorecardStatus;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Scores by criterion code, integers within each scale',
    example: { transit_time: 8, cost_efficiency: 7, reliability: 9 },
  })
  scores!: Record<string, number>;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Strong evidence on transfer times; costs less clear.',
  })
  comment!: string | null;

  @ApiProperty({ type: 'integer', example: 2, description: '0 until the first save; also the ETag' })
  version!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null until the first save',
  })
  updatedAt!: string | null;
}

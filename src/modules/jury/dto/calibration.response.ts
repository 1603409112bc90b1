import { ApiProperty } from '@nestjs/swagger';
import type { CalibrationMarked } from '../calibration/calibration.service.js';

export class CalibrationMarkedResponse implements CalibrationMarked {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'The panel jurors this marking assigned the entry to (already assigned and conflicted jurors left out)',
  })
  assignedJurorIds!: string[];

  @ApiProperty({ format: 'date-time' })
  markedAt!: string;
}

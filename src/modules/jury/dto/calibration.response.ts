import { ApiProperty } from '@nestjs/swagger';
import type { CalibrationMarked, SampleEntryAdded } from '../calibration/calibration.service.js';

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

export class SampleEntryAddedResponse extends CalibrationMarkedResponse implements SampleEntryAdded {
  @ApiProperty({ maxLength: 200 })
  title!: string;

  @ApiProperty({
    enum: ['eligible', 'shortlisted'],
    description: "Admitted to be judged in the round's field",
  })
  status!: 'eligible' | 'shortlisted';
}

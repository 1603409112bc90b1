import { ApiProperty } from '@nestjs/swagger';
import type {
  CalibrationEntryView,
  CalibrationJurorMarkView,
  CalibrationJurorView,
  OwnCalibrationView,
  RoundCalibrationView,
} from '../calibration-report.service.js';

const DECIMAL = { type: String, example: '7.2500' } as const;

class CalibrationJurorMarkResponse implements CalibrationJurorMarkView {
  @ApiProperty({ format: 'uuid' })
  jurorId!: string;

  @ApiProperty({ example: 'Ayşe Demir' })
  fullName!: string;

  @ApiProperty({ ...DECIMAL, description: "The juror's total on the entry (weighted mean of their marks)" })
  total!: string;

  @ApiProperty({
    ...DECIMAL,
    example: '-0.7500',
    description: "total − the panel's median total on the entry",
  })
  deviation!: string;
}

class CalibrationEntryResponse implements CalibrationEntryView {
  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'Sample: solar roofs for schools' })
  title!: string;

  @ApiProperty({
    description:
      'A sample entry: written by an organiser for calibration only (no company), removable until a juror scores it',
  })
  sample!: boolean;

  @ApiProperty({ format: 'date-time' })
  markedAt!: string;

  @ApiProperty({ type: 'integer', description: 'Standing assignments on the entry' })
  assigned!: number;

  @ApiProperty({ type: 'integer', description: 'Of which submitted' })
  submitted!: number;

  @ApiProperty({
    ...DECIMAL,
    nullable: true,
    description: "The panel's median total; null before any scorecard",
  })
  median!: string | null;

  @ApiProperty({ type: [CalibrationJurorMarkResponse], description: 'One per counted scorecard' })
  jurors!: CalibrationJurorMarkResponse[];
}

class CalibrationJurorResponse implements CalibrationJurorView {
  @ApiProperty({ format: 'uuid' })
  jurorId!: string;

  @ApiProperty({ example: 'Ayşe Demir' })
  fullName!: string;

  @ApiProperty({
    type: 'integer',
    description: 'Calibration entries the juror submitted a counted scorecard on',
  })
  entries!: number;

  @ApiProperty({ ...DECIMAL, description: 'Mean deviation from the median: above 0 lenient, below 0 severe' })
  meanDeviation!: string;

  @ApiProperty({ ...DECIMAL, description: 'Mean absolute deviation from the median' })
  meanAbsoluteDeviation!: string;
}

export class RoundCalibrationResponse implements RoundCalibrationView {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ type: [CalibrationEntryResponse] })
  entries!: CalibrationEntryResponse[];

  @ApiProperty({ type: [CalibrationJurorResponse] })
  jurors!: CalibrationJurorResponse[];
}

class OwnCalibrationEntryResponse {
  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ example: 'Sample: solar roofs for schools' })
  title!: string;

  @ApiProperty({ ...DECIMAL, description: 'Your total on the entry' })
  total!: string;

  @ApiProperty({ ...DECIMAL, example: '-0.7500', description: "Your total − the panel's median total" })
  deviation!: string;
}

export class OwnCalibrationResponse implements OwnCalibrationView {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ type: [OwnCalibrationEntryResponse] })
  entries!: OwnCalibrationEntryResponse[];

  @ApiProperty({
    ...DECIMAL,
    description: 'Mean of your deviations: above 0 you score higher than the panel',
  })
  meanDeviation!: string;

  @ApiProperty({ ...DECIMAL, description: 'Mean of their absolute values' })
  meanAbsoluteDeviation!: string;
}

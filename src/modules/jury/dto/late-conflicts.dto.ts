import { ApiProperty } from '@nestjs/swagger';
import { IsIn, MaxLength } from 'class-validator';
import { IsText } from '../../editions/dto/validation.js';

export const LATE_CONFLICT_DECISIONS = ['confirm', 'dismiss'] as const;
export type LateConflictDecision = (typeof LATE_CONFLICT_DECISIONS)[number];

export class DecideLateConflictDto {
  @ApiProperty({
    enum: LATE_CONFLICT_DECISIONS,
    description:
      "confirm: the conflict stands and the juror's scorecards on the company's nominations stop counting; dismiss: the conflict is set aside in this edition and they count",
  })
  @IsIn(LATE_CONFLICT_DECISIONS)
  decision!: LateConflictDecision;

  @ApiProperty({ maxLength: 2000, example: 'The juror joined the company after scoring; the scores stand.' })
  @IsText()
  @MaxLength(2000)
  reason!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { PageNumber, PageQuery, PageSize } from '../../../common/http/pagination.js';
import { IsInstant, IsText } from '../../editions/dto/validation.js';

export class CreateRoundDto {
  @ApiProperty({ maxLength: 100, example: 'Shortlist' })
  @IsText()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({
    description: 'When scoring is due (reminders are planned from it)',
    example: '2026-03-01T18:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  closesAt?: string;
}

export class UpdateRoundDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsText()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({
    description: 'When scoring is due; null removes the deadline. Reminders are planned again from it.',
    example: '2026-03-01T18:00:00Z',
    nullable: true,
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsInstant()
  closesAt?: string | null;
}

export class AddPanelMembersDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  categoryId!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Users with the juror role; those already on the panel are left as they are',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  jurorIds!: string[];
}

export class RecordConflictDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  editionId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  companyId!: string;

  @ApiProperty({ maxLength: 2000, example: 'I advised this company on its rail terminal in 2024.' })
  @IsText()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Organisers: the juror concerned (required). Jurors leave it out or name themselves.',
  })
  @IsOptional()
  @IsUUID()
  jurorId?: string;
}

export class ConflictListQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  editionId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Organisers: one juror only' })
  @IsOptional()
  @IsUUID()
  jurorId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  companyId?: string;
}

export class SetEmployerDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The company you work for (an automatic conflict of interest), or null',
  })
  @ValidateIf((_: object, value: unknown) => value !== null)
  @IsUUID()
  companyId!: string | null;
}

export class AutoAssignDto {
  @ApiProperty({ minimum: 1, maximum: 100, description: 'Jurors per nomination' })
  @IsInt()
  @Min(1)
  @Max(100)
  perNomination!: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this category (default: every category of the edition)',
  })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Compute and answer the assignment without saving it (a preview); the same refusals apply',
  })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class AddAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  nominationId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  jurorId!: string;
}

export class RemoveAssignmentDto {
  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Required when the juror has submitted a scorecard for it',
  })
  @IsOptional()
  @IsText()
  @MaxLength(2000)
  reason?: string;
}

export class AssignmentListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  jurorId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  nominationId?: string;
}

export class NominationProgressQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this category's nominations" })
  @IsOptional()
  @IsUUID()
  categoryId?: string;
}

export const WORKLIST_STATES = ['not_started', 'draft', 'submitted'] as const;
export type WorklistState = (typeof WORKLIST_STATES)[number];

export class MyAssignmentsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this category' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({
    enum: WORKLIST_STATES,
    enumName: 'WorklistState',
    description: 'Only nominations whose scorecard is in this state',
  })
  @IsOptional()
  @IsIn(WORKLIST_STATES)
  state?: WorklistState;
}

export class DeclarationCompaniesQuery extends PageQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

const asBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/**
 * The conflicts matrix a page at a time: `page`/`pageSize` page its columns (companies), `jurorPage` and
 * `jurorPageSize` its rows (jurors), so that no request carries a large edition's whole matrix.
 */
export class ConflictMatrixQuery extends PageQuery {
  @PageNumber()
  jurorPage = 1;

  @PageSize()
  jurorPageSize = 20;

  @ApiPropertyOptional({ description: 'Only companies whose name contains this', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Only this category: the jurors on its panel as rows, the companies nominated in it (submitted or later) as columns',
  })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only the companies with a conflict with at least one of the jurors in scope (any page)',
  })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  conflicted?: boolean;
}

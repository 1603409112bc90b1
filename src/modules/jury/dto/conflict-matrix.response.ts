import { ApiProperty } from '@nestjs/swagger';
import type { ConflictMatrix } from '../conflict-matrix.service.js';
import type { ConflictSource } from '../views.js';

const SOURCES: ConflictSource[] = ['declared', 'organiser', 'membership', 'employer'];

class ConflictMatrixJuror {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Ayşe Demir' })
  fullName!: string;

  @ApiProperty({
    type: [String],
    example: ['efficiency'],
    description: 'Panels they sit on (category codes)',
  })
  categories!: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  employerCompanyId!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When they declared their conflicts complete; null: not yet',
  })
  confirmedAt!: string | null;
}

class ConflictMatrixCompany {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'KazTransLogistics LLP' })
  name!: string;

  @ApiProperty({ type: 'integer', description: 'Its nominations in the edition (submitted or later)' })
  nominations!: number;
}

class ConflictMatrixCell {
  @ApiProperty({ format: 'uuid' })
  jurorId!: string;

  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ enum: SOURCES, isArray: true })
  sources!: ConflictSource[];

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A late conflict of the pair awaiting a decision',
  })
  awaitingDecision!: string | null;
}

class ConflictMatrixJurorPage {
  @ApiProperty({ type: [ConflictMatrixJuror] })
  items!: ConflictMatrixJuror[];

  @ApiProperty({ type: 'integer', example: 1 })
  page!: number;

  @ApiProperty({ type: 'integer', example: 20 })
  pageSize!: number;

  @ApiProperty({ type: 'integer', description: 'Jurors in scope, every page' })
  total!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Jurors in scope (every page) who have not completed their declaration',
  })
  undeclared!: number;
}

class ConflictMatrixCompanyPage {
  @ApiProperty({ type: [ConflictMatrixCompany] })
  items!: ConflictMatrixCompany[];

  @ApiProperty({ type: 'integer', example: 1 })
  page!: number;

  @ApiProperty({ type: 'integer', example: 20 })
  pageSize!: number;

  @ApiProperty({ type: 'integer', description: 'Companies matching the filters, every page' })
  total!: number;
}

export class ConflictMatrixResponse implements ConflictMatrix {
  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({
    type: ConflictMatrixJurorPage,
    description: 'The rows: a page of the jurors in scope (`jurorPage`, `jurorPageSize`)',
  })
  jurors!: ConflictMatrixJurorPage;

  @ApiProperty({
    type: ConflictMatrixCompanyPage,
    description: 'The columns: a page of the companies (`page`, `pageSize`)',
  })
  companies!: ConflictMatrixCompanyPage;

  @ApiProperty({
    type: [ConflictMatrixCell],
    description: "Only the pairs of this page's jurors and companies with a conflict",
  })
  cells!: ConflictMatrixCell[];
}

import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from '../../../common/http/page.response.js';
import type { AuditListEntry, AuditVerification } from '../audit.service.js';

export class AuditEntryResponse implements Record<keyof AuditListEntry, unknown> {
  @ApiProperty({ example: '1042', description: 'bigint, as a string' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the platform itself' })
  actorId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The actor's name as the account reads now; null for the platform or a deleted account",
  })
  actorName!: string | null;

  @ApiProperty({ example: 'nomination.submitted' })
  action!: string;

  @ApiProperty({ example: 'nomination' })
  entityType!: string;

  @ApiProperty({ type: String, nullable: true, example: '0b6f1c0e-4a53-4c9e-9a52-3f0d1e0c7a11' })
  entityId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  editionId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { categoryCode: 'efficiency' } })
  data!: Record<string, unknown>;

  @ApiProperty({ description: 'SHA-256 (hex) of the entry content' })
  contentHash!: string;

  @ApiProperty({ type: String, nullable: true, example: '1042', description: 'null until sealed' })
  seq!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'null until sealed' })
  prevHash!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'null until sealed' })
  hash!: string | null;
}

export class AuditEntryPage extends PageResponse(AuditEntryResponse) {}

class AuditHead {
  @ApiProperty({ example: '1042' })
  seq!: string;

  @ApiProperty()
  hash!: string;
}

class AuditBreak {
  @ApiProperty({ example: '977' })
  id!: string;

  @ApiProperty({ example: '977' })
  seq!: string;

  @ApiProperty({ enum: ['content_changed', 'chain_broken', 'sequence_gap'] })
  reason!: 'content_changed' | 'chain_broken' | 'sequence_gap';
}

export class AuditVerificationResponse implements AuditVerification {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ type: 'integer', example: 1042, description: 'Sealed entries checked' })
  checked!: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'Entries not sealed yet' })
  unsealed!: number;

  @ApiProperty({
    type: AuditHead,
    nullable: true,
    description: 'The last sealed entry; null for an empty log',
  })
  head!: AuditHead | null;

  @ApiProperty({ type: AuditBreak, nullable: true })
  firstBroken!: AuditBreak | null;
}

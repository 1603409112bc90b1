import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from '../../../common/http/page.response.js';
import type { AttachmentView } from '../attachments/attachment-view.js';
import { ATTACHMENT_MEDIA_TYPES, type AttachmentMediaType } from '../entities/attachment.entity.js';
import {
  NOMINATION_STATUSES,
  type NominationMetric,
  type NominationStatus,
} from '../entities/nomination.entity.js';
import type { NominationListItem } from '../nomination-list.js';
import {
  NOMINATION_EVENT_KINDS,
  type NominationEvent,
  type NominationEventKind,
} from '../nomination-history.js';
import type { AttachmentRules, NominationView } from '../nominations.service.js';

/** A nomination's status, one schema (`NominationStatus`) wherever a response names it. */
export const NOMINATION_STATUS_SCHEMA = {
  enum: NOMINATION_STATUSES,
  enumName: 'NominationStatus',
  description: 'Entrants see `eligible` until an organiser announces the shortlist',
} as const;

export class NominationListItemResponse implements NominationListItem {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ example: 'KazTransLogistics LLP' })
  companyName!: string;

  @ApiProperty({ example: 'Dry port Khorgos: 40% faster rail transfers' })
  title!: string;

  @ApiProperty(NOMINATION_STATUS_SCHEMA)
  status!: NominationStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class NominationListPage extends PageResponse(NominationListItemResponse) {}

export class NominationMetricResponse implements NominationMetric {
  @ApiProperty({ example: 'CO₂ emissions avoided' })
  name!: string;

  @ApiProperty({ example: 1250.5 })
  value!: number;

  @ApiProperty({ example: 't/year' })
  unit!: string;
}

export class AttachmentResponse implements AttachmentView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ example: 'khorgos-transfer-times-2025.pdf' })
  originalName!: string;

  @ApiProperty({ enum: ATTACHMENT_MEDIA_TYPES, enumName: 'AttachmentMediaType' })
  mediaType!: AttachmentMediaType;

  @ApiProperty({ type: 'integer', example: 482133 })
  sizeBytes!: number;

  @ApiProperty({ description: 'SHA-256 (hex) of the file' })
  sha256!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class NominationEventResponse implements NominationEvent {
  @ApiProperty({ enum: NOMINATION_EVENT_KINDS, enumName: 'NominationEventKind' })
  kind!: NominationEventKind;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null where the nomination records no time (shortlisted, finalist, winner)',
  })
  at!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The reason of an ineligible decision' })
  reason!: string | null;
}

export class AttachmentRulesResponse implements AttachmentRules {
  @ApiProperty({ enum: ATTACHMENT_MEDIA_TYPES, enumName: 'AttachmentMediaType', isArray: true })
  mediaTypes!: AttachmentMediaType[];

  @ApiProperty({ type: 'integer', example: 10485760, description: 'Largest file accepted, in bytes' })
  maxBytes!: number;

  @ApiProperty({ type: 'integer', example: 10, description: 'Most attachments a nomination may have' })
  maxFiles!: number;
}

export class NominationResponse implements NominationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ example: 'KazTransLogistics LLP' })
  companyName!: string;

  @ApiProperty({ example: 'Dry port Khorgos: 40% faster rail transfers' })
  title!: string;

  @ApiProperty({
    example: 'A new transfer yard cut the time containers wait between gauges from 52 to 31 hours.',
  })
  summary!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "Answers to the category's questions, by question code",
    example: { baseline: 'In 2024 a container waited 52 hours on average…', results: 'Now 31 hours…' },
  })
  answers!: Record<string, string>;

  @ApiProperty({ type: [NominationMetricResponse] })
  metrics!: NominationMetricResponse[];

  @ApiProperty(NOMINATION_STATUS_SCHEMA)
  status!: NominationStatus;

  @ApiProperty({ type: String, nullable: true })
  ineligibilityReason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  eligibilityDecidedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  withdrawnAt!: string | null;

  @ApiProperty({ format: 'uuid' })
  createdBy!: string;

  @ApiProperty({ type: 'integer', example: 4, description: 'Also the ETag; send it back in If-Match' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: [AttachmentResponse] })
  attachments!: AttachmentResponse[];

  @ApiProperty({
    type: [NominationEventResponse],
    description:
      'Oldest first: submitted, the eligibility decision (with its reason when ineligible), shortlisted once announced, finalist or winner once published, withdrawn',
  })
  history!: NominationEventResponse[];

  @ApiProperty({ type: AttachmentRulesResponse })
  attachmentRules!: AttachmentRulesResponse;
}

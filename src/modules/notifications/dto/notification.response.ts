import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { PageResponse } from '../../../common/http/page.response.js';
import type { NotificationStatus } from '../entities/notification.entity.js';
import { OPTIONAL_TOPICS, type OptionalTopic } from '../entities/notification-opt-out.entity.js';
import type { NotificationView, RecipientNotificationView } from '../notification-log.service.js';
import type { NotificationPreferences, UnsubscribeResult } from '../opt-outs.service.js';

const STATUS = { enum: ['pending', 'sent', 'failed'], enumName: 'NotificationStatus' } as const;

/** A mail as its recipient sees it; organisers also get the fields marked "organisers". */
export class NotificationResponse implements RecipientNotificationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'nomination.submitted' })
  template!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The subject line as sent, in its language' })
  title!: string | null;

  @ApiProperty({ example: 'kk' })
  locale!: string;

  @ApiProperty(STATUS)
  status!: NotificationStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: string | null;

  @ApiPropertyOptional({ description: 'Organisers' })
  subject?: string;

  @ApiPropertyOptional({ format: 'email', description: 'Organisers' })
  recipientEmail?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Organisers' })
  recipientId?: string | null;

  @ApiPropertyOptional({ type: 'integer', description: 'Organisers' })
  attempts?: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Organisers' })
  lastError?: string | null;
}

export class NotificationPage extends PageResponse(NotificationResponse) {}

/** A mail as organisers see it (retry answers with it). */
export class ManagedNotificationResponse
  extends OmitType(NotificationResponse, [
    'subject',
    'recipientEmail',
    'recipientId',
    'attempts',
    'lastError',
  ])
  implements NotificationView
{
  @ApiProperty()
  subject!: string;

  @ApiProperty({ format: 'email' })
  recipientEmail!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  recipientId!: string | null;

  @ApiProperty({ type: 'integer', example: 0 })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;
}

export class NotificationPreferencesResponse implements NotificationPreferences {
  @ApiProperty({ description: 'Scoring reminders before a round closes (jurors)' })
  reminders!: boolean;
}

export class UnsubscribeResponse implements UnsubscribeResult {
  @ApiProperty({ enum: OPTIONAL_TOPICS, example: 'reminders' })
  topic!: OptionalTopic;

  @ApiProperty({ enum: [true] })
  unsubscribed!: true;
}

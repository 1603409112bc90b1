import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import type { NotificationStatus } from '../entities/notification.entity.js';
import { TEMPLATES, type TemplateName } from '../templates/index.js';

export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = ['pending', 'sent', 'failed'];
export const LIST_SCOPES = ['mine', 'all'] as const;

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: LIST_SCOPES,
    description:
      "`mine` (default for everyone but organisers) or `all` (organisers' default, organisers only)",
  })
  @IsOptional()
  @IsIn(LIST_SCOPES)
  scope?: (typeof LIST_SCOPES)[number];

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ type: String, description: 'Template, e.g. `results.published`' })
  @IsOptional()
  @IsIn(Object.keys(TEMPLATES))
  template?: TemplateName;

  @ApiPropertyOptional({ description: 'Recipient e-mail address (organisers only)' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  recipient?: string;
}

export class UnsubscribeQuery {
  @ApiProperty({ description: 'The signed token of an unsubscribe link' })
  @IsString()
  @MaxLength(200)
  token!: string;
}

/** Posting to the link itself (RFC 8058 one-click) carries the token in the query. */
export class UnsubscribePostQuery extends PartialType(UnsubscribeQuery) {}

/**
 * Either `{"token": …}` as JSON (a page of your own that confirms first), or the RFC 8058 one-click form
 * body `List-Unsubscribe=One-Click` posted to the link, token in its query (mail clients' button, and the
 * link's own page).
 */
export class UnsubscribeDto extends PartialType(UnsubscribeQuery) {
  @ApiPropertyOptional({ enum: ['One-Click'], description: 'RFC 8058 (form bodies)' })
  @IsOptional()
  @IsIn(['One-Click'])
  'List-Unsubscribe'?: 'One-Click';
}

/** Which optional mails the caller receives; the mails the process requires are not listed (always sent). */
export class NotificationPreferencesDto {
  @ApiProperty({ description: 'Scoring reminders before a round closes (jurors)' })
  @IsBoolean()
  reminders!: boolean;
}

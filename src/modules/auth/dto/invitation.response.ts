import { ApiProperty } from '@nestjs/swagger';
import { LOCALES, type Locale, type Role } from '../../../common/auth/roles.js';
import { PageResponse } from '../../../common/http/page.response.js';
import type { InvitationView } from '../invitations.service.js';
import { INVITATION_STATES, INVITED_ROLES, type InvitationState } from './invitation.dto.js';

export class InvitationViewResponse implements InvitationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email', example: 'dana.seitkali@example.kz' })
  email!: string;

  @ApiProperty({ enum: INVITED_ROLES })
  role!: Role;

  @ApiProperty({ enum: INVITATION_STATES, enumName: 'InvitationState' })
  state!: InvitationState;

  @ApiProperty({ enum: LOCALES, description: 'The language of its mails' })
  locale!: Locale;

  @ApiProperty({ type: String, nullable: true, example: 'Aigerim Nurlanovna' })
  invitedByName!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When its latest mail was sent' })
  lastSentAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When a resend is allowed again (past once it is)' })
  resendableAt!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Mails sent: 1 + resends' })
  sends!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acceptedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The name of the account that accepted it' })
  acceptedUserName!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;
}

export class InvitationViewPage extends PageResponse(InvitationViewResponse) {}

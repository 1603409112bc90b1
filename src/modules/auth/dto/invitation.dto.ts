import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';

export const INVITATION_STATES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];
export const INVITED_ROLES = ['juror', 'organiser'] as const;

export class InvitationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INVITATION_STATES, enumName: 'InvitationState' })
  @IsOptional()
  @IsIn(INVITATION_STATES)
  state?: InvitationState;

  @ApiPropertyOptional({ enum: INVITED_ROLES })
  @IsOptional()
  @IsIn(INVITED_ROLES)
  role?: (typeof INVITED_ROLES)[number];

  @ApiPropertyOptional({ maxLength: 254, description: 'Part of the e-mail address' })
  @IsOptional()
  @IsString()
  @Length(1, 254)
  q?: string;
}

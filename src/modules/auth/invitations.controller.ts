import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  Authenticated,
  CurrentCaller,
  OptionalCaller,
  Public,
} from '../../common/auth/authenticated.decorator.js';
import type { Caller, Role } from '../../common/auth/roles.js';
import { toUserView, type UserView } from '../users/user.queries.js';
import { AuthService } from './auth.service.js';
import { UserResponse } from '../users/dto/user.response.js';
import type { Page } from '../../common/http/pagination.js';
import { AcceptInvitationDto, CreateInvitationDto, InvitationResponse } from './dto/auth.dto.js';
import { InvitationQuery } from './dto/invitation.dto.js';
import { InvitationViewPage, InvitationViewResponse } from './dto/invitation.response.js';
import { type InvitationView, InvitationsService } from './invitations.service.js';

@ApiTags('auth')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly auth: AuthService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Juror and organiser invitations, newest first: pending, accepted (by whom), revoked or expired (organisers)',
  })
  @ApiOkResponse({ type: InvitationViewPage })
  list(@Query() query: InvitationQuery): Promise<Page<InvitationView>> {
    return this.invitations.list(query);
  }

  @Post()
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Invite a juror or an organiser by e-mail' })
  @ApiCreatedResponse({ type: InvitationResponse })
  create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateInvitationDto,
  ): Promise<{ id: string; email: string; role: Role; expiresAt: string }> {
    return this.auth.createInvitation(caller, dto);
  }

  @Post('accept')
  @Public({ identifyCaller: true })
  @ApiCreatedResponse({
    type: UserResponse,
    description: 'The account the invitation went to, with its new role',
  })
  @ApiOperation({
    summary:
      'Accept an invitation: creates the account; takes over an unverified one at the address (the password sent becomes its password, its other sessions end); adds the role to a verified one only when signed in to it or given its current password',
  })
  async accept(
    @Body() dto: AcceptInvitationDto,
    @OptionalCaller() caller: Caller | undefined,
    @Req() request: FastifyRequest,
  ): Promise<UserView> {
    return toUserView(await this.auth.acceptInvitation(dto, caller, request.ip));
  }

  @Post(':id/resend')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Mail a pending invitation again: a new token (the previous link stops working) and a new expiry; once per cool-down',
  })
  @ApiOkResponse({ type: InvitationViewResponse })
  @ApiNotFoundResponse({ description: 'auth.invitation_not_found' })
  @ApiConflictResponse({
    description: 'auth.invitation_accepted, auth.invitation_revoked or auth.invitation_expired',
  })
  @ApiTooManyRequestsResponse({ description: 'auth.invitation_resent_recently, with Retry-After' })
  resend(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<InvitationView> {
    return this.invitations.resend(caller, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Revoke a pending invitation: its link stops working at once' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'auth.invitation_not_found' })
  @ApiConflictResponse({
    description: 'auth.invitation_accepted, auth.invitation_revoked or auth.invitation_expired',
  })
  async revoke(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.invitations.revoke(caller, id);
  }
}

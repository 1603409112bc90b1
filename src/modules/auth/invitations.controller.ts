import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { AcceptInvitationDto, CreateInvitationDto, InvitationResponse } from './dto/auth.dto.js';

@ApiTags('auth')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly auth: AuthService) {}

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
}

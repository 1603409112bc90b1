import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentCaller, Public } from '../../common/auth/authenticated.decorator.js';
import type { Caller, Role } from '../../common/auth/roles.js';
import { toUserView, type UserView } from '../users/entities/user.entity.js';
import { AuthService } from './auth.service.js';
import { AcceptInvitationDto, CreateInvitationDto } from './dto/auth.dto.js';

@ApiTags('auth')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Invite a juror or an organiser by e-mail' })
  create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateInvitationDto,
  ): Promise<{ id: string; email: string; role: Role; expiresAt: string }> {
    return this.auth.createInvitation(caller, dto);
  }

  @Post('accept')
  @Public()
  @ApiOperation({ summary: 'Accept an invitation: creates the account, or adds the role to an existing one' })
  async accept(@Body() dto: AcceptInvitationDto): Promise<UserView> {
    return toUserView(await this.auth.acceptInvitation(dto));
  }
}

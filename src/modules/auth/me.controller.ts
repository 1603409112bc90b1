import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { ChangePasswordDto, ProfileResponse, UpdateProfileDto } from './dto/me.dto.js';
import { OwnAccount } from './own-account.service.js';

/** The signed-in user's own account: profile, language and time zone, reminders, password. */
@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly account: OwnAccount) {}

  @Get()
  @Authenticated({ allowUnverified: true })
  @ApiOperation({ summary: 'Your profile: name, language (also of your mails), time zone, reminders' })
  @ApiOkResponse({ type: ProfileResponse })
  profile(@CurrentCaller() caller: Caller): Promise<ProfileResponse> {
    return this.account.profile(caller);
  }

  @Patch()
  @Authenticated()
  @ApiOperation({
    summary: 'Change your name, language, time zone or reminders; absent fields stay as they are',
  })
  @ApiOkResponse({ type: ProfileResponse })
  @ApiBadRequestResponse({ description: 'request.validation_failed; nothing is changed' })
  update(@CurrentCaller() caller: Caller, @Body() dto: UpdateProfileDto): Promise<ProfileResponse> {
    return this.account.updateProfile(caller, dto);
  }

  @Post('password')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    summary:
      'Change your password: needs the current one (a wrong one counts as a failed sign-in); ends your other sessions, keeps this one',
  })
  @ApiNoContentResponse({ description: 'Changed; every other session has ended' })
  @ApiBadRequestResponse({ description: 'request.validation_failed, auth.password_too_common' })
  @ApiForbiddenResponse({ description: 'auth.current_password_wrong; auth.email_unverified' })
  @ApiTooManyRequestsResponse({ description: 'auth.too_many_attempts, with Retry-After' })
  changePassword(
    @CurrentCaller() caller: Caller,
    @Body() dto: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.account.changePassword(caller, dto, request.ip);
  }
}

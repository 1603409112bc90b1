import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated, CurrentCaller, Public } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { toUserView, type User, type UserView } from '../users/entities/user.entity.js';
import { AuthService } from './auth.service.js';
import {
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterDto,
  TokenDto,
  type TokenPair,
} from './dto/auth.dto.js';
import { LocalLoginGuard } from './local-login.guard.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Create an entrant account; a verification mail follows' })
  @ApiConflictResponse({ description: 'auth.email_taken' })
  @ApiTooManyRequestsResponse({ description: 'auth.too_many_attempts (per client IP), with Retry-After' })
  async register(@Body() dto: RegisterDto, @Req() request: FastifyRequest): Promise<UserView> {
    return toUserView(await this.auth.register(dto, request.ip));
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(LocalLoginGuard)
  @ApiOperation({ summary: 'Exchange e-mail and password for a 15-minute access token and a refresh token' })
  @ApiBody({ type: LoginDto })
  @ApiTooManyRequestsResponse({ description: 'auth.too_many_attempts, with Retry-After' })
  login(@Req() request: FastifyRequest & { user: User }): Promise<TokenPair> {
    return this.auth.login(request.user, request.ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Rotate a refresh token; reusing a spent one ends the whole session' })
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated({ allowUnverified: true })
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  logout(@CurrentCaller() caller: Caller): Promise<void> {
    return this.auth.logout(caller);
  }

  @Get('me')
  @Authenticated({ allowUnverified: true })
  async me(@CurrentCaller() caller: Caller): Promise<UserView> {
    return toUserView(await this.auth.me(caller));
  }

  @Post('unlock')
  @HttpCode(204)
  @Public()
  @ApiOperation({
    summary:
      'Unlock an account locked after too many failed logins, with the token of the mail sent at the lock',
  })
  @ApiTooManyRequestsResponse({ description: 'auth.too_many_attempts, with Retry-After' })
  unlock(@Body() dto: TokenDto, @Req() request: FastifyRequest): Promise<void> {
    return this.auth.unlockAccount(dto.token, request.ip);
  }

  @Post('verify-email')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'Confirm the e-mail address with the token from the verification mail' })
  verifyEmail(@Body() dto: TokenDto, @Req() request: FastifyRequest): Promise<void> {
    return this.auth.verifyEmail(dto.token, request.ip);
  }

  @Post('verify-email/resend')
  @HttpCode(202)
  @Authenticated({ allowUnverified: true })
  @ApiOperation({ summary: 'Send the verification mail again' })
  resendVerification(@CurrentCaller() caller: Caller, @Req() request: FastifyRequest): Promise<void> {
    return this.auth.resendVerification(caller, request.ip);
  }

  @Post('password-reset')
  @HttpCode(202)
  @Public()
  @ApiOperation({
    summary: 'Mail a reset link; the answer is the same whether the address has an account or not',
  })
  requestPasswordReset(@Body() dto: PasswordResetRequestDto, @Req() request: FastifyRequest): Promise<void> {
    return this.auth.requestPasswordReset(dto.email, request.ip);
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @Public()
  @ApiOperation({
    summary: 'Set a new password with the mailed token; unlocks the account and ends every session',
  })
  confirmPasswordReset(@Body() dto: PasswordResetConfirmDto, @Req() request: FastifyRequest): Promise<void> {
    return this.auth.confirmPasswordReset(dto.token, dto.password, request.ip);
  }
}

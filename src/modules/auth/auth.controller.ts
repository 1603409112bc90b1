import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentCaller, Public } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { createValidationPipe } from '../../common/http/validation.pipe.js';
import { toUserView, type User, type UserView } from '../users/user.queries.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { UserResponse } from '../users/dto/user.response.js';
import { AuthErrors } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import {
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RefreshRequestDto,
  RegisterDto,
  type SessionTokens,
  SessionTokensResponse,
  TokenDto,
} from './dto/auth.dto.js';
import { LocalLoginGuard } from './local-login.guard.js';
import { OwnAccount } from './own-account.service.js';
import { SessionCookies, SessionTransportGuard } from './session-cookie.js';

/** Documents the browser's choice of where the refresh token travels (see `SessionCookies`). */
const SessionTransportHeader = ApiHeader({
  name: 'X-Session-Transport',
  required: false,
  enum: ['cookie'],
  description:
    'cookie: the refresh token travels in the HttpOnly cookie magistral_refresh (Path=/api/v1/auth, SameSite=Strict), not in the JSON; an Origin other than the platform’s is refused (403 auth.cross_site_request)',
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly account: OwnAccount,
    private readonly cookies: SessionCookies,
  ) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Create an entrant account; a verification mail follows' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'auth.email_taken' })
  @ApiTooManyRequestsResponse({ description: 'auth.too_many_attempts (per client IP), with Retry-After' })
  async register(@Body() dto: RegisterDto, @Req() request: FastifyRequest): Promise<UserView> {
    return toUserView(await this.auth.register(dto, request.ip));
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  // The origin check comes first: a cross-site sign-in is refused before the password is tried.
  @UseGuards(SessionTransportGuard, LocalLoginGuard)
  @ApiOperation({ summary: 'Exchange e-mail and password for a 15-minute access token and a refresh token' })
  @ApiBody({ type: LoginDto })
  @SessionTransportHeader
  @ApiOkResponse({ type: SessionTokensResponse })
  @ApiForbiddenResponse({ description: 'auth.cross_site_request' })
  @ApiTooManyRequestsResponse({ description: 'auth.too_many_attempts, with Retry-After' })
  async login(
    @Req() request: FastifyRequest & { user: User },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionTokens> {
    const pair = await this.auth.login(request.user, request.ip);
    return this.cookies.wanted(request) ? this.cookies.hand(reply, pair) : pair;
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary:
      'Rotate a refresh token (from the body, or from the cookie with X-Session-Transport: cookie); reusing a spent one ends the whole session',
  })
  @SessionTransportHeader
  @ApiOkResponse({ type: SessionTokensResponse })
  @ApiForbiddenResponse({ description: 'auth.cross_site_request' })
  async refresh(
    @Body() dto: RefreshRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionTokens> {
    const cookie = this.cookies.wanted(request);
    if (!cookie) {
      // Exactly the refusal of a body without its token, as before the cookie existed: a cookie alone refreshes nothing.
      if (dto.refreshToken === undefined)
        await createValidationPipe().transform(dto, { type: 'body', metatype: RefreshDto });
      return this.auth.refresh(dto.refreshToken!);
    }
    const token = dto.refreshToken ?? this.cookies.read(request);
    if (!token) throw new DomainError(AuthErrors.invalidRefreshToken, 'No refresh cookie was sent');
    try {
      return this.cookies.hand(reply, await this.auth.refresh(token));
    } catch (error) {
      // A spent, expired or revoked cookie is of no further use: the browser forgets it.
      if (
        error instanceof DomainError &&
        (error.definition === AuthErrors.invalidRefreshToken ||
          error.definition === AuthErrors.refreshTokenReused)
      )
        this.cookies.clear(reply);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated({ allowUnverified: true })
  @UseGuards(SessionTransportGuard)
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  @SessionTransportHeader
  @ApiNoContentResponse({ description: 'Signed out; with X-Session-Transport: cookie the cookie is cleared' })
  async logout(
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(caller);
    if (this.cookies.wanted(request)) this.cookies.clear(reply);
  }

  @Post('logout-all')
  @HttpCode(204)
  @Authenticated({ allowUnverified: true })
  @UseGuards(SessionTransportGuard)
  @ApiOperation({
    summary: 'Sign out everywhere: every session of the account ends at once, this one included',
  })
  @SessionTransportHeader
  @ApiNoContentResponse({
    description: 'Signed out everywhere; with X-Session-Transport: cookie the cookie is cleared',
  })
  async logoutEverywhere(
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.account.signOutEverywhere(caller, request.ip);
    if (this.cookies.wanted(request)) this.cookies.clear(reply);
  }

  @Get('me')
  @Authenticated({ allowUnverified: true })
  @ApiOperation({ summary: 'Your account (GET /me adds time zone and reminders)' })
  @ApiOkResponse({ type: UserResponse })
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
  @ApiNoContentResponse({ description: 'Unlocked' })
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
  @ApiAcceptedResponse({ description: 'No body: the mail is on its way' })
  resendVerification(@CurrentCaller() caller: Caller, @Req() request: FastifyRequest): Promise<void> {
    return this.auth.resendVerification(caller, request.ip);
  }

  @Post('password-reset')
  @HttpCode(202)
  @Public()
  @ApiOperation({
    summary: 'Mail a reset link; the answer is the same whether the address has an account or not',
  })
  @ApiAcceptedResponse({ description: 'No body, whether or not the address has an account' })
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

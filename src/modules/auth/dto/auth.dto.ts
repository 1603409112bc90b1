import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { LOCALES, type Locale, type Role } from '../../../common/auth/roles.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../passwords.js';

const trimLower = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
/** PostgreSQL refuses NUL in text; other control characters have no place in a name shown to juries and in mails. */
const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;
const noControlCharacters = { message: '$property must not contain control characters' };

export class RegisterDto {
  @ApiProperty({ example: 'aigerim@kaztranslogistics.kz' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    description: 'Any characters; common passwords are refused',
  })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password!: string;

  @ApiProperty({ example: 'Aigerim Nurlanovna' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @Matches(NO_CONTROL_CHARACTERS, noControlCharacters)
  fullName!: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class LoginDto {
  @ApiProperty()
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}

/** The refresh route's body: the token, unless the browser sends it as a cookie (`X-Session-Transport: cookie`). */
export class RefreshRequestDto {
  @ApiPropertyOptional({
    description: 'Required unless the request carries X-Session-Transport: cookie and the refresh cookie',
  })
  @IsOptional()
  @IsString()
  @Length(20, 200)
  refreshToken?: string;
}

export class TokenDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  token!: string;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  token!: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password!: string;
}

export class CreateInvitationDto {
  @ApiProperty()
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: ['juror', 'organiser'] })
  @IsIn(['juror', 'organiser'])
  role!: Extract<Role, 'juror' | 'organiser'>;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of the invitation mail' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class AcceptInvitationDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  token!: string;

  @ApiPropertyOptional({ description: 'Required when no account exists for the invited e-mail' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @Matches(NO_CONTROL_CHARACTERS, noControlCharacters)
  fullName?: string;

  @ApiPropertyOptional({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    description:
      "No account at the invited address: the new account's password. An unverified account there: its new password (the acceptance takes it over). A verified account: its current password, unless signed in to it",
  })
  @IsOptional()
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

/** An invitation as its sender sees it (the token only travels in the mail). */
export class InvitationResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email', example: 'dana.seitkali@example.kz' })
  email!: string;

  @ApiProperty({ enum: ['juror', 'organiser'] })
  role!: Role;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

/** What the JSON carries when the refresh token travels in the cookie. */
export type SessionTokens = Omit<TokenPair, 'refreshToken'>;

/** A session's tokens, as sign-in and refresh answer. */
export class SessionTokensResponse implements SessionTokens {
  @ApiProperty({ description: 'Bearer access token (JWT); send as Authorization: Bearer …' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds the access token lives', example: 900 })
  expiresIn!: number;

  @ApiPropertyOptional({
    description:
      'Single-use refresh token; absent when the request carried X-Session-Transport: cookie (it is then in the HttpOnly cookie magistral_refresh)',
  })
  refreshToken?: string;

  @ApiProperty({ format: 'date-time', description: 'When the refresh token expires' })
  refreshExpiresAt!: string;
}

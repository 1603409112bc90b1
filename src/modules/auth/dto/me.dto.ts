import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidateIf,
} from 'class-validator';
import { LOCALES, type Locale, ROLES, type Role } from '../../../common/auth/roles.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../passwords.js';

const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;
/** A present field must hold a value: `null` would mean "erase", which only the time zone allows. */
const unlessAbsent = ValidateIf((_object: object, value: unknown) => value !== undefined);

/** The IANA name the runtime knows a zone by (`asia/almaty` → `Asia/Almaty`), or undefined if it knows none. */
export function canonicalTimeZone(value: string): string | undefined {
  if (value.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function IsTimeZone(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone such as Asia/Almaty or Europe/Berlin' },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && canonicalTimeZone(value) === value,
      },
    });
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Aigerim Nurlanovna', minLength: 1, maxLength: 200 })
  @unlessAbsent
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  @Matches(NO_CONTROL_CHARACTERS, { message: '$property must not contain control characters' })
  fullName?: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of the app and of every mail to this user' })
  @unlessAbsent
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Asia/Almaty',
    description: 'IANA time zone dates are shown in; null forgets it (the app then uses the browser’s)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (canonicalTimeZone(value) ?? value) : value,
  )
  @IsTimeZone()
  timeZone?: string | null;

  @ApiPropertyOptional({ description: 'Whether scoring reminders are mailed (jurors)' })
  @unlessAbsent
  @IsBoolean()
  jurorReminders?: boolean;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  currentPassword!: string;

  @ApiProperty({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    description: 'Any characters; common passwords are refused',
  })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  newPassword!: string;
}

/** The signed-in user's own account. */
export class ProfileResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'aigerim@kaztranslogistics.kz' })
  email!: string;

  @ApiProperty({ example: 'Aigerim Nurlanovna' })
  fullName!: string;

  @ApiProperty({ enum: LOCALES })
  locale!: Locale;

  @ApiProperty({ type: String, nullable: true, example: 'Asia/Almaty' })
  timeZone!: string | null;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles!: Role[];

  @ApiProperty()
  emailVerified!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ description: 'Whether scoring reminders are mailed (turned off by the link in a reminder)' })
  jurorReminders!: boolean;
}

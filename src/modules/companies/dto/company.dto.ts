import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { COMPANY_ROLES, type CompanyRole } from '../entities/company-member.entity.js';
import { LOCALES, type Locale } from '../../../common/auth/roles.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
const lower = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

// Letters, digits and the separators registries print (HRB 12345 B, 123-456/78); nothing that could be markup.
const REGISTRATION_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u;

export class CreateCompanyDto {
  @ApiProperty({ maxLength: 200, example: 'Steppe Freight LLP' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'KZ' })
  @Transform(upper)
  @IsString()
  @IsISO31661Alpha2()
  country!: string;

  @ApiProperty({
    maxLength: 64,
    description: 'Unique within the country (case-insensitive)',
    example: '190840012345',
  })
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  @Matches(REGISTRATION_NUMBER, { message: 'registrationNumber may hold letters, digits, spaces and . / -' })
  registrationNumber!: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'https://steppe-freight.example' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  website?: string;
}

export class UpdateCompanyDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  @Matches(REGISTRATION_NUMBER, { message: 'registrationNumber may hold letters, digits, spaces and . / -' })
  registrationNumber?: string;

  @ApiPropertyOptional({ type: String, maxLength: 500, nullable: true, description: 'null removes it' })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  website?: string | null;
}

export class CompanyQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only the edition's participants: companies with a nomination in it (drafts included)",
  })
  @IsOptional()
  @IsUUID()
  editionId?: string;
}

export class AddMemberDto {
  @ApiProperty({ example: 'colleague@steppe-freight.example' })
  @Transform(lower)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: COMPANY_ROLES, default: 'member' })
  @IsOptional()
  @IsIn(COMPANY_ROLES)
  role?: CompanyRole;

  @ApiPropertyOptional({
    enum: LOCALES,
    description: 'Language of the invitation mail when the person has no account yet',
  })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class AcceptCompanyInvitationDto {
  @ApiProperty({ description: 'The token from the invitation mail' })
  @IsString()
  @Length(16, 200)
  token!: string;
}

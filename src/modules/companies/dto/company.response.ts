import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from '../../../common/http/page.response.js';
import type {
  AddMemberOutcome,
  CompanyMemberView,
  CompanySummary,
  CompanyView,
  PendingInvitationView,
} from '../companies.service.js';
import { COMPANY_ROLES, type CompanyRole } from '../entities/company-member.entity.js';

export class CompanySummaryResponse implements CompanySummary {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'KazTransLogistics LLP' })
  name!: string;

  @ApiProperty({ example: 'KZ', description: 'ISO 3166-1 alpha-2' })
  country!: string;

  @ApiProperty({ example: '180740012345' })
  registrationNumber!: string;

  @ApiProperty({ type: String, nullable: true, example: 'https://kaztranslogistics.kz' })
  website!: string | null;

  @ApiProperty({
    enum: COMPANY_ROLES,
    nullable: true,
    description: "The caller's role; null for an organiser who is not a member",
  })
  role!: CompanyRole | null;

  @ApiProperty({ type: 'integer', example: 1 })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class CompanySummaryPage extends PageResponse(CompanySummaryResponse) {}

export class CompanyMemberResponse implements CompanyMemberView {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ format: 'email', example: 'dana@kaztranslogistics.kz' })
  email!: string;

  @ApiProperty({ example: 'Dana Serikova' })
  fullName!: string;

  @ApiProperty({ enum: COMPANY_ROLES })
  role!: CompanyRole;

  @ApiProperty({ format: 'date-time' })
  since!: string;
}

export class PendingInvitationResponse implements PendingInvitationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email', example: 'timur@kaztranslogistics.kz' })
  email!: string;

  @ApiProperty({ enum: COMPANY_ROLES })
  role!: CompanyRole;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class CompanyResponse extends CompanySummaryResponse implements CompanyView {
  @ApiProperty({ type: [CompanyMemberResponse] })
  members!: CompanyMemberResponse[];

  @ApiProperty({ type: [PendingInvitationResponse] })
  pendingInvitations!: PendingInvitationResponse[];
}

export class AddMemberResponse implements AddMemberOutcome {
  @ApiProperty({ enum: ['invited'] })
  status!: 'invited';

  @ApiProperty({ type: PendingInvitationResponse })
  invitation!: PendingInvitationResponse;
}

import { ApiProperty } from '@nestjs/swagger';
import { LOCALES, type Locale, ROLES, type Role } from '../../../common/auth/roles.js';
import { PageResponse } from '../../../common/http/page.response.js';
import type { UserView } from '../entities/user.entity.js';

export class UserResponse implements UserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email', example: 'aigerim@kaztranslogistics.kz' })
  email!: string;

  @ApiProperty({ example: 'Aigerim Nurlanovna' })
  fullName!: string;

  @ApiProperty({ enum: LOCALES, example: 'kk' })
  locale!: Locale;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['entrant'] })
  roles!: Role[];

  @ApiProperty()
  emailVerified!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** An account as organisers see it. */
export class ManagedUserResponse extends UserResponse {
  @ApiProperty({ description: 'Disabled by an organiser: cannot sign in' })
  disabled!: boolean;

  @ApiProperty({ description: 'Locked after repeated failed sign-ins' })
  locked!: boolean;
}

export class ManagedUserPage extends PageResponse(ManagedUserResponse) {}

export class UpdatedUserResponse extends UserResponse {
  @ApiProperty()
  disabled!: boolean;
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import type { Page } from '../../common/http/pagination.js';
import { UpdateUserDto, UserQuery } from './dto/update-user.dto.js';
import { ManagedUserPage, UpdatedUserResponse } from './dto/user.response.js';
import { toUserView, type UserView } from './entities/user.entity.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Every account, oldest first, found by name or e-mail and role (organisers)' })
  @ApiOkResponse({ type: ManagedUserPage })
  async list(@Query() query: UserQuery): Promise<Page<UserView & { disabled: boolean; locked: boolean }>> {
    const result = await this.users.list(query);
    return {
      ...result,
      items: result.items.map((u) => ({
        ...toUserView(u),
        disabled: u.disabledAt !== null,
        locked: u.lockedAt !== null,
      })),
    };
  }

  @Patch(':id')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Change roles or disable an account; ends its sessions at once. An organiser cannot disable their own account',
  })
  @ApiConflictResponse({ description: 'users.last_organiser or users.cannot_disable_self' })
  @ApiOkResponse({ type: UpdatedUserResponse })
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView & { disabled: boolean }> {
    const user = await this.users.update(caller, id, dto);
    return { ...toUserView(user), disabled: user.disabledAt !== null };
  }
}

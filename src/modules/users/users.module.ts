import { Module } from '@nestjs/common';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/**
 * Administering users (list, roles, disabling, the CLI's first organiser). Password policy and sessions come
 * through `AccountSecurity`, which the global auth module provides: users does not import auth.
 */
@Module({
  controllers: [UsersController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}

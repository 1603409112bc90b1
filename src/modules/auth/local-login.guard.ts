import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error.js';
import { createValidationPipe } from '../../common/http/validation.pipe.js';
import type { User } from '../users/user.queries.js';
import { AuthErrors } from './auth.errors.js';
import { LoginDto } from './dto/auth.dto.js';

const validation = createValidationPipe();

/** Runs passport-local on a body validated first, so a malformed login touches nothing. */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    request.body = (await validation.transform(request.body, {
      type: 'body',
      metatype: LoginDto,
    })) as LoginDto;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser = User>(error: unknown, user: TUser | false): TUser {
    if (error instanceof DomainError) throw error;
    if (error || !user) throw new DomainError(AuthErrors.invalidCredentials);
    return user;
  }
}

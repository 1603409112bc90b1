import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/authenticated.decorator.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { connectionFailureReason } from '../../common/lifecycle/failure-reason.js';
import { InjectRedis } from '../../common/redis/redis.module.js';
import { redisFailureReason } from '../../common/redis/redis-state.js';
import { LivenessResponse, ReadinessResponse } from './dto/health.response.js';
import { HealthErrors } from './health.errors.js';

/** A check answers within this, or counts as down: a load balancer's probe must not hang. */
const CHECK_TIMEOUT_MS = 1500;

export type CheckResult = { status: 'up' } | { status: 'down'; reason: string };
export interface Readiness {
  status: 'ok';
  checks: { database: CheckResult; redis: CheckResult };
}

class CheckTimeout extends Error {
  constructor() {
    super('timeout');
  }
}

async function within<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout()), CHECK_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ type: LivenessResponse })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * 200 when PostgreSQL and Redis both answer; otherwise 503 `health.not_ready` with `checks` saying which
   * is down and why, in a few words (never an address or a credential).
   */
  @Get('ready')
  @Public()
  @ApiOperation({
    summary: 'PostgreSQL and Redis answer (503 health.not_ready otherwise, naming what is down)',
  })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down: `checks.<name>.reason` says why' })
  async ready(): Promise<Readiness> {
    const [database, redis] = await Promise.all([this.databaseCheck(), this.redisCheck()]);
    const checks = { database, redis };
    const down = Object.entries(checks).filter(([, check]) => check.status === 'down');
    if (down.length)
      throw new DomainError(
        HealthErrors.notReady,
        down.map(([name, check]) => `${name}: ${(check as { reason: string }).reason}`).join('; '),
        { checks },
      );
    return { status: 'ok', checks };
  }

  private async databaseCheck(): Promise<CheckResult> {
    try {
      await within(this.dataSource.query('SELECT 1'));
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', reason: this.reason(error) };
    }
  }

  private async redisCheck(): Promise<CheckResult> {
    try {
      await within(this.redis.ping());
      return { status: 'up' };
    } catch (error) {
      // While disconnected a command fails with "not connected"; the client's last error says why.
      return { status: 'down', reason: redisFailureReason(this.redis) ?? this.reason(error) };
    }
  }

  private reason(error: unknown): string {
    return error instanceof CheckTimeout
      ? `no answer within ${CHECK_TIMEOUT_MS / 1000} s`
      : connectionFailureReason(error);
  }
}

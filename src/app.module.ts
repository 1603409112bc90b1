import { type DynamicModule, Module, type Type } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { ClockModule } from './common/clock.module.js';
import { ConfigModule } from './config/config.module.js';
import { RedisModule } from './common/redis/redis.module.js';
import { DatabaseModule } from './database/database.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CompaniesModule } from './modules/companies/companies.module.js';
import { EditionsModule } from './modules/editions/editions.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { HousekeepingModule } from './modules/housekeeping/housekeeping.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { QueueDashboardModule } from './modules/queue-dashboard/queue-dashboard.module.js';
import { NominationsModule } from './modules/nominations/nominations.module.js';
import { JuryModule } from './modules/jury/jury.module.js';
import { ScoringModule } from './modules/scoring/scoring.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { TallyModule } from './modules/tally/tally.module.js';
import { PublicationModule } from './modules/publication/publication.module.js';
import { PublicPagesModule } from './modules/public-pages/public-pages.module.js';
import { QueueModule } from './queue/queue.module.js';

/** The platform's feature modules; shared by the API, the worker and the CLI. */
export const FEATURE_MODULES = [
  AuditModule,
  NotificationsModule,
  QueueDashboardModule,
  AuthModule,
  UsersModule,
  EditionsModule,
  CompaniesModule,
  NominationsModule,
  JuryModule,
  ScoringModule,
  TallyModule,
  PublicationModule,
  HousekeepingModule,
];

/** Infrastructure every process needs. */
export function coreModules(config: AppConfig, options: { workers: boolean }): (DynamicModule | Type)[] {
  return [
    ConfigModule.forRoot(config),
    ClockModule,
    DatabaseModule,
    RedisModule,
    QueueModule.forRoot(config, options),
  ];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: { workers?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules(config, { workers: options.workers ?? config.WORKERS_IN_API }),
        ...FEATURE_MODULES,
        HealthModule,
        PublicPagesModule,
      ],
    };
  }
}

/** A process that only runs workers and relays: no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [...coreModules(config, { workers: true }), ...FEATURE_MODULES] };
  }
}

import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config.js';
import { JobDispatcher } from './job-dispatcher.js';
import { QUEUE_NAMES } from './jobs.js';
import { OutboxRelay } from './outbox-relay.js';
import { Outbox } from './outbox.service.js';
import { queueProcessors } from './queue-processors.js';
import { QueueShutdown } from './queue-shutdown.js';
import { RepeatingJobs } from './repeating-jobs.js';
import { bullConnection } from './redis-connection.js';

/**
 * BullMQ on Redis. Queues are for the relay (producers fail fast while Redis is down, the outbox keeps
 * the jobs); workers run here when `workers` is on: inside the API by default, or alone in `worker.ts`.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig, options: { workers: boolean }): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection: bullConnection(config.REDIS_URL),
            prefix: config.REDIS_PREFIX,
          }),
        }),
        BullModule.registerQueueAsync(
          ...QUEUE_NAMES.map((name) => ({
            name,
            inject: [AppConfig],
            useFactory: (config: AppConfig) => ({
              connection: bullConnection(config.REDIS_URL, { enableOfflineQueue: false }),
              prefix: config.REDIS_PREFIX,
            }),
          })),
        ),
      ],
      providers: [
        Outbox,
        OutboxRelay,
        QueueShutdown,
        ...(options.workers ? [JobDispatcher, RepeatingJobs, ...queueProcessors(config)] : []),
      ],
      exports: [Outbox, OutboxRelay, BullModule],
    };
  }
}

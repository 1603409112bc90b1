// First: tunes the heap before anything else loads.
import './common/heap.js';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './app.module.js';
import { ProcessLifecycle } from './common/lifecycle/process-lifecycle.js';
import { createLogger, PinoNestLogger } from './common/logging/logger.js';
import { assertRedisReachable } from './common/redis/redis-state.js';
import { configWarnings, type AppConfig } from './config/app-config.js';
import { configOrExit } from './config/env-file.js';
import { prepareDatabase } from './database/prepare-database.js';

/** Queue workers, the outbox relay and the audit sealer, without HTTP: run as many as the load needs. */
async function main(lifecycle: ProcessLifecycle, config: AppConfig): Promise<void> {
  const { logger } = lifecycle;
  for (const warning of configWarnings(config)) logger.warn(warning);
  await assertRedisReachable(config);
  await prepareDatabase(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  lifecycle.manage(app);
  await app.init();
  logger.info('Magistral worker running');
}

const config = configOrExit();
const logger = createLogger(config);
Logger.overrideLogger(new PinoNestLogger(logger));
const lifecycle = new ProcessLifecycle(logger, config.SHUTDOWN_TIMEOUT_MS).install();
main(lifecycle, config).catch((error: unknown) => lifecycle.fail(error));

// First: tunes the heap before anything else loads.
import './common/heap.js';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './app.module.js';
import { createLogger, PinoNestLogger } from './common/logging/logger.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { prepareDatabase } from './database/prepare-database.js';

/** Queue workers, the outbox relay and the audit sealer, without HTTP: run as many as the load needs. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  Logger.overrideLogger(new PinoNestLogger(logger));
  await prepareDatabase(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  await app.init();
  logger.info('Magistral worker running');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

// First: tunes the heap before anything else loads.
import './common/heap.js';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.setup.js';
import { createLogger, PinoNestLogger } from './common/logging/logger.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { prepareDatabase } from './database/prepare-database.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  // JSON lines from the first message on, database preparation included.
  Logger.overrideLogger(new PinoNestLogger(logger));
  await prepareDatabase(config);
  const app = await createApp(config, { logger });
  await app.listen({ port: config.PORT, host: config.HOST });
  app
    .getHttpAdapter()
    .getInstance()
    .log.info(`Magistral API on ${await app.getUrl()}/api/v1 — docs at /api/docs`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

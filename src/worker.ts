// First: tunes the heap before anything else loads.
import './common/heap.js';
import 'reflect-metadata';
import { ProcessLifecycle } from './common/lifecycle/process-lifecycle.js';
import { createLogger, PinoNestLogger } from './common/logging/logger.js';
import { configWarnings, type AppConfig } from './config/app-config.js';
import { configOrExit } from './config/env-file.js';

/** Queue workers, the outbox relay and the audit sealer, without HTTP: run as many as the load needs. */
async function main(lifecycle: ProcessLifecycle, config: AppConfig): Promise<void> {
  const { logger } = lifecycle;
  for (const warning of configWarnings(config)) logger.warn(warning);
  // The framework loads only now: the configuration is judged and the signal handlers are in place before.
  const [{ Logger }, { NestFactory }, { WorkerModule }, { assertRedisReachable }, { prepareDatabase }] =
    await Promise.all([
      import('@nestjs/common'),
      import('@nestjs/core'),
      import('./app.module.js'),
      import('./common/redis/redis-state.js'),
      import('./database/prepare-database.js'),
    ]);
  Logger.overrideLogger(new PinoNestLogger(logger));
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
const lifecycle = new ProcessLifecycle(createLogger(config), config.SHUTDOWN_TIMEOUT_MS).install();
main(lifecycle, config).catch((error: unknown) => lifecycle.fail(error));

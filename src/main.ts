// First: tunes the heap before anything else loads.
import './common/heap.js';
import 'reflect-metadata';
import { createServer } from 'node:net';
import { ProcessLifecycle, StartupError } from './common/lifecycle/process-lifecycle.js';
import { createLogger, PinoNestLogger } from './common/logging/logger.js';
import { configWarnings, type AppConfig } from './config/app-config.js';
import { configOrExit } from './config/env-file.js';

function listenFailure(error: unknown, config: AppConfig): unknown {
  switch ((error as { code?: string }).code) {
    case 'EADDRINUSE':
      return new StartupError(
        `Port ${config.PORT} on ${config.HOST} is already in use (PORT=${config.PORT}): stop the other process, or set PORT to a free port`,
      );
    case 'EACCES':
      return new StartupError(
        `Port ${config.PORT} needs privileges this process lacks (PORT=${config.PORT}): set PORT to 1024 or above`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StartupError(
        `HOST=${config.HOST} is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0`,
      );
  }
  return error;
}

/** Binds and releases the port: a port in use is reported before anything is migrated or started. */
async function assertPortFree(config: AppConfig): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ port: config.PORT, host: config.HOST, exclusive: true }, resolve);
  }).catch((error: unknown) => {
    throw listenFailure(error, config);
  });
  await new Promise((resolve) => probe.close(resolve));
}

async function main(lifecycle: ProcessLifecycle, config: AppConfig): Promise<void> {
  const { logger } = lifecycle;
  for (const warning of configWarnings(config)) logger.warn(warning);
  // The cheap checks first, so that a wrong PORT or REDIS_URL is reported before migrations run.
  await assertPortFree(config);
  // The framework loads only now (seconds on a busy machine): the configuration is judged and the signal
  // handlers are in place before.
  const [{ Logger }, { createApp }, { assertRedisReachable }, { prepareDatabase }] = await Promise.all([
    import('@nestjs/common'),
    import('./app.setup.js'),
    import('./common/redis/redis-state.js'),
    import('./database/prepare-database.js'),
  ]);
  // Readable (or JSON) lines from the first message on, database preparation included.
  Logger.overrideLogger(new PinoNestLogger(logger));
  await assertRedisReachable(config);
  await prepareDatabase(config);
  const app = await createApp(config, { logger });
  lifecycle.manage(app);
  await app.listen({ port: config.PORT, host: config.HOST }).catch((error: unknown) => {
    throw listenFailure(error, config);
  });
  logger.info(`Magistral API on ${await app.getUrl()}/api/v1 — docs at /api/docs`);
}

const config = configOrExit();
const lifecycle = new ProcessLifecycle(createLogger(config), config.SHUTDOWN_TIMEOUT_MS).install();
main(lifecycle, config).catch((error: unknown) => lifecycle.fail(error));

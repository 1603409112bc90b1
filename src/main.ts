import 'reflect-metadata';
import { createApp } from './app.setup.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { prepareDatabase } from './database/prepare-database.js';

async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config);
  const app = await createApp(config);
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

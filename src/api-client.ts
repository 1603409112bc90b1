/**
 * `npm run api:client`: writes web/src/api/schema.d.ts, the web app's types for every API operation, from the
 * OpenAPI document exactly as the API serves it at /api/docs-json. The application is built in Nest's preview
 * mode — modules, controllers and routes wired, no provider created — so nothing connects to PostgreSQL or
 * Redis and it runs on a machine with neither. test/openapi-client.e2e-spec.ts fails when the committed file
 * and what the running app serves disagree.
 */
import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createApp } from './app.setup.js';
import { loadConfig } from './config/app-config.js';
import { clientTypes, CLIENT_TYPES_PATH } from './openapi/client-types.js';

async function main(): Promise<void> {
  // Not the environment: the document must not depend on who generates it (docs are on outside production).
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'error' });
  const app = await createApp(config, { preview: true });
  try {
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.ready();
    const response = await fastify.inject({ method: 'GET', url: '/api/docs-json' });
    if (response.statusCode !== 200) throw new Error(`GET /api/docs-json answered ${response.statusCode}`);
    const document = JSON.parse(response.body) as { paths: Record<string, unknown> };
    await mkdir(dirname(CLIENT_TYPES_PATH), { recursive: true });
    await writeFile(CLIENT_TYPES_PATH, await clientTypes(document));
    process.stdout.write(`${CLIENT_TYPES_PATH}: ${Object.keys(document.paths).length} paths\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

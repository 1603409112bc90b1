import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.setup.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { OutboxRelay } from '../../src/queue/outbox-relay.js';
import { AuditSealer } from '../../src/modules/audit/audit-sealer.js';
import { cloneTemplate, TEMPLATE_DB } from '../setup/db.js';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  /** Moves committed outbox rows to BullMQ now instead of on the next tick. */
  flushOutbox: () => Promise<void>;
  sealAudit: () => Promise<void>;
  /** Another instance of the API on the same database and Redis (scale-out tests). */
  sibling: (overrides?: Record<string, string>) => Promise<NestFastifyApplication>;
  /**
   * Shuts the application down (connections, queues, its DataSource) as a deploy would; `start` builds it
   * again on the same database and configuration, and `app`, `db` and `http` are the new one's from then on.
   */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  close: () => Promise<void>;
}

export interface TestDatabase {
  name: string;
  url: string;
}

/**
 * A clone of this run's template, named after it so that the global teardown drops it with the template.
 * A file does not drop its clone itself: DROP DATABASE waits for a checkpoint, which under the suite's
 * load took 1.5–7 s per file; at the end of the run, with nothing left to flush, the drops are quick.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${TEMPLATE_DB}_f${randomBytes(6).toString('hex')}`;
  const url = await cloneTemplate(name);
  return { name, url };
}

export function testConfig(databaseUrlValue: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrlValue,
    DATABASE_CREATE: 'false',
    MIGRATIONS_RUN: 'false',
    DATABASE_POOL_SIZE: '8',
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `mgt-${randomBytes(5).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    OUTBOX_POLL_MS: '100',
    AUDIT_SEAL_MS: '100',
    MAIL_BACKOFF_MS: '50',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    ...overrides,
  });
}

/**
 * Builds the real application (same setup function as production) on its own database clone and its
 * own Redis key prefix, so test files never see each other's rows, jobs or rate-limit counters.
 */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const mailDir = mkdtempSync(join(tmpdir(), 'magistral-mail-'));
  const config = testConfig(database.url, { MAIL_DIR: mailDir, ...overrides });
  const boot = async (appConfig: AppConfig) => {
    const built = await createApp(appConfig);
    await built.init();
    await built.getHttpAdapter().getInstance().ready();
    return built;
  };
  let app: NestFastifyApplication | null = await boot(config);
  const running = (): NestFastifyApplication => {
    if (!app) throw new Error('The application is stopped: start() it first');
    return app;
  };
  const siblings: NestFastifyApplication[] = [];
  return {
    get app() {
      return running();
    },
    config,
    get db() {
      return running().get(DataSource);
    },
    http: () => request(running().getHttpServer()),
    flushOutbox: () => running().get(OutboxRelay).flush(),
    sealAudit: () => running().get(AuditSealer).sealAllCommitted(),
    sibling: async (more = {}) => {
      const other = await boot(loadConfig({ ...configToEnv(config), ...more }));
      siblings.push(other);
      return other;
    },
    stop: async () => {
      const stopping = running();
      app = null;
      await stopping.close();
    },
    start: async () => {
      if (app) throw new Error('The application is already running');
      app = await boot(config);
    },
    close: async () => {
      for (const other of siblings) await other.close();
      await app?.close();
      app = null;
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
}

function configToEnv(config: AppConfig): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}

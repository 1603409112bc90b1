import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey } from '../src/config/signing-keys.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ThrowawayRedis } from './support/redis-server.js';
import { createTestDatabase, type TestDatabase } from './support/test-app.js';

/**
 * The built processes (`node dist/src/main.js`, `node dist/src/worker.js`) started for real, with one
 * fault each: what an operator sees, and how the process stops.
 */
const ROOT = process.cwd();
const SECRET = 'startup-test-secret-that-is-long-enough-0123456789';
/** A results signing key, configured as a deployment would: without one each process says it made its own. */
const SIGNING_KEY = generateSigningKey().privateKey;
const SHUTDOWN_TIMEOUT_MS = 3000;

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function start(script: 'main' | 'worker', env: Record<string, string>): Run {
  const chunks: string[] = [];
  const child = spawn(process.execPath, [join(ROOT, `dist/src/${script}.js`)], {
    // A directory of its own: no developer's .env is read.
    cwd: mkdtempSync(join(tmpdir(), 'magistral-start-')),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      JWT_SECRET: SECRET,
      RESULTS_SIGNING_KEY: SIGNING_KEY,
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      MAIL_DIR: mkdtempSync(join(tmpdir(), 'magistral-mail-')),
      REDIS_PREFIX: `mgt-start-${process.pid}-${Date.now()}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, output: () => chunks.join(''), exited };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Accepts connections and never answers: a PostgreSQL or Redis that hangs. */
async function blackhole(): Promise<{ port: number; connected: () => boolean; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connected: () => sockets.length > 0,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line.trim() !== '');

describe('start-up failures', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });

  it('PostgreSQL unreachable: one line naming DATABASE_URL, password masked, exit 1', async () => {
    const port = await freePort();
    const run = start('main', { DATABASE_URL: `postgres://app:hunter2@127.0.0.1:${port}/magistral` });
    expect((await run.exited).code).toBe(1);
    const output = lines(run.output());
    expect(output).toHaveLength(1);
    expect(output[0]).toContain('PostgreSQL refused the connection');
    expect(output[0]).toContain(`DATABASE_URL=postgres://app:***@127.0.0.1:${port}/magistral`);
    expect(run.output()).not.toContain('hunter2');
  }, 60_000);

  it('Redis unreachable: one line naming REDIS_URL, no ioredis stacks, exit 1', async () => {
    const port = await freePort();
    const run = start('main', {
      DATABASE_URL: database.url,
      REDIS_URL: `redis://:hunter2@127.0.0.1:${port}`,
    });
    expect((await run.exited).code).toBe(1);
    const output = lines(run.output());
    expect(output).toHaveLength(1);
    expect(output[0]).toContain(
      `Redis unreachable at REDIS_URL=redis://:***@127.0.0.1:${port} (connection refused)`,
    );
    expect(run.output()).not.toMatch(/Unhandled error event|hunter2|\n\s+at /);
  }, 60_000);

  it('port in use: one line naming PORT, before anything is migrated, exit 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const run = start('main', { DATABASE_URL: database.url, PORT: String(port) });
      expect((await run.exited).code).toBe(1);
      expect(lines(run.output())).toEqual([expect.stringContaining(`is already in use (PORT=${port})`)]);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 60_000);

  it('bad configuration: one message per variable, no secret printed, exit 1', async () => {
    const run = start('main', {
      PORT: 'abc',
      DATABASE_URL: 'mysql://app:hunter2@127.0.0.1/magistral',
      JWT_SECRET: 'short-secret',
    });
    expect((await run.exited).code).toBe(1);
    const output = lines(run.output());
    expect(output).toEqual([
      'Invalid configuration:',
      '  - PORT="abc" is not valid: must be a whole number from 0 to 65535',
      expect.stringContaining(
        'DATABASE_URL="mysql://app:***@127.0.0.1/magistral" is not valid: the scheme must be postgres:// or postgresql://',
      ),
      expect.stringContaining('JWT_SECRET (value hidden) is not valid: must be at least 32 characters long'),
    ]);
    expect(run.output()).not.toMatch(/hunter2|short-secret/);
  }, 60_000);

  it('production without JWT_SECRET refuses to start', async () => {
    const run = start('main', { NODE_ENV: 'production', JWT_SECRET: '' });
    expect((await run.exited).code).toBe(1);
    expect(run.output()).toContain('JWT_SECRET is missing');
  }, 60_000);
});

describe('stopping', () => {
  let database: TestDatabase;
  const redis = new ThrowawayRedis();
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('the API: readiness names Redis when it goes down, and SIGTERM still stops it within the bound', async () => {
    await redis.start();
    const port = await freePort();
    // No JWT_SECRET and no signing key: a random one of each, each said once.
    const run = start('main', {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      PORT: String(port),
      JWT_SECRET: '',
      RESULTS_SIGNING_KEY: '',
    });
    const base = `http://127.0.0.1:${port}/api/v1`;
    try {
      await until(() => run.output().includes('Magistral API on'));
      expect(run.output().match(/JWT_SECRET is not set: signing with a random secret/g)).toHaveLength(1);
      expect(run.output().match(/RESULTS_SIGNING_KEY is not set: /g)).toHaveLength(1);
      expect(run.output()).not.toContain('Mapped {');
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ok',
        checks: { database: { status: 'up' }, redis: { status: 'up' } },
      });

      await redis.stop();
      await until(() => run.output().includes('Redis (cache) unreachable'));
      const down = await fetch(`${base}/health/ready`);
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toContain('application/problem+json');
      expect(await down.json()).toMatchObject({
        status: 503,
        code: 'health.not_ready',
        detail: 'redis: connection refused',
        checks: { database: { status: 'up' }, redis: { status: 'down', reason: 'connection refused' } },
      });
    } finally {
      run.child.kill('SIGTERM');
    }
    const signalled = Date.now();
    const exit = await run.exited;
    expect(exit.at - signalled).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1000);
    expect(exit.code).toBe(0);
    expect(run.output()).not.toMatch(/Unhandled error event|\n\s+at /);
  }, 90_000);

  it('the worker: SIGTERM with Redis gone stops it within the bound', async () => {
    await redis.start();
    const run = start('worker', { DATABASE_URL: database.url, REDIS_URL: redis.url });
    await until(() => run.output().includes('Magistral worker running'));
    await redis.stop();
    await until(() => run.output().includes('unreachable') || run.output().includes('lost Redis'));
    const signalled = Date.now();
    run.child.kill('SIGTERM');
    const exit = await run.exited;
    expect(exit.at - signalled).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1000);
    expect(exit.code).toBe(0);
  }, 90_000);

  it('a PostgreSQL that never answers: SIGTERM during start-up stops the API at once', async () => {
    const hole = await blackhole();
    try {
      const run = start('main', {
        DATABASE_URL: `postgres://app@127.0.0.1:${hole.port}/magistral`,
        REDIS_URL: 'redis://127.0.0.1:6379',
      });
      await until(() => hole.connected());
      const signalled = Date.now();
      run.child.kill('SIGTERM');
      const exit = await run.exited;
      expect(exit.at - signalled).toBeLessThan(2000);
      expect(exit.code).toBe(0);
    } finally {
      await hole.close();
    }
  }, 60_000);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from './support/test-app.js';

/*
 * The README's walkthrough (scripts/walkthrough.sh), run as a newcomer runs it: against the compiled server
 * listening on a real port, with its own database cloned from the migrated template, through curl and the CLI.
 */

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startServer(port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['dist/src/main.js'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`)).ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error('The server did not become ready within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

describe('the README walkthrough (scripts/walkthrough.sh) against a running server', () => {
  let database: TestDatabase;
  let server: ChildProcess | undefined;
  let dir: string;
  let base: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'magistral-walkthrough-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATABASE_URL: database.url,
      DATABASE_CREATE: 'false',
      MIGRATIONS_RUN: 'false',
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `mgt-walk-${Date.now()}`,
      JWT_SECRET: 'walkthrough-secret-that-is-long-enough-0123456789',
      MAIL_DIR: join(dir, 'mail'),
      LOG_LEVEL: 'warn',
      DOCS_ENABLED: 'true',
    };
    server = await startServer(port, env);
  }, 90_000);

  afterAll(async () => {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes an edition from the first organiser to published results that verify', async () => {
    const out = join(dir, 'out');
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn('bash', ['scripts/walkthrough.sh'], {
          env: {
            ...env,
            API: `${base}/api/v1`,
            OUT_DIR: out,
            // The compiled files directly: the launcher behind `npm run cli` would recompile a tree being edited.
            CLI: `${process.execPath} dist/src/cli.js`,
            VERIFY: `${process.execPath} dist/src/verify.js`,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      },
    );
    if (run.code !== 0)
      throw new Error(`The walkthrough failed (${run.code}):\n${run.stderr}\n${run.stdout}`);

    expect(run.stdout).toMatch(/^VERIFIED: /m);
    expect(run.stdout).not.toMatch(/MISMATCH/);
    const audit = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ok: boolean; unsealed: number };
    expect(audit).toMatchObject({ ok: true, unsealed: 0 });

    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      categories: { code: string; nominations: { rank: number; status: string; scorecards: number }[] }[];
    };
    const efficiency = results.categories.find((c) => c.code === 'efficiency')!;
    expect(efficiency.nominations.map((n) => [n.rank, n.status, n.scorecards])).toEqual([
      [1, 'winner', 3],
      [2, 'finalist', 3],
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      auditHead: { seq: string } | null;
    };
    expect(manifest.auditHead?.seq).toMatch(/^\d+$/);
  }, 180_000);

  it('serves Swagger UI and its assets', async () => {
    expect((await fetch(`${base}/api/docs`)).status).toBe(200);
    const bundle = await fetch(`${base}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
  });
});

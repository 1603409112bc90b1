import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generateSigningKey, signingKeyFrom } from '../src/config/signing-keys.js';
import { loadConfig } from '../src/config/app-config.js';
import { login } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Each test starts real processes (the CLI loads the whole application; one compiles with tsc): seconds each,
// more on a busy machine.
jest.setTimeout(120_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a node script with `input` on standard input (a pipe, as in scripts and CI), never on the command line. */
function runNode(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<Run> {
  const start = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: performance.now() - start });
    });
    child.stdin.end(options.input ?? '');
  });
}

describe('npm run cli -- organiser:create', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const env = (more: Record<string, string> = {}) => ({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: t.config.DATABASE_URL,
    DATABASE_CREATE: 'false',
    REDIS_URL: t.config.REDIS_URL,
    REDIS_PREFIX: t.config.REDIS_PREFIX,
    LOG_LEVEL: 'error',
    ...more,
  });
  const cli = (args: string[], input?: string, more?: Record<string, string>) =>
    runNode(['dist/src/cli.js', ...args], { input, env: env(more) });
  const count = async (email: string) => {
    const [{ n }] = await t.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM users WHERE email = $1`,
      [email],
    );
    return n;
  };

  it('creates the first organiser with the password read from standard input, who can then sign in', async () => {
    const run = await cli(
      ['organiser:create', '--email', 'Chair@Magistral.Test', '--name', 'Chair'],
      'Trans-Caspian-Corridor-1\n',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Organiser chair@magistral\.test ready/);
    expect(run.stdout + run.stderr).not.toContain('Trans-Caspian-Corridor-1');
    const { token } = await login(t, 'chair@magistral.test', 'Trans-Caspian-Corridor-1');
    const me = await t
      .http()
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    expect(me.body.roles).toEqual(['organiser']);
  });

  it('asks for the password twice on a terminal without showing it', async () => {
    // `script` (util-linux) gives the CLI a pseudo-terminal; each answer is typed once its prompt shows.
    const password = 'Trans-Caspian-Corridor-2';
    const command = `${process.execPath} dist/src/cli.js organiser:create --email tty@magistral.test`;
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: env(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let answered = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      const prompts = screen.match(/Password for the organiser|The same password again/g)?.length ?? 0;
      for (; answered < prompts; answered++) child.stdin.write(`${password}\r`);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.destroy();
    expect(code).toBe(0);
    expect(answered).toBe(2);
    expect(screen).toMatch(/Organiser tty@magistral\.test ready/);
    expect(screen).not.toContain(password);
    await login(t, 'tty@magistral.test', password);
  });

  it('refuses a password on the command line, creating nothing', async () => {
    const run = await cli(
      ['organiser:create', '--email', 'argv@magistral.test', '--password', 'Trans-Caspian-Corridor-1'],
      'Trans-Caspian-Corridor-1\n',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--password is not accepted/);
    expect(await count('argv@magistral.test')).toBe(0);
  });

  it('refuses a missing e-mail, an empty, a short and a common password, creating nothing', async () => {
    expect((await cli(['organiser:create'], 'Trans-Caspian-Corridor-1\n')).code).toBe(2);
    expect((await cli(['organiser:create', '--email', 'x@magistral.test'], '')).code).toBe(2);
    expect((await cli(['organiser:create', '--email', 'x@magistral.test'], 'short\n')).code).toBe(2);
    expect((await cli(['organiser:create', '--email', 'x@magistral.test'], '1q2w3e4r5t6y\n')).code).toBe(1);
    expect(await count('x@magistral.test')).toBe(0);
  });

  it('finishes and exits within a bound while Redis is unreachable', async () => {
    const run = await cli(
      ['organiser:create', '--email', 'offline@magistral.test'],
      'Trans-Caspian-Corridor-1\n',
      { REDIS_URL: 'redis://127.0.0.1:1' },
    );
    expect(run.code).toBe(0);
    expect(run.ms).toBeLessThan(30_000);
    expect(await count('offline@magistral.test')).toBe(1);
  });

  it('says in one line that PostgreSQL is unreachable, naming DATABASE_URL, and exits 1', async () => {
    const run = await cli(
      ['organiser:create', '--email', 'nodb@magistral.test'],
      'Trans-Caspian-Corridor-1\n',
      {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/magistral_test_none',
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/PostgreSQL .*DATABASE_URL/);
    expect(run.stderr).not.toContain('Trans-Caspian-Corridor-1');
  });
});

describe('npm run cli -- keys:generate and keys:retire', () => {
  it('makes a results signing key that the configuration accepts, without a database', async () => {
    const run = await runNode(['dist/src/cli.js', 'keys:generate'], {
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    expect(run.code).toBe(0);
    const line = /^RESULTS_SIGNING_KEY=(\S+)$/m.exec(run.stdout);
    expect(line).not.toBeNull();
    const config = loadConfig({ RESULTS_SIGNING_KEY: line![1] });
    expect(signingKeyFrom(config.RESULTS_SIGNING_KEY!).keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(run.stderr).toContain(`key id ${signingKeyFrom(line![1]!).keyId}`);
    // Two runs, two keys.
    const again = await runNode(['dist/src/cli.js', 'keys:generate']);
    expect(again.stdout).not.toBe(run.stdout);
  });

  it('retires a key that signed (a second retire is refused: test/publication.e2e-spec.ts)', async () => {
    const t = await createTestApp();
    try {
      const { key } = generateSigningKey();
      await t.db.query(
        `INSERT INTO signing_keys (key_id, algorithm, public_key) VALUES ($1, 'Ed25519', $2)`,
        [key.keyId, key.publicKey],
      );
      const env = {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: t.config.DATABASE_URL,
        DATABASE_CREATE: 'false',
        REDIS_URL: t.config.REDIS_URL,
        REDIS_PREFIX: t.config.REDIS_PREFIX,
        LOG_LEVEL: 'error',
      };
      const retire = await runNode(['dist/src/cli.js', 'keys:retire', '--key-id', key.keyId], { env });
      expect(retire.stdout).toContain(`Key ${key.keyId} retired`);
      expect(retire.code).toBe(0);
      const [row] = await t.db.query<{ valid_until: Date | null }[]>(
        `SELECT valid_until FROM signing_keys WHERE key_id = $1`,
        [key.keyId],
      );
      expect(row?.valid_until).not.toBeNull();
      const missing = await runNode(['dist/src/cli.js', 'keys:retire'], { env });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--key-id is required');
    } finally {
      await t.close();
    }
  });
});

describe('scripts/run-built.mjs (what npm run cli and npm run verify start through)', () => {
  let dir: string;
  const launcher = resolve('scripts/run-built.mjs');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'magistral-run-built-'));
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'dist/src'), { recursive: true });
    writeFileSync(
      join(dir, 'tsconfig.build.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'ES2023',
          outDir: 'dist',
          rootDir: '.',
          types: ['node'],
          // As the project's own tsconfig: tsc then reads @types/node without checking it, ~2 s of CPU
          // instead of ~7 s (what is tested is that the launcher compiles, not what tsc checks).
          skipLibCheck: true,
        },
        include: ['src'],
      }),
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a current build without compiling, and compiles first when a source is newer', async () => {
    const old = new Date(Date.now() - 3600_000);
    writeFileSync(
      join(dir, 'src/entry.ts'),
      `console.log('fresh source', process.argv.slice(2).join(' '));\n`,
    );
    writeFileSync(
      join(dir, 'dist/src/entry.js'),
      `console.log('current build', process.argv.slice(2).join(' '));\n`,
    );
    for (const path of ['src/entry.ts', 'src', 'tsconfig.build.json']) utimesSync(join(dir, path), old, old);

    const current = await runNode([launcher, 'dist/src/entry.js', 'a', 'b'], { cwd: dir });
    expect(current).toMatchObject({ code: 0, stdout: 'current build a b\n', stderr: '' });

    const later = new Date(Date.now() + 1000);
    utimesSync(join(dir, 'src/entry.ts'), later, later);
    const stale = await runNode([launcher, 'dist/src/entry.js', 'c'], { cwd: dir });
    expect(stale.code).toBe(0);
    expect(stale.stderr).toMatch(/Compiling/);
    expect(stale.stdout).toBe('fresh source c\n');
  });

  it('passes the exit code through', async () => {
    writeFileSync(join(dir, 'dist/src/fail.js'), `process.exit(3);\n`);
    const run = await runNode([launcher, 'dist/src/fail.js'], { cwd: dir });
    expect(run.code).toBe(3);
  });
});

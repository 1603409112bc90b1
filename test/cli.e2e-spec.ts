import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
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

/**
 * Scaffolding shared by the benchmarks: scratch databases, the compiled server as a child process, its
 * peak memory, autocannon figures and aligned table rows. Nothing here measures anything by itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import autocannon from 'autocannon';
import pg from 'pg';
import { runMigrations } from '../src/database/prepare-database.js';

/** The PostgreSQL server and its admin database the scratch databases are created from. */
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The Redis every benchmark uses, each under a prefix of its own. */
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Seconds per measured route (BENCH_SECONDS, default 10). */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Concurrent autocannon connections (BENCH_CONNECTIONS, default 64). */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
/** The password of every seeded user that signs in through the API. */
export const PASSWORD = 'Bench-Steppe-Caravan-2025';
/** The compiled server's entry point. */
const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));

/**
 * The variables `npm start` sets in front of `node` (MALLOC_MMAP_THRESHOLD_): the benchmarks start the
 * server as production does.
 */
function startScriptEnv(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  const [assignments = ''] = manifest.scripts.start.split(/\bnode\b/);
  return Object.fromEntries(
    [...assignments.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)].map(([, k, v]) => [k!, v!]),
  );
}

/** A fresh random suffix (8 hex digits), for database names and Redis prefixes. */
export function suffix(): string {
  return randomBytes(4).toString('hex');
}

/** The URL of database `name` on the admin URL's server. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `work` with a connected client of `url`, and closes it afterwards. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates database `name` and returns its URL. */
export async function createDatabase(name: string): Promise<string> {
  await withClient(ADMIN_URL, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  return databaseUrl(name);
}

/** Drops database `name`, disconnecting whoever is still connected to it. */
export async function dropDatabase(name: string): Promise<void> {
  await withClient(ADMIN_URL, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
  );
}

/** Brings the database at `url` to the latest schema. */
export async function migrate(url: string): Promise<void> {
  await runMigrations({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 }, new Logger('Bench'));
}

/** On SIGINT or SIGTERM (Ctrl-C, a CI timeout), runs `cleanup` and exits 130. */
export function onInterrupt(cleanup: () => Promise<unknown>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }
}

/** The same text in all four languages, as a translated column holds it. */
export function localised(text: string): string {
  return JSON.stringify({ en: text, ru: text, kk: text, de: text });
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The app's configuration for a benchmark: production, the given database (already migrated), its own Redis
 * prefix, warnings only (per-request logs would measure the logger), no workers and no outbox relay.
 */
export function appEnv(url: string, redisPrefix = `bench-${suffix()}`): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    DATABASE_CREATE: 'false',
    MIGRATIONS_RUN: 'false',
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    WORKERS_IN_API: 'false',
    OUTBOX_RELAY: 'false',
  };
}

/** Node flags from an environment variable, space-separated (e.g. `--cpu-prof`). */
export function nodeArgs(variable: string): string[] {
  return process.env[variable]?.split(' ').filter(Boolean) ?? [];
}

/**
 * Starts `node dist/src/main.js` (or another build's `main`) on 127.0.0.1:`port` with `env` over this
 * process's environment and the variables of `npm start`, and
 * resolves once /api/v1/health/ready answers; kills it and throws when it exits or is not ready within 2 minutes
 * (a start takes seconds, but far longer on a machine busy with other work).
 */
export async function startServer(
  port: number,
  env: Record<string, string>,
  flags: string[] = [],
  main = MAIN,
): Promise<ChildProcess> {
  const server = spawn(process.execPath, [...flags, main], {
    env: { ...process.env, ...startScriptEnv(), ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`);
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error('The server did not become ready within 2 minutes');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Stops a server still running: waits `graceMs` first (for requests still queued), then SIGTERM, and
 * SIGKILL if it has not exited 10 s later; resolves once it has exited.
 */
export async function stopServer(server: ChildProcess | undefined, graceMs = 0): Promise<void> {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  if (graceMs > 0) await new Promise((resolve) => setTimeout(resolve, graceMs));
  const exited = new Promise((resolve) => server.once('exit', resolve));
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Signs `email` in through the API at `base` (…/api/v1) and returns the access token. */
export async function login(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`Login of ${email} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** The peak resident set of process `pid` so far (kB → MB), as the kernel counts it (VmHWM). */
export function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** The CPU time process `pid` has used so far (user and system, Linux), in milliseconds. */
export function cpuTimeMs(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; in clock ticks (1/100 s).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Forgets the peak so far (Linux `clear_refs` 5), so that the next reading covers what follows only. */
export function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** One route's figures under load. */
export interface Measurement {
  route: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx, or other than `expected` when one was given. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Requests answered in all. */
  requests: number;
}

/** The figures of an autocannon result; with `expected`, answers of any other status count as non2xx. */
export function summarise(route: string, result: autocannon.Result, expected?: number): Measurement {
  const unexpected =
    expected === undefined
      ? result.non2xx
      : Object.entries(result.statusCodeStats ?? {})
          .filter(([code]) => Number(code) !== expected)
          .reduce((sum, [, stat]) => sum + (stat.count ?? 0), 0);
  return {
    route,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: unexpected,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
  };
}

/** Drives GET `url` with CONNECTIONS connections for `seconds` and returns its figures. */
export async function measure(
  route: string,
  url: string,
  headers: Record<string, string>,
  seconds: number,
  expected?: number,
): Promise<Measurement> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return summarise(route, result, expected);
}

/** A table row: `label` padded to `width`, then each cell right-aligned to its width, one space apart. */
export function tableRow(label: string, width: number, ...cells: [string | number, number][]): string {
  return `${label.padEnd(width)}${cells.map(([value, size]) => ` ${String(value).padStart(size)}`).join('')}`;
}

/** A measurement's row: req/s, p50, p99, non-2xx and errors, right-aligned to `widths`. */
export function measurementRow(
  m: Measurement,
  width: number,
  widths: [number, number, number, number, number],
): string {
  const [rps, p50, p99, non2xx, errors] = widths;
  return tableRow(
    m.route,
    width,
    [m.requestsPerSecond.toFixed(0), rps],
    [m.p50Ms, p50],
    [m.p99Ms, p99],
    [m.non2xx, non2xx],
    [m.errors, errors],
  );
}

/** Milliseconds as seconds with three decimals, e.g. `1.234 s`. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

/** Runs `work` and returns its result with the milliseconds it took. */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** Runs a benchmark's `main`; if it throws, prints the error and exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/**
 * What every request pays before its route runs (the hooks every route shares: security headers, request
 * id, input limits, cookies, uploads), measured on the trivial `GET /api/v1/health/live` next to bare
 * Fastify answering the same JSON, both started in the same run on the same machine.
 *
 *   npm run bench:overhead
 *   BENCH_BASELINE=/tmp/magistral-old npm run bench:overhead
 *
 * BENCH_BASELINE names another checkout, built (`npm run build`), whose server is measured as well: a change
 * is compared with the code before it under the same load. All servers run at once and are measured in
 * turns, BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS each (default 10), 64 connections; the table
 * gives each one's medians. Besides req/s, which follows whatever else the machine runs, it gives the
 * server's CPU time per request (from /proc, Linux), which follows it far less. Creates a database of its
 * own (BENCH_DATABASE_URL, as the other benchmarks).
 * Goal: a request of the trivial route costs at most GOAL times the CPU of bare Fastify's. Exits 1 when not.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  appEnv,
  CONNECTIONS,
  cpuTimeMs,
  createDatabase,
  dropDatabase,
  freePort,
  measure,
  type Measurement,
  measurementRow,
  migrate,
  onInterrupt,
  runMain,
  SECONDS,
  startServer,
  stopServer,
  suffix,
} from './support.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BASELINE = process.env.BENCH_BASELINE;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LIVE = '/api/v1/health/live';
const GOAL = 3.5;

/** Fastify alone, one route answering what the app's liveness route answers: the ceiling of the machine. */
async function startBareFastify(port: number): Promise<ChildProcess> {
  const program = `import Fastify from 'fastify';
    const app = Fastify();
    app.get('${LIVE}', () => ({ status: 'ok' }));
    await app.listen({ port: ${port}, host: '127.0.0.1' });`;
  const server = spawn(process.execPath, ['--input-type=module', '-e', program], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${LIVE}`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill('SIGKILL');
  throw new Error('Bare Fastify did not answer within 30 s');
}

/** A round's figures, with the server's CPU time per request (what the load on the machine affects least). */
interface Run extends Measurement {
  cpuUs: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<void> {
  const name = `magistral_bench_overhead_${suffix()}`;
  const url = await createDatabase(name);
  const servers: ChildProcess[] = [];
  const cleanup = async () => {
    for (const server of servers) await stopServer(server);
    await dropDatabase(name);
  };
  onInterrupt(cleanup);
  try {
    await migrate(url);
    const targets: { label: string; port: number; pid: number }[] = [];
    const add = async (label: string, start: (port: number) => Promise<ChildProcess>) => {
      const port = await freePort();
      const server = await start(port);
      servers.push(server);
      targets.push({ label, port, pid: server.pid! });
    };
    await add('bare Fastify', startBareFastify);
    await add('this build', (port) => startServer(port, appEnv(url)));
    if (BASELINE) {
      const main = join(resolve(BASELINE), 'dist/src/main.js');
      await add('BENCH_BASELINE', (port) => startServer(port, appEnv(url), [], main));
    }

    for (const { port } of targets) await measure('warm-up', `http://127.0.0.1:${port}${LIVE}`, {}, 2);
    const runs = new Map<string, Run[]>(targets.map(({ label }) => [label, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const { label, port, pid } of targets) {
        const cpuBefore = cpuTimeMs(pid);
        const m = await measure(label, `http://127.0.0.1:${port}${LIVE}`, {}, SECONDS);
        const cpuUs = ((cpuTimeMs(pid) - cpuBefore) * 1000) / Math.max(1, m.requests);
        runs.get(label)!.push({ ...m, cpuUs });
        console.log(
          `round ${round}: ${label.padEnd(14)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s, ${cpuUs.toFixed(1)} µs of server CPU a request`,
        );
      }
    }

    console.log(`\nGET ${LIVE}, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s: medians\n`);
    console.log(
      'server                req/s     p50 ms   p99 ms   unexpected  errors   / bare   CPU µs/req   / bare',
    );
    const medians = targets.map(({ label }): Run => {
      const all = runs.get(label)!;
      return {
        route: label,
        requestsPerSecond: median(all.map((m) => m.requestsPerSecond)),
        p50Ms: median(all.map((m) => m.p50Ms)),
        p99Ms: median(all.map((m) => m.p99Ms)),
        non2xx: all.reduce((sum, m) => sum + m.non2xx, 0),
        errors: all.reduce((sum, m) => sum + m.errors, 0),
        requests: all.reduce((sum, m) => sum + m.requests, 0),
        cpuUs: median(all.map((m) => m.cpuUs)),
      };
    });
    const bare = medians[0]!;
    for (const m of medians)
      console.log(
        `${measurementRow(m, 18, [9, 9, 8, 12, 7])} ${(m.requestsPerSecond / bare.requestsPerSecond).toFixed(3).padStart(8)} ${m.cpuUs.toFixed(1).padStart(12)} ${(m.cpuUs / bare.cpuUs).toFixed(2).padStart(8)}`,
      );
    const ratio = medians[1]!.cpuUs / bare.cpuUs;
    const clean = medians.every((m) => m.non2xx === 0 && m.errors === 0);
    console.log(
      `\nthis build / bare Fastify, CPU a request: ${ratio.toFixed(2)} (goal ≤ ${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'})`,
    );
    if (!clean) console.log('Some requests failed or answered an unexpected status: see the table.');
    process.exitCode = ratio <= GOAL && clean ? 0 : 1;
  } finally {
    await cleanup();
  }
}

runMain(main);

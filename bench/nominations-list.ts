/**
 * Benchmark of `GET /api/v1/nominations?pageSize=50` (an organiser, 10,000 nominations) next to the
 * trivial `GET /api/v1/health/live`, measured on the same compiled server in the same run.
 *
 *   npm run bench:nominations
 *
 * Creates a database of its own (BENCH_DATABASE_URL names the server and an admin database; default
 * postgres://postgres@127.0.0.1:5432/postgres), migrates and seeds it, starts `node dist/src/main.js` on
 * a free port, drives both routes with autocannon (64 connections, BENCH_SECONDS each, default 10) and
 * drops the database afterwards. Goal (issue 3): the list reaches at least a tenth of the trivial route's
 * req/s with a p99 under 100 ms. Exits 1 when it does not.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import autocannon from 'autocannon';
import pg from 'pg';
import { runMigrations } from '../src/database/prepare-database.js';
import { hashPassword } from '../src/modules/auth/passwords.js';

const NOMINATIONS = Number(process.env.BENCH_NOMINATIONS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'Bench-Steppe-Caravan-2025';
const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));

interface Measurement {
  route: string;
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  non2xx: number;
  errors: number;
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
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

/** Ten thousand nominations of 250 companies in the four categories of one edition, in every status. */
async function seed(url: string): Promise<{ organiserEmail: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const hash = await hashPassword(PASSWORD);
    const organiserEmail = 'organiser@bench.test';
    await client.query(
      `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at) VALUES ($1, $2, 'Bench Organiser', ARRAY['organiser'], now())`,
      [organiserEmail, hash],
    );
    await client.query(
      `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at)
       SELECT 'entrant' || i || '@bench.test', $1, 'Entrant ' || i, ARRAY['entrant'], now() FROM generate_series(1, 250) i`,
      [hash],
    );
    const [edition] = (
      await client.query(
        `INSERT INTO editions (slug, name, phase, nominations_open_at, nominations_close_at, judging_open_at, judging_close_at, max_nominations_per_company_per_category)
         VALUES ('bench-2025', 'Magistral Awards 2025', 'eligibility', now() - interval '30 days', now() - interval '1 day', now() + interval '10 days', now() + interval '40 days', 100)
         RETURNING id`,
      )
    ).rows as { id: string }[];
    const text = (s: string) => JSON.stringify({ en: s, ru: s, kk: s, de: s });
    for (const [position, code] of ['efficiency', 'sustainability', 'fairness', 'digitalisation'].entries()) {
      await client.query(
        `INSERT INTO categories (edition_id, code, name, description, position) VALUES ($1, $2, $3, $4, $5)`,
        [edition!.id, code, text(code), text(`About ${code}`), position],
      );
    }
    await client.query(
      `INSERT INTO companies (name, country, registration_number, created_by)
       SELECT 'Logistics Company ' || i, (ARRAY['KZ', 'UZ', 'DE', 'RU', 'KG'])[1 + i % 5], 'BIN-' || lpad(i::text, 8, '0'), u.id
         FROM generate_series(1, 250) i JOIN users u ON u.email = 'entrant' || i || '@bench.test'`,
    );
    await client.query(
      `INSERT INTO company_members (company_id, user_id, role) SELECT c.id, c.created_by, 'owner' FROM companies c`,
    );
    await client.query(
      `WITH c AS (SELECT id, created_by, row_number() OVER (ORDER BY id) - 1 AS k FROM companies),
            cat AS (SELECT id, position FROM categories WHERE edition_id = $1)
       INSERT INTO nominations (edition_id, category_id, company_id, created_by, title, summary, answers, metrics, status, submitted_at, submitted_by, ineligibility_reason, created_at, updated_at)
       SELECT $1, cat.id, c.id, c.created_by,
              'Project ' || i || ': rail corridor and dry port digitalisation',
              repeat('We moved containers from road to rail and cut dwell time at the border. ', 4),
              '{"approach": "Block trains and electronic consignment notes."}'::jsonb,
              '[{"name": "CO2 avoided", "value": 1250.5, "unit": "t"}]'::jsonb,
              s.status,
              CASE WHEN s.status = 'draft' THEN NULL ELSE now() - (i || ' minutes')::interval END,
              CASE WHEN s.status = 'draft' THEN NULL ELSE c.created_by END,
              CASE WHEN s.status = 'ineligible' THEN 'Outside the award period' END,
              now() - (i || ' minutes')::interval, now() - (i || ' seconds')::interval
         FROM generate_series(1, $2::int) i
         JOIN c ON c.k = i % 250
         JOIN cat ON cat.position = i % 4
         CROSS JOIN LATERAL (SELECT (ARRAY['draft', 'submitted', 'submitted', 'eligible', 'ineligible', 'withdrawn'])[1 + i % 6] AS status) s`,
      [edition!.id, NOMINATIONS],
    );
    await client.query('VACUUM ANALYZE');
    return { organiserEmail };
  } finally {
    await client.end();
  }
}

let exited: Promise<unknown> = Promise.resolve();

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), MAIN],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        DATABASE_CREATE: 'false',
        MIGRATIONS_RUN: 'false',
        REDIS_URL,
        REDIS_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
        JWT_SECRET: randomBytes(32).toString('hex'),
        // Per-request access logs would measure the logger; both routes are measured the same way.
        LOG_LEVEL: 'warn',
        WORKERS_IN_API: 'false',
        OUTBOX_RELAY: 'false',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  exited = new Promise((resolve) => server.once('exit', resolve));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`);
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error('The server did not become ready within 30 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function measure(
  route: string,
  url: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<Measurement> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return {
    route,
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function main(): Promise<void> {
  const name = `magistral_bench_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(name);
  await withAdmin((client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  let server: ChildProcess | undefined;
  // Interrupted (Ctrl-C, a CI timeout): take the server and the database down too, never leave them behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server?.kill('SIGKILL');
      void withAdmin((client) =>
        client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
      ).finally(() => process.exit(130));
    });
  }
  try {
    await runMigrations({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 }, new Logger('Bench'));
    const seeding = Date.now();
    const { organiserEmail } = await seed(url);
    console.log(`Seeded ${NOMINATIONS} nominations in ${Date.now() - seeding} ms (database ${name})`);

    const port = await freePort();
    server = await startServer(url, port);
    const base = `http://127.0.0.1:${port}/api/v1`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: organiserEmail, password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`Login failed: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const listUrl = `${base}/nominations?pageSize=50`;
    const sample = await fetch(listUrl, { headers: auth });
    const page = (await sample.json()) as { total: number; items: unknown[] };
    if (!sample.ok || page.items.length !== 50 || page.total !== NOMINATIONS)
      throw new Error(`Unexpected list answer: ${sample.status} ${JSON.stringify(page).slice(0, 300)}`);

    // Warm both paths (JIT, connection pool, plan cache) before measuring.
    await measure('warm-up', `${base}/health/live`, {}, 2);
    await measure('warm-up', listUrl, auth, 2);
    const trivial = await measure('GET /api/v1/health/live', `${base}/health/live`, {}, SECONDS);
    const list = await measure('GET /api/v1/nominations?pageSize=50 (organiser)', listUrl, auth, SECONDS);

    const ratio = list.requestsPerSecond / trivial.requestsPerSecond;
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per route, ${NOMINATIONS} nominations\n`);
    console.log(
      'route                                              req/s      p50 ms   p99 ms   non-2xx  errors',
    );
    for (const m of [trivial, list]) {
      console.log(
        `${m.route.padEnd(50)} ${m.requestsPerSecond.toFixed(0).padStart(8)} ${String(m.p50Ms).padStart(9)} ${String(m.p99Ms).padStart(8)} ${String(m.non2xx).padStart(9)} ${String(m.errors).padStart(7)}`,
      );
    }
    const ratioOk = ratio >= 0.1;
    const p99Ok = list.p99Ms < 100;
    const clean = list.non2xx === 0 && list.errors === 0 && trivial.non2xx === 0 && trivial.errors === 0;
    console.log(`\nlist / trivial req/s: ${ratio.toFixed(3)} (goal ≥ 0.100: ${ratioOk ? 'met' : 'NOT met'})`);
    console.log(`list p99: ${list.p99Ms} ms (goal < 100 ms: ${p99Ok ? 'met' : 'NOT met'})`);
    if (!clean) console.log('Some requests failed or answered non-2xx: see the table.');
    process.exitCode = ratioOk && p99Ok && clean ? 0 : 1;
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      // A server that does not stop within 10 s is killed: the database must be dropped either way.
      const timer = setTimeout(() => server?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await withAdmin((client) =>
      client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

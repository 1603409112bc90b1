/**
 * Benchmark of the public results of a published edition, `GET /api/v1/public/editions/{slug}/results`
 * (anonymous, from the Redis cache), next to the trivial `GET /api/v1/health/live`, on the same compiled
 * server in the same run; and the same results revalidated with `If-None-Match` (304).
 *
 *   npm run bench:public
 *
 * Creates a database of its own (BENCH_DATABASE_URL names the server and an admin database; default
 * postgres://postgres@127.0.0.1:5432/postgres), seeds a judged edition (4 categories × 25 nominations, 12
 * jurors), closes its round, runs the tally jobs and publishes it through the services, then starts
 * `node dist/src/main.js` on a free port and drives each route with autocannon (64 connections,
 * BENCH_SECONDS each, default 10). Goal (issue 5): the public results reach at least half of the trivial
 * route's req/s. Exits 1 when they do not.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import autocannon from 'autocannon';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.setup.js';
import { loadConfig } from '../src/config/app-config.js';
import { runMigrations } from '../src/database/prepare-database.js';
import { PublicationService } from '../src/modules/publication/publication.service.js';
import { TallyService } from '../src/modules/tally/tally.service.js';

const NOMINATIONS = Number(process.env.BENCH_NOMINATIONS ?? 25); // per category
const JURORS = Number(process.env.BENCH_JURORS ?? 12);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));

interface Measurement {
  route: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
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

/** A judged edition: every panel juror scored every nomination of their category on three criteria. */
async function seed(
  client: pg.Client,
): Promise<{ editionId: string; slug: string; roundId: string; organiserId: string }> {
  const rows = async <T>(sql: string, params: unknown[] = []) =>
    (await client.query(sql, params)).rows as T[];
  const [organiser] = await rows<{ id: string }>(
    `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at) VALUES ('organiser@bench.test', 'x', 'Organiser', ARRAY['organiser'], now()) RETURNING id`,
  );
  const slug = 'magistral-bench';
  const [edition] = await rows<{ id: string }>(
    `INSERT INTO editions (slug, name, phase, nominations_open_at, nominations_close_at, judging_open_at, judging_close_at, scoring_method, tie_breakers)
     VALUES ($1, 'Magistral Awards (bench)', 'judging', now() - interval '30 days', now() - interval '20 days', now() - interval '19 days', now() + interval '10 days', 'zscore', ARRAY['median'])
     RETURNING id`,
    [slug],
  );
  const text = (s: string) => JSON.stringify({ en: s, ru: s, kk: s, de: s });
  for (const [position, code] of ['efficiency', 'sustainability', 'fairness', 'digitalisation'].entries()) {
    const [category] = await rows<{ id: string }>(
      `INSERT INTO categories (edition_id, code, name, description, position) VALUES ($1, $2, $3, $3, $4) RETURNING id`,
      [edition.id, code, text(code), position],
    );
    for (const [i, [criterion, weight]] of [
      ['impact', '2'],
      ['innovation', '1.5'],
      ['scalability', '1'],
    ].entries()) {
      await client.query(
        `INSERT INTO criteria (category_id, code, name, description, weight, position) VALUES ($1, $2, $3, $3, $4, $5)`,
        [category.id, criterion, text(criterion), weight, i],
      );
    }
  }
  const [round] = await rows<{ id: string }>(
    `INSERT INTO rounds (edition_id, number, name) VALUES ($1, 1, 'Final') RETURNING id`,
    [edition.id],
  );
  await client.query(
    `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at)
     SELECT 'juror' || i || '@bench.test', 'x', 'Juror ' || i, ARRAY['juror'], now() FROM generate_series(1, $1::int) i`,
    [JURORS],
  );
  await client.query(
    `INSERT INTO panel_members (category_id, juror_id, edition_id)
     SELECT c.id, u.id, $1 FROM categories c CROSS JOIN users u WHERE c.edition_id = $1 AND 'juror' = ANY(u.roles)`,
    [edition.id],
  );
  await client.query(
    `INSERT INTO companies (name, country, registration_number, created_by)
     SELECT 'Logistics Company ' || i, (ARRAY['KZ', 'UZ', 'DE', 'RU', 'KG'])[1 + i % 5], 'BIN-' || lpad(i::text, 8, '0'), $2 FROM generate_series(1, $1::int) i`,
    [4 * NOMINATIONS, organiser.id],
  );
  await client.query(
    `WITH c AS (SELECT id, row_number() OVER (ORDER BY registration_number) - 1 AS k FROM companies),
          cat AS (SELECT id, position FROM categories WHERE edition_id = $1)
     INSERT INTO nominations (edition_id, category_id, company_id, created_by, title, status, submitted_at, submitted_by)
     SELECT $1, cat.id, c.id, $2, 'Project ' || c.k || ': rail corridor and dry port digitalisation', 'eligible', now(), $2
       FROM c JOIN cat ON cat.position = c.k % 4`,
    [edition.id, organiser.id],
  );
  await client.query(
    `INSERT INTO assignments (round_id, nomination_id, juror_id)
     SELECT $1, n.id, pm.juror_id FROM nominations n JOIN panel_members pm ON pm.category_id = n.category_id WHERE n.edition_id = $2`,
    [round.id, edition.id],
  );
  await client.query(
    `INSERT INTO scorecards (round_id, nomination_id, juror_id, status, scores, submitted_at)
     SELECT round_id, nomination_id, juror_id, 'submitted',
            jsonb_build_object('impact', floor(random() * 11)::int, 'innovation', floor(random() * 11)::int, 'scalability', floor(random() * 11)::int), now()
       FROM assignments WHERE round_id = $1`,
    [round.id],
  );
  await client.query('VACUUM ANALYZE');
  return { editionId: edition.id, slug, roundId: round.id, organiserId: organiser.id };
}

/** Closes the round, runs its tally jobs and publishes, through the same services the API uses. */
async function publish(url: string, prefix: string, world: Awaited<ReturnType<typeof seed>>): Promise<void> {
  const app = await createApp(
    loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATABASE_CREATE: 'false',
      MIGRATIONS_RUN: 'false',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      WORKERS_IN_API: 'false',
      OUTBOX_RELAY: 'false',
    }),
  );
  await app.init();
  try {
    const caller = { userId: world.organiserId, sessionId: 'bench', roles: ['organiser' as const] };
    const tally = app.get(TallyService);
    const { jobs } = await tally.closeRound(caller, world.roundId);
    for (const job of jobs)
      await tally.runJob(
        { roundId: world.roundId, categoryId: job.categoryId, runId: job.runId },
        { id: job.jobId, attempt: 1, maxAttempts: 5 },
      );
    const publication = await app.get(PublicationService).publish(caller, world.editionId, undefined);
    if (publication.status !== 'published') throw new Error(`Not published: ${JSON.stringify(publication)}`);
    // The outbox holds the tally jobs the close enqueued; they ran above, so the server must not run them again.
    await app.get(DataSource).query(`UPDATE outbox SET dispatched_at = now() WHERE dispatched_at IS NULL`);
  } finally {
    await app.close();
  }
}

async function startServer(url: string, port: number, prefix: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      DATABASE_CREATE: 'false',
      MIGRATIONS_RUN: 'false',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      // Per-request access logs would measure the logger; both routes are measured the same way.
      LOG_LEVEL: 'warn',
      WORKERS_IN_API: 'false',
      OUTBOX_RELAY: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`);
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('The server did not become ready within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function measure(
  route: string,
  url: string,
  headers: Record<string, string>,
  seconds: number,
  expected = 200,
): Promise<Measurement> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  const unexpected = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => Number(code) !== expected)
    .reduce((sum, [, stat]) => sum + (stat.count ?? 0), 0);
  return {
    route,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: unexpected,
    errors: result.errors + result.timeouts,
  };
}

async function main(): Promise<void> {
  const name = `magistral_bench_public_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(name);
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  await withClient(ADMIN_URL, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  let server: ChildProcess | undefined;
  try {
    await runMigrations({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 }, new Logger('Bench'));
    const world = await withClient(url, seed);
    await publish(url, prefix, world);

    const port = await freePort();
    server = await startServer(url, port, prefix);
    const base = `http://127.0.0.1:${port}/api/v1`;
    const resultsUrl = `${base}/public/editions/${world.slug}/results`;
    const sample = await fetch(resultsUrl);
    const body = await sample.text();
    const etag = sample.headers.get('etag');
    if (!sample.ok || !etag)
      throw new Error(`Unexpected results answer: ${sample.status} ${body.slice(0, 300)}`);
    console.log(
      `Published ${4 * NOMINATIONS} nominations, ${4 * NOMINATIONS * JURORS} scorecards; the results document is ${body.length} bytes\n`,
    );

    // Warm every path (JIT, pools) before measuring.
    await measure('warm-up', `${base}/health/live`, {}, 2);
    await measure('warm-up', resultsUrl, {}, 2);
    const trivial = await measure('GET /api/v1/health/live', `${base}/health/live`, {}, SECONDS);
    const results = await measure(
      `GET /api/v1/public/editions/${world.slug}/results`,
      resultsUrl,
      {},
      SECONDS,
    );
    const revalidated = await measure(
      '  … with If-None-Match (304)',
      resultsUrl,
      { 'if-none-match': etag },
      SECONDS,
      304,
    );

    console.log(`${CONNECTIONS} connections, ${SECONDS} s per route\n`);
    console.log(
      'route                                                   req/s     p50 ms   p99 ms   unexpected  errors',
    );
    for (const m of [trivial, results, revalidated]) {
      console.log(
        `${m.route.padEnd(54)} ${m.requestsPerSecond.toFixed(0).padStart(7)} ${String(m.p50Ms).padStart(9)} ${String(m.p99Ms).padStart(8)} ${String(m.non2xx).padStart(12)} ${String(m.errors).padStart(7)}`,
      );
    }
    const ratio = results.requestsPerSecond / trivial.requestsPerSecond;
    const ok = ratio >= 0.5;
    const clean = [trivial, results, revalidated].every((m) => m.non2xx === 0 && m.errors === 0);
    console.log(
      `\npublic results / trivial req/s: ${ratio.toFixed(3)} (goal ≥ 0.5: ${ok ? 'met' : 'NOT met'})`,
    );
    if (!clean) console.log('Some requests failed or answered an unexpected status: see the table.');
    process.exitCode = ok && clean ? 0 : 1;
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    await withClient(ADMIN_URL, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

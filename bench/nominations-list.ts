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
 * req/s with a p99 under 100 ms. Exits 1 when it does not. For investigation: BENCH_KEEP_DATABASE=1 keeps
 * the seeded database, BENCH_NODE_ARGS passes Node flags to the server.
 */
import type { ChildProcess } from 'node:child_process';
import { hashPassword } from '../src/modules/auth/passwords.js';
import {
  appEnv,
  CONNECTIONS,
  createDatabase,
  dropDatabase,
  freePort,
  localised,
  login,
  measure,
  measurementRow,
  migrate,
  runMain,
  nodeArgs,
  onInterrupt,
  PASSWORD,
  SECONDS,
  startServer,
  stopServer,
  suffix,
  withClient,
} from './support.js';

const NOMINATIONS = Number(process.env.BENCH_NOMINATIONS ?? 10_000);

/** Ten thousand nominations of 250 companies in the four categories of one edition, in every status. */
async function seed(url: string): Promise<{ organiserEmail: string }> {
  return withClient(url, async (client) => {
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
    for (const [position, code] of ['efficiency', 'sustainability', 'fairness', 'digitalisation'].entries()) {
      await client.query(
        `INSERT INTO categories (edition_id, code, name, description, position) VALUES ($1, $2, $3, $4, $5)`,
        [edition!.id, code, localised(code), localised(`About ${code}`), position],
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
  });
}

async function main(): Promise<void> {
  const name = `magistral_bench_${suffix()}`;
  const url = await createDatabase(name);
  let server: ChildProcess | undefined;
  // Interrupted (Ctrl-C, a CI timeout): take the server and the database down too, never leave them behind.
  onInterrupt(async () => {
    server?.kill('SIGKILL');
    await dropDatabase(name);
  });
  try {
    await migrate(url);
    const seeding = Date.now();
    const { organiserEmail } = await seed(url);
    console.log(`Seeded ${NOMINATIONS} nominations in ${Date.now() - seeding} ms (database ${name})`);

    const port = await freePort();
    // Per-request access logs would measure the logger; both routes are measured the same way.
    server = await startServer(port, appEnv(url), nodeArgs('BENCH_NODE_ARGS'));
    const base = `http://127.0.0.1:${port}/api/v1`;
    const auth = { authorization: `Bearer ${await login(base, organiserEmail)}` };
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
      console.log(measurementRow(m, 50, [8, 9, 8, 9, 7]));
    }
    const ratioOk = ratio >= 0.1;
    const p99Ok = list.p99Ms < 100;
    const clean = list.non2xx === 0 && list.errors === 0 && trivial.non2xx === 0 && trivial.errors === 0;
    console.log(`\nlist / trivial req/s: ${ratio.toFixed(3)} (goal ≥ 0.100: ${ratioOk ? 'met' : 'NOT met'})`);
    console.log(`list p99: ${list.p99Ms} ms (goal < 100 ms: ${p99Ok ? 'met' : 'NOT met'})`);
    if (!clean) console.log('Some requests failed or answered non-2xx: see the table.');
    process.exitCode = ratioOk && p99Ok && clean ? 0 : 1;
  } finally {
    // A server that does not stop within 10 s is killed: the database must be dropped either way.
    await stopServer(server);
    if (process.env.BENCH_KEEP_DATABASE) console.log(`Kept database ${name} (BENCH_KEEP_DATABASE)`);
    else await dropDatabase(name);
  }
}

runMain(main);

/**
 * Benchmark of `PUT /api/v1/rounds/{roundId}/scorecards/{nominationId}`: 64 jurors, each on its own
 * connection with its own access token, saving drafts of distinct scorecards (each write upserts the
 * scorecard and appends its audit entry) over 1,000 nominations, against the compiled server; next to
 * `pgbench` doing single-row upserts into a table of the same shape with 16 clients, in the same run.
 *
 *   npm run bench:scorecards
 *
 * Creates databases of its own (BENCH_DATABASE_URL names the server and an admin database; default
 * postgres://postgres@127.0.0.1:5432/postgres), seeds one, starts `node dist/src/main.js` on a free port
 * with the variables `npm start` sets, signs the jurors in through the API, warms up for 2 s, runs pgbench, then measures for BENCH_SECONDS
 * (default 10) and drops both databases. The peak RSS is the server's VmHWM over the measurement (reset
 * with `clear_refs` just before it; the peak of start-up and the 64 argon2 sign-ins is printed beside it).
 * For reference it then measures `GET /auth/me` with the same tokens: what any authenticated request
 * costs on this platform before it does anything of its own. Goal (issue 4): at least a quarter of
 * pgbench's TPS, a p99 under 100 ms and a peak server RSS under 300 MB. Exits 1 otherwise. The latency
 * line (p50 … max) shows how much of the tail is the machine: client, server and PostgreSQL share its cores.
 *
 * For investigation: BENCH_DATABASE_NAME and BENCH_KEEP_DATABASE=1 keep the seeded database;
 * BENCH_SERVER_ARGS passes Node flags to the server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { hashPassword } from '../src/modules/auth/passwords.js';
import {
  appEnv,
  CONNECTIONS,
  createDatabase,
  dropDatabase,
  freePort,
  localised,
  login,
  migrate,
  runMain,
  nodeArgs,
  PASSWORD,
  peakRssMb,
  resetPeakRss,
  SECONDS,
  startServer,
  stopServer,
  suffix,
  summarise,
  tableRow,
  withClient,
} from './support.js';

const NOMINATIONS = Number(process.env.BENCH_NOMINATIONS ?? 1000);
const JURORS = Number(process.env.BENCH_JURORS ?? 64);
const PGBENCH_CLIENTS = 16;
const CRITERIA = ['cost', 'speed', 'reliability'];

const run = promisify(execFile);

interface Seeded {
  roundId: string;
  nominationIds: string[];
  jurorEmails: string[];
}

/**
 * An edition in judging: four categories of three criteria, 1,000 eligible nominations of 250 companies,
 * 64 jurors on every panel, each assigned every nomination of round 1 and with their conflicts confirmed.
 */
async function seed(url: string): Promise<Seeded> {
  return withClient(url, async (client) => {
    const hash = await hashPassword(PASSWORD);
    await client.query(
      `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at)
       SELECT 'entrant' || i || '@bench.test', $1, 'Entrant ' || i, ARRAY['entrant'], now() FROM generate_series(1, 250) i`,
      [hash],
    );
    await client.query(
      `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at)
       SELECT 'juror' || i || '@bench.test', $1, 'Juror ' || i, ARRAY['juror'], now() FROM generate_series(1, $2::int) i`,
      [hash, JURORS],
    );
    const {
      rows: [edition],
    } = await client.query<{ id: string }>(
      `INSERT INTO editions (slug, name, phase, nominations_open_at, nominations_close_at, judging_open_at, judging_close_at, max_nominations_per_company_per_category)
       VALUES ('bench-2025', 'Magistral Awards 2025', 'judging', now() - interval '40 days', now() - interval '10 days', now() - interval '1 day', now() + interval '30 days', 100)
       RETURNING id`,
    );
    for (const [position, code] of ['efficiency', 'sustainability', 'fairness', 'digitalisation'].entries()) {
      const {
        rows: [category],
      } = await client.query<{ id: string }>(
        `INSERT INTO categories (edition_id, code, name, description, position) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [edition!.id, code, localised(code), localised(`About ${code}`), position],
      );
      for (const [i, criterion] of CRITERIA.entries()) {
        await client.query(
          `INSERT INTO criteria (category_id, code, name, description, weight, position) VALUES ($1, $2, $3, $4, $5, $6)`,
          [category!.id, criterion, localised(criterion), localised(`About ${criterion}`), String(i + 1), i],
        );
      }
    }
    await client.query(
      `INSERT INTO companies (name, country, registration_number, created_by)
       SELECT 'Logistics Company ' || i, 'KZ', 'BIN-' || lpad(i::text, 8, '0'), u.id
         FROM generate_series(1, 250) i JOIN users u ON u.email = 'entrant' || i || '@bench.test'`,
    );
    await client.query(
      `INSERT INTO company_members (company_id, user_id, role) SELECT c.id, c.created_by, 'owner' FROM companies c`,
    );
    await client.query(
      `WITH c AS (SELECT id, created_by, row_number() OVER (ORDER BY id) - 1 AS k FROM companies),
            cat AS (SELECT id, position FROM categories WHERE edition_id = $1)
       INSERT INTO nominations (edition_id, category_id, company_id, created_by, title, summary, status, submitted_at, submitted_by, eligibility_decided_at)
       SELECT $1, cat.id, c.id, c.created_by, 'Project ' || i, 'Block trains from Khorgos to Duisburg.', 'eligible', now() - interval '20 days', c.created_by, now() - interval '5 days'
         FROM generate_series(1, $2::int) i JOIN c ON c.k = i % 250 JOIN cat ON cat.position = i % 4`,
      [edition!.id, NOMINATIONS],
    );
    const {
      rows: [round],
    } = await client.query<{ id: string }>(
      `INSERT INTO rounds (edition_id, number, name) VALUES ($1, 1, 'Main') RETURNING id`,
      [edition!.id],
    );
    await client.query(
      `INSERT INTO panel_members (category_id, juror_id, edition_id)
       SELECT c.id, u.id, $1 FROM categories c CROSS JOIN users u WHERE c.edition_id = $1 AND 'juror' = ANY(u.roles)`,
      [edition!.id],
    );
    await client.query(
      `INSERT INTO assignments (round_id, nomination_id, juror_id)
       SELECT $1, n.id, pm.juror_id FROM nominations n JOIN panel_members pm ON pm.category_id = n.category_id WHERE n.edition_id = $2`,
      [round!.id, edition!.id],
    );
    await client.query(
      `INSERT INTO terms_acceptances (edition_id, juror_id) SELECT $1, id FROM users WHERE 'juror' = ANY(roles)`,
      [edition!.id],
    );
    await client.query(
      `INSERT INTO conflict_confirmations (edition_id, juror_id) SELECT $1, id FROM users WHERE 'juror' = ANY(roles)`,
      [edition!.id],
    );
    await client.query('VACUUM ANALYZE');
    const nominations = await client.query<{ id: string }>(`SELECT id FROM nominations ORDER BY id`);
    const jurors = await client.query<{ email: string }>(
      `SELECT email FROM users WHERE 'juror' = ANY(roles) ORDER BY email`,
    );
    return {
      roundId: round!.id,
      nominationIds: nominations.rows.map((r) => r.id),
      jurorEmails: jurors.rows.map((r) => r.email),
    };
  });
}

/** pgbench on a scratch database: single-row upserts into a table shaped like `scorecards`, 16 clients. */
async function pgbench(): Promise<number> {
  const name = `magistral_pgbench_${suffix()}`;
  const dir = mkdtempSync(join(tmpdir(), 'magistral-pgbench-'));
  const url = await createDatabase(name);
  try {
    await withClient(url, (client) =>
      client.query(`
        CREATE TABLE scorecards (
          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          round_id uuid NOT NULL,
          nomination_id uuid NOT NULL,
          juror_id uuid NOT NULL,
          status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
          scores jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(scores) = 'object'),
          comment text CHECK (length(comment) <= 5000),
          version int NOT NULL DEFAULT 1,
          submitted_at timestamptz,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT uq_scorecards_round_nomination_juror UNIQUE (round_id, nomination_id, juror_id)
        );
        CREATE INDEX ix_scorecards_round_status ON scorecards (round_id, status);
        CREATE INDEX ix_scorecards_juror ON scorecards (juror_id, round_id);`),
    );
    const script = join(dir, 'upsert.sql');
    writeFileSync(
      script,
      `\\set n random(1, ${NOMINATIONS})
\\set j random(1, ${JURORS})
\\set s random(0, 10)
INSERT INTO scorecards (round_id, nomination_id, juror_id, status, scores, comment)
VALUES ('00000000-0000-4000-8000-000000000001', ('00000000-0000-4000-8000-' || lpad(:n::text, 12, '0'))::uuid,
        ('00000000-0000-4000-8001-' || lpad(:j::text, 12, '0'))::uuid, 'draft', jsonb_build_object('cost', :s, 'speed', 7, 'reliability', 8), 'Draft comment')
ON CONFLICT ON CONSTRAINT uq_scorecards_round_nomination_juror DO UPDATE
   SET status = EXCLUDED.status, scores = EXCLUDED.scores, comment = EXCLUDED.comment, version = scorecards.version + 1, updated_at = now();
`,
    );
    const { stdout } = await run(
      'pgbench',
      ['-n', '-c', String(PGBENCH_CLIENTS), '-j', '2', '-T', String(SECONDS), '-f', script, url],
      { maxBuffer: 1 << 20 },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    if (!tps) throw new Error(`Could not read pgbench's TPS from:\n${stdout}`);
    return Number(tps[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(name);
  }
}

/** 64 connections, one juror each, each walking its own nominations from a different starting point. */
function scorecardLoad(
  base: string,
  seeded: Seeded,
  tokens: string[],
  seconds: number,
): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    setupClient: (client) => {
      const juror = next++ % tokens.length;
      const headers = { authorization: `Bearer ${tokens[juror]}`, 'content-type': 'application/json' };
      let step = juror * 97;
      client.setRequests([
        {
          method: 'PUT',
          setupRequest: (request) => {
            step += 1;
            const nominationId = seeded.nominationIds[step % seeded.nominationIds.length]!;
            const scores = Object.fromEntries(CRITERIA.map((c, i) => [c, (step + i) % 11]));
            return {
              ...request,
              method: 'PUT',
              path: `/api/v1/rounds/${seeded.roundId}/scorecards/${nominationId}`,
              headers,
              body: JSON.stringify({ scores, comment: `Draft ${step}` }),
            };
          },
        },
      ]);
    },
  });
}

/**
 * The platform's own floor for an authenticated request, for reading the figures above: the same jurors'
 * tokens on `GET /auth/me` (token check, revocation check, one primary-key read).
 */
function authenticatedFloorLoad(base: string, tokens: string[], seconds: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: `${base}/api/v1/auth/me`,
    connections: CONNECTIONS,
    duration: seconds,
    setupClient: (client) => client.setHeaders({ authorization: `Bearer ${tokens[next++ % tokens.length]}` }),
  });
}

async function main(): Promise<void> {
  const name = process.env.BENCH_DATABASE_NAME ?? `magistral_bench_${suffix()}`;
  const url = await createDatabase(name);
  let server: ChildProcess | undefined;
  try {
    await migrate(url);
    const seeding = Date.now();
    const seeded = await seed(url);
    console.log(
      `Seeded ${seeded.nominationIds.length} nominations, ${seeded.jurorEmails.length} jurors in ${Date.now() - seeding} ms (database ${name})`,
    );

    const port = await freePort();
    server = await startServer(
      port,
      {
        ...appEnv(url),
        // 64 jurors sign in from one address before the measurement starts.
        RATE_LIMIT_IP_POINTS: '100000',
        RATE_LIMIT_ACCOUNT_POINTS: '100000',
      },
      // BENCH_SERVER_ARGS passes Node flags to the server, e.g. `--cpu-prof` to see where its time goes.
      nodeArgs('BENCH_SERVER_ARGS'),
    );
    const base = `http://127.0.0.1:${port}/api/v1`;
    const tokens: string[] = [];
    for (const email of seeded.jurorEmails) tokens.push(await login(base, email));
    const probe = await fetch(`${base}/rounds/${seeded.roundId}/scorecards/${seeded.nominationIds[0]}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scores: { cost: 1 } }),
    });
    if (!probe.ok)
      throw new Error(`Unexpected answer to a scorecard PUT: ${probe.status} ${await probe.text()}`);

    // Warm the server (JIT, pool, plan cache) before measuring.
    await scorecardLoad(`http://127.0.0.1:${port}`, seeded, tokens, 2);
    const tps = await pgbench();
    const auditBefore = await withClient(url, async (c) =>
      Number(
        (await c.query(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'scorecard'`)).rows[0].n,
      ),
    );
    const startupRss = peakRssMb(server.pid!);
    resetPeakRss(server.pid!);
    const result = await scorecardLoad(`http://127.0.0.1:${port}`, seeded, tokens, SECONDS);
    const rss = peakRssMb(server.pid!);
    const auditAfter = await withClient(url, async (c) =>
      Number(
        (await c.query(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'scorecard'`)).rows[0].n,
      ),
    );

    resetPeakRss(server.pid!);
    const floor = await authenticatedFloorLoad(`http://127.0.0.1:${port}`, tokens, SECONDS);
    const floorRss = peakRssMb(server.pid!);

    const rps = result.requests.average;
    const p99 = result.latency.p99;
    const ok = result['2xx'];
    console.log(
      `\n${CONNECTIONS} connections (${JURORS} jurors, distinct scorecards), ${SECONDS} s, ${NOMINATIONS} nominations\n`,
    );
    console.log(
      'measurement                                       throughput     p50 ms   p99 ms   non-2xx  errors',
    );
    console.log(tableRow('pgbench upsert, 16 clients (-j 2)', 48, [`${tps.toFixed(0)} tps`, 12]));
    for (const m of [
      summarise('PUT /rounds/{r}/scorecards/{n}', result),
      summarise('GET /auth/me (reference: the auth floor)', floor),
    ])
      console.log(
        tableRow(
          m.route,
          48,
          [`${m.requestsPerSecond.toFixed(0)} req/s`, 12],
          [m.p50Ms, 9],
          [m.p99Ms, 8],
          [m.non2xx, 9],
          [m.errors, 7],
        ),
      );
    const l = result.latency;
    console.log(
      `\nscorecard PUT latency (ms): p50 ${l.p50}, p90 ${l.p90}, p97.5 ${l.p97_5}, p99 ${l.p99}, p99.9 ${l.p99_9}, max ${l.max}`,
    );
    console.log(
      `server peak RSS (VmHWM) during the scorecard measurement: ${rss.toFixed(0)} MB (during GET /auth/me: ${floorRss.toFixed(0)} MB; before both, start-up and sign-ins included: ${startupRss.toFixed(0)} MB)`,
    );
    console.log(
      `audit entries written during the measurement: ${auditAfter - auditBefore} (2xx answers: ${ok})`,
    );

    const ratio = rps / tps;
    const ratioOk = ratio >= 0.25;
    const p99Ok = p99 < 100;
    const rssOk = rss < 300;
    const clean =
      result.non2xx === 0 && result.errors === 0 && result.timeouts === 0 && auditAfter - auditBefore >= ok;
    console.log(
      `\nscorecard req/s ÷ pgbench TPS: ${ratio.toFixed(3)} (goal ≥ 0.250: ${ratioOk ? 'met' : 'NOT met'})`,
    );
    console.log(`p99: ${p99} ms (goal < 100 ms: ${p99Ok ? 'met' : 'NOT met'})`);
    console.log(`peak RSS: ${rss.toFixed(0)} MB (goal < 300 MB: ${rssOk ? 'met' : 'NOT met'})`);
    if (!clean) console.log('Some requests failed, answered non-2xx or left no audit entry: see above.');
    process.exitCode = ratioOk && p99Ok && rssOk && clean ? 0 : 1;
  } finally {
    // autocannon stops on the clock with requests still queued in the server: let them finish first.
    await stopServer(server, 1000);
    if (process.env.BENCH_KEEP_DATABASE) console.log(`Kept database ${name} (BENCH_KEEP_DATABASE)`);
    else await dropDatabase(name);
  }
}

runMain(main);

/**
 * Benchmark of the public results of a published edition, `GET /api/v1/public/editions/{slug}/results`
 * (anonymous, from the Redis cache) and its HTML page `GET /results/{slug}` (rendered on the server, issue
 * 14), next to the trivial `GET /api/v1/health/live`, on the same compiled server in the same run; and both
 * revalidated with `If-None-Match` (304).
 *
 *   npm run bench:public
 *
 * Creates a database of its own (BENCH_DATABASE_URL names the server and an admin database; default
 * postgres://postgres@127.0.0.1:5432/postgres), seeds a judged edition (4 categories × 25 nominations, 12
 * jurors), closes its round, runs the tally jobs and publishes it through the services, then starts
 * `node dist/src/main.js` on a free port and drives each route with autocannon (64 connections,
 * BENCH_SECONDS each, default 10). Goals (issues 5 and 14): the public results and the results page each
 * reach at least half of the trivial route's req/s. Exits 1 when they do not.
 */
import type { ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.setup.js';
import { first } from '../src/common/checked-index.js';
import { loadConfig } from '../src/config/app-config.js';
import { PublicationService } from '../src/modules/publication/publication.service.js';
import { TallyService } from '../src/modules/tally/tally.service.js';
import {
  appEnv,
  CONNECTIONS,
  createDatabase,
  dropDatabase,
  freePort,
  localised,
  measure,
  measurementRow,
  migrate,
  runMain,
  SECONDS,
  startServer,
  stopServer,
  suffix,
  withClient,
} from './support.js';

const NOMINATIONS = Number(process.env.BENCH_NOMINATIONS ?? 25); // per category
const JURORS = Number(process.env.BENCH_JURORS ?? 12);

/** A judged edition: every panel juror scored every nomination of their category on three criteria. */
async function seed(
  client: pg.Client,
): Promise<{ editionId: string; slug: string; roundId: string; organiserId: string }> {
  const rows = async <T>(sql: string, params: unknown[] = []) =>
    (await client.query(sql, params)).rows as T[];
  const row = async <T>(sql: string, params: unknown[] = []) => first(await rows<T>(sql, params));
  const organiser = await row<{ id: string }>(
    `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at) VALUES ('organiser@bench.test', 'x', 'Organiser', ARRAY['organiser'], now()) RETURNING id`,
  );
  const slug = 'magistral-bench';
  const edition = await row<{ id: string }>(
    `INSERT INTO editions (slug, name, phase, nominations_open_at, nominations_close_at, judging_open_at, judging_close_at, scoring_method, tie_breakers)
     VALUES ($1, 'Magistral Awards (bench)', 'judging', now() - interval '30 days', now() - interval '20 days', now() - interval '19 days', now() + interval '10 days', 'zscore', ARRAY['median'])
     RETURNING id`,
    [slug],
  );
  for (const [position, code] of ['efficiency', 'sustainability', 'fairness', 'digitalisation'].entries()) {
    const category = await row<{ id: string }>(
      `INSERT INTO categories (edition_id, code, name, description, position) VALUES ($1, $2, $3, $3, $4) RETURNING id`,
      [edition.id, code, localised(code), position],
    );
    const criteria: [code: string, weight: string][] = [
      ['impact', '2'],
      ['innovation', '1.5'],
      ['scalability', '1'],
    ];
    for (const [i, [criterion, weight]] of criteria.entries()) {
      await client.query(
        `INSERT INTO criteria (category_id, code, name, description, weight, position) VALUES ($1, $2, $3, $3, $4, $5)`,
        [category.id, criterion, localised(criterion), weight, i],
      );
    }
  }
  const round = await row<{ id: string }>(
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
  const app = await createApp(loadConfig(appEnv(url, prefix)));
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

async function main(): Promise<void> {
  const name = `magistral_bench_public_${suffix()}`;
  const prefix = `bench-${suffix()}`;
  const url = await createDatabase(name);
  let server: ChildProcess | undefined;
  try {
    await migrate(url);
    const world = await withClient(url, seed);
    await publish(url, prefix, world);

    const port = await freePort();
    // Per-request access logs would measure the logger; both routes are measured the same way.
    server = await startServer(port, appEnv(url, prefix));
    const base = `http://127.0.0.1:${port}/api/v1`;
    const resultsUrl = `${base}/public/editions/${world.slug}/results`;
    const pageUrl = `http://127.0.0.1:${port}/results/${world.slug}`;
    // A browser's request: the page's language comes from Accept-Language; it takes gzip.
    const browser = {
      'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8',
      'accept-encoding': 'gzip, deflate, br, zstd',
      accept: 'text/html',
    };
    const sample = await fetch(resultsUrl);
    const body = await sample.text();
    const etag = sample.headers.get('etag');
    if (!sample.ok || !etag)
      throw new Error(`Unexpected results answer: ${sample.status} ${body.slice(0, 300)}`);
    const pageSample = await fetch(pageUrl, { headers: browser });
    const pageBody = await pageSample.text();
    const pageEtag = pageSample.headers.get('etag');
    if (!pageSample.ok || !pageEtag)
      throw new Error(`Unexpected results page: ${pageSample.status} ${pageBody.slice(0, 300)}`);
    console.log(
      `Published ${4 * NOMINATIONS} nominations, ${4 * NOMINATIONS * JURORS} scorecards; the results document is ${body.length} bytes, its page ${Buffer.byteLength(pageBody)} bytes (${pageSample.headers.get('content-length') ?? '?'} gzipped)\n`,
    );

    // Warm every path (JIT, pools) before measuring.
    await measure('warm-up', `${base}/health/live`, {}, 2);
    await measure('warm-up', resultsUrl, {}, 2);
    await measure('warm-up', pageUrl, browser, 2);
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
    const page = await measure(`GET /results/${world.slug} (HTML, ru)`, pageUrl, browser, SECONDS);
    const pageRevalidated = await measure(
      '  … with If-None-Match (304)',
      pageUrl,
      { ...browser, 'if-none-match': pageEtag },
      SECONDS,
      304,
    );

    console.log(`${CONNECTIONS} connections, ${SECONDS} s per route\n`);
    console.log(
      'route                                                   req/s     p50 ms   p99 ms   unexpected  errors',
    );
    const all = [trivial, results, revalidated, page, pageRevalidated];
    for (const m of all) {
      console.log(measurementRow(m, 54, [7, 9, 8, 12, 7]));
    }
    const ratio = results.requestsPerSecond / trivial.requestsPerSecond;
    const pageRatio = page.requestsPerSecond / trivial.requestsPerSecond;
    const ok = ratio >= 0.5 && pageRatio >= 0.5;
    const clean = all.every((m) => m.non2xx === 0 && m.errors === 0);
    const verdict = (r: number) => `${r.toFixed(3)} (goal ≥ 0.5: ${r >= 0.5 ? 'met' : 'NOT met'})`;
    console.log(`\npublic results / trivial req/s: ${verdict(ratio)}`);
    console.log(`results page / trivial req/s:   ${verdict(pageRatio)}`);
    if (!clean) console.log('Some requests failed or answered an unexpected status: see the table.');
    process.exitCode = ok && clean ? 0 : 1;
  } finally {
    await stopServer(server);
    await dropDatabase(name);
  }
}

runMain(main);

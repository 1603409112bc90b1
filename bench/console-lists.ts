/**
 * Benchmark of the first page of every list the organiser's console asks for (issue 16): one edition with
 * 2,000 nominations of 400 companies, 60 jurors on four panels, a round with five jurors per nomination and
 * its scorecards, declared conflicts and late ones, invitations, failed mails, the audit log of all of it,
 * and the round closed and tallied (tally runs and the ranking).
 *
 *   npm run bench:console
 *
 * Creates a database of its own (BENCH_DATABASE_URL names the server and an admin database; default
 * postgres://postgres@127.0.0.1:5432/postgres), seeds it in SQL as the other benches do (the audit entries
 * through the audit module's own append, the close and the tally through the services), starts
 * `node dist/src/main.js` on a free port and drives each route, exactly as the console's query asks for it,
 * with autocannon: BENCH_CONNECTIONS connections (default 4: a few organisers at work, so that the latency
 * is the server's time rather than the queue in front of a 2-core machine) for BENCH_SECONDS each (default
 * 5). Goal (issue 16): every first page under 200 ms at p99. Exits 1 when one is not, or answers non-2xx.
 * For investigation: BENCH_KEEP_DATABASE=1 keeps the seeded database, BENCH_NODE_ARGS passes Node flags to
 * the server, BENCH_ONLY=<part of a route's label> measures only the matching routes.
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import type pg from 'pg';
import { createApp } from '../src/app.setup.js';
import { first } from '../src/common/checked-index.js';
import { loadConfig } from '../src/config/app-config.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { type AuditRecord, AuditLog } from '../src/modules/audit/audit.service.js';
import { TallyService } from '../src/modules/tally/tally.service.js';
import { DataSource } from 'typeorm';
import {
  appEnv,
  createDatabase,
  dropDatabase,
  freePort,
  localised,
  login,
  type Measurement,
  migrate,
  nodeArgs,
  onInterrupt,
  PASSWORD,
  runMain,
  startServer,
  stopServer,
  suffix,
  summarise,
  tableRow,
  withClient,
} from './support.js';

const NOMINATIONS = Number(process.env.BENCH_NOMINATIONS ?? 2000);
const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 400);
const JURORS = Number(process.env.BENCH_JURORS ?? 60);
const PER_NOMINATION = 5;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TARGET_P99_MS = 200;
const CATEGORIES = ['efficiency', 'sustainability', 'fairness', 'digitalisation'];
const CRITERIA = ['impact', 'innovation', 'scalability'];

interface World {
  editionId: string;
  roundId: string;
  organiserId: string;
  categoryId: string;
  companyId: string;
  jurorId: string;
}

/**
 * The edition: 2,000 nominations (one in twenty ineligible, one in forty still a draft) of 400 companies and
 * 1,200 entrants, 60 jurors (15 per category's panel, 57 of them with their declaration done), five jurors on
 * every eligible nomination, 90 % of the scorecards submitted and 5 % drafts; 80 invitations; 6,000 mails of
 * which 60 failed; three older editions.
 */
async function seed(client: pg.Client): Promise<World> {
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
    first((await client.query(sql, params)).rows as T[]);
  const hash = await hashPassword(PASSWORD);
  const organiser = await one<{ id: string }>(
    `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at) VALUES ('organiser@bench.test', $1, 'Bench Organiser', ARRAY['organiser'], now()) RETURNING id`,
    [hash],
  );
  await client.query(
    `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at, created_at)
     SELECT 'entrant' || i || '@bench.test', 'x', 'Entrant ' || i, ARRAY['entrant'], now(), now() - (i || ' minutes')::interval
       FROM generate_series(1, $1::int * 3) i`,
    [COMPANIES],
  );
  await client.query(
    `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at, created_at)
     SELECT 'juror' || i || '@bench.test', 'x', 'Juror ' || i, ARRAY['juror'], now(), now() - (i || ' hours')::interval
       FROM generate_series(1, $1::int) i`,
    [JURORS],
  );
  for (const [i, year] of [2022, 2023, 2024].entries())
    await client.query(
      `INSERT INTO editions (slug, name, phase, nominations_open_at, nominations_close_at, judging_open_at, judging_close_at, created_at)
       VALUES ($1, $2, 'archived', now() - interval '1000 days', now() - interval '990 days', now() - interval '980 days', now() - interval '970 days', now() - ($3 || ' days')::interval)`,
      [`magistral-${year}`, `Magistral Awards ${year}`, String(900 - i * 300)],
    );
  const edition = await one<{ id: string }>(
    `INSERT INTO editions (slug, name, phase, nominations_open_at, nominations_close_at, judging_open_at, judging_close_at, max_nominations_per_company_per_category, min_scorecards)
     VALUES ('magistral-2025', 'Magistral Awards 2025', 'judging', now() - interval '40 days', now() - interval '10 days', now() - interval '9 days', now() + interval '30 days', 100, 3)
     RETURNING id`,
  );
  for (const [position, code] of CATEGORIES.entries()) {
    const category = await one<{ id: string }>(
      `INSERT INTO categories (edition_id, code, name, description, position) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [edition.id, code, localised(code), localised(`About ${code}`), position],
    );
    for (const [i, criterion] of CRITERIA.entries())
      await client.query(
        `INSERT INTO criteria (category_id, code, name, description, weight, position) VALUES ($1, $2, $3, $4, $5, $6)`,
        [category.id, criterion, localised(criterion), localised(`About ${criterion}`), String(i + 1), i],
      );
  }
  await client.query(
    `INSERT INTO companies (name, country, registration_number, created_by, created_at)
     SELECT (ARRAY['Steppe', 'Caspian', 'Silk Road', 'Altai', 'Baikal', 'Danube', 'Rhine', 'Tien Shan'])[1 + i % 8] || ' Logistics ' || i,
            (ARRAY['KZ', 'UZ', 'DE', 'RU', 'KG'])[1 + i % 5], 'BIN-' || lpad(i::text, 8, '0'), u.id, now() - (i || ' hours')::interval
       FROM generate_series(1, $1::int) i JOIN users u ON u.email = 'entrant' || i || '@bench.test'`,
    [COMPANIES],
  );
  // Three members each: the owner and two colleagues.
  await client.query(
    `INSERT INTO company_members (company_id, user_id, role)
     SELECT c.id, u.id, CASE WHEN u.id = c.created_by THEN 'owner' ELSE 'member' END
       FROM (SELECT id, created_by, row_number() OVER (ORDER BY registration_number) AS k FROM companies) c
       JOIN users u ON u.email IN ('entrant' || c.k || '@bench.test', 'entrant' || (c.k + $1) || '@bench.test', 'entrant' || (c.k + 2 * $1) || '@bench.test')`,
    [COMPANIES],
  );
  await client.query(
    `WITH c AS (SELECT id, created_by, row_number() OVER (ORDER BY registration_number) - 1 AS k FROM companies),
          cat AS (SELECT id, position FROM categories WHERE edition_id = $1)
     INSERT INTO nominations (edition_id, category_id, company_id, created_by, title, summary, answers, metrics, status, submitted_at, submitted_by, eligibility_decided_at, ineligibility_reason, created_at, updated_at)
     SELECT $1, cat.id, c.id, c.created_by,
            'Project ' || i || ': ' || (ARRAY['rail corridor', 'dry port', 'cold chain', 'electronic consignment notes', 'river barges'])[1 + i % 5],
            repeat('We moved containers from road to rail and cut dwell time at the border. ', 4),
            '{"approach": "Block trains and electronic consignment notes."}'::jsonb,
            '[{"name": "CO2 avoided", "value": 1250.5, "unit": "t"}]'::jsonb,
            s.status,
            CASE WHEN s.status = 'draft' THEN NULL ELSE now() - interval '20 days' + (i || ' seconds')::interval END,
            CASE WHEN s.status = 'draft' THEN NULL ELSE c.created_by END,
            CASE WHEN s.status IN ('eligible', 'ineligible') THEN now() - interval '12 days' END,
            CASE WHEN s.status = 'ineligible' THEN 'Outside the award period' END,
            now() - interval '30 days' + (i || ' seconds')::interval, now() - interval '12 days'
       FROM generate_series(1, $2::int) i
       JOIN c ON c.k = i % $3
       JOIN cat ON cat.position = i % 4
       CROSS JOIN LATERAL (SELECT CASE WHEN i % 40 = 0 THEN 'draft' WHEN i % 20 = 0 THEN 'ineligible' ELSE 'eligible' END AS status) s`,
    [edition.id, NOMINATIONS, COMPANIES],
  );
  const round = await one<{ id: string }>(
    `INSERT INTO rounds (edition_id, number, name, closes_at) VALUES ($1, 1, 'Main', now() + interval '20 days') RETURNING id`,
    [edition.id],
  );
  // Fifteen jurors per category: juror k sits on the panel of category k % 4.
  await client.query(
    `WITH j AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS k FROM users WHERE 'juror' = ANY(roles))
     INSERT INTO panel_members (category_id, juror_id, edition_id)
     SELECT c.id, j.id, $1 FROM categories c JOIN j ON j.k % 4 = c.position WHERE c.edition_id = $1`,
    [edition.id],
  );
  await client.query(
    `INSERT INTO terms_acceptances (edition_id, juror_id) SELECT $1, id FROM users WHERE 'juror' = ANY(roles)`,
    [edition.id],
  );
  await client.query(
    `INSERT INTO conflict_confirmations (edition_id, juror_id)
     SELECT $1, id FROM users WHERE 'juror' = ANY(roles) ORDER BY email OFFSET 3`,
    [edition.id],
  );
  // Five of the panel's jurors per eligible nomination, spread evenly (the automatic assignment's shape).
  await client.query(
    `WITH n AS (SELECT id, category_id, row_number() OVER (PARTITION BY category_id ORDER BY id) AS k
                  FROM nominations WHERE edition_id = $2 AND status = 'eligible'),
          p AS (SELECT category_id, juror_id, row_number() OVER (PARTITION BY category_id ORDER BY juror_id) - 1 AS r,
                       count(*) OVER (PARTITION BY category_id) AS size
                  FROM panel_members WHERE edition_id = $2)
     INSERT INTO assignments (round_id, nomination_id, juror_id)
     SELECT $1, n.id, p.juror_id FROM n JOIN p ON p.category_id = n.category_id
      WHERE ((p.r - n.k * $3) % p.size + p.size) % p.size < $3`,
    [round.id, edition.id, PER_NOMINATION],
  );
  await client.query(
    `INSERT INTO scorecards (round_id, nomination_id, juror_id, status, scores, comment, submitted_at)
     SELECT round_id, nomination_id, juror_id, CASE WHEN h < 90 THEN 'submitted' ELSE 'draft' END,
            jsonb_build_object('impact', h % 11, 'innovation', (h * 7) % 11, 'scalability', (h * 13) % 11),
            'Solid evidence; the CO2 figures are audited.', CASE WHEN h < 90 THEN now() - interval '2 days' END
       FROM (SELECT *, abs(hashtext(nomination_id::text || juror_id::text)) % 100 AS h FROM assignments WHERE round_id = $1) a
      WHERE h < 95`,
    [round.id],
  );
  await client.query(
    `INSERT INTO invitations (email, role, invited_by, token_hash, created_at, expires_at, accepted_at, locale, last_sent_at)
     SELECT 'invitee' || i || '@bench.test', CASE WHEN i % 10 = 0 THEN 'organiser' ELSE 'juror' END, $1, md5('invitation' || i),
            now() - (i || ' hours')::interval, now() - (i || ' hours')::interval + interval '14 days',
            CASE WHEN i % 4 <> 0 THEN now() - (i || ' hours')::interval + interval '1 hour' END, 'en', now() - (i || ' hours')::interval
       FROM generate_series(1, 80) i`,
    [organiser.id],
  );
  await client.query(
    `INSERT INTO notifications (event, subject, recipient_email, recipient_id, locale, params, status, attempts, last_error, sent_at, created_at)
     SELECT 'nomination.submitted', 'nomination-' || i, u.email, u.id, 'en', '{}'::jsonb,
            CASE WHEN i % 100 = 0 THEN 'failed' ELSE 'sent' END, CASE WHEN i % 100 = 0 THEN 5 ELSE 1 END,
            CASE WHEN i % 100 = 0 THEN '550 mailbox unavailable' END, CASE WHEN i % 100 <> 0 THEN now() - (i || ' minutes')::interval END,
            now() - (i || ' minutes')::interval
       FROM generate_series(1, 6000) i JOIN users u ON u.email = 'entrant' || (1 + i % ($1::int * 3)) || '@bench.test'`,
    [COMPANIES],
  );
  const pick = async (sql: string, params: unknown[] = []) => (await one<{ id: string }>(sql, params)).id;
  return {
    editionId: edition.id,
    roundId: round.id,
    organiserId: organiser.id,
    categoryId: await pick(`SELECT id FROM categories WHERE edition_id = $1 AND position = 1`, [edition.id]),
    companyId: await pick(`SELECT id FROM companies ORDER BY registration_number OFFSET 7 LIMIT 1`),
    jurorId: await pick(`SELECT id FROM users WHERE email = 'juror7@bench.test'`),
  };
}

/**
 * The audit log of the edition's life, appended through the audit module as the writes themselves append it:
 * each nomination created, submitted and decided, each assignment, each scorecard saved and submitted.
 */
async function seedAudit(dataSource: DataSource, audit: AuditLog, world: World): Promise<number> {
  const nominations = await dataSource.query<{ id: string; created_by: string; status: string }[]>(
    `SELECT id, created_by, status FROM nominations WHERE edition_id = $1`,
    [world.editionId],
  );
  const scorecards = await dataSource.query<
    { id: string; nomination_id: string; juror_id: string; status: string }[]
  >(`SELECT id, nomination_id, juror_id, status FROM scorecards WHERE round_id = $1`, [world.roundId]);
  const records: AuditRecord[] = [];
  const editionId = world.editionId;
  for (const n of nominations) {
    const entity = { entityType: 'nomination', entityId: n.id, editionId };
    records.push({ ...entity, action: 'nomination.created', actorId: n.created_by, data: {} });
    if (n.status === 'draft') continue;
    records.push({ ...entity, action: 'nomination.submitted', actorId: n.created_by, data: {} });
    records.push({
      ...entity,
      action: 'nomination.eligibility_decided',
      actorId: world.organiserId,
      data: { decision: n.status },
    });
  }
  for (const s of scorecards) {
    const entity = { entityType: 'scorecard', entityId: s.id, editionId };
    records.push({
      ...entity,
      action: 'assignment.added',
      actorId: world.organiserId,
      data: { nominationId: s.nomination_id, jurorId: s.juror_id },
    });
    records.push({ ...entity, action: 'scorecard.saved', actorId: s.juror_id, data: { version: 1 } });
    if (s.status === 'submitted')
      records.push({ ...entity, action: 'scorecard.submitted', actorId: s.juror_id, data: {} });
  }
  for (let i = 0; i < records.length; i += 1000) {
    const batch = records.slice(i, i + 1000);
    await dataSource.transaction((manager) => audit.appendMany(manager, batch));
  }
  return records.length;
}

/**
 * Through the services, as the console's buttons do: the audit log, closing the round and its tally (runs,
 * snapshots, the ranking). Then the conflicts declared after the scoring, so that some are late.
 */
async function judge(url: string, prefix: string, world: World): Promise<number> {
  const app = await createApp(loadConfig(appEnv(url, prefix)));
  await app.init();
  try {
    const dataSource = app.get(DataSource);
    const entries = await seedAudit(dataSource, app.get(AuditLog), world);
    const caller = { userId: world.organiserId, sessionId: 'bench', roles: ['organiser' as const] };
    const tally = app.get(TallyService);
    const { jobs } = await tally.closeRound(caller, world.roundId);
    for (const job of jobs)
      await tally.runJob(
        { roundId: world.roundId, categoryId: job.categoryId, runId: job.runId },
        { id: job.jobId, attempt: 1, maxAttempts: 5 },
      );
    // The close enqueued the tally jobs through the outbox; they ran above, the server must not run them again.
    await dataSource.query(`UPDATE outbox SET dispatched_at = now() WHERE dispatched_at IS NULL`);
    // Declared conflicts: two per juror with companies they never scored, and one in ten jurors with a
    // company they did (a late conflict awaiting the organiser's decision, through the migration's trigger).
    await dataSource.query(
      `WITH j AS (SELECT id, row_number() OVER (ORDER BY email) AS k FROM users WHERE 'juror' = ANY(roles)),
            c AS (SELECT id, row_number() OVER (ORDER BY registration_number) AS k FROM companies)
       INSERT INTO conflicts (edition_id, juror_id, company_id, source, reason, created_by)
       SELECT $1, j.id, c.id, 'declared', 'A former employer', j.id
         FROM j JOIN c ON c.k IN (j.k * 2, j.k * 2 + 1)
        WHERE NOT EXISTS (SELECT 1 FROM assignments a JOIN nominations n ON n.id = a.nomination_id
                           WHERE a.juror_id = j.id AND n.company_id = c.id)`,
      [world.editionId],
    );
    await dataSource.query(
      `INSERT INTO conflicts (edition_id, juror_id, company_id, source, reason, created_by)
       SELECT DISTINCT ON (a.juror_id) $1, a.juror_id, n.company_id, 'declared', 'My brother runs it', a.juror_id
         FROM assignments a JOIN nominations n ON n.id = a.nomination_id
         JOIN (SELECT id, row_number() OVER (ORDER BY email) AS k FROM users WHERE 'juror' = ANY(roles)) j ON j.id = a.juror_id
        WHERE a.round_id = $2 AND j.k % 10 = 0
          AND NOT EXISTS (SELECT 1 FROM conflicts x WHERE x.edition_id = $1 AND x.juror_id = a.juror_id AND x.company_id = n.company_id AND x.removed_at IS NULL)
        ORDER BY a.juror_id, n.company_id`,
      [world.editionId, world.roundId],
    );
    await dataSource.query('VACUUM ANALYZE');
    return entries;
  } finally {
    await app.close();
  }
}

interface Route {
  label: string;
  path: string;
  /** Asked once the late conflicts are decided (the results wait for that decision, as the console's do). */
  decided?: boolean;
}

/** Every list the console asks for, with the parameters its queries send (web/src/api/console-*.ts). */
function routes(world: World): Route[] {
  const e = world.editionId;
  const r = world.roundId;
  const nominations = `/nominations?editionId=${e}&pageSize=20&sort=submittedAt&order=asc&page=1`;
  const matrix = `/editions/${e}/conflicts/matrix?page=1&pageSize=20&jurorPage=1&jurorPageSize=20`;
  return [
    { label: 'editions', path: '/editions?pageSize=100' },
    { label: 'edition: categories', path: `/editions/${e}/categories` },
    { label: 'edition: phase readiness', path: `/editions/${e}/phase` },
    { label: 'companies', path: '/companies?page=1&pageSize=20' },
    { label: 'companies ?q=', path: '/companies?q=steppe&page=1&pageSize=20' },
    { label: 'companies ?editionId=', path: `/companies?editionId=${e}&page=1&pageSize=20` },
    { label: 'nominations', path: nominations },
    { label: 'nominations ?status=eligible', path: `${nominations}&status=eligible` },
    { label: 'nominations ?categoryId=', path: `${nominations}&categoryId=${world.categoryId}` },
    { label: 'nominations ?companyId=', path: `${nominations}&companyId=${world.companyId}` },
    { label: 'nominations ?q=', path: `${nominations}&q=cold%20chain` },
    { label: 'invitations', path: '/invitations?page=1&pageSize=20' },
    { label: 'invitations ?state=pending', path: '/invitations?state=pending&page=1&pageSize=20' },
    { label: 'users', path: '/users?page=1&pageSize=20' },
    { label: 'users ?q=&role=juror', path: '/users?q=juror&role=juror&page=1&pageSize=20' },
    { label: 'users ?q= (account names)', path: '/users?q=entrant%2012&page=1&pageSize=20' },
    { label: 'panels', path: `/editions/${e}/panels` },
    { label: 'conflicts matrix', path: matrix },
    { label: 'conflicts matrix ?q=', path: `${matrix}&q=steppe` },
    { label: 'conflicts matrix ?categoryId=', path: `${matrix}&categoryId=${world.categoryId}` },
    { label: 'conflicts matrix ?conflicted=true', path: `${matrix}&conflicted=true` },
    { label: 'late conflicts', path: `/editions/${e}/late-conflicts?pageSize=100` },
    { label: 'rounds', path: `/editions/${e}/rounds` },
    {
      label: 'assignments ?categoryId=',
      path: `/rounds/${r}/assignments?pageSize=100&categoryId=${world.categoryId}`,
    },
    { label: 'progress (jurors, categories)', path: `/rounds/${r}/progress` },
    { label: 'progress per nomination', path: `/rounds/${r}/progress/nominations?page=1&pageSize=20` },
    {
      label: 'progress per nomination ?categoryId=',
      path: `/rounds/${r}/progress/nominations?page=1&pageSize=20&categoryId=${world.categoryId}`,
    },
    // As the console asks: every category's runs and statistics with its ranking's first page, then a page.
    { label: 'results (tally runs, ranking)', path: `/rounds/${r}/results?pageSize=25`, decided: true },
    {
      label: 'results: ranking page 2',
      path: `/rounds/${r}/results/${world.categoryId}/ranking?page=2&pageSize=25`,
      decided: true,
    },
    { label: 'advance preview ?topN=5', path: `/rounds/${r}/advance-preview?topN=5`, decided: true },
    { label: 'audit log', path: '/audit?page=1&pageSize=25' },
    { label: 'audit log ?editionId=', path: `/audit?editionId=${e}&page=1&pageSize=25` },
    { label: 'audit log ?actorId=', path: `/audit?actorId=${world.jurorId}&page=1&pageSize=25` },
    {
      label: 'audit log ?editionId=&action=',
      path: `/audit?editionId=${e}&action=scorecard.submitted&page=1&pageSize=25`,
    },
    { label: 'failed mails', path: '/notifications?scope=all&status=failed&page=1&pageSize=25' },
  ];
}

async function main(): Promise<void> {
  const name = `magistral_bench_console_${suffix()}`;
  const prefix = `bench-${suffix()}`;
  const url = await createDatabase(name);
  let server: ChildProcess | undefined;
  onInterrupt(async () => {
    server?.kill('SIGKILL');
    await dropDatabase(name);
  });
  try {
    await migrate(url);
    const seeding = Date.now();
    const world = await withClient(url, seed);
    const auditEntries = await judge(url, prefix, world);
    const counts = await withClient(url, async (client) =>
      first(
        (
          await client.query<Record<string, number>>(
            `SELECT (SELECT count(*)::int FROM nominations) AS nominations, (SELECT count(*)::int FROM assignments) AS assignments,
                    (SELECT count(*)::int FROM scorecards) AS scorecards, (SELECT count(*)::int FROM late_conflicts) AS late_conflicts,
                    (SELECT count(*)::int FROM conflicts) AS conflicts, (SELECT count(*)::int FROM tally_runs) AS tally_runs`,
          )
        ).rows,
      ),
    );
    console.log(
      `Seeded in ${Date.now() - seeding} ms (database ${name}): ${JSON.stringify({ ...counts, auditEntries, jurors: JURORS, companies: COMPANIES })}`,
    );

    const port = await freePort();
    server = await startServer(port, appEnv(url, prefix), nodeArgs('BENCH_NODE_ARGS'));
    const base = `http://127.0.0.1:${port}/api/v1`;
    const headers = { authorization: `Bearer ${await login(base, 'organiser@bench.test')}` };
    const only = process.env.BENCH_ONLY;
    const all = routes(world).filter((r) => !only || r.label.includes(only));
    const results: Measurement[] = [];
    const refused: string[] = [];
    const run = async (batch: Route[]) => {
      const chosen: Route[] = [];
      for (const route of batch) {
        const sample = await fetch(`${base}${route.path}`, { headers });
        const body = await sample.text();
        if (sample.ok) chosen.push(route);
        else refused.push(`${route.label}: ${sample.status} ${body.slice(0, 200)}`);
      }
      // Warm the server (JIT, pool, plans) on every route before measuring.
      for (const route of chosen)
        await autocannon({ url: `${base}${route.path}`, connections: CONNECTIONS, amount: 20, headers });
      for (const route of chosen) {
        const result = await autocannon({
          url: `${base}${route.path}`,
          connections: CONNECTIONS,
          duration: SECONDS,
          headers,
        });
        results.push(summarise(route.label, result));
      }
    };
    await run(all.filter((r) => !r.decided));
    // The organiser decides the late conflicts (dismissed), as the console asks before the results.
    const late = (await (
      await fetch(`${base}/editions/${world.editionId}/late-conflicts?pageSize=100`, { headers })
    ).json()) as { items: { id: string; status: string }[] };
    for (const item of late.items.filter((i) => i.status === 'pending')) {
      const decided = await fetch(`${base}/late-conflicts/${item.id}/decision`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          decision: 'dismiss',
          reason: 'Declared after the fact; no influence on the scores',
        }),
      });
      if (!decided.ok) throw new Error(`Deciding a late conflict: ${decided.status} ${await decided.text()}`);
    }
    await run(all.filter((r) => r.decided));
    const width = 32;
    console.log(
      `\n${CONNECTIONS} connections, ${SECONDS} s per route; ${NOMINATIONS} nominations, ${JURORS} jurors, ${COMPANIES} companies\n`,
    );
    console.log(
      tableRow(
        'first page of',
        width,
        ['req/s', 8],
        ['p50 ms', 7],
        ['p99 ms', 7],
        ['target', 7],
        ['', 6],
        ['non-2xx', 8],
      ),
    );
    let ok = true;
    for (const m of results) {
      const met = m.p99Ms < TARGET_P99_MS && m.non2xx === 0 && m.errors === 0;
      ok &&= met;
      console.log(
        tableRow(
          m.route,
          width,
          [m.requestsPerSecond.toFixed(0), 8],
          [m.p50Ms, 7],
          [m.p99Ms, 7],
          [`< ${TARGET_P99_MS}`, 7],
          [met ? 'met' : 'MISSED', 6],
          [m.non2xx + m.errors, 8],
        ),
      );
    }
    for (const line of refused) console.log(`not measured (refused) — ${line}`);
    ok &&= refused.length === 0;
    console.log(`\nEvery first page under ${TARGET_P99_MS} ms at p99: ${ok ? 'met' : 'NOT met'}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await stopServer(server);
    if (process.env.BENCH_KEEP_DATABASE) console.log(`Kept database ${name} (BENCH_KEEP_DATABASE)`);
    else await dropDatabase(name);
  }
}

runMain(main);

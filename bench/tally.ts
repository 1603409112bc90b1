/**
 * Tally benchmark: 1,000,000 criterion scores (4 categories × 500 nominations × 50 jurors × 10 criteria =
 * 100,000 submitted scorecards of 10 scores each), loaded with COPY into a fresh database.
 *
 *   npm run bench:tally
 *
 * Measures, in one run:
 *   - loading: COPY into the scorecards table stripped of its indexes and foreign keys, then restoring
 *     them; and COPY into the fully indexed table, for comparison;
 *   - a bare SQL aggregate of the same weighted means with ranks (and one with z-scores), over all four
 *     categories — the floor any tally that reads the scores from PostgreSQL can hope for;
 *   - for each method (mean, trimmed_mean, zscore), the tally job as the worker runs it
 *     (`TallyService.runJob`: claim the run, read the counted scorecards, digest, tally, store the
 *     snapshot, audit, commit), one category after another and then two at a time (the tally queue's
 *     concurrency);
 *   - where a category's time goes (read, digest, arithmetic), and the peak RSS of this process.
 * Goal (issue 5): each method's four jobs in ≤ 2× the bare aggregate, under 5 s, peak RSS under 500 MB.
 * BENCH_DATABASE_URL names the server and an admin database (default postgres://postgres@127.0.0.1:5432/postgres);
 * `psql` must be on the PATH (COPY FROM STDIN); BENCH_KEEP=1 keeps the database for a look. Exits 1 when a goal is missed.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.setup.js';
import { at, first } from '../src/common/checked-index.js';
import { loadConfig } from '../src/config/app-config.js';
import { tally, type ScoringMethod } from '../src/modules/tally/arithmetic/tally.js';
import { inputsDigest } from '../src/modules/tally/inputs-digest.js';
import { TallyInputs } from '../src/modules/tally/tally-inputs.js';
import { TallyService } from '../src/modules/tally/tally.service.js';
import {
  appEnv,
  createDatabase,
  dropDatabase,
  localised,
  migrate,
  runMain,
  seconds,
  suffix,
  timed,
  withClient,
} from './support.js';

const CATEGORIES = 4;
const NOMINATIONS = Number(process.env.BENCH_NOMINATIONS ?? 500); // per category
const JURORS = Number(process.env.BENCH_JURORS ?? 50);
const CRITERIA = 10;
const METHODS: ScoringMethod[] = ['mean', 'trimmed_mean', 'zscore'];
const CODES = Array.from({ length: CRITERIA }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
const WEIGHTS = ['1', '1.5', '2', '0.5', '3', '1.25', '0.75', '2.5', '1', '4'];

/** Deterministic pseudo-random numbers (mulberry32), so every run loads the same scores. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface World {
  editionId: string;
  roundId: string;
  categories: string[];
  nominations: string[][];
  jurors: string[];
}

/** The edition, categories, criteria, jurors, panels, nominations and assignments (not the scorecards). */
async function seed(client: pg.Client): Promise<World> {
  const one = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[];
  const row = async <T>(sql: string, params: unknown[] = []) => first(await one<T>(sql, params));
  const owner = await row<{ id: string }>(
    `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at) VALUES ('owner@bench.test', 'x', 'Owner', ARRAY['entrant'], now()) RETURNING id`,
  );
  const edition = await row<{ id: string }>(
    `INSERT INTO editions (slug, name, phase, nominations_open_at, nominations_close_at, judging_open_at, judging_close_at, scoring_method, min_scorecards, tie_breakers)
     VALUES ('bench-tally', 'Magistral Awards (tally bench)', 'tallying', now() - interval '30 days', now() - interval '20 days',
             now() - interval '19 days', now() + interval '10 days', 'mean', 3, ARRAY['median', 'top_marks'])
     RETURNING id`,
  );
  const categories: string[] = [];
  for (const [position, code] of ['efficiency', 'sustainability', 'fairness', 'digitalisation']
    .slice(0, CATEGORIES)
    .entries()) {
    const category = await row<{ id: string }>(
      `INSERT INTO categories (edition_id, code, name, description, position) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [edition.id, code, localised(code), localised(code), position],
    );
    categories.push(category.id);
    for (const [i, criterion] of CODES.entries()) {
      await client.query(
        `INSERT INTO criteria (category_id, code, name, description, weight, position) VALUES ($1, $2, $3, $3, $4, $5)`,
        [category.id, criterion, localised(criterion), WEIGHTS[i], i],
      );
    }
  }
  const round = await row<{ id: string }>(
    `INSERT INTO rounds (edition_id, number, name, status, closed_at) VALUES ($1, 1, 'Final', 'closed', now()) RETURNING id`,
    [edition.id],
  );
  const jurors = (
    await one<{ id: string }>(
      `INSERT INTO users (email, password_hash, full_name, roles, email_verified_at)
       SELECT 'juror' || i || '@bench.test', 'x', 'Juror ' || i, ARRAY['juror'], now() FROM generate_series(1, $1::int) i RETURNING id`,
      [JURORS],
    )
  ).map((r) => r.id);
  await client.query(
    `INSERT INTO companies (name, country, registration_number, created_by)
     SELECT 'Logistics Company ' || i, 'KZ', 'BIN-' || lpad(i::text, 8, '0'), $2 FROM generate_series(1, $1::int) i`,
    [CATEGORIES * NOMINATIONS, owner.id],
  );
  await client.query(
    `INSERT INTO panel_members (category_id, juror_id, edition_id) SELECT c, j, $3 FROM unnest($1::uuid[]) c CROSS JOIN unnest($2::uuid[]) j`,
    [categories, jurors, edition.id],
  );
  const nominations: string[][] = [];
  for (const [k, category] of categories.entries()) {
    const rows = await one<{ id: string }>(
      `WITH c AS (SELECT id, row_number() OVER (ORDER BY registration_number) AS i FROM companies)
       INSERT INTO nominations (edition_id, category_id, company_id, created_by, title, status, submitted_at, submitted_by)
       SELECT $1, $2, c.id, $3, 'Project ' || c.i, 'eligible', now(), $3 FROM c WHERE c.i > $4 AND c.i <= $4 + $5
       RETURNING id`,
      [edition.id, category, owner.id, k * NOMINATIONS, NOMINATIONS],
    );
    nominations.push(rows.map((r) => r.id));
  }
  await client.query(
    `INSERT INTO assignments (round_id, nomination_id, juror_id)
     SELECT $1, n.id, pm.juror_id FROM nominations n JOIN panel_members pm ON pm.category_id = n.category_id`,
    [round.id],
  );
  return { editionId: edition.id, roundId: round.id, categories, nominations, jurors };
}

/**
 * Streams the scorecards to `psql \copy … FROM STDIN` (PostgreSQL's text format: tab-separated; the JSON
 * has neither tabs nor backslashes). Each juror has a leniency and each nomination a quality, so the
 * methods rank differently.
 */
async function copyScorecards(url: string, world: World): Promise<number> {
  const next = random(2025);
  const leniency = world.jurors.map(() => next() * 4 - 2);
  const psql = spawn(
    'psql',
    [
      url,
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-c',
      `\\copy scorecards (round_id, nomination_id, juror_id, status, scores, submitted_at) FROM STDIN`,
    ],
    {
      stdio: ['pipe', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve, reject) => {
    psql.once('error', reject);
    psql.once('exit', resolve);
  });
  const start = performance.now();
  const submittedAt = new Date().toISOString();
  for (const category of world.nominations) {
    for (const nomination of category) {
      const quality = 2 + next() * 6;
      let chunk = '';
      world.jurors.forEach((juror, j) => {
        const scores = CODES.map(
          (code) =>
            `"${code}":${Math.max(0, Math.min(10, Math.round(quality + at(leniency, j) + (next() - 0.5) * 4)))}`,
        );
        chunk += `${world.roundId}\t${nomination}\t${juror}\tsubmitted\t{${scores.join(',')}}\t${submittedAt}\n`;
      });
      if (!psql.stdin.write(chunk)) await new Promise((resolve) => psql.stdin.once('drain', resolve));
    }
  }
  psql.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`psql \\copy exited with ${code}`);
  return performance.now() - start;
}

const SCORECARD_INDEXES = {
  drop: [
    `ALTER TABLE scorecards DROP CONSTRAINT scorecards_round_id_fkey, DROP CONSTRAINT scorecards_nomination_id_fkey, DROP CONSTRAINT scorecards_juror_id_fkey`,
    `ALTER TABLE scorecards DROP CONSTRAINT uq_scorecards_round_nomination_juror, DROP CONSTRAINT scorecards_pkey`,
    `DROP INDEX ix_scorecards_round_status`,
    `DROP INDEX ix_scorecards_juror`,
  ],
  restore: [
    `ALTER TABLE scorecards ADD CONSTRAINT scorecards_pkey PRIMARY KEY (id)`,
    `ALTER TABLE scorecards ADD CONSTRAINT uq_scorecards_round_nomination_juror UNIQUE (round_id, nomination_id, juror_id)`,
    `CREATE INDEX ix_scorecards_round_status ON scorecards (round_id, status)`,
    `CREATE INDEX ix_scorecards_juror ON scorecards (juror_id, round_id)`,
    `ALTER TABLE scorecards ADD CONSTRAINT scorecards_round_id_fkey FOREIGN KEY (round_id) REFERENCES rounds(id) ON DELETE CASCADE,
       ADD CONSTRAINT scorecards_nomination_id_fkey FOREIGN KEY (nomination_id) REFERENCES nominations(id) ON DELETE CASCADE,
       ADD CONSTRAINT scorecards_juror_id_fkey FOREIGN KEY (juror_id) REFERENCES users(id) ON DELETE CASCADE`,
  ],
};

/** The same weighted juror totals, their mean per nomination and ranks, in one statement: the floor. */
const BARE_TOTALS = `
  WITH totals AS (
    SELECT n.category_id, s.nomination_id, s.juror_id, sum(cr.weight * (s.scores ->> cr.code)::int) / sum(cr.weight) AS total
      FROM scorecards s
      JOIN nominations n ON n.id = s.nomination_id
      JOIN criteria cr ON cr.category_id = n.category_id
     WHERE s.round_id = $1 AND s.status = 'submitted'
     GROUP BY n.category_id, s.nomination_id, s.juror_id)`;
const BARE_MEAN = `${BARE_TOTALS}
  SELECT category_id, nomination_id, avg(total) AS score, count(*) AS scorecards,
         rank() OVER (PARTITION BY category_id ORDER BY avg(total) DESC) AS rank
    FROM totals GROUP BY category_id, nomination_id`;
const BARE_ZSCORE = `${BARE_TOTALS},
  pooled AS (
    SELECT category_id, nomination_id, total,
           avg(total) OVER (PARTITION BY category_id, juror_id) AS mu_j, stddev_pop(total) OVER (PARTITION BY category_id, juror_id) AS sigma_j,
           avg(total) OVER (PARTITION BY category_id) AS mu, stddev_pop(total) OVER (PARTITION BY category_id) AS sigma
      FROM totals)
  SELECT category_id, nomination_id,
         avg(CASE WHEN sigma_j = 0 THEN mu ELSE mu + sigma * (total - mu_j) / sigma_j END) AS score,
         rank() OVER (PARTITION BY category_id ORDER BY avg(CASE WHEN sigma_j = 0 THEN mu ELSE mu + sigma * (total - mu_j) / sigma_j END) DESC) AS rank
    FROM pooled GROUP BY category_id, nomination_id`;

async function main(): Promise<void> {
  const name = `magistral_bench_tally_${suffix()}`;
  const url = await createDatabase(name);
  const goals: boolean[] = [];
  try {
    await migrate(url);
    const scores = CATEGORIES * NOMINATIONS * JURORS * CRITERIA;
    console.log(
      `Tally benchmark: ${CATEGORIES} categories × ${NOMINATIONS} nominations × ${JURORS} jurors × ${CRITERIA} criteria = ${scores.toLocaleString('en')} scores (database ${name})\n`,
    );

    const world = await withClient(url, seed);
    const load = await withClient(url, async (client) => {
      for (const sql of SCORECARD_INDEXES.drop) await client.query(sql);
      const bare = await copyScorecards(url, world);
      const [, restore] = await timed(async () => {
        for (const sql of SCORECARD_INDEXES.restore) await client.query(sql);
      });
      await client.query('TRUNCATE scorecards');
      const indexed = await copyScorecards(url, world);
      await client.query('VACUUM ANALYZE');
      return { bare, restore, indexed };
    });
    console.log('Loading 100,000 scorecards with COPY');
    console.log(
      `  into the bare table ${seconds(load.bare)}, then indexes and foreign keys ${seconds(load.restore)}: ${seconds(load.bare + load.restore)}`,
    );
    console.log(
      `  into the indexed table                                              ${seconds(load.indexed)}\n`,
    );

    const app = await createApp(loadConfig(appEnv(url)));
    await app.init();
    try {
      const dataSource = app.get(DataSource);
      const service = app.get(TallyService);
      const inputs = app.get(TallyInputs);
      const round = { id: world.roundId, editionId: world.editionId, number: 1 };
      const firstCategory = first(world.categories);

      // Warm the plans, the JIT and the pool once, untimed (as a worker that has run before).
      await dataSource.query(BARE_MEAN, [world.roundId]);
      await inputs.load(dataSource.manager, round, firstCategory);

      const bare: Record<'mean' | 'zscore', number> = { mean: Infinity, zscore: Infinity };
      let bareRanks: { category_id: string; nomination_id: string; rank: string }[] = [];
      for (let i = 0; i < 3; i++) {
        const [rows, mean] = await timed(() =>
          dataSource.query<typeof bareRanks>(BARE_MEAN, [world.roundId]),
        );
        const [, zscore] = await timed(() => dataSource.query(BARE_ZSCORE, [world.roundId]));
        bare.mean = Math.min(bare.mean, mean);
        bare.zscore = Math.min(bare.zscore, zscore);
        bareRanks = rows;
      }
      console.log('Bare SQL aggregate over all four categories (best of 3)');
      console.log(`  weighted means with ranks  ${seconds(bare.mean)}`);
      console.log(`  z-scores with ranks        ${seconds(bare.zscore)}\n`);

      const runJobs = async (categories: string[]) =>
        Promise.all(
          categories.map(async (categoryId) => {
            const run = first(
              await dataSource.query<{ id: string }[]>(
                `INSERT INTO tally_runs (round_id, category_id, edition_id) VALUES ($1, $2, $3) RETURNING id`,
                [world.roundId, categoryId, world.editionId],
              ),
            );
            await service.runJob(
              { roundId: world.roundId, categoryId, runId: run.id },
              { id: run.id, attempt: 1, maxAttempts: 5 },
            );
            const done = first(
              await dataSource.query<{ status: string; error: string | null }[]>(
                `SELECT status, error FROM tally_runs WHERE id = $1`,
                [run.id],
              ),
            );
            if (done.status !== 'succeeded')
              throw new Error(`tally run ${run.id}: ${done.status} ${done.error}`);
          }),
        );

      // Warm the tally path itself once (JIT), untimed.
      await dataSource.query(`UPDATE editions SET min_scorecards = 2 WHERE id = $1`, [world.editionId]);
      await runJobs([firstCategory]);

      console.log(
        'Tally jobs (TallyService.runJob: claim, read counted scorecards, digest, tally, store snapshot, audit, commit), best of 3',
      );
      console.log(
        'method         one after another (per category)           two at a time   bare SQL   goal (≤ 2× bare, < 5 s)',
      );
      for (const method of METHODS) {
        // Every repetition tallies inputs never seen before (minScorecards differs), so no existing
        // snapshot short-circuits the work.
        let perCategory: number[] = [];
        let sequential = Infinity;
        let pairs = Infinity;
        for (let repetition = 0; repetition < 3; repetition++) {
          await dataSource.query(
            `UPDATE editions SET scoring_method = $2, min_scorecards = $3 WHERE id = $1`,
            [world.editionId, method, 3 + repetition],
          );
          const times: number[] = [];
          for (const category of world.categories) times.push((await timed(() => runJobs([category])))[1]);
          const total = times.reduce((a, b) => a + b, 0);
          if (total < sequential) [sequential, perCategory] = [total, times];
          await dataSource.query(`UPDATE editions SET min_scorecards = $2 WHERE id = $1`, [
            world.editionId,
            10 + repetition,
          ]);
          const [, twoAtATime] = await timed(async () => {
            await runJobs(world.categories.slice(0, 2));
            await runJobs(world.categories.slice(2));
          });
          pairs = Math.min(pairs, twoAtATime);
        }
        // The floor again, measured right next to these jobs: the machine's load drifts during a run.
        let floor = Infinity;
        for (let i = 0; i < 3; i++)
          floor = Math.min(
            floor,
            (
              await timed(() =>
                dataSource.query(method === 'zscore' ? BARE_ZSCORE : BARE_MEAN, [world.roundId]),
              )
            )[1],
          );
        floor = Math.min(floor, method === 'zscore' ? bare.zscore : bare.mean);
        const ok = sequential <= 2 * floor && sequential < 5000;
        goals.push(ok);
        console.log(
          `${method.padEnd(14)} ${seconds(sequential)} (${perCategory.map((ms) => (ms / 1000).toFixed(3)).join(' + ')})   ${seconds(pairs).padStart(13)}   ${seconds(floor)}   ${(sequential / floor).toFixed(2)}× ${ok ? 'met' : 'NOT met'}`,
        );
      }

      // The mean ranking agrees with the bare aggregate's (same totals, same order at the top).
      await dataSource.query(
        `UPDATE editions SET scoring_method = 'mean', min_scorecards = 3 WHERE id = $1`,
        [world.editionId],
      );
      const snapshot = first(
        await dataSource.query<{ result: { nominations: { nomination: string; rank: number }[] } }[]>(
          `SELECT result FROM tally_snapshots WHERE category_id = $1 AND result->'rules'->>'method' = 'mean' AND (result->'rules'->>'minScorecards')::int = 3`,
          [firstCategory],
        ),
      );
      const top = (rows: { nomination: string; rank: number }[]) =>
        rows
          .filter((r) => r.rank <= 5)
          .map((r) => r.nomination)
          .sort();
      const bareTop = top(
        bareRanks
          .filter((r) => r.category_id === firstCategory)
          .map((r) => ({ nomination: r.nomination_id, rank: Number(r.rank) })),
      );
      console.log(
        `\nTop 5 of '${'efficiency'}' by mean: ${JSON.stringify(top(snapshot.result.nominations)) === JSON.stringify(bareTop) ? 'same as the bare aggregate' : 'DIFFERS from the bare aggregate'}`,
      );

      // Where one category's time goes.
      await dataSource.query(`UPDATE editions SET scoring_method = 'zscore' WHERE id = $1`, [
        world.editionId,
      ]);
      const [{ input }, read] = await timed(() => inputs.load(dataSource.manager, round, firstCategory));
      const [, digest] = await timed(async () => inputsDigest(input));
      const [, arithmetic] = await timed(async () => tally(input));
      console.log(
        `One category (25,000 scorecards, zscore): read ${seconds(read)}, digest ${seconds(digest)}, tally() ${seconds(arithmetic)}`,
      );
    } finally {
      await app.close();
    }
    const rssMb = process.resourceUsage().maxRSS / 1024;
    const rssOk = rssMb < 500;
    goals.push(rssOk);
    console.log(
      `Peak RSS of this process (app, loader and tallies): ${rssMb.toFixed(0)} MB (goal < 500 MB: ${rssOk ? 'met' : 'NOT met'})`,
    );
    process.exitCode = goals.every(Boolean) ? 0 : 1;
  } finally {
    if (process.env.BENCH_KEEP === '1') console.log(`Kept database ${name} (BENCH_KEEP=1)`);
    else await dropDatabase(name);
  }
}

runMain(main);

import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  DEMO_COMPANIES,
  DEMO_DRAFT,
  DEMO_DRAFT_PREPAREDNESS,
  DEMO_ORGANISER,
  DEMO_PASSWORD,
  EDITIONS,
  SPECIAL_PRIZE_CATEGORY,
  SPECIAL_PRIZE_ENTRIES,
} from '../src/demo/data.js';
import { login } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// The demo builds three editions through the application (a few dozen password hashes, two tallies):
// tens of seconds on a busy machine.
jest.setTimeout(180_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDemo(env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['dist/src/demo/demo.js'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('npm run demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const env = (more: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: t.config.DATABASE_URL,
    DATABASE_CREATE: 'false',
    REDIS_URL: t.config.REDIS_URL,
    REDIS_PREFIX: t.config.REDIS_PREFIX,
    JWT_SECRET: t.config.JWT_SECRET ?? '',
    PUBLIC_URL: 'http://demo.magistral.test:3000',
    LOG_LEVEL: 'error',
    ...more,
  });
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.query<[{ n: number }]>(sql, params))[0].n;

  it('refuses to run with NODE_ENV=production, in one line, changing nothing', async () => {
    const run = await runDemo(env({ NODE_ENV: 'production' }));
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/refuses to run with NODE_ENV=production/),
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(0);
  });

  it('fills the database: accounts printed, last year published, this year in judging half-scored', async () => {
    const run = await runDemo(env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The accounts to sign in with, the shared password and the URL.
    expect(run.stdout).toContain(`demo entrant   ${DEMO_COMPANIES[0]!.contact.email}`);
    expect(run.stdout).toContain(DEMO_ORGANISER.email);
    expect(run.stdout).toContain(DEMO_PASSWORD);
    expect(run.stdout).toContain('http://demo.magistral.test:3000');
    for (const company of DEMO_COMPANIES) expect(run.stdout).toContain(company.contact.email);

    // Everyone printed can sign in with the shared password.
    await login(t, DEMO_COMPANIES[0]!.contact.email, DEMO_PASSWORD);
    await login(t, DEMO_ORGANISER.email, DEMO_PASSWORD);

    // Last year's edition: published, its results public with a winner in each of the four categories.
    const results = await t.http().get(`/api/v1/public/editions/${EDITIONS.lastYear.slug}/results`);
    expect(results.status).toBe(200);
    const categories = results.body.categories as { code: string; nominations: { rank: number }[] }[];
    expect(categories.map((c) => c.code).sort()).toEqual([
      'digitalisation',
      'efficiency',
      'fairness',
      'sustainability',
    ]);
    for (const category of categories) {
      expect(category.nominations).toHaveLength(3);
      expect(category.nominations.some((n) => n.rank === 1)).toBe(true);
    }

    // This year's edition: in judging, not public, some scorecards submitted and some not.
    const [thisYear] = await t.db.query<[{ id: string; phase: string }]>(
      `SELECT id, phase FROM editions WHERE slug = $1`,
      [EDITIONS.thisYear.slug],
    );
    expect(thisYear.phase).toBe('judging');
    expect((await t.http().get(`/api/v1/public/editions/${EDITIONS.thisYear.slug}/results`)).status).toBe(
      404,
    );
    const submitted = await count(
      `SELECT count(*)::int AS n FROM scorecards s JOIN rounds r ON r.id = s.round_id
       WHERE r.edition_id = $1 AND s.status = 'submitted'`,
      [thisYear.id],
    );
    const assigned = await count(
      `SELECT count(*)::int AS n FROM assignments a JOIN rounds r ON r.id = a.round_id WHERE r.edition_id = $1`,
      [thisYear.id],
    );
    expect(submitted).toBeGreaterThan(0);
    expect(submitted).toBeLessThan(assigned);
    expect(await count(`SELECT count(*)::int AS n FROM companies`)).toBe(DEMO_COMPANIES.length);
    expect(await count(`SELECT count(*)::int AS n FROM nominations`)).toBe(
      2 * DEMO_COMPANIES.length + SPECIAL_PRIZE_ENTRIES.length + 1,
    );

    // The special prize: open for nominations for weeks yet, its own single category, a few entries in and
    // the demo entrant's draft among them.
    const [special] = await t.db.query<[{ id: string; phase: string; closes: Date }]>(
      `SELECT id, phase, nominations_close_at AS closes FROM editions WHERE slug = $1`,
      [EDITIONS.specialPrize.slug],
    );
    expect(special.phase).toBe('nominations');
    expect(special.closes.getTime()).toBeGreaterThan(Date.now() + 30 * 24 * 3600_000);
    const statuses = await t.db.query<{ status: string; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM nominations WHERE edition_id = $1 GROUP BY status ORDER BY status`,
      [special.id],
    );
    expect(statuses).toEqual([
      { status: 'draft', n: 1 },
      { status: 'submitted', n: SPECIAL_PRIZE_ENTRIES.length },
    ]);
  });

  it('a second run says the demo is already there and changes nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const run = await runDemo(env());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/already there/);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(before);
  });

  it('lets the demo entrant find, finish and submit the special prize draft through the API', async () => {
    const { token } = await login(t, DEMO_COMPANIES[0]!.contact.email, DEMO_PASSWORD);
    const auth = { Authorization: `Bearer ${token}` };
    const [{ id: editionId }] = await t.db.query<[{ id: string }]>(
      `SELECT id FROM editions WHERE slug = $1`,
      [EDITIONS.specialPrize.slug],
    );

    const categories = await t.http().get(`/api/v1/editions/${editionId}/categories`).set(auth).expect(200);
    expect((categories.body as { code: string }[]).map((c) => c.code)).toEqual([SPECIAL_PRIZE_CATEGORY.code]);

    const listed = await t.http().get('/api/v1/nominations').query({ editionId }).set(auth).expect(200);
    const mine = listed.body.items as { id: string; status: string; title: string }[];
    expect(mine).toEqual([expect.objectContaining({ status: 'draft', title: DEMO_DRAFT.title })]);
    const id = mine[0]!.id;

    const draft = await t.http().get(`/api/v1/nominations/${id}`).set(auth).expect(200);
    expect(draft.body.answers).toEqual(DEMO_DRAFT.answers);
    const answers = { ...DEMO_DRAFT.answers, preparedness: DEMO_DRAFT_PREPAREDNESS };
    // As the web app does: each write names the version it read.
    const patched = await t
      .http()
      .patch(`/api/v1/nominations/${id}`)
      .set(auth)
      .set('If-Match', draft.headers.etag!)
      .send({ answers });
    expect(patched.status).toBe(200);
    expect(patched.body.answers).toEqual(answers);

    const submitted = await t
      .http()
      .post(`/api/v1/nominations/${id}/submit`)
      .set(auth)
      .set('If-Match', patched.headers.etag!);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
  });
});

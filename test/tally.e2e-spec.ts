import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { TallyCategoryHandler } from '../src/modules/tally/jobs/tally-category.handler.js';
import { TallyService } from '../src/modules/tally/tally.service.js';
import { countRows, signIn, type SignedIn } from './support/factories.js';
import {
  closeAndTally,
  createJudgedWorld,
  score,
  scoreTable,
  waitForRuns,
  type JudgedWorld,
} from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface NominationRow {
  nomination: string;
  title: string;
  rank: number | null;
  score: string | null;
  scoreExact: string | null;
  scorecards: number;
  flags: string[];
  tieBrokenBy: string | null;
}

let t: TestApp;
let organiser: SignedIn;
let entrant: SignedIn;
let juror: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  organiser = await signIn(t, ['organiser']);
  entrant = await signIn(t, ['entrant']);
  juror = await signIn(t, ['juror']);
});

afterAll(async () => {
  await t.close();
});

async function results(world: JudgedWorld) {
  const response = await t.http().get(`/api/v1/rounds/${world.roundId}/results`).set(organiser.auth);
  expect(response.status).toBe(200);
  return response.body as {
    roundStatus: string;
    editionPhase: string;
    categories: {
      code: string;
      latestRun: { status: string; error: string | null; attempts: number } | null;
      snapshot: { id: string; inputsDigest: string } | null;
      nominations: NominationRow[];
      jurors: { juror: string; count: number; mean: string; sigma: string }[];
    }[];
  };
}

const ranking = (rows: NominationRow[], labels: Record<string, string>) => {
  const label = new Map(Object.entries(labels).map(([k, v]) => [v, k]));
  return rows.map((n) => [label.get(n.nomination), n.rank, n.score, n.flags, n.tieBrokenBy]);
};

/**
 * Criteria quality (weight 2) and cost (weight 1), so a total is (2q + c) / 3. Hand-computed totals:
 *   N1: A (10,4) 8, B (7,7) 7, C (9,0) 6, D (4,1) 3   → mean 6, trimmed mean 6.5, median 6.5
 *   N2: A (6,6) 6,  B (6,3) 5, C (9,9) 9, D (5,2) 4   → mean 6, trimmed mean 5.5, median 5.5
 *   N3: A (10,10) 10, B (10,10) 10                    → 2 scorecards: insufficient (minScorecards 3)
 * Not counted: E is a member of N2's company (automatic conflict) and scored it 0; E's draft on N1; C's
 * scorecard on the ineligible N4; F declared a conflict with N1's company.
 */
async function weightedWorld(
  scoringMethod: 'mean' | 'trimmed_mean',
  tieBreakers: string[] = [],
): Promise<JudgedWorld> {
  const world = await createJudgedWorld(t, {
    scoringMethod,
    tieBreakers,
    minScorecards: 3,
    categories: { efficiency: { quality: '2', cost: '1' } },
    jurors: ['A', 'B', 'C', 'D', 'E', 'F'],
    nominations: { N1: {}, N2: {}, N3: {}, N4: { status: 'ineligible' } },
  });
  const q = (quality: number, cost: number) => ({ quality, cost });
  await scoreTable(t, world, {
    A: { N1: q(10, 4), N2: q(6, 6), N3: q(10, 10) },
    B: { N1: q(7, 7), N2: q(6, 3), N3: q(10, 10) },
    C: { N1: q(9, 0), N2: q(9, 9), N4: q(10, 10) },
    D: { N1: q(4, 1), N2: q(5, 2) },
  });
  await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'member')`, [
    world.companies.N2.id,
    world.jurors.E.id,
  ]);
  await score(t, world, 'E', 'N2', q(0, 0));
  await score(t, world, 'E', 'N1', q(0, 0), { status: 'draft' });
  await t.db.query(
    `INSERT INTO conflicts (edition_id, juror_id, company_id, source, reason, created_by) VALUES ($1, $2, $3, 'declared', 'Former employer', $2)`,
    [world.edition.id, world.jurors.F.id, world.companies.N1.id],
  );
  await score(t, world, 'F', 'N1', q(0, 0));
  return world;
}

describe('closing a round tallies it on the real queue', () => {
  it("matches SPEC.md's worked z-score example: T1 = 47.6393, T2 = 92.3607", async () => {
    const world = await createJudgedWorld(t, {
      scoringMethod: 'zscore',
      minScorecards: 2,
      scaleMax: 100,
      jurors: ['A', 'B'],
      nominations: { T1: {}, T2: {} },
    });
    await scoreTable(t, world, { A: { T1: 40, T2: 60 }, B: { T1: 80, T2: 100 } });

    const close = await t.http().post(`/api/v1/rounds/${world.roundId}/close`).set(organiser.auth);
    expect(close.status).toBe(202);
    expect(close.body).toMatchObject({
      roundId: world.roundId,
      roundStatus: 'closed',
      editionPhase: 'tallying',
    });
    expect(close.body.jobs).toHaveLength(1);
    expect(close.body.jobs[0]).toMatchObject({
      categoryId: world.edition.categories[0]!.id,
      categoryCode: 'efficiency',
    });
    expect(close.body.jobs[0].jobId).toBe(`tally-${close.body.jobs[0].runId}`);

    const [run] = await waitForRuns(t, [close.body.jobs[0].runId]);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1, error: null });

    const body = await results(world);
    expect(body.roundStatus).toBe('closed');
    expect(body.editionPhase).toBe('tallying');
    const category = body.categories[0]!;
    expect(category.latestRun).toMatchObject({ status: 'succeeded', error: null });
    expect(ranking(category.nominations, world.nominations)).toEqual([
      ['T2', 1, '92.3607', [], null],
      ['T1', 2, '47.6393', [], null],
    ]);
    // Organisers see juror ids with each juror's statistics.
    expect(category.jurors).toEqual([
      expect.objectContaining({ juror: [world.jurors.A.id, world.jurors.B.id].sort()[0], count: 2 }),
      expect.objectContaining({ juror: [world.jurors.A.id, world.jurors.B.id].sort()[1], count: 2 }),
    ]);
    expect(await countRows(t, 'tally_snapshots', 'round_id = $1', [world.roundId])).toBe(1);
    const [{ phase }] = await t.db.query<[{ phase: string }]>(`SELECT phase FROM editions WHERE id = $1`, [
      world.edition.id,
    ]);
    expect(phase).toBe('tallying');
    const actions = await t.db.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE edition_id = $1 ORDER BY id`,
      [world.edition.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'rounds.closed',
      'editions.phase_changed',
      'tally.requested',
      'tally.computed',
    ]);
  });

  it('mean with the median tie-breaker: counts only submitted, non-conflicted scorecards on eligible nominations', async () => {
    const world = await weightedWorld('mean', ['median']);
    await closeAndTally(t, world, organiser.auth);
    const category = (await results(world)).categories[0]!;
    expect(ranking(category.nominations, world.nominations)).toEqual([
      ['N1', 1, '6.0000', [], 'median'],
      ['N2', 2, '6.0000', [], 'median'],
      ['N3', null, null, ['insufficient_scorecards'], null],
    ]);
    expect(category.nominations.map((n) => n.scorecards)).toEqual([4, 4, 2]);
    expect(category.nominations[0]!.title).toBe('Nomination N1');
    // E and F have counted scorecards nowhere, so they have no statistics either.
    expect(category.jurors.map((j) => j.juror).sort()).toEqual(
      ['A', 'B', 'C', 'D'].map((l) => world.jurors[l]!.id).sort(),
    );
  });

  it('mean without tie-breakers: equal scores share a rank', async () => {
    const world = await weightedWorld('mean');
    await closeAndTally(t, world, organiser.auth);
    const category = (await results(world)).categories[0]!;
    // Tied nominations are listed by id, which is random here: compare the tied pair as a set.
    const rows = ranking(category.nominations, world.nominations);
    expect(rows.slice(0, 2).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['N1', 1, '6.0000', ['tied'], null],
      ['N2', 1, '6.0000', ['tied'], null],
    ]);
    expect(rows[2]).toEqual(['N3', null, null, ['insufficient_scorecards'], null]);
  });

  it('trimmed_mean drops one highest and one lowest total', async () => {
    const world = await weightedWorld('trimmed_mean');
    await closeAndTally(t, world, organiser.auth);
    const category = (await results(world)).categories[0]!;
    expect(ranking(category.nominations, world.nominations)).toEqual([
      ['N1', 1, '6.5000', [], null],
      ['N2', 2, '5.5000', [], null],
      ['N3', null, null, ['insufficient_scorecards'], null],
    ]);
  });

  it('tallies every category of the edition, one job each', async () => {
    const world = await createJudgedWorld(t, {
      minScorecards: 1,
      categories: { efficiency: { impact: '1' }, sustainability: { impact: '1' } },
      jurors: ['A'],
      nominations: {
        E1: { category: 'efficiency' },
        S1: { category: 'sustainability' },
        S2: { category: 'sustainability' },
      },
    });
    await scoreTable(t, world, { A: { E1: 5, S1: 3, S2: 9 } });
    const runs = await closeAndTally(t, world, organiser.auth);
    expect(runs).toHaveLength(2);
    const body = await results(world);
    expect(body.categories.map((c) => [c.code, ranking(c.nominations, world.nominations)])).toEqual([
      ['efficiency', [['E1', 1, '5.0000', [], null]]],
      [
        'sustainability',
        [
          ['S2', 1, '9.0000', [], null],
          ['S1', 2, '3.0000', [], null],
        ],
      ],
    ]);
  });
});

describe('tally jobs are idempotent', () => {
  let world: JudgedWorld;
  beforeAll(async () => {
    world = await weightedWorld('mean', ['median']);
    await closeAndTally(t, world, organiser.auth);
  });

  async function newRun(): Promise<{
    runId: string;
    payload: { roundId: string; categoryId: string; runId: string };
  }> {
    const categoryId = world.edition.categories[0]!.id;
    const [run] = await t.db.query<[{ id: string }]>(
      `INSERT INTO tally_runs (round_id, category_id, edition_id) VALUES ($1, $2, $3) RETURNING id`,
      [world.roundId, categoryId, world.edition.id],
    );
    return { runId: run.id, payload: { roundId: world.roundId, categoryId, runId: run.id } };
  }

  it('re-tallying unchanged scorecards finds the existing snapshot', async () => {
    const response = await t.http().post(`/api/v1/rounds/${world.roundId}/tally`).set(organiser.auth);
    expect(response.status).toBe(202);
    const run = (await waitForRuns(t, [response.body.jobs[0].runId]))[0]!;
    expect(run.status).toBe('succeeded');
    expect(await countRows(t, 'tally_snapshots', 'round_id = $1', [world.roundId])).toBe(1);
    const [{ data }] = await t.db.query<[{ data: { created: boolean } }]>(
      `SELECT data FROM audit_log WHERE action = 'tally.computed' AND data->>'runId' = $1`,
      [run.id],
    );
    expect(data.created).toBe(false);
  });

  it('a duplicated job (delivered twice at once) leaves one snapshot and one audit entry', async () => {
    // A correction after the close: D turns out to be conflicted with N1's company, so the inputs change.
    await t.db.query(
      `INSERT INTO conflicts (edition_id, juror_id, company_id, source, reason, created_by) VALUES ($1, $2, $3, 'organiser', 'Board seat', $4)`,
      [world.edition.id, world.jurors.D!.id, world.companies.N1!.id, organiser.id],
    );
    const { runId, payload } = await newRun();
    const handler = t.app.get(TallyCategoryHandler);
    const context = { id: 'duplicate', attempt: 1, maxAttempts: 5 };
    await Promise.all([
      handler.handle(payload, context),
      handler.handle(payload, context),
      handler.handle(payload, context),
    ]);

    expect(await countRows(t, 'tally_snapshots', 'round_id = $1', [world.roundId])).toBe(2);
    expect(
      await countRows(t, 'audit_log', `action = 'tally.computed' AND data->>'runId' = $1`, [runId]),
    ).toBe(1);
    const [run] = await t.db.query<[{ status: string; attempts: number }]>(
      `SELECT status, attempts FROM tally_runs WHERE id = $1`,
      [runId],
    );
    expect(run.status).toBe('succeeded');
    // Without D on N1: A 8, B 7, C 6 → mean 7, ahead of N2's 6.
    const category = (await results(world)).categories[0]!;
    expect(ranking(category.nominations, world.nominations).slice(0, 2)).toEqual([
      ['N1', 1, '7.0000', [], null],
      ['N2', 2, '6.0000', [], null],
    ]);
  });

  it('a worker that dies after computing and before committing leaves nothing; the retry stores one snapshot', async () => {
    await t.db.query(`UPDATE conflicts SET removed_at = now(), removed_by = $2 WHERE juror_id = $1`, [
      world.jurors.D!.id,
      organiser.id,
    ]);
    await t.db.query(
      `UPDATE nominations SET status = 'ineligible', ineligibility_reason = 'Late evidence' WHERE id = $1`,
      [world.nominations.N3],
    );
    const service = t.app.get(TallyService);
    const store = jest.spyOn(
      service as unknown as { storeSnapshot: (...args: unknown[]) => Promise<unknown> },
      'storeSnapshot',
    );
    store.mockRejectedValueOnce(new Error('worker killed'));
    try {
      const response = await t.http().post(`/api/v1/rounds/${world.roundId}/tally`).set(organiser.auth);
      const runId = response.body.jobs[0].runId as string;
      // The first attempt fails before its commit: no snapshot, the run waits for its retry with the error.
      const current = async () => {
        const [row] = await t.db.query<{ status: string; attempts: number; error: string | null }[]>(
          `SELECT status, attempts, error FROM tally_runs WHERE id = $1`,
          [runId],
        );
        return row!;
      };
      for (let i = 0; i < 400 && (await current()).error === null; i++)
        await new Promise((r) => setTimeout(r, 10));
      // The retry comes after a 2 s backoff: meanwhile the error is visible and nothing was stored.
      expect(await current()).toEqual({ status: 'requested', attempts: 1, error: 'Error: worker killed' });
      expect(await countRows(t, 'tally_snapshots', 'round_id = $1', [world.roundId])).toBe(2);
      const [run] = await waitForRuns(t, [runId], 30_000);
      expect(run).toMatchObject({ status: 'succeeded', attempts: 2, error: null });
      expect(store).toHaveBeenCalledTimes(2);
    } finally {
      store.mockRestore();
    }
    expect(await countRows(t, 'tally_snapshots', 'round_id = $1', [world.roundId])).toBe(3);
    const category = (await results(world)).categories[0]!;
    expect(ranking(category.nominations, world.nominations)).toEqual([
      ['N1', 1, '6.0000', [], 'median'],
      ['N2', 2, '6.0000', [], 'median'],
    ]);
  });

  it('a tally the rules cannot compute fails for good, with its error visible to organisers', async () => {
    const broken = await createJudgedWorld(t, { minScorecards: 1, jurors: ['A'], nominations: { X: {} } });
    await score(t, broken, 'A', 'X', { impact: 7.5 });
    const run = (await closeAndTally(t, broken, organiser.auth))[0]!;
    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    const category = (await results(broken)).categories[0]!;
    expect(category.latestRun).toMatchObject({ status: 'failed', attempts: 1 });
    expect(category.latestRun?.error).toMatch(
      /TallyInputError: score for criterion "impact" must be an integer/,
    );
    expect(category.snapshot).toBeNull();
    expect(await countRows(t, 'audit_log', `action = 'tally.failed' AND entity_id = $1`, [run.id])).toBe(1);
  });
});

describe('refusals', () => {
  let world: JudgedWorld;
  beforeAll(async () => {
    world = await weightedWorld('mean');
  });

  const counts = async () => [
    await countRows(t, 'tally_runs'),
    await countRows(t, 'outbox', `name = 'tally.category'`),
    await countRows(t, 'rounds', `status = 'closed'`),
    await countRows(t, 'rounds'),
    await countRows(t, 'nominations', `status = 'shortlisted'`),
  ];

  it('POST /rounds/{id}/close, /tally and /advance: 401 anonymous, 403 entrants and jurors, 404 unknown, 400 malformed', async () => {
    const before = await counts();
    for (const path of ['close', 'tally', 'advance']) {
      const url = `/api/v1/rounds/${world.roundId}/${path}`;
      const body = path === 'advance' ? { topN: 1 } : {};
      expect((await t.http().post(url).send(body)).status).toBe(401);
      for (const caller of [entrant, juror]) {
        const response = await t.http().post(url).set(caller.auth).send(body);
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('auth.forbidden');
      }
      const unknown = await t
        .http()
        .post(`/api/v1/rounds/00000000-0000-4000-8000-000000000000/${path}`)
        .set(organiser.auth)
        .send(body);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('rounds.not_found');
      expect(
        (await t.http().post(`/api/v1/rounds/not-a-uuid/${path}`).set(organiser.auth).send(body)).status,
      ).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });

  it('POST /rounds/{id}/advance validates topN and refuses unknown fields', async () => {
    const url = `/api/v1/rounds/${world.roundId}/advance`;
    for (const body of [{}, { topN: 0 }, { topN: 1.5 }, { topN: '2' }, { topN: 1, extra: true }]) {
      const response = await t.http().post(url).set(organiser.auth).send(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('request.validation_failed');
    }
  });

  it('GET /rounds/{id}/results and the CSV exports: 401 anonymous, 404 for entrants and jurors (results stay secret)', async () => {
    for (const path of ['results', 'results.csv', 'scoresheet.csv']) {
      const url = `/api/v1/rounds/${world.roundId}/${path}`;
      expect((await t.http().get(url)).status).toBe(401);
      for (const caller of [entrant, juror, await signIn(t, ['juror'])]) {
        const response = await t.http().get(url).set(caller.auth);
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('rounds.not_found');
      }
    }
  });

  it('409: tallying or advancing an open round, closing in the wrong phase', async () => {
    const early = await createJudgedWorld(t, { phase: 'eligibility', jurors: ['A'], nominations: { X: {} } });
    const before = await counts();
    const tally = await t.http().post(`/api/v1/rounds/${world.roundId}/tally`).set(organiser.auth);
    expect(tally.status).toBe(409);
    expect(tally.body.code).toBe('rounds.open');
    await t.db.query(`UPDATE editions SET phase = 'tallying' WHERE id = $1`, [world.edition.id]);
    const advance = await t
      .http()
      .post(`/api/v1/rounds/${world.roundId}/advance`)
      .set(organiser.auth)
      .send({ topN: 1 });
    expect(advance.status).toBe(409);
    expect(advance.body.code).toBe('rounds.open');

    const close = await t.http().post(`/api/v1/rounds/${early.roundId}/close`).set(organiser.auth);
    expect(close.status).toBe(409);
    expect(close.body).toMatchObject({ code: 'editions.wrong_phase', currentPhase: 'eligibility' });
    expect(await counts()).toEqual(before);
    await t.db.query(`UPDATE editions SET phase = 'judging' WHERE id = $1`, [world.edition.id]);
  });

  it('409: closing a closed round changes nothing', async () => {
    await closeAndTally(t, world, organiser.auth);
    const before = await counts();
    const again = await t.http().post(`/api/v1/rounds/${world.roundId}/close`).set(organiser.auth);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('rounds.closed');
    expect(await counts()).toEqual(before);
  });

  it('409: advancing on a tally that no longer matches the scorecards', async () => {
    await t.db.query(
      `UPDATE scorecards SET scores = '{"quality": 0, "cost": 0}' WHERE round_id = $1 AND juror_id = $2 AND nomination_id = $3`,
      [world.roundId, world.jurors.A!.id, world.nominations.N1],
    );
    const before = await counts();
    const response = await t
      .http()
      .post(`/api/v1/rounds/${world.roundId}/advance`)
      .set(organiser.auth)
      .send({ topN: 1 });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'tally.not_current', categoryCode: 'efficiency' });
    expect(await counts()).toEqual(before);
  });
});

describe('advancing to the next round', () => {
  it('shortlists the top N (all tied at the cut), opens the next round with assignments minus conflicts', async () => {
    const world = await weightedWorld('mean');
    await closeAndTally(t, world, organiser.auth);
    const response = await t
      .http()
      .post(`/api/v1/rounds/${world.roundId}/advance`)
      .set(organiser.auth)
      .send({ topN: 1 });
    expect(response.status).toBe(200);
    const { nextRound, shortlisted, editionPhase, assignments } = response.body;
    expect(editionPhase).toBe('judging');
    expect(nextRound).toMatchObject({ number: 2, name: 'Round 2' });
    // N1 and N2 tie for rank 1: both advance.
    expect(shortlisted).toEqual([
      {
        categoryId: world.edition.categories[0]!.id,
        categoryCode: 'efficiency',
        nominationIds: [world.nominations.N1, world.nominations.N2].sort(),
      },
    ]);
    const statuses = await t.db.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM nominations WHERE edition_id = $1`,
      [world.edition.id],
    );
    const statusOf = (label: string) => statuses.find((s) => s.id === world.nominations[label])?.status;
    expect([statusOf('N1'), statusOf('N2'), statusOf('N3'), statusOf('N4')]).toEqual([
      'shortlisted',
      'shortlisted',
      'eligible',
      'ineligible',
    ]);
    // Six panel members on two nominations, minus E (member of N2's company) and F (declared conflict with N1).
    expect(assignments).toBe(10);
    const rows = await t.db.query<{ nomination_id: string; juror_id: string }[]>(
      `SELECT nomination_id, juror_id FROM assignments WHERE round_id = $1`,
      [nextRound.id],
    );
    expect(rows).toHaveLength(10);
    expect(rows).not.toContainEqual({ nomination_id: world.nominations.N2, juror_id: world.jurors.E!.id });
    expect(rows).not.toContainEqual({ nomination_id: world.nominations.N1, juror_id: world.jurors.F!.id });
    const [{ phase }] = await t.db.query<[{ phase: string }]>(`SELECT phase FROM editions WHERE id = $1`, [
      world.edition.id,
    ]);
    expect(phase).toBe('judging');
    expect(
      await countRows(t, 'audit_log', `edition_id = $1 AND action = 'nominations.status_changed'`, [
        world.edition.id,
      ]),
    ).toBe(2);

    // Round 1 cannot advance twice; round 2 tallies only the shortlisted nominations.
    const again = await t
      .http()
      .post(`/api/v1/rounds/${world.roundId}/advance`)
      .set(organiser.auth)
      .send({ topN: 1 });
    expect(again.status).toBe(409);
    await score(t, world, 'A', 'N1', { quality: 9, cost: 9 }, { roundId: nextRound.id });
    await score(t, world, 'A', 'N2', { quality: 3, cost: 3 }, { roundId: nextRound.id });
    const close = await t.http().post(`/api/v1/rounds/${nextRound.id}/close`).set(organiser.auth);
    expect(close.status).toBe(202);
    await waitForRuns(
      t,
      (close.body.jobs as { runId: string }[]).map((j) => j.runId),
    );
    const round2 = await t.http().get(`/api/v1/rounds/${nextRound.id}/results`).set(organiser.auth);
    expect(round2.body.categories[0].nominations.map((n: NominationRow) => n.nomination).sort()).toEqual(
      [world.nominations.N1, world.nominations.N2].sort(),
    );
  });
});

describe('CSV exports', () => {
  it('results.csv and scoresheet.csv: quoted, formula-guarded, jurors by pseudonym', async () => {
    const world = await createJudgedWorld(t, {
      minScorecards: 1,
      categories: { efficiency: { quality: '2', cost: '1' } },
      jurors: ['A', 'B'],
      nominations: { N1: { title: '=HYPERLINK("http://evil")' }, N2: { title: 'Rail, road and "sea"' } },
    });
    await score(t, world, 'A', 'N1', { quality: 10, cost: 4 }, { comment: 'secret comment' });
    await score(t, world, 'B', 'N1', { quality: 7, cost: 7 });
    await score(t, world, 'A', 'N2', { quality: 1, cost: 1 });
    await closeAndTally(t, world, organiser.auth);

    const resultsCsv = await t.http().get(`/api/v1/rounds/${world.roundId}/results.csv`).set(organiser.auth);
    expect(resultsCsv.status).toBe(200);
    expect(resultsCsv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(resultsCsv.headers['content-disposition']).toBe(
      `attachment; filename="results-${world.roundId}.csv"`,
    );
    const lines = resultsCsv.text.split('\r\n');
    expect(lines[0]).toBe(
      'category,rank,nomination_id,title,company,score,score_exact,scorecards,median,flags,tie_broken_by,inputs_digest',
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^efficiency,1,${world.nominations.N1},"'=HYPERLINK\\(""http://evil""\\)",Company of N1,7.5000,7.5000000000,2,7.5000,,,[0-9a-f]{64}$`,
      ),
    );
    expect(lines[2]).toMatch(
      new RegExp(`^efficiency,2,${world.nominations.N2},"Rail, road and ""sea""",Company of N2,1.0000,`),
    );
    expect(lines).toHaveLength(4);

    const sheet = await t.http().get(`/api/v1/rounds/${world.roundId}/scoresheet.csv`).set(organiser.auth);
    expect(sheet.status).toBe(200);
    const rows = sheet.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe('category,nomination_id,title,company,juror,quality,cost,total,total_exact');
    expect(rows).toHaveLength(4);
    expect(sheet.text).not.toContain(world.jurors.A.id);
    expect(sheet.text).not.toContain('secret comment');
    expect(sheet.text).not.toContain('Secretname');
    const n1 = rows.filter((r) => r.includes(world.nominations.N1));
    expect(n1.map((r) => r.split(',').slice(-4))).toEqual(
      expect.arrayContaining([expect.arrayContaining(['10', '4', '8.0000', '8.0000000000'])]),
    );
    expect(n1.every((r) => /,J-[0-9a-f]{16},/.test(r))).toBe(true);
  });
});

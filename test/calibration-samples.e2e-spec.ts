import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countRows, login, signIn, type SignedIn } from './support/factories.js';
import { confirmConflicts } from './support/jury.js';
import { setQuestions } from './support/nominations.js';
import { closeAndTally, createJudgedWorld, scoreTable, type JudgedWorld } from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Sample entries (issue 17): a nomination an organiser writes for a round's calibration only, with no company
 * and no entrant. It is a calibration entry of its round from the start, every panel juror scores it like any
 * other, and nothing that lists, counts, ranks, exports, publishes or mails nominations ever shows it.
 */

const API = '/api/v1';
let t: TestApp;
let organiser: SignedIn;
let entrant: SignedIn;
let outsider: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000' });
  organiser = await signIn(t, ['organiser']);
  entrant = await signIn(t, ['entrant']);
  outsider = await signIn(t, ['juror']);
});
afterAll(() => t.close());

type Labels = 'N1' | 'N2';
type Jurors = 'A' | 'B' | 'C' | 'D';

const SAMPLE = {
  title: 'Sample: a reefer corridor Almaty–Tashkent',
  summary: 'A made-up cold-chain project for the panel to calibrate on.',
  metrics: [{ name: 'Spoilage avoided', value: 12.5, unit: '%' }],
};

/** Jurors A–D on the panel; D is a member of N1's company (a conflict a sample, which has none, never has). */
async function sampleWorld(): Promise<JudgedWorld<Jurors, Labels>> {
  const world = await createJudgedWorld<Jurors, Labels>(t, {
    minScorecards: 1,
    jurors: ['A', 'B', 'C', 'D'],
    nominations: { N1: { title: 'Rail bridge' }, N2: { title: 'Dry port' } },
  });
  await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'member')`, [
    world.companies.N1.id,
    world.jurors.D.id,
  ]);
  return world;
}

const addSample = (world: JudgedWorld, body: object = {}, auth = organiser.auth, roundId = world.roundId) =>
  t
    .http()
    .post(`${API}/rounds/${roundId}/calibration/samples`)
    .set(auth)
    .send({ categoryId: world.edition.categories[0]!.id, ...SAMPLE, ...body });

const removeSample = (roundId: string, nominationId: string, auth = organiser.auth) =>
  t.http().delete(`${API}/rounds/${roundId}/calibration/samples/${nominationId}`).set(auth);

const assignees = async (roundId: string, nominationId: string) =>
  (
    await t.db.query<{ juror_id: string }[]>(
      `SELECT juror_id FROM assignments WHERE round_id = $1 AND nomination_id = $2 ORDER BY juror_id`,
      [roundId, nominationId],
    )
  ).map((r) => r.juror_id);

const jurorAuth = async (world: JudgedWorld<Jurors, Labels>, label: Jurors) => ({
  Authorization: `Bearer ${(await login(t, world.jurors[label].email)).token}`,
});

describe('a sample entry through a whole edition', () => {
  let world: JudgedWorld<Jurors, Labels>;
  let sampleId: string;
  let finalRoundId: string;

  beforeAll(async () => {
    world = await sampleWorld();
  });

  it('is written with no company, marked, assigned to every panel juror, mailed and audited', async () => {
    const res = await addSample(world);
    expect(res.status).toBe(201);
    const everyJuror = Object.values(world.jurors)
      .map((j) => j.id)
      .sort();
    expect(res.body).toMatchObject({
      roundId: world.roundId,
      categoryId: world.edition.categories[0]!.id,
      title: SAMPLE.title,
      status: 'eligible',
      assignedJurorIds: everyJuror,
    });
    sampleId = res.body.nominationId as string;
    // The tests' score table then reaches it by a label, as it reaches the contest.
    (world.nominations as Record<string, string>).SAMPLE = sampleId;
    const [row] = await t.db.query<
      { company_id: string | null; sample: boolean; status: string; created_by: string; metrics: unknown }[]
    >(`SELECT company_id, sample, status, created_by, metrics FROM nominations WHERE id = $1`, [sampleId]);
    expect(row).toEqual({
      company_id: null,
      sample: true,
      status: 'eligible',
      created_by: organiser.id,
      metrics: SAMPLE.metrics,
    });
    expect(
      await countRows(t, 'calibration_entries', 'round_id = $1 AND nomination_id = $2', [
        world.roundId,
        sampleId,
      ]),
    ).toBe(1);
    expect(await assignees(world.roundId, sampleId)).toEqual(everyJuror);
    await t.flushOutbox();
    expect(
      await countRows(t, 'notifications', `event = 'jury.assignments' AND recipient_id = ANY($1::uuid[])`, [
        everyJuror,
      ]),
    ).toBe(4);
    expect(
      await countRows(
        t,
        'audit_log',
        `action = 'calibration_entry.sample_added' AND entity_id = $1 AND actor_id = $2`,
        [world.roundId, organiser.id],
      ),
    ).toBe(1);
  });

  it('a juror sees it like any entry, as a sample rather than a company, and scores it through the API', async () => {
    const a = await jurorAuth(world, 'A');
    await confirmConflicts(t, world.edition.id, world.jurors.A.id);
    await t.http().post(`${API}/rounds/${world.roundId}/assignments/default`).set(organiser.auth).expect(200);
    const worklist = await t.http().get(`${API}/me/assignments`).set(a).expect(200);
    const item = (
      worklist.body.items as {
        nominationId: string;
        sample: boolean;
        calibration: boolean;
        company: unknown;
      }[]
    ).find((i) => i.nominationId === sampleId);
    expect(item).toMatchObject({ sample: true, calibration: true, company: null });
    const real = (worklist.body.items as { nominationId: string; sample: boolean; company: unknown }[]).find(
      (i) => i.nominationId === world.nominations.N2,
    );
    expect(real).toMatchObject({
      sample: false,
      company: expect.objectContaining({ name: 'Company of N2' }),
    });
    expect(worklist.body.total).toBe(worklist.body.items.length);

    const opened = await t
      .http()
      .get(`${API}/rounds/${world.roundId}/nominations/${sampleId}`)
      .set(a)
      .expect(200);
    expect(opened.body).toMatchObject({
      title: SAMPLE.title,
      summary: SAMPLE.summary,
      sample: true,
      company: null,
    });

    const scorecard = `${API}/rounds/${world.roundId}/scorecards/${sampleId}`;
    await t
      .http()
      .put(scorecard)
      .set(a)
      .send({ scores: { impact: 8 } })
      .expect(200);
    const submitted = await t.http().post(`${scorecard}/submit`).set(a).send({}).expect(200);
    expect(submitted.body.status).toBe('submitted');
    // D is conflicted with N1's company, not with a sample (it has no company): D scores it too.
    await scoreTable(t, world, {
      A: { N1: 9, N2: 5 },
      B: { N1: 7, N2: 6, SAMPLE: 6 },
      C: { N1: 8, SAMPLE: 10 },
      D: { N2: 4 },
    });
  });

  it("the round's calibration lists it as a sample, with each juror's total against the median", async () => {
    const res = await t
      .http()
      .get(`${API}/rounds/${world.roundId}/calibration`)
      .set(organiser.auth)
      .expect(200);
    expect(res.body.entries).toHaveLength(1);
    expect(res.body.entries[0]).toMatchObject({
      nominationId: sampleId,
      title: SAMPLE.title,
      sample: true,
      assigned: 4,
      submitted: 3,
      median: '8.0000',
    });
  });

  it('no list, export, count or nomination route shows it', async () => {
    const listed = await t
      .http()
      .get(`${API}/nominations`)
      .query({ editionId: world.edition.id })
      .set(organiser.auth)
      .expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(sampleId);
    expect(listed.body.total).toBe(2);
    const owner = { Authorization: `Bearer ${(await login(t, world.owner.email)).token}` };
    const entrantList = await t.http().get(`${API}/nominations`).set(owner).expect(200);
    expect(JSON.stringify(entrantList.body)).not.toContain(sampleId);
    expect(entrantList.body.total).toBe(2);
    for (const who of [organiser, entrant]) {
      const one = await t.http().get(`${API}/nominations/${sampleId}`).set(who.auth);
      expect(one.status).toBe(404);
    }
    const eligibility = await t
      .http()
      .post(`${API}/nominations/${sampleId}/eligibility`)
      .set(organiser.auth)
      .send({ decision: 'ineligible', reason: 'x' });
    expect(eligibility.status).toBe(404);
    const csv = await t
      .http()
      .get(`${API}/editions/${world.edition.id}/nominations.csv`)
      .set(organiser.auth)
      .expect(200);
    expect(csv.text).toContain('Rail bridge');
    expect(csv.text).not.toContain(sampleId);
    expect(csv.text).not.toContain(SAMPLE.title);
    const progress = await t
      .http()
      .get(`${API}/rounds/${world.roundId}/progress/nominations`)
      .set(organiser.auth)
      .expect(200);
    expect((progress.body.items as { nominationId: string }[]).map((n) => n.nominationId).sort()).toEqual(
      [world.nominations.N1, world.nominations.N2].sort(),
    );
  });

  it('once scored it can be neither removed nor unmarked (it would compete)', async () => {
    const before = await countRows(t, 'audit_log');
    const removed = await removeSample(world.roundId, sampleId);
    expect(removed.status).toBe(409);
    expect(removed.body).toMatchObject({ code: 'calibration.sample_scored', scorecards: 3 });
    const unmarked = await t
      .http()
      .delete(`${API}/rounds/${world.roundId}/calibration/${sampleId}`)
      .set(organiser.auth);
    expect(unmarked.status).toBe(409);
    expect(unmarked.body.code).toBe('calibration.sample_stays');
    const marked = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/calibration/${sampleId}`)
      .set(organiser.auth);
    expect(marked.status).toBe(409);
    expect(marked.body.code).toBe('calibration.exists');
    expect(await countRows(t, 'calibration_entries', 'nomination_id = $1', [sampleId])).toBe(1);
    expect(await countRows(t, 'audit_log')).toBe(before);
  });

  it('the tally, the results, their CSV and the scoresheet leave it out', async () => {
    await closeAndTally(t, world, organiser.auth);
    const results = await t
      .http()
      .get(`${API}/rounds/${world.roundId}/results`)
      .set(organiser.auth)
      .expect(200);
    expect(JSON.stringify(results.body)).not.toContain(sampleId);
    // 6 counted scorecards on the contest (A 2, B 2, C 1, D 1), none of the three on the sample.
    expect(results.body.categories[0].snapshot.scorecards).toBe(6);
    for (const path of ['results.csv', 'scoresheet.csv']) {
      const csv = await t
        .http()
        .get(`${API}/rounds/${world.roundId}/${path}`)
        .set(organiser.auth)
        .expect(200);
      expect(csv.text).toContain(world.nominations.N1);
      expect(csv.text).not.toContain(sampleId);
      expect(csv.text).not.toContain(SAMPLE.title);
    }
    const snapshots = await t.db.query<{ result: unknown }[]>(
      `SELECT result FROM tally_snapshots WHERE round_id = $1`,
      [world.roundId],
    );
    expect(JSON.stringify(snapshots)).not.toContain(sampleId);
  });

  it('advancing leaves it behind; the next round assigns it to nobody, by default or automatically', async () => {
    const advance = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/advance`)
      .set(organiser.auth)
      .send({ topN: 3 })
      .expect(200);
    expect(JSON.stringify(advance.body)).not.toContain(sampleId);
    finalRoundId = advance.body.nextRound.id as string;
    await t
      .http()
      .post(`${API}/rounds/${finalRoundId}/assignments/default`)
      .set(organiser.auth)
      .expect((r) => {
        expect([200, 201]).toContain(r.status);
      });
    expect(await assignees(finalRoundId, sampleId)).toEqual([]);
    const [cal] = await t.db.query<{ status: string }[]>(`SELECT status FROM nominations WHERE id = $1`, [
      sampleId,
    ]);
    expect(cal!.status).toBe('eligible');
  });

  it('publishing: no manifest, public page or results mail names it', async () => {
    const final = { ...world, roundId: finalRoundId };
    await scoreTable(t, final, { A: { N1: 9, N2: 4 } });
    await closeAndTally(t, final, organiser.auth);
    await t
      .http()
      .post(`${API}/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({})
      .expect(200);
    const slug = world.edition.slug;
    for (const path of [
      `${API}/public/editions/${slug}/results`,
      `${API}/public/editions/${slug}/results/manifest`,
      `/results/${slug}`,
    ]) {
      const res = await t.http().get(path).expect(200);
      expect(res.text).toContain('Rail bridge');
      expect(res.text).not.toContain(sampleId);
      expect(res.text).not.toContain(SAMPLE.title);
    }
    await t.flushOutbox();
    const mails = await t.db.query<{ params: unknown }[]>(
      `SELECT params FROM notifications WHERE event = 'results.published'`,
    );
    expect(mails.length).toBeGreaterThan(0);
    expect(JSON.stringify(mails)).not.toContain(sampleId);
    expect(JSON.stringify(mails)).not.toContain(SAMPLE.title);
    const [{ status }] = await t.db.query<[{ status: string }]>(
      `SELECT status FROM nominations WHERE id = $1`,
      [sampleId],
    );
    expect(status).toBe('eligible');
  });
});

describe('an Idempotency-Key on writing a sample entry', () => {
  it('replays the same answer for the same request and writes one sample; another body with it is refused', async () => {
    const world = await sampleWorld();
    const key = `sample-${world.roundId}`;
    const first = await addSample(world).set('Idempotency-Key', key);
    expect(first.status).toBe(201);
    const replay = await addSample(world).set('Idempotency-Key', key);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await countRows(t, 'nominations', 'edition_id = $1 AND sample', [world.edition.id])).toBe(1);
    const reused = await addSample(world, { title: 'Another sample' }).set('Idempotency-Key', key);
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('request.idempotency_key_reused');
    expect(await countRows(t, 'nominations', 'edition_id = $1 AND sample', [world.edition.id])).toBe(1);
  });
});

describe('removing a sample entry before anyone scored it', () => {
  it('takes it away with its mark and assignments, audited; a second removal is a 404', async () => {
    const world = await sampleWorld();
    const sampleId = (await addSample(world).expect(201)).body.nominationId as string;
    const res = await removeSample(world.roundId, sampleId);
    expect(res.status).toBe(204);
    expect(await countRows(t, 'nominations', 'id = $1', [sampleId])).toBe(0);
    expect(await countRows(t, 'assignments', 'nomination_id = $1', [sampleId])).toBe(0);
    expect(await countRows(t, 'calibration_entries', 'nomination_id = $1', [sampleId])).toBe(0);
    const [audit] = await t.db.query<{ data: { nominationId: string; unassigned: number; title: string } }[]>(
      `SELECT data FROM audit_log WHERE action = 'calibration_entry.sample_removed' AND entity_id = $1`,
      [world.roundId],
    );
    expect(audit!.data).toMatchObject({ nominationId: sampleId, unassigned: 4, title: SAMPLE.title });
    const again = await removeSample(world.roundId, sampleId);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('calibration.sample_not_found');
  });

  it('a draft scorecard is scoring too: 409', async () => {
    const world = await sampleWorld();
    const sampleId = (await addSample(world).expect(201)).body.nominationId as string;
    await t.db.query(
      `INSERT INTO scorecards (round_id, nomination_id, juror_id, status, scores) VALUES ($1, $2, $3, 'draft', '{}'::jsonb)`,
      [world.roundId, sampleId, world.jurors.B.id],
    );
    const res = await removeSample(world.roundId, sampleId);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'calibration.sample_scored', scorecards: 1 });
    expect(await countRows(t, 'nominations', 'id = $1', [sampleId])).toBe(1);
  });
});

describe('assignments keep a sample with every panel juror', () => {
  it('the automatic assignment gives it to all, the contest k each; a juror seated later is added by hand', async () => {
    const world = await sampleWorld();
    const sampleId = (await addSample(world).expect(201)).body.nominationId as string;
    const res = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 1 });
    expect(res.status).toBe(200);
    expect(await assignees(world.roundId, sampleId)).toHaveLength(4);
    expect(await assignees(world.roundId, world.nominations.N1)).toHaveLength(1);
    const preview = res.body.nominations as { nominationId: string; jurorIds: string[] }[];
    expect(preview.find((n) => n.nominationId === sampleId)?.jurorIds).toHaveLength(4);

    const late = await signIn(t, ['juror']);
    await t.db.query(`INSERT INTO panel_members (category_id, juror_id, edition_id) VALUES ($1, $2, $3)`, [
      world.edition.categories[0]!.id,
      late.id,
      world.edition.id,
    ]);
    const added = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/assignments`)
      .set(organiser.auth)
      .send({ nominationId: sampleId, jurorId: late.id });
    expect(added.status).toBe(201);
  });

  it('a sample written in a later round is shortlisted, to be judged there', async () => {
    const world = await sampleWorld();
    await t.db.query(`UPDATE rounds SET status = 'closed', closed_at = now() WHERE id = $1`, [world.roundId]);
    const [second] = await t.db.query<[{ id: string }]>(
      `INSERT INTO rounds (edition_id, number, name) VALUES ($1, 2, 'Final') RETURNING id`,
      [world.edition.id],
    );
    const res = await addSample(world, {}, organiser.auth, second.id);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('shortlisted');
    expect(await assignees(second.id, res.body.nominationId as string)).toHaveLength(4);
    // Not a calibration entry of the first round: marking it there is refused as an unknown nomination.
    await t.db.query(`UPDATE rounds SET status = 'open', closed_at = NULL WHERE id = $1`, [world.roundId]);
    const elsewhere = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/calibration/${res.body.nominationId as string}`)
      .set(organiser.auth);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('nominations.not_found');
  });
});

describe('refusals change nothing', () => {
  let world: JudgedWorld<Jurors, Labels>;
  let sampleId: string;
  const state = async () => ({
    nominations: await countRows(t, 'nominations'),
    marks: await countRows(t, 'calibration_entries'),
    assignments: await countRows(t, 'assignments'),
    audit: await countRows(t, 'audit_log'),
  });

  beforeAll(async () => {
    world = await sampleWorld();
    sampleId = (await addSample(world).expect(201)).body.nominationId as string;
  });

  it('401 anonymous, 403 entrants and jurors', async () => {
    const juror = { auth: await jurorAuth(world, 'A') };
    const before = await state();
    const url = `${API}/rounds/${world.roundId}/calibration/samples`;
    const calls = [
      () =>
        t
          .http()
          .post(url)
          .send({ categoryId: world.edition.categories[0]!.id, ...SAMPLE }),
      () => t.http().delete(`${url}/${sampleId}`),
    ];
    for (const call of calls) {
      expect((await call()).status).toBe(401);
      for (const who of [entrant, outsider, juror]) {
        const res = await call().set(who.auth);
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect(await state()).toEqual(before);
  });

  it('400 for a malformed body or id, a question the category does not ask, a required one unanswered', async () => {
    const before = await state();
    const category = world.edition.categories[0]!.id;
    for (const body of [
      { title: '' },
      { title: 'x'.repeat(201) },
      { title: 'Line\u0007bell' },
      { categoryId: 'nope' },
      { categoryId: undefined },
      { answers: { 'Bad Code': 'x' } },
      { metrics: [{ name: 'x', value: '5', unit: 't' }] },
    ]) {
      const res = await addSample(world, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    await setQuestions(t, category, [{ code: 'approach', required: true, maxLength: 500 }]);
    const unasked = await addSample(world, { answers: { approach: 'Rail', other: 'x' } });
    expect(unasked.status).toBe(400);
    expect(unasked.body.code).toBe('nominations.invalid_answers');
    const incomplete = await addSample(world, { answers: {} });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.code).toBe('nominations.incomplete');
    const noSummary = await addSample(world, { summary: ' ', answers: { approach: 'Rail' } });
    expect(noSummary.status).toBe(400);
    expect(noSummary.body.errors).toEqual([expect.objectContaining({ field: 'summary' })]);
    for (const res of [
      await t
        .http()
        .post(`${API}/rounds/nope/calibration/samples`)
        .set(organiser.auth)
        .send({ categoryId: category, ...SAMPLE }),
      await removeSample('nope', sampleId),
      await removeSample(world.roundId, 'nope'),
    ])
      expect(res.status).toBe(400);
    expect(await state()).toEqual(before);
    // Key metrics are optional for a sample (an entrant's submission needs one).
    const answered = await addSample(world, {
      answers: { approach: 'Refrigerated rail wagons' },
      metrics: [],
    });
    expect(answered.status).toBe(201);
    await removeSample(world.roundId, answered.body.nominationId as string).expect(204);
    await setQuestions(t, category, []);
  });

  it("404 for an unknown round, another edition's category, a nomination that is no sample of the round", async () => {
    const other = await sampleWorld();
    const otherSample = (await addSample(other).expect(201)).body.nominationId as string;
    const before = await state();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [Promise<{ status: number; body: { code: string } }>, string][] = [
      [addSample(world, {}, organiser.auth, unknown), 'rounds.not_found'],
      [addSample(world, { categoryId: other.edition.categories[0]!.id }), 'categories.not_found'],
      [addSample(world, { categoryId: unknown }), 'categories.not_found'],
      [removeSample(unknown, sampleId), 'rounds.not_found'],
      [removeSample(world.roundId, unknown), 'calibration.sample_not_found'],
      [removeSample(world.roundId, world.nominations.N1), 'calibration.sample_not_found'],
      [removeSample(world.roundId, otherSample), 'calibration.sample_not_found'],
    ];
    for (const [call, code] of cases) {
      const res = await call;
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code });
    }
    // A sample reaches no juror route of another round, nor a juror without an assignment.
    const stranger = await t
      .http()
      .get(`${API}/rounds/${world.roundId}/nominations/${sampleId}`)
      .set(outsider.auth);
    expect(stranger.status).toBe(404);
    expect(await state()).toEqual(before);
  });

  it('409 once the round is closed or outside eligibility and judging', async () => {
    await t.db.query(`UPDATE editions SET phase = 'tallying' WHERE id = $1`, [world.edition.id]);
    let before = await state();
    for (const res of [await addSample(world), await removeSample(world.roundId, sampleId)]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('editions.wrong_phase');
    }
    expect(await state()).toEqual(before);
    await t.db.query(`UPDATE editions SET phase = 'judging' WHERE id = $1`, [world.edition.id]);
    await t.db.query(`UPDATE rounds SET status = 'closed', closed_at = now() WHERE id = $1`, [world.roundId]);
    before = await state();
    for (const res of [await addSample(world), await removeSample(world.roundId, sampleId)]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('rounds.closed');
    }
    expect(await state()).toEqual(before);
  });
});

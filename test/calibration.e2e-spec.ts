import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countRows, login, signIn, type SignedIn } from './support/factories.js';
import { closeAndTally, createJudgedWorld, scoreTable, type JudgedWorld } from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Calibration entries (issue 17): an organiser marks a nomination as a calibration entry of a round; every
 * panel juror without a conflict is assigned it and scores it, and it is out of everything that ranks,
 * advances, publishes or mails results (the view `contest_entries`). Each consumer is checked here.
 */

const API = '/api/v1';
let t: TestApp;
let organiser: SignedIn;
let entrant: SignedIn;
let outsider: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  organiser = await signIn(t, ['organiser']);
  entrant = await signIn(t, ['entrant']);
  outsider = await signIn(t, ['juror']);
});
afterAll(() => t.close());

type Labels = 'N1' | 'N2' | 'CAL';
type Jurors = 'A' | 'B' | 'C' | 'D';

/** Jurors A–D on the panel; D is a member of CAL's company (an automatic conflict). */
async function calibrationWorld(): Promise<JudgedWorld<Jurors, Labels>> {
  const world = await createJudgedWorld<Jurors, Labels>(t, {
    minScorecards: 1,
    jurors: ['A', 'B', 'C', 'D'],
    nominations: {
      N1: { title: 'Rail bridge' },
      N2: { title: 'Dry port' },
      CAL: { title: 'Sample: cold chain' },
    },
  });
  await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'member')`, [
    world.companies.CAL.id,
    world.jurors.D.id,
  ]);
  return world;
}

const mark = (world: JudgedWorld, nominationId: string, auth = organiser.auth) =>
  t.http().post(`${API}/rounds/${world.roundId}/calibration/${nominationId}`).set(auth);

const assignees = async (roundId: string, nominationId: string) =>
  (
    await t.db.query<{ juror_id: string }[]>(
      `SELECT juror_id FROM assignments WHERE round_id = $1 AND nomination_id = $2 ORDER BY juror_id`,
      [roundId, nominationId],
    )
  ).map((r) => r.juror_id);

describe('a calibration entry through a whole edition', () => {
  let world: JudgedWorld<Jurors, Labels>;
  let finalRoundId: string;

  beforeAll(async () => {
    world = await calibrationWorld();
  });

  it('marking assigns it to every panel juror without a conflict, mails them, and is audited', async () => {
    const res = await mark(world, world.nominations.CAL);
    expect(res.status).toBe(201);
    const expected = [world.jurors.A.id, world.jurors.B.id, world.jurors.C.id].sort();
    expect(res.body).toMatchObject({
      roundId: world.roundId,
      nominationId: world.nominations.CAL,
      assignedJurorIds: expected,
    });
    expect(await assignees(world.roundId, world.nominations.CAL)).toEqual(expected);
    await t.flushOutbox();
    expect(
      await countRows(t, 'notifications', `event = 'jury.assignments' AND recipient_id = ANY($1::uuid[])`, [
        expected,
      ]),
    ).toBe(3);
    expect(
      await countRows(
        t,
        'audit_log',
        `action = 'calibration_entry.marked' AND entity_id = $1 AND actor_id = $2`,
        [world.roundId, organiser.id],
      ),
    ).toBe(1);
    // Marked twice: refused, nothing changes.
    const again = await mark(world, world.nominations.CAL);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('calibration.exists');
  });

  it("the organiser sees each juror's total against the panel's median", async () => {
    // Totals on one criterion (impact): CAL A 8, B 6, C 10 → median 8.
    await scoreTable(t, world, {
      A: { N1: 9, N2: 5, CAL: 8 },
      B: { N1: 7, N2: 6, CAL: 6 },
      C: { N1: 8, CAL: 10 },
    });
    const res = await t.http().get(`${API}/rounds/${world.roundId}/calibration`).set(organiser.auth);
    expect(res.status).toBe(200);
    expect(res.body.entries).toHaveLength(1);
    const [entry] = res.body.entries as {
      nominationId: string;
      title: string;
      assigned: number;
      submitted: number;
      median: string;
      jurors: { jurorId: string; fullName: string; total: string; deviation: string }[];
    }[];
    expect(entry).toMatchObject({
      nominationId: world.nominations.CAL,
      title: 'Sample: cold chain',
      assigned: 3,
      submitted: 3,
      median: '8.0000',
    });
    const byJuror = Object.fromEntries(entry!.jurors.map((j) => [j.fullName, [j.total, j.deviation]]));
    expect(byJuror).toEqual({
      'Juror A Secretname': ['8.0000', '0.0000'],
      'Juror B Secretname': ['6.0000', '-2.0000'],
      'Juror C Secretname': ['10.0000', '2.0000'],
    });
    expect(
      (res.body.jurors as { fullName: string; meanDeviation: string; entries: number }[]).map((j) => [
        j.fullName,
        j.entries,
        j.meanDeviation,
      ]),
    ).toEqual([
      ['Juror A Secretname', 1, '0.0000'],
      ['Juror B Secretname', 1, '-2.0000'],
      ['Juror C Secretname', 1, '2.0000'],
    ]);
  });

  it('progress lists the contest, not the calibration entry, against the minimum scorecards', async () => {
    const res = await t.http().get(`${API}/rounds/${world.roundId}/progress`).set(organiser.auth).expect(200);
    const listed = await t
      .http()
      .get(`${API}/rounds/${world.roundId}/progress/nominations`)
      .set(organiser.auth)
      .expect(200);
    const ids = (listed.body.items as { nominationId: string }[]).map((n) => n.nominationId).sort();
    expect(ids).toEqual([world.nominations.N1, world.nominations.N2].sort());
    // The jurors still have it to score: it counts in their own progress.
    const a = (res.body.jurors as { jurorId: string; assigned: number }[]).find(
      (j) => j.jurorId === world.jurors.A.id,
    );
    expect(a?.assigned).toBe(3);
  });

  it('the tally, the results, their CSV and the scoresheet leave it out', async () => {
    await closeAndTally(t, world, organiser.auth);
    const results = await t
      .http()
      .get(`${API}/rounds/${world.roundId}/results`)
      .set(organiser.auth)
      .expect(200);
    const ranked = (results.body.categories[0].nominations as { nomination: string }[]).map(
      (n) => n.nomination,
    );
    expect(ranked.sort()).toEqual([world.nominations.N1, world.nominations.N2].sort());
    // 5 counted scorecards on the contest (A: 2, B: 2, C: 1), none of the three on CAL.
    expect(results.body.categories[0].snapshot.scorecards).toBe(5);
    for (const path of ['results.csv', 'scoresheet.csv']) {
      const csv = await t
        .http()
        .get(`${API}/rounds/${world.roundId}/${path}`)
        .set(organiser.auth)
        .expect(200);
      expect(csv.text).toContain(world.nominations.N1);
      expect(csv.text).not.toContain(world.nominations.CAL);
      expect(csv.text).not.toContain('Sample: cold chain');
    }
    const [snapshot] = await t.db.query<{ result: unknown }[]>(
      `SELECT result FROM tally_snapshots WHERE round_id = $1`,
      [world.roundId],
    );
    expect(JSON.stringify(snapshot!.result)).not.toContain(world.nominations.CAL);
  });

  it('advancing shortlists only the contest; the next round assigns no calibration entry', async () => {
    const preview = await t
      .http()
      .get(`${API}/rounds/${world.roundId}/advance-preview`)
      .query({ topN: 3 })
      .set(organiser.auth);
    if (preview.status === 200) expect(JSON.stringify(preview.body)).not.toContain(world.nominations.CAL);
    const advance = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/advance`)
      .set(organiser.auth)
      .send({ topN: 3 })
      .expect(200);
    expect(JSON.stringify(advance.body)).not.toContain(world.nominations.CAL);
    finalRoundId = advance.body.nextRound.id as string;
    const [cal] = await t.db.query<{ status: string }[]>(`SELECT status FROM nominations WHERE id = $1`, [
      world.nominations.CAL,
    ]);
    expect(cal!.status).toBe('eligible');
    expect(await assignees(finalRoundId, world.nominations.CAL)).toEqual([]);
    expect((await assignees(finalRoundId, world.nominations.N1)).length).toBeGreaterThan(0);
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
      expect(res.text).not.toContain(world.nominations.CAL);
      expect(res.text).not.toContain('Sample: cold chain');
    }
    await t.flushOutbox();
    const mailed = (nominationId: string) =>
      countRows(t, 'notifications', `event = 'results.published' AND params->>'nominationId' = $1`, [
        nominationId,
      ]);
    expect(await mailed(world.nominations.N1)).toBeGreaterThan(0);
    expect(await mailed(world.nominations.CAL)).toBe(0);
  });
});

describe('automatic assignment with a calibration entry', () => {
  it('gives the calibration entry to every panel juror without a conflict, the others k each', async () => {
    const world = await calibrationWorld();
    await mark(world, world.nominations.CAL).expect(201);
    const res = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 1 });
    expect(res.status).toBe(200);
    expect(await assignees(world.roundId, world.nominations.CAL)).toEqual(
      [world.jurors.A.id, world.jurors.B.id, world.jurors.C.id].sort(),
    );
    expect(await assignees(world.roundId, world.nominations.N1)).toHaveLength(1);
    expect(await assignees(world.roundId, world.nominations.N2)).toHaveLength(1);
    const preview = res.body.nominations as { nominationId: string; jurorIds: string[] }[];
    expect(preview.find((n) => n.nominationId === world.nominations.CAL)?.jurorIds).toHaveLength(3);
  });
});

describe('unmarking', () => {
  it('puts the nomination back in the contest with its scorecards and keeps its assignments', async () => {
    const world = await calibrationWorld();
    await mark(world, world.nominations.CAL).expect(201);
    const res = await t
      .http()
      .delete(`${API}/rounds/${world.roundId}/calibration/${world.nominations.CAL}`)
      .set(organiser.auth);
    expect(res.status).toBe(204);
    expect(await assignees(world.roundId, world.nominations.CAL)).toHaveLength(3);
    expect(await countRows(t, 'calibration_entries', 'round_id = $1', [world.roundId])).toBe(0);
    expect(
      await countRows(t, 'audit_log', `action = 'calibration_entry.unmarked' AND entity_id = $1`, [
        world.roundId,
      ]),
    ).toBe(1);
    const progress = await t
      .http()
      .get(`${API}/rounds/${world.roundId}/progress/nominations`)
      .set(organiser.auth)
      .expect(200);
    expect((progress.body.items as { nominationId: string }[]).map((n) => n.nominationId)).toContain(
      world.nominations.CAL,
    );
    const again = await t
      .http()
      .delete(`${API}/rounds/${world.roundId}/calibration/${world.nominations.CAL}`)
      .set(organiser.auth);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('calibration.not_found');
  });
});

describe('refusals change nothing', () => {
  let world: JudgedWorld<Jurors, Labels>;
  const state = async () => ({
    marks: await countRows(t, 'calibration_entries'),
    assignments: await countRows(t, 'assignments'),
    audit: await countRows(t, 'audit_log'),
  });

  beforeAll(async () => {
    world = await calibrationWorld();
  });

  it('401 anonymous, 403 entrants and jurors, on every route', async () => {
    const before = await state();
    const url = `${API}/rounds/${world.roundId}/calibration`;
    const calls = [
      () => t.http().post(`${url}/${world.nominations.CAL}`),
      () => t.http().delete(`${url}/${world.nominations.CAL}`),
      () => t.http().get(url),
    ];
    for (const call of calls) {
      expect((await call()).status).toBe(401);
      for (const who of [entrant, outsider, { auth: { Authorization: `Bearer x` } }]) {
        const res = await call().set(who.auth);
        expect([401, 403]).toContain(res.status);
        if (who !== entrant && who !== outsider) continue;
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect(await state()).toEqual(before);
  });

  it('404 for an unknown round or a nomination of another edition; 400 for malformed ids', async () => {
    const before = await state();
    const other = await calibrationWorld();
    const snapshot = await state();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [string, 'post' | 'delete' | 'get', number, string][] = [
      [`${API}/rounds/${unknown}/calibration/${world.nominations.CAL}`, 'post', 404, 'rounds.not_found'],
      [
        `${API}/rounds/${world.roundId}/calibration/${other.nominations.CAL}`,
        'post',
        404,
        'nominations.not_found',
      ],
      [`${API}/rounds/${world.roundId}/calibration/${unknown}`, 'post', 404, 'nominations.not_found'],
      [`${API}/rounds/${unknown}/calibration/${world.nominations.CAL}`, 'delete', 404, 'rounds.not_found'],
      [
        `${API}/rounds/${world.roundId}/calibration/${world.nominations.CAL}`,
        'delete',
        404,
        'calibration.not_found',
      ],
      [`${API}/rounds/${unknown}/calibration`, 'get', 404, 'rounds.not_found'],
      [`${API}/rounds/nope/calibration/${world.nominations.CAL}`, 'post', 400, 'validation'],
      [`${API}/rounds/${world.roundId}/calibration/nope`, 'post', 400, 'validation'],
      [`${API}/rounds/${world.roundId}/calibration/nope`, 'delete', 400, 'validation'],
      [`${API}/rounds/nope/calibration`, 'get', 400, 'validation'],
    ];
    for (const [url, method, status, code] of cases) {
      const res = await t.http()[method](url).set(organiser.auth);
      expect({ url, method, status: res.status }).toEqual({ url, method, status });
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (code !== 'validation') expect(res.body.code).toBe(code);
    }
    expect(await state()).toEqual(snapshot);
    expect(snapshot.marks).toBe(before.marks);
  });

  it('409 for a nomination not judged in the round, and once the round is closed', async () => {
    await t.db.query(
      `UPDATE nominations SET status = 'ineligible', ineligibility_reason = 'x' WHERE id = $1`,
      [world.nominations.N2],
    );
    let before = await state();
    const ineligible = await mark(world, world.nominations.N2);
    expect(ineligible.status).toBe(409);
    expect(ineligible.body.code).toBe('assignments.nomination_not_in_round');
    expect(await state()).toEqual(before);

    await mark(world, world.nominations.CAL).expect(201);
    await t.db.query(`UPDATE rounds SET status = 'closed', closed_at = now() WHERE id = $1`, [world.roundId]);
    before = await state();
    const closedMark = await mark(world, world.nominations.N1);
    expect(closedMark.status).toBe(409);
    expect(closedMark.body.code).toBe('rounds.closed');
    const closedUnmark = await t
      .http()
      .delete(`${API}/rounds/${world.roundId}/calibration/${world.nominations.CAL}`)
      .set(organiser.auth);
    expect(closedUnmark.status).toBe(409);
    expect(closedUnmark.body.code).toBe('rounds.closed');
    expect(await state()).toEqual(before);
    // The report stays readable after the round closes.
    await t.http().get(`${API}/rounds/${world.roundId}/calibration`).set(organiser.auth).expect(200);
  });
});

describe("a juror's own calibration (GET /me/rounds/{id}/calibration) and worklist", () => {
  let world: JudgedWorld<Jurors, Labels>;
  const as = async (label: Jurors) => ({
    Authorization: `Bearer ${(await login(t, world.jurors[label].email)).token}`,
  });
  const own = async (label: Jurors) =>
    t
      .http()
      .get(`${API}/me/rounds/${world.roundId}/calibration`)
      .set(await as(label));

  beforeAll(async () => {
    world = await calibrationWorld();
    await mark(world, world.nominations.CAL).expect(201);
    await scoreTable(t, world, { A: { N1: 9 } });
  });

  it('is refused while the edition keeps it off (the default), then until all are submitted', async () => {
    const off = await own('A');
    expect(off.status).toBe(409);
    expect(off.body.code).toBe('calibration.feedback_off');
    const patched = await t
      .http()
      .patch(`${API}/editions/${world.edition.id}`)
      .set(organiser.auth)
      .send({ calibrationFeedback: true });
    expect(patched.status).toBe(200);
    expect(patched.body.calibrationFeedback).toBe(true);
    const incomplete = await own('A');
    expect(incomplete.status).toBe(409);
    expect(incomplete.body).toMatchObject({ code: 'calibration.incomplete', assigned: 1, submitted: 0 });
  });

  it('the worklist marks the calibration entry and says where the juror stands', async () => {
    const res = await t
      .http()
      .get(`${API}/me/assignments`)
      .set(await as('A'))
      .expect(200);
    const flags = Object.fromEntries(
      (res.body.items as { nominationId: string; calibration: boolean }[]).map((i) => [
        i.nominationId,
        i.calibration,
      ]),
    );
    expect(flags[world.nominations.CAL]).toBe(true);
    expect(flags[world.nominations.N1]).toBe(false);
    expect(res.body.rounds[0].calibration).toEqual({ assigned: 1, submitted: 0, feedback: true });
  });

  it("once submitted, a juror sees their own deviation from the median and nobody else's marks", async () => {
    await scoreTable(t, world, { A: { CAL: 8 }, B: { CAL: 6 }, C: { CAL: 10 } });
    const a = await own('A');
    expect(a.status).toBe(200);
    expect(a.body).toEqual({
      roundId: world.roundId,
      entries: [
        {
          nominationId: world.nominations.CAL,
          title: 'Sample: cold chain',
          total: '8.0000',
          deviation: '0.0000',
        },
      ],
      meanDeviation: '0.0000',
      meanAbsoluteDeviation: '0.0000',
    });
    const b = await own('B');
    expect(b.body.entries[0].deviation).toBe('-2.0000');
    expect(b.body.meanDeviation).toBe('-2.0000');
    for (const other of [world.jurors.A, world.jurors.C]) {
      expect(JSON.stringify(b.body)).not.toContain(other.id);
      expect(JSON.stringify(b.body)).not.toContain(other.fullName);
    }
    expect(JSON.stringify(b.body)).not.toContain('10.0000');
  });

  it('404 to a juror without a calibration entry or without an assignment in the round; 401, 403, 400', async () => {
    // D (conflicted with CAL's company) holds another assignment in the round, but no calibration entry.
    const d = await own('D');
    expect(d.status).toBe(404);
    expect(d.body.code).toBe('rounds.not_found');
    await scoreTable(t, world, { D: { N1: 5 } });
    const none = await own('D');
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('calibration.none');
    const url = `${API}/me/rounds/${world.roundId}/calibration`;
    const stranger = await t.http().get(url).set(outsider.auth);
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('rounds.not_found');
    expect((await t.http().get(url)).status).toBe(401);
    expect((await t.http().get(url).set(organiser.auth)).status).toBe(403);
    expect((await t.http().get(url).set(entrant.auth)).status).toBe(403);
    const malformed = await t
      .http()
      .get(`${API}/me/rounds/nope/calibration`)
      .set(await as('A'));
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
  });
});

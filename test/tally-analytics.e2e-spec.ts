import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TallyCategoryHandler } from '../src/modules/tally/jobs/tally-category.handler.js';
import { concordanceBlocks } from '../src/modules/tally/analytics/kendall.js';
import { jurorDiagnostics } from '../src/modules/tally/analytics/jurors.js';
import { krippendorffAlphaWithInterval } from '../src/modules/tally/analytics/krippendorff.js';
import { round4 } from '../src/modules/tally/analytics/ratings.js';
import { countRows, login, signIn, type SignedIn } from './support/factories.js';
import {
  closeAndTally,
  createJudgedWorld,
  scoreTable,
  waitForRuns,
  type JudgedWorld,
} from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Jury analytics through the API: computed by the tally job with the snapshot, read by organisers only.
 *
 * One criterion (weight 1), so a juror total is the mark. Four jurors score all five nominations:
 *   A  9 7 5 3 1      B  10 8 6 4 2  (A + 1)      C  8 6 4 2 0  (A − 1)      D  1 3 5 7 9  (A reversed)
 * By hand: rank sums 16, 14, 12, 10, 8 around a mean of 12, S = 40, Kendall's W = 12·40 / (4²·(5³ − 5)) = 0.25.
 * D's totals against the others' means (9, 7, 5, 3, 1) give Spearman's ρ = −1 (flagged below 0.3); A's, B's
 * and C's give 1. The pool of 20 totals has mean 5 and σ = √8.5; B's leniency is +4/3, C's −4/3.
 */
const MARKS = {
  A: [9, 7, 5, 3, 1],
  B: [10, 8, 6, 4, 2],
  C: [8, 6, 4, 2, 0],
  D: [1, 3, 5, 7, 9],
} as const;
const NOMINATIONS = ['N1', 'N2', 'N3', 'N4', 'N5'] as const;
type Juror = keyof typeof MARKS;
type Nomination = (typeof NOMINATIONS)[number];

interface AnalyticsBody {
  roundId: string;
  thresholds: { minAgreement: number; maxLeniencySigma: number };
  categories: {
    code: string;
    status: string;
    snapshotId: string | null;
    inputsDigest: string | null;
    sigma: number | null;
    alpha: {
      value: number | null;
      reason: string | null;
      units: number | null;
      values: number | null;
      coders: number | null;
      interval: { low: number; high: number; resamples: number } | null;
    } | null;
    concordance: { jurors: string[]; nominations: number; value: number | null; reason: string | null }[];
    jurors: {
      juror: string;
      scorecards: number;
      shared: number;
      leniency: number | null;
      leniencySigma: number | null;
      agreement: number | null;
      agreementReason: string | null;
      scaleUse: { criterion: string; lowest: number; highest: number }[];
      flags: { code: string; value: number; threshold: number }[];
    }[];
  }[];
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

async function world(): Promise<JudgedWorld<Juror, Nomination>> {
  const w = await createJudgedWorld(t, {
    minScorecards: 3,
    jurors: ['A', 'B', 'C', 'D'] as Juror[],
    nominations: Object.fromEntries(NOMINATIONS.map((n) => [n, {}])) as Record<Nomination, object>,
  });
  await scoreTable(
    t,
    w,
    Object.fromEntries(
      Object.entries(MARKS).map(([j, marks]) => [
        j,
        Object.fromEntries(NOMINATIONS.map((n, i) => [n, marks[i]!])),
      ]),
    ),
  );
  return w;
}

const get = (w: JudgedWorld, auth?: { Authorization: string }) => {
  const request = t.http().get(`/api/v1/rounds/${w.roundId}/analytics`);
  return auth ? request.set(auth) : request;
};

describe('GET /rounds/{id}/analytics', () => {
  let w: JudgedWorld<Juror, Nomination>;
  let body: AnalyticsBody;

  beforeAll(async () => {
    w = await world();
  });

  it('is refused with 409 rounds.open while the round is open: nobody sees any of it before it closes', async () => {
    const response = await get(w, organiser.auth);
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('rounds.open');
    const csv = await t.http().get(`/api/v1/rounds/${w.roundId}/analytics/jurors.csv`).set(organiser.auth);
    expect(csv.status).toBe(409);
  });

  it('after the tally shows the figures the pure functions give, and the hand-computed ones', async () => {
    await closeAndTally(t, w, organiser.auth);
    const response = await get(w, organiser.auth);
    expect(response.status).toBe(200);
    body = response.body as AnalyticsBody;
    expect(body.thresholds).toEqual({ minAgreement: 0.3, maxLeniencySigma: 1 });
    const [category] = body.categories;
    expect(category).toMatchObject({ code: 'efficiency', status: 'computed' });

    // The same figures from the pure module, on the same totals, seeded by the same digest.
    const id = (label: Juror) => w.jurors[label].id;
    const ratings = (Object.keys(MARKS) as Juror[]).flatMap((j) =>
      NOMINATIONS.map((n, i) => ({ unit: w.nominations[n], coder: id(j), value: MARKS[j][i]! })),
    );
    const expected = krippendorffAlphaWithInterval(ratings, { seed: category!.inputsDigest! });
    expect(expected.alpha.value).not.toBeNull();
    expect(category!.alpha).toEqual({
      value: round4(expected.alpha.value!),
      reason: null,
      units: 5,
      values: 20,
      coders: 4,
      interval: expected.interval,
    });
    expect(category!.alpha!.interval).toMatchObject({ resamples: 1000 });

    expect(category!.concordance).toEqual([
      {
        jurors: concordanceBlocks(ratings)[0]!.jurors,
        nominations: 5,
        value: 0.25,
        reason: null,
      },
    ]);
    expect(category!.sigma).toBeCloseTo(Math.sqrt(8.5), 9);

    const cards = ratings.map((r) => ({
      juror: r.coder,
      nomination: r.unit,
      total: r.value,
      scores: { impact: r.value },
    }));
    expect(category!.jurors).toEqual(jurorDiagnostics(cards, Math.sqrt(8.5)));
    const byLabel = (label: Juror) => category!.jurors.find((j) => j.juror === id(label))!;
    expect(byLabel('D')).toMatchObject({
      scorecards: 5,
      shared: 5,
      agreement: -1,
      flags: [{ code: 'low_agreement', value: -1, threshold: 0.3 }],
      scaleUse: [{ criterion: 'impact', lowest: 1, highest: 9 }],
    });
    expect(byLabel('B')).toMatchObject({ agreement: 1, leniency: 1.3333, flags: [] });
    expect(byLabel('C')).toMatchObject({ leniency: -1.3333, leniencySigma: round4(-4 / 3 / Math.sqrt(8.5)) });
  });

  it("flags by the edition's thresholds of the moment (edition rules), without tallying again", async () => {
    const patch = await t
      .http()
      .patch(`/api/v1/editions/${w.edition.id}`)
      .set(organiser.auth)
      .send({ minJurorAgreement: -1, maxJurorLeniencySigma: 0.4 });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ minJurorAgreement: -1, maxJurorLeniencySigma: 0.4 });
    const after = (await get(w, organiser.auth)).body as AnalyticsBody;
    expect(after.thresholds).toEqual({ minAgreement: -1, maxLeniencySigma: 0.4 });
    const flags = Object.fromEntries(
      after.categories[0]!.jurors.map((j) => [
        (Object.keys(w.jurors) as Juror[]).find((label) => w.jurors[label].id === j.juror),
        j.flags.map((f) => f.code),
      ]),
    );
    expect(flags).toEqual({ A: [], B: ['lenient'], C: ['severe'], D: [] });
  });

  it('refuses thresholds out of range with 400 problem+json and changes nothing', async () => {
    for (const bad of [
      { minJurorAgreement: 1.5 },
      { maxJurorLeniencySigma: 0 },
      { maxJurorLeniencySigma: 0.123 },
      { minJurorAgreement: 'high' },
    ]) {
      const response = await t.http().patch(`/api/v1/editions/${w.edition.id}`).set(organiser.auth).send(bad);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const [row] = await t.db.query<{ a: string; s: string }[]>(
      `SELECT min_juror_agreement::text AS a, max_juror_leniency_sigma::text AS s FROM editions WHERE id = $1`,
      [w.edition.id],
    );
    expect(row).toEqual({ a: '-1.00', s: '0.40' });
  });

  it('tallying again (and a job delivered twice) keeps one analysis per snapshot, the same one', async () => {
    const before = await t.db.query<{ snapshot_id: string; analysis: unknown }[]>(
      `SELECT a.snapshot_id, a.analysis FROM tally_analyses a JOIN tally_snapshots s ON s.id = a.snapshot_id WHERE s.round_id = $1`,
      [w.roundId],
    );
    expect(before).toHaveLength(1);
    const again = await t.http().post(`/api/v1/rounds/${w.roundId}/tally`).set(organiser.auth);
    expect(again.status).toBe(202);
    const runId = again.body.jobs[0].runId as string;
    // The same job handled twice more at once, as a duplicate delivery would.
    const handler = t.app.get(TallyCategoryHandler);
    const payload = { roundId: w.roundId, categoryId: w.edition.categories[0]!.id, runId };
    const context = { id: 'duplicate', attempt: 1, maxAttempts: 5 };
    await Promise.all([handler.handle(payload, context), handler.handle(payload, context)]);
    await waitForRuns(t, [runId]);
    const after = await t.db.query<{ snapshot_id: string; analysis: unknown }[]>(
      `SELECT a.snapshot_id, a.analysis FROM tally_analyses a JOIN tally_snapshots s ON s.id = a.snapshot_id WHERE s.round_id = $1`,
      [w.roundId],
    );
    expect(after).toEqual(before);
  });

  it('a snapshot without its analysis (tallied before analytics existed) says so, and the next tally computes the same one', async () => {
    const [stored] = await t.db.query<{ snapshot_id: string; analysis: unknown }[]>(
      `SELECT a.snapshot_id, a.analysis FROM tally_analyses a JOIN tally_snapshots s ON s.id = a.snapshot_id WHERE s.round_id = $1`,
      [w.roundId],
    );
    await t.db.query(`DELETE FROM tally_analyses WHERE snapshot_id = $1`, [stored!.snapshot_id]);
    const missing = (await get(w, organiser.auth)).body as AnalyticsBody;
    expect(missing.categories[0]).toMatchObject({ status: 'not_computed', alpha: null, jurors: [] });
    const again = await t.http().post(`/api/v1/rounds/${w.roundId}/tally`).set(organiser.auth);
    await waitForRuns(t, [again.body.jobs[0].runId as string]);
    expect(
      await t.db.query(`SELECT snapshot_id, analysis FROM tally_analyses WHERE snapshot_id = $1`, [
        stored!.snapshot_id,
      ]),
    ).toEqual([stored]);
  });

  it('is refused to everyone but organisers: 401 anonymous, 403 juror (also one of this round) and entrant', async () => {
    const { token } = await login(t, w.jurors.A.email);
    const asRoundJuror = { Authorization: `Bearer ${token}` };
    for (const path of ['analytics', 'analytics/jurors.csv']) {
      const url = `/api/v1/rounds/${w.roundId}/${path}`;
      expect((await t.http().get(url)).status).toBe(401);
      for (const auth of [juror.auth, entrant.auth, asRoundJuror]) {
        const response = await t.http().get(url).set(auth);
        expect(response.status).toBe(403);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
    }
  });

  it('404 for an unknown round, 400 for a malformed id', async () => {
    const unknown = await t.http().get(`/api/v1/rounds/${randomUUID()}/analytics`).set(organiser.auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('rounds.not_found');
    const csv = await t.http().get(`/api/v1/rounds/${randomUUID()}/analytics/jurors.csv`).set(organiser.auth);
    expect(csv.status).toBe(404);
    const malformed = await t.http().get(`/api/v1/rounds/not-a-uuid/analytics`).set(organiser.auth);
    expect(malformed.status).toBe(400);
  });

  it('409 tally.no_snapshot for a closed round whose tally has not finished', async () => {
    const other = await world();
    await t.db.query(`UPDATE rounds SET status = 'closed', closed_at = now() WHERE id = $1`, [other.roundId]);
    const response = await get(other, organiser.auth);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('tally.no_snapshot');
  });

  it('GET …/analytics/jurors.csv: one line per juror, names formula-safe', async () => {
    await t.db.query(`UPDATE users SET full_name = '=HYPERLINK("x")' WHERE id = $1`, [w.jurors.D.id]);
    const response = await t
      .http()
      .get(`/api/v1/rounds/${w.roundId}/analytics/jurors.csv`)
      .set(organiser.auth);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('attachment');
    const lines = response.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'category,juror_id,juror,scorecards,shared,leniency,leniency_sigma,agreement,agreement_not_computed,scale_use,flags,inputs_digest',
    );
    expect(lines).toHaveLength(5);
    const d = lines.find((line) => line.includes(w.jurors.D.id))!;
    expect(d).toContain(`"'=HYPERLINK(""x"")"`);
    expect(d).toContain(',5,5,');
    expect(d).toContain(',-1,,impact 1-9,');
    const b = lines.find((line) => line.includes(w.jurors.B.id))!;
    expect(b).toContain('Juror B Secretname');
    expect(b).toContain(',lenient,');
    expect(await countRows(t, 'tally_analyses')).toBeGreaterThan(0);
  });
});

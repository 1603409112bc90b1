import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countRows, signIn, type SignedIn } from './support/factories.js';
import { createEdition } from './support/editions.js';
import { addAttachment, assign, createJuryWorld, type JuryWorld, putOnPanel } from './support/jury.js';
import { createCompany, createNomination } from './support/nominations.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The juror's declaration (employer, conflicts, terms, complete) before a nomination opens, the companies
 * they declare against, and their own distribution of totals in a round.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000' });
});

afterAll(async () => {
  await t.close();
});

const API = '/api/v1';
const UNKNOWN = '00000000-0000-4000-8000-000000000009';

/** A fresh juror on the world's panel, assigned its nomination, who has declared nothing yet. */
async function newJuror(w: JuryWorld): Promise<SignedIn> {
  const juror = await signIn(t, ['juror']);
  await putOnPanel(t, w.edition, w.categoryId, [juror.id]);
  await assign(t, w.roundId, w.nominationId, juror.id);
  return juror;
}

function problem(res: { status: number; body: unknown; headers: Record<string, string> }, status: number) {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.body as { code: string; editionId?: string };
}

describe('GET /me/declarations/{editionId}', () => {
  it('shows the state of the declaration, from nothing declared to complete, with the company names the juror declared', async () => {
    const w = await createJuryWorld(t, { blind: true, companyName: 'Steppe Rail Logistics' });
    const juror = await newJuror(w);
    const url = `${API}/me/declarations/${w.edition.id}`;
    const before = await t.http().get(url).set(juror.auth).expect(200);
    expect(before.body).toEqual({
      editionId: w.edition.id,
      editionName: expect.any(String),
      blind: true,
      phase: 'judging',
      open: true,
      employer: null,
      conflicts: [],
      termsAcceptedAt: null,
      completedAt: null,
      complete: false,
    });

    await t
      .http()
      .put(`${API}/me/employer`)
      .set(juror.auth)
      .send({ companyId: w.otherCompany.id })
      .expect(200);
    await t
      .http()
      .post(`${API}/conflicts`)
      .set(juror.auth)
      .send({ editionId: w.edition.id, companyId: w.company.id, reason: 'I advised them last year' })
      .expect(201);
    const terms = await t.http().post(`${API}/me/declarations/${w.edition.id}/terms`).set(juror.auth);
    expect(terms.status).toBe(200);
    expect(terms.body).toMatchObject({ termsAcceptedAt: expect.any(String), complete: false });
    await t.http().post(`${API}/editions/${w.edition.id}/conflicts/confirm`).set(juror.auth).expect(200);

    const after = await t.http().get(url).set(juror.auth).expect(200);
    const otherName = (
      await t.db.query<{ name: string }[]>(`SELECT name FROM companies WHERE id = $1`, [w.otherCompany.id])
    )[0]!.name;
    expect(after.body).toMatchObject({
      employer: { companyId: w.otherCompany.id, name: otherName },
      complete: true,
      completedAt: expect.any(String),
    });
    expect(after.body.termsAcceptedAt).toBe(terms.body.termsAcceptedAt);
    expect(Date.parse(after.body.termsAcceptedAt)).toBeLessThan(Date.parse(after.body.completedAt));
    expect(after.body.conflicts).toEqual(
      expect.arrayContaining([
        {
          id: expect.any(String),
          companyId: w.company.id,
          companyName: 'Steppe Rail Logistics',
          source: 'declared',
          reason: 'I advised them last year',
          createdAt: expect.any(String),
        },
        {
          id: null,
          companyId: w.otherCompany.id,
          companyName: otherName,
          source: 'employer',
          reason: null,
          createdAt: null,
        },
      ]),
    );
    expect(after.body.conflicts).toHaveLength(2);
  });

  it('answers 404 alike for an unknown edition, a draft one and one whose panels the juror is not on; 403 to entrants and organisers; 401; 400', async () => {
    const w = await createJuryWorld(t);
    const stranger = await signIn(t, ['juror']);
    const draft = await createEdition(t, { phase: 'draft' });
    await putOnPanel(t, draft, draft.categories[0]!.id, [w.assignedJuror.id]);
    for (const [who, edition] of [
      [w.assignedJuror, UNKNOWN],
      [w.assignedJuror, draft.id],
      [stranger, w.edition.id],
    ] as const) {
      const res = await t.http().get(`${API}/me/declarations/${edition}`).set(who.auth);
      expect(problem(res, 404).code).toBe('editions.not_found');
    }
    for (const who of [w.entrant, w.organiser])
      problem(await t.http().get(`${API}/me/declarations/${w.edition.id}`).set(who.auth), 403);
    problem(await t.http().get(`${API}/me/declarations/${w.edition.id}`), 401);
    problem(await t.http().get(`${API}/me/declarations/not-a-uuid`).set(w.assignedJuror.auth), 400);
  });
});

describe('GET /me/declarations/{editionId}/companies', () => {
  it('lists every company taking part in the edition by name only, across categories, marking the juror’s conflicts', async () => {
    const w = await createJuryWorld(t, {
      blind: true,
      companyName: 'Aral Freight',
      categories: { efficiency: { cost: '1' }, sustainability: { co2: '1' } },
    });
    const owner = w.otherEntrant;
    const second = w.edition.categories[1]!.id;
    const inOtherCategory = await createCompany(t, owner.id, { name: 'Caspian Ports' });
    await createNomination(t, {
      editionId: w.edition.id,
      categoryId: second,
      companyId: inOtherCategory.id,
      createdBy: owner.id,
      status: 'submitted',
    });
    const drafting = await createCompany(t, owner.id, { name: 'Draft Only Ltd' });
    await createNomination(t, {
      editionId: w.edition.id,
      categoryId: w.categoryId,
      companyId: drafting.id,
      createdBy: owner.id,
    });
    const withdrawn = await createCompany(t, owner.id, { name: 'Withdrawn Co' });
    await createNomination(t, {
      editionId: w.edition.id,
      categoryId: w.categoryId,
      companyId: withdrawn.id,
      createdBy: owner.id,
      status: 'withdrawn',
    });
    const elsewhere = await createCompany(t, owner.id, { name: 'Another Edition Inc' });
    const otherEdition = await createEdition(t, { phase: 'judging' });
    await createNomination(t, {
      editionId: otherEdition.id,
      categoryId: otherEdition.categories[0]!.id,
      companyId: elsewhere.id,
      createdBy: owner.id,
      status: 'eligible',
    });

    const url = `${API}/me/declarations/${w.edition.id}/companies`;
    const res = await t.http().get(url).set(w.conflictedJuror.auth).expect(200);
    expect(res.body.total).toBe(3);
    const names = res.body.items.map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['Aral Freight', 'Caspian Ports']));
    expect(names).not.toContain('Draft Only Ltd');
    expect(names).not.toContain('Withdrawn Co');
    expect(names).not.toContain('Another Edition Inc');
    // Names and ids only: nothing that ties a company to a nomination or a category.
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(['conflicts', 'id', 'name']);
    const text = JSON.stringify(res.body);
    for (const id of [w.nominationId, w.otherNominationId, w.categoryId, second])
      expect(text).not.toContain(id);
    expect(res.body.items.find((c: { id: string }) => c.id === w.company.id).conflicts).toEqual(['declared']);
    expect(res.body.items.find((c: { id: string }) => c.id === inOtherCategory.id).conflicts).toEqual([]);

    const search = await t.http().get(url).query({ q: 'caspian' }).set(w.assignedJuror.auth).expect(200);
    expect(search.body).toMatchObject({
      total: 1,
      items: [{ id: inOtherCategory.id, name: 'Caspian Ports' }],
    });
    const wildcard = await t.http().get(url).query({ q: '%' }).set(w.assignedJuror.auth).expect(200);
    expect(wildcard.body.total).toBe(0);
    const paged = await t
      .http()
      .get(url)
      .query({ pageSize: 1, page: 2 })
      .set(w.assignedJuror.auth)
      .expect(200);
    expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: 3 });
    expect(paged.body.items).toEqual([res.body.items[1]]);
  });

  it('refuses: 401, 403 to entrants and organisers, 404 off the panel, 400 for bad queries, 409 once conflicts are no longer declared', async () => {
    const w = await createJuryWorld(t);
    const url = `${API}/me/declarations/${w.edition.id}/companies`;
    problem(await t.http().get(url), 401);
    for (const who of [w.entrant, w.organiser]) problem(await t.http().get(url).set(who.auth), 403);
    const stranger = await signIn(t, ['juror']);
    expect(problem(await t.http().get(url).set(stranger.auth), 404).code).toBe('editions.not_found');
    problem(await t.http().get(url).query({ pageSize: 0 }).set(w.assignedJuror.auth), 400);
    problem(
      await t
        .http()
        .get(url)
        .query({ q: 'x'.repeat(101) })
        .set(w.assignedJuror.auth),
      400,
    );
    problem(await t.http().get(`${API}/me/declarations/nope/companies`).set(w.assignedJuror.auth), 400);
    await t.db.query(`UPDATE editions SET phase = 'tallying' WHERE id = $1`, [w.edition.id]);
    expect(problem(await t.http().get(url).set(w.assignedJuror.auth), 409).code).toBe('editions.wrong_phase');
    // The state stays readable, closed to changes.
    const state = await t.http().get(`${API}/me/declarations/${w.edition.id}`).set(w.assignedJuror.auth);
    expect(state.body).toMatchObject({ open: false, complete: true });
  });
});

describe('a nomination opens only once the declaration is complete', () => {
  it('answers 409 conflicts.not_confirmed (naming the edition) for the nomination and its attachments until the juror confirms; scorecard writes too', async () => {
    const w = await createJuryWorld(t);
    const attachmentId = await addAttachment(t, w.nominationId, w.entrant.id, 'evidence.pdf');
    const juror = await newJuror(w);
    const nomination = `${API}/rounds/${w.roundId}/nominations/${w.nominationId}`;
    const attachment = `${nomination}/attachments/${attachmentId}`;
    const scorecard = `${API}/rounds/${w.roundId}/scorecards/${w.nominationId}`;
    for (const url of [nomination, attachment]) {
      const body = problem(await t.http().get(url).set(juror.auth), 409);
      expect(body).toMatchObject({ code: 'conflicts.not_confirmed', editionId: w.edition.id });
    }
    expect(
      problem(
        await t
          .http()
          .put(scorecard)
          .set(juror.auth)
          .send({ scores: { cost: 3 } }),
        409,
      ).code,
    ).toBe('conflicts.not_confirmed');
    // What is not theirs stays unknown, declared or not.
    const other = `${API}/rounds/${w.roundId}/nominations/${w.otherNominationId}`;
    expect(problem(await t.http().get(other).set(juror.auth), 404).code).toBe('nominations.not_found');
    const worklist = await t.http().get(`${API}/me/assignments`).set(juror.auth).expect(200);
    expect(worklist.body.rounds[0]).toMatchObject({ conflictsConfirmed: false });

    await t.http().post(`${API}/me/declarations/${w.edition.id}/terms`).set(juror.auth).expect(200);
    await t.http().post(`${API}/editions/${w.edition.id}/conflicts/confirm`).set(juror.auth).expect(200);
    await t.http().get(nomination).set(juror.auth).expect(200);
    await t.http().get(attachment).set(juror.auth).expect(200);
    await t
      .http()
      .put(scorecard)
      .set(juror.auth)
      .send({ scores: { cost: 3 } })
      .expect(200);
  });
});

describe('GET /me/rounds/{roundId}/distribution', () => {
  it('shows the juror’s own submitted totals against the scale, never anyone else’s', async () => {
    const w = await createJuryWorld(t, {
      categories: { efficiency: { cost: '2', speed: '1', reliability: '1' } },
    });
    const me = w.assignedJuror;
    await assign(t, w.roundId, w.otherNominationId, me.id);
    await assign(t, w.roundId, w.otherNominationId, w.unassignedJuror.id);
    const submit = (who: SignedIn, nominationId: string, scores: Record<string, number>) =>
      t
        .http()
        .post(`${API}/rounds/${w.roundId}/scorecards/${nominationId}/submit`)
        .set(who.auth)
        .send({ scores })
        .expect(200);
    const url = `${API}/me/rounds/${w.roundId}/distribution`;

    const empty = await t.http().get(url).set(me.auth).expect(200);
    expect(empty.body.categories[0]).toMatchObject({
      assigned: 2,
      submitted: 0,
      lowest: null,
      highest: null,
      mean: null,
      totals: [],
    });

    await submit(me, w.nominationId, { cost: 8, speed: 6, reliability: 7 }); // (16 + 6 + 7) / 4 = 7.25
    await submit(me, w.otherNominationId, { cost: 10, speed: 10, reliability: 9 }); // 39 / 4 = 9.75
    await submit(w.unassignedJuror, w.otherNominationId, { cost: 0, speed: 0, reliability: 0 });

    const res = await t.http().get(url).set(me.auth).expect(200);
    expect(res.body).toMatchObject({ roundId: w.roundId, editionId: w.edition.id });
    expect(res.body.categories).toHaveLength(1);
    const [category] = res.body.categories;
    expect(category).toMatchObject({
      categoryId: w.categoryId,
      categoryCode: 'efficiency',
      scaleMin: '0.0000',
      scaleMax: '10.0000',
      assigned: 2,
      submitted: 2,
      lowest: '7.2500',
      highest: '9.7500',
      mean: '8.5000',
      totals: [
        { nominationId: w.otherNominationId, title: expect.any(String), total: '9.7500' },
        { nominationId: w.nominationId, title: expect.any(String), total: '7.2500' },
      ],
    });
    expect(category.histogram).toHaveLength(11);
    expect(category.histogram.filter((b: { count: number }) => b.count > 0)).toEqual([
      { value: 7, count: 1 },
      { value: 10, count: 1 },
    ]);
    // The other juror's zeros appear nowhere.
    expect(category.histogram.find((b: { value: number }) => b.value === 0)).toEqual({ value: 0, count: 0 });

    const theirs = await t.http().get(url).set(w.unassignedJuror.auth).expect(200);
    expect(theirs.body.categories[0]).toMatchObject({ submitted: 1, lowest: '0.0000', highest: '0.0000' });
    expect(JSON.stringify(theirs.body)).not.toContain('9.7500');
  });

  it('refuses: 401, 403 to entrants and organisers, 404 for a round the juror has nothing standing in, 400', async () => {
    const w = await createJuryWorld(t);
    const url = `${API}/me/rounds/${w.roundId}/distribution`;
    problem(await t.http().get(url), 401);
    for (const who of [w.entrant, w.organiser]) problem(await t.http().get(url).set(who.auth), 403);
    for (const who of [w.unassignedJuror, w.conflictedJuror])
      expect(problem(await t.http().get(url).set(who.auth), 404).code).toBe('rounds.not_found');
    expect(
      problem(await t.http().get(`${API}/me/rounds/${UNKNOWN}/distribution`).set(w.assignedJuror.auth), 404)
        .code,
    ).toBe('rounds.not_found');
    problem(await t.http().get(`${API}/me/rounds/nope/distribution`).set(w.assignedJuror.auth), 400);
  });
});

describe('POST /me/declarations/{editionId}/terms', () => {
  it('accepts the terms on their own moment, audited once; confirming needs them (409 conflicts.terms_not_accepted before)', async () => {
    const w = await createJuryWorld(t);
    const juror = await newJuror(w);
    const confirm = () => t.http().post(`${API}/editions/${w.edition.id}/conflicts/confirm`).set(juror.auth);
    expect(problem(await confirm(), 409).code).toBe('conflicts.terms_not_accepted');
    expect(await countRows(t, 'conflict_confirmations', 'juror_id = $1', [juror.id])).toBe(0);

    const url = `${API}/me/declarations/${w.edition.id}/terms`;
    const first = await t.http().post(url).set(juror.auth).expect(200);
    expect(first.body).toMatchObject({
      editionId: w.edition.id,
      termsAcceptedAt: expect.any(String),
      completedAt: null,
      complete: false,
    });
    // Accepting again keeps the first moment and audits nothing new.
    const again = await t.http().post(url).set(juror.auth).expect(200);
    expect(again.body.termsAcceptedAt).toBe(first.body.termsAcceptedAt);
    const audited = await t.db.query<{ data: { acceptedAt: string }; editionId: string }[]>(
      `SELECT data, edition_id AS "editionId" FROM audit_log WHERE action = 'juror.terms_accepted' AND actor_id = $1`,
      [juror.id],
    );
    expect(audited).toEqual([{ data: { acceptedAt: first.body.termsAcceptedAt }, editionId: w.edition.id }]);

    await confirm().expect(200);
    const state = await t.http().get(`${API}/me/declarations/${w.edition.id}`).set(juror.auth).expect(200);
    expect(state.body).toMatchObject({ termsAcceptedAt: first.body.termsAcceptedAt, complete: true });
    expect(Date.parse(state.body.completedAt)).toBeGreaterThan(Date.parse(first.body.termsAcceptedAt));
  });

  it('refuses: 401, 403 to entrants and organisers, 404 alike for unknown, draft and off-panel editions, 400, 409 once the declaration is closed', async () => {
    const w = await createJuryWorld(t);
    const juror = await newJuror(w);
    const url = (edition: string) => `${API}/me/declarations/${edition}/terms`;
    problem(await t.http().post(url(w.edition.id)), 401);
    for (const who of [w.entrant, w.organiser])
      problem(await t.http().post(url(w.edition.id)).set(who.auth), 403);
    const stranger = await signIn(t, ['juror']);
    const draft = await createEdition(t, { phase: 'draft' });
    await putOnPanel(t, draft, draft.categories[0]!.id, [juror.id]);
    for (const [who, edition] of [
      [juror, UNKNOWN],
      [juror, draft.id],
      [stranger, w.edition.id],
    ] as const)
      expect(problem(await t.http().post(url(edition)).set(who.auth), 404).code).toBe('editions.not_found');
    problem(await t.http().post(url('nope')).set(juror.auth), 400);
    await t.db.query(`UPDATE editions SET phase = 'tallying' WHERE id = $1`, [w.edition.id]);
    expect(problem(await t.http().post(url(w.edition.id)).set(juror.auth), 409).code).toBe(
      'editions.wrong_phase',
    );
    expect(await countRows(t, 'terms_acceptances', 'juror_id = $1', [juror.id])).toBe(0);
  });
});

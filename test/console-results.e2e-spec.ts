import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import { PublicationReleaseHandler } from '../src/modules/publication/jobs/publication-release.handler.js';
import { countRows, signIn, type SignedIn } from './support/factories.js';
import {
  closeAndTally,
  createJudgedWorld,
  scoreTable,
  waitForRuns,
  type JudgedWorld,
} from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * The two routes the organiser's console added: the advance preview (what "advance the top N" would
 * shortlist, ties at the cut named) and cancelling a scheduled publication before its release.
 */

let t: TestApp;
let organiser: SignedIn;
let entrant: SignedIn;
let juror: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  [organiser, entrant, juror] = await Promise.all([
    signIn(t, ['organiser']),
    signIn(t, ['entrant']),
    signIn(t, ['juror']),
  ]);
});

afterEach(() => t.app.get(Clock).reset());

afterAll(async () => {
  await t.close();
});

/** One juror, minimum one scorecard: N1 9, N2 8, N3 and N4 7 (tied: no tie-breaker), N5 3. */
async function world(options: { close?: boolean } = {}): Promise<JudgedWorld> {
  const judged = await createJudgedWorld(t, {
    minScorecards: 1,
    jurors: ['A'],
    nominations: { N1: {}, N2: {}, N3: {}, N4: {}, N5: {} },
  });
  await scoreTable(t, judged, { A: { N1: 9, N2: 8, N3: 7, N4: 7, N5: 3 } });
  if (options.close ?? true) await closeAndTally(t, judged, organiser.auth);
  return judged;
}

const preview = (roundId: string, topN: unknown = 3) =>
  t.http().get(`/api/v1/rounds/${roundId}/advance-preview`).query({ topN });

describe('GET /rounds/{id}/advance-preview', () => {
  let closed: JudgedWorld;
  beforeAll(async () => {
    closed = await world();
  });

  it('names what would advance, the ties at the cut included and named, and changes nothing', async () => {
    const response = await preview(closed.roundId, 3).set(organiser.auth);
    expect(response.status).toBe(200);
    const n = closed.nominations;
    expect(response.body).toEqual({
      roundId: closed.roundId,
      topN: 3,
      categories: [
        {
          categoryId: closed.edition.categories[0]!.id,
          categoryCode: 'efficiency',
          nominationIds: expect.arrayContaining([n.N1, n.N2, n.N3, n.N4]),
          nominations: expect.any(Array),
          tiedAtCut: expect.arrayContaining([n.N3, n.N4]),
        },
      ],
    });
    // Named in rank order with their titles and companies, whatever page of the ranking the console shows.
    const named = response.body.categories[0].nominations as {
      nomination: string;
      rank: number;
      title: string;
    }[];
    expect(named.map((x) => x.nomination)).toEqual(response.body.categories[0].nominationIds);
    expect(named.map((x) => x.rank)).toEqual([1, 2, 3, 3]);
    expect(named[0]).toMatchObject({ title: expect.any(String), companyName: expect.any(String) });
    expect(named[0]!.title).not.toBe('');
    expect(response.body.categories[0].nominationIds).toHaveLength(4);
    expect(response.body.categories[0].tiedAtCut).toHaveLength(2);

    // No tie at a cut of 2 (or 4): exactly N advance.
    const two = await preview(closed.roundId, 2).set(organiser.auth).expect(200);
    expect(two.body.categories[0]).toMatchObject({ nominationIds: [n.N1, n.N2], tiedAtCut: [] });
    const four = await preview(closed.roundId, 4).set(organiser.auth).expect(200);
    expect(four.body.categories[0].tiedAtCut).toEqual([]);

    expect(await countRows(t, 'rounds', 'edition_id = $1', [closed.edition.id])).toBe(1);
    expect(
      await countRows(t, 'nominations', "edition_id = $1 AND status = 'shortlisted'", [closed.edition.id]),
    ).toBe(0);

    // The advance then does what the preview said.
    const advanced = await t
      .http()
      .post(`/api/v1/rounds/${closed.roundId}/advance`)
      .set(organiser.auth)
      .send({ topN: 3 })
      .expect(200);
    expect(advanced.body.shortlisted[0].nominationIds).toEqual(response.body.categories[0].nominationIds);

    // Advanced: judging resumed in the next round, so previewing again is refused as advancing would be.
    const again = await preview(closed.roundId, 3).set(organiser.auth);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('editions.wrong_phase');
  });

  it('refuses the anonymous (401), entrants and jurors (403), an unknown round (404), a bad topN or id (400)', async () => {
    const other = await world();
    expect((await preview(other.roundId)).status).toBe(401);
    expect((await preview(other.roundId).set(entrant.auth)).status).toBe(403);
    expect((await preview(other.roundId).set(juror.auth)).status).toBe(403);
    const unknown = await preview('00000000-0000-4000-8000-000000000000').set(organiser.auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('rounds.not_found');
    for (const topN of [0, 1001, 'three', 2.5]) {
      const bad = await preview(other.roundId, topN).set(organiser.auth);
      expect(bad.status).toBe(400);
    }
    const missing = await t.http().get(`/api/v1/rounds/${other.roundId}/advance-preview`).set(organiser.auth);
    expect(missing.status).toBe(400);
    expect((await preview('not-a-uuid').set(organiser.auth)).status).toBe(400);
  });

  it('follows each category’s current tally: a correction after it is refused (409), the tally after it shows', async () => {
    const judged = await createJudgedWorld(t, {
      minScorecards: 1,
      categories: { efficiency: { impact: '1' }, sustainability: { impact: '1' } },
      jurors: ['A'],
      nominations: {
        E1: { category: 'efficiency' },
        E2: { category: 'efficiency' },
        S1: { category: 'sustainability' },
        S2: { category: 'sustainability' },
      },
    });
    await scoreTable(t, judged, { A: { E1: 9, E2: 5, S1: 8, S2: 6 } });
    await closeAndTally(t, judged, organiser.auth);
    const n = judged.nominations;
    const shortlisted = (body: { categories: { categoryCode: string; nominationIds: string[] }[] }) =>
      Object.fromEntries(body.categories.map((c) => [c.categoryCode, c.nominationIds]));
    const results = () =>
      t.http().get(`/api/v1/rounds/${judged.roundId}/results`).set(organiser.auth).expect(200);
    const ranking = (body: { categories: { code: string; nominations: { nomination: string }[] }[] }) =>
      Object.fromEntries(body.categories.map((c) => [c.code, c.nominations.map((x) => x.nomination)]));

    const before = await preview(judged.roundId, 1).set(organiser.auth).expect(200);
    expect(shortlisted(before.body)).toEqual({ efficiency: [n.E1], sustainability: [n.S1] });
    const first = await results();
    expect(ranking(first.body)).toEqual({ efficiency: [n.E1, n.E2], sustainability: [n.S1, n.S2] });

    // S1 found ineligible after the tally: the second category's tally no longer ranks the field.
    await t.db.query(
      `UPDATE nominations SET status = 'ineligible', ineligibility_reason = 'Outside the award period' WHERE id = $1`,
      [n.S1],
    );
    const stale = await preview(judged.roundId, 1).set(organiser.auth);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'tally.not_current', categoryCode: 'sustainability' });

    const retally = await t
      .http()
      .post(`/api/v1/rounds/${judged.roundId}/tally`)
      .set(organiser.auth)
      .expect(202);
    await waitForRuns(
      t,
      (retally.body.jobs as { runId: string }[]).map((job) => job.runId),
    );
    const after = await preview(judged.roundId, 1).set(organiser.auth).expect(200);
    expect(shortlisted(after.body)).toEqual({ efficiency: [n.E1], sustainability: [n.S2] });
    const second = await results();
    expect(ranking(second.body)).toEqual({ efficiency: [n.E1, n.E2], sustainability: [n.S2] });
    const snapshotOf = (body: { categories: { code: string; snapshot: { id: string } }[] }, code: string) =>
      body.categories.find((c) => c.code === code)!.snapshot.id;
    // Unchanged scorecards find their snapshot again; the corrected category has a new one.
    expect(snapshotOf(second.body, 'efficiency')).toBe(snapshotOf(first.body, 'efficiency'));
    expect(snapshotOf(second.body, 'sustainability')).not.toBe(snapshotOf(first.body, 'sustainability'));
  });

  it('refuses an open round (409 rounds.open)', async () => {
    const open = await world({ close: false });
    const response = await preview(open.roundId).set(organiser.auth);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('rounds.open');
  });
});

describe('GET /rounds/{id}/results/{categoryId}/ranking and ?pageSize (a ranking a page at a time)', () => {
  let judged: JudgedWorld;
  beforeAll(async () => {
    judged = await world();
  });
  const ranking = (w: JudgedWorld, query: Record<string, unknown> = {}, categoryId?: string) =>
    t
      .http()
      .get(`/api/v1/rounds/${w.roundId}/results/${categoryId ?? w.edition.categories[0]!.id}/ranking`)
      .query(query);
  const ids = (items: { nomination: string }[]) => items.map((n) => n.nomination);

  it('gives each category’s first page with the total, then any page of it, in rank order with titles', async () => {
    const n = judged.nominations;
    const whole = await t
      .http()
      .get(`/api/v1/rounds/${judged.roundId}/results`)
      .set(organiser.auth)
      .expect(200);
    const all = whole.body.categories[0];
    expect(all.nominationsTotal).toBe(5);
    expect(ids(all.nominations)).toHaveLength(5);
    expect(ids(all.nominations).slice(0, 2)).toEqual([n.N1, n.N2]);

    const first = await t
      .http()
      .get(`/api/v1/rounds/${judged.roundId}/results`)
      .query({ pageSize: 2 })
      .set(organiser.auth)
      .expect(200);
    expect(first.body.categories[0].nominationsTotal).toBe(5);
    expect(first.body.categories[0].nominations).toEqual(all.nominations.slice(0, 2));
    // The rest of the answer is the same: runs, snapshot, rules, juror statistics.
    expect({ ...first.body.categories[0], nominations: [] }).toEqual({ ...all, nominations: [] });

    const pages = [];
    for (const pageNumber of [1, 2, 3]) {
      const response = await ranking(judged, { page: pageNumber, pageSize: 2 })
        .set(organiser.auth)
        .expect(200);
      expect(response.body).toMatchObject({ page: pageNumber, pageSize: 2, total: 5 });
      pages.push(...response.body.items);
    }
    expect(pages).toEqual(all.nominations);
    expect(pages[0]).toMatchObject({ rank: 1, title: expect.any(String), companyName: expect.any(String) });
    const beyond = await ranking(judged, { page: 4, pageSize: 2 }).set(organiser.auth).expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: 5 });
  });

  it('is an empty page before the category’s first tally', async () => {
    const open = await world({ close: false });
    const response = await ranking(open).set(organiser.auth).expect(200);
    expect(response.body).toEqual({ items: [], page: 1, pageSize: 20, total: 0 });
  });

  it('refuses the anonymous (401), others as if the round did not exist (404), another edition’s category (404), bad paging (400)', async () => {
    expect((await ranking(judged)).status).toBe(401);
    for (const caller of [entrant, juror]) {
      const hidden = await ranking(judged).set(caller.auth);
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe('rounds.not_found');
    }
    const unknown = await t
      .http()
      .get(
        `/api/v1/rounds/00000000-0000-4000-8000-000000000000/results/${judged.edition.categories[0]!.id}/ranking`,
      )
      .set(organiser.auth);
    expect(unknown.status).toBe(404);
    const other = await world({ close: false });
    const foreign = await ranking(judged, {}, other.edition.categories[0]!.id).set(organiser.auth);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('categories.not_found');
    for (const query of [
      { page: 0 },
      { page: 'two' },
      { pageSize: 0 },
      { pageSize: 101 },
      { pageSize: 2.5 },
    ]) {
      const bad = await ranking(judged, query).set(organiser.auth);
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
    }
    expect((await ranking(judged, {}, 'not-a-uuid').set(organiser.auth)).status).toBe(400);
    for (const pageSize of [0, 101, 'all']) {
      const bad = await t
        .http()
        .get(`/api/v1/rounds/${judged.roundId}/results`)
        .query({ pageSize })
        .set(organiser.auth);
      expect(bad.status).toBe(400);
    }
  });
});

describe('the tally inputs’ version (what the advance preview keys its last check on)', () => {
  /*
   * The preview trusts its last check of a round while this version stays the same, so every write that can
   * change what a tally counts must change it, each in its own transaction, and the writes that cannot
   * should not (or a juror's every draft save would throw the check away). Each write runs in a transaction
   * that is rolled back, so the next starts from the same world.
   */
  const version = async (run: { query: (sql: string) => Promise<unknown> }) =>
    JSON.stringify(
      await run.query(
        `SELECT count(*)::int AS n, max(transaction_id)::text AS last FROM tally_input_changes`,
      ),
    );

  it('changes with every write to a tally input, and only with those', async () => {
    const w = await world({ close: false });
    const n = w.nominations;
    const juror = w.jurors.A!.id;
    const company = w.companies.N1!.id;
    const category = w.edition.categories[0]!;
    const [draft] = await t.db.query<{ id: string }[]>(
      `INSERT INTO scorecards (round_id, nomination_id, juror_id, scores) VALUES ($1, $2, $3, '{"impact": 4}')
       ON CONFLICT (round_id, nomination_id, juror_id) DO UPDATE SET status = 'draft', submitted_at = NULL
       RETURNING id`,
      [w.roundId, n.N5, juror],
    );
    const writes: [string, string, boolean][] = [
      [
        'a submitted scorecard’s marks',
        `UPDATE scorecards SET scores = '{"impact": 1}' WHERE nomination_id = '${n.N1}'`,
        true,
      ],
      [
        'a scorecard submitted',
        `UPDATE scorecards SET status = 'submitted', submitted_at = now() WHERE id = '${draft!.id}'`,
        true,
      ],
      [
        'a submitted scorecard reopened',
        `UPDATE scorecards SET status = 'draft', submitted_at = NULL WHERE nomination_id = '${n.N2}'`,
        true,
      ],
      ['a submitted scorecard deleted', `DELETE FROM scorecards WHERE nomination_id = '${n.N3}'`, true],
      [
        'a draft saved',
        `UPDATE scorecards SET scores = '{"impact": 2}', version = version + 1 WHERE id = '${draft!.id}'`,
        false,
      ],
      ['a draft deleted', `DELETE FROM scorecards WHERE id = '${draft!.id}'`, false],
      ['an assignment removed', `DELETE FROM assignments WHERE nomination_id = '${n.N4}'`, true],
      [
        'a round closed',
        `UPDATE rounds SET status = 'closed', closed_at = now() WHERE id = '${w.roundId}'`,
        true,
      ],
      [
        'a nomination found ineligible',
        `UPDATE nominations SET status = 'ineligible', ineligibility_reason = 'Late' WHERE id = '${n.N1}'`,
        true,
      ],
      [
        'a nomination saved in the same category',
        `UPDATE nominations SET category_id = category_id WHERE id = '${n.N1}'`,
        false,
      ],
      ['a nomination’s title edited', `UPDATE nominations SET title = 'Renamed' WHERE id = '${n.N1}'`, false],
      ['a nomination removed', `DELETE FROM nominations WHERE id = '${n.N5}'`, true],
      [
        'a calibration entry marked',
        `INSERT INTO calibration_entries (round_id, nomination_id, created_by) VALUES ('${w.roundId}', '${n.N2}', '${organiser.id}')`,
        true,
      ],
      [
        'a conflict declared',
        `INSERT INTO conflicts (edition_id, juror_id, company_id, source, reason, created_by) VALUES ('${w.edition.id}', '${juror}', '${company}', 'organiser', 'Adviser', '${organiser.id}')`,
        true,
      ],
      [
        'a juror joined a company',
        `INSERT INTO company_members (company_id, user_id, role) VALUES ('${company}', '${juror}', 'member')`,
        true,
      ],
      [
        'a juror’s employer set',
        `UPDATE users SET employer_company_id = '${company}' WHERE id = '${juror}'`,
        true,
      ],
      ['a juror’s name changed', `UPDATE users SET full_name = 'Renamed' WHERE id = '${juror}'`, false],
      ['a criterion’s weight', `UPDATE criteria SET weight = 2 WHERE category_id = '${category.id}'`, true],
      ['a category updated', `UPDATE categories SET code = code WHERE id = '${category.id}'`, true],
      [
        'the scoring method',
        `UPDATE editions SET scoring_method = 'zscore' WHERE id = '${w.edition.id}'`,
        true,
      ],
      [
        'the minimum of scorecards',
        `UPDATE editions SET min_scorecards = 2 WHERE id = '${w.edition.id}'`,
        true,
      ],
      [
        'the edition’s phase moved',
        `UPDATE editions SET phase = 'tallying' WHERE id = '${w.edition.id}'`,
        false,
      ],
    ];
    const changed: Record<string, boolean> = {};
    for (const [name, sql] of writes) {
      const runner = t.db.createQueryRunner();
      await runner.startTransaction();
      try {
        const before = await version(runner);
        await runner.query(sql);
        changed[name] = (await version(runner)) !== before;
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }
    expect(changed).toEqual(Object.fromEntries(writes.map(([name, , changes]) => [name, changes])));
  });

  it('is one change per transaction however many rows it writes, and a rolled-back one leaves none', async () => {
    const w = await world({ close: false });
    const before = await version(t.db);
    await t.db.transaction(async (m) => {
      await m.query(`UPDATE scorecards SET scores = '{"impact": 5}' WHERE round_id = $1`, [w.roundId]);
      await m.query(`DELETE FROM assignments WHERE round_id = $1 AND nomination_id = $2`, [
        w.roundId,
        w.nominations.N5,
      ]);
    });
    const after = JSON.parse(await version(t.db)) as [{ n: number }];
    expect(after[0].n).toBe((JSON.parse(before) as [{ n: number }])[0].n + 1);
    await t.db
      .transaction(async (m) => {
        await m.query(`UPDATE scorecards SET scores = '{"impact": 6}' WHERE round_id = $1`, [w.roundId]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await version(t.db)).toBe(JSON.stringify(after));
  });

  it('a correction after a preview is seen by the next preview at once (409), not after the kept check', async () => {
    const w = await world();
    await preview(w.roundId, 1).set(organiser.auth).expect(200);
    await preview(w.roundId, 1).set(organiser.auth).expect(200);
    // A conflict the organiser records after the tally: A's scorecard of N1 no longer counts.
    await t.db.query(
      `INSERT INTO conflicts (edition_id, juror_id, company_id, source, reason, created_by)
       VALUES ($1, $2, $3, 'organiser', 'Adviser to the company', $4)`,
      [w.edition.id, w.jurors.A!.id, w.companies.N1!.id, organiser.id],
    );
    const stale = await preview(w.roundId, 1).set(organiser.auth);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('tally.not_current');
  });
});

describe('DELETE /editions/{id}/publication', () => {
  const publish = (w: JudgedWorld, at?: Date) =>
    t
      .http()
      .post(`/api/v1/editions/${w.edition.id}/publish`)
      .set(organiser.auth)
      .send(at ? { at: at.toISOString() } : {});
  const cancel = (editionId: string) => t.http().delete(`/api/v1/editions/${editionId}/publication`);

  it('cancels a scheduled publication: audited, its release job publishes nothing, and it can be scheduled again', async () => {
    const w = await world();
    const at = new Date(Date.now() + 3600_000);
    const scheduled = await publish(w, at).expect(202);

    const response = await cancel(w.edition.id).set(organiser.auth);
    expect(response.status).toBe(204);
    const gone = await t.http().get(`/api/v1/editions/${w.edition.id}/publication`).set(organiser.auth);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('publication.not_found');
    const [entry] = await t.db.query<{ actor_id: string; entity_id: string; data: { releaseAt: string } }[]>(
      `SELECT actor_id, entity_id, data FROM audit_log WHERE edition_id = $1 AND action = 'publication.cancelled'`,
      [w.edition.id],
    );
    expect(entry).toMatchObject({
      actor_id: organiser.id,
      entity_id: scheduled.body.id,
      data: { releaseAt: at.toISOString() },
    });

    // The embargo ends: the cancelled release's job runs and publishes nothing.
    t.app.get(Clock).set(new Date(at.getTime() + 1000));
    await t.app.get(PublicationReleaseHandler).handle({
      editionId: w.edition.id,
      publicationId: scheduled.body.id as string,
      releaseAt: at.toISOString(),
    });
    const [edition] = await t.db.query<{ phase: string }[]>(`SELECT phase FROM editions WHERE id = $1`, [
      w.edition.id,
    ]);
    expect(edition!.phase).not.toBe('published');
    expect((await t.http().get(`/api/v1/public/editions/${w.edition.slug}/results`)).status).toBe(404);

    // Nothing is left to cancel; publishing now still works.
    const twice = await cancel(w.edition.id).set(organiser.auth);
    expect(twice.status).toBe(404);
    expect(twice.body.code).toBe('publication.not_found');
    await publish(w).expect(200);
  });

  it('a cancel and a due release on two instances: exactly one wins, and the loser says so', async () => {
    const w = await world();
    const at = new Date(Date.now() + 3600_000);
    const scheduled = await publish(w, at).expect(202);
    t.app.get(Clock).set(new Date(at.getTime() + 1000));
    const [cancelled, released] = await Promise.all([
      cancel(w.edition.id).set(organiser.auth),
      t.app.get(PublicationReleaseHandler).handle({
        editionId: w.edition.id,
        publicationId: scheduled.body.id as string,
        releaseAt: at.toISOString(),
      }),
    ]);
    void released;
    const [row] = await t.db.query<{ status: string }[]>(
      `SELECT status FROM publications WHERE edition_id = $1`,
      [w.edition.id],
    );
    if (cancelled.status === 204) expect(row).toBeUndefined();
    else {
      expect(cancelled.status).toBe(409);
      expect(cancelled.body.code).toBe('publication.already_published');
      expect(row!.status).toBe('published');
    }
  });

  it('refuses the anonymous (401), entrants and jurors (403), unknown editions (404), a bad id (400), a published one (409)', async () => {
    const w = await world();
    await publish(w, new Date(Date.now() + 3600_000)).expect(202);
    expect((await cancel(w.edition.id)).status).toBe(401);
    expect((await cancel(w.edition.id).set(entrant.auth)).status).toBe(403);
    expect((await cancel(w.edition.id).set(juror.auth)).status).toBe(403);
    const unknown = await cancel('00000000-0000-4000-8000-000000000000').set(organiser.auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('editions.not_found');
    expect((await cancel('not-a-uuid').set(organiser.auth)).status).toBe(400);

    await publish(w).expect(200);
    const late = await cancel(w.edition.id).set(organiser.auth);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('publication.already_published');
  });
});

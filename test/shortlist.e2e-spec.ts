import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { countRows, login, signIn, type SignedIn } from './support/factories.js';
import { closeAndTally, createJudgedWorld, scoreTable, type JudgedWorld } from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';

/** The parts of a refusal that do not change from request to request. */
const refusal = (res: Response) => ({ status: res.status, code: res.body.code, detail: res.body.detail });

describe('shortlist visibility (issue 12): the organiser announces it', () => {
  let t: TestApp;
  let organiser: SignedIn;
  let juror: SignedIn;
  let otherEntrant: SignedIn;
  let world: JudgedWorld;
  let entrant: { Authorization: string };
  let nextRoundId: string;

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await signIn(t, ['organiser']);
    juror = await signIn(t, ['juror']);
    otherEntrant = await signIn(t, ['entrant']);
    world = await createJudgedWorld(t, {
      minScorecards: 1,
      jurors: ['A'],
      nominations: { N1: {}, N2: {} },
    });
    entrant = { Authorization: `Bearer ${(await login(t, world.owner.email)).token}` };
    await scoreTable(t, world, { A: { N1: 9, N2: 3 } });
    await closeAndTally(t, world, organiser.auth);
    const advance = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/advance`)
      .set(organiser.auth)
      .send({ topN: 1 })
      .expect(200);
    nextRoundId = advance.body.nextRound.id as string;
    expect(advance.body.shortlisted[0].nominationIds).toEqual([world.nominations.N1]);
  });
  afterAll(() => t.close());

  const statusSeenBy = async (auth: { Authorization: string }, label: string) =>
    (await t.http().get(`${API}/nominations/${world.nominations[label]}`).set(auth).expect(200)).body.status;
  const listed = async (auth: { Authorization: string }, query: Record<string, string> = {}) => {
    const res = await t
      .http()
      .get(`${API}/nominations`)
      .query({ editionId: world.edition.id, ...query })
      .set(auth)
      .expect(200);
    return Object.fromEntries(
      (res.body.items as { id: string; status: string }[]).map((n) => [
        Object.keys(world.nominations).find((l) => world.nominations[l] === n.id),
        n.status,
      ]),
    );
  };

  it('after advancing, entrants still see `eligible` everywhere; organisers see `shortlisted`', async () => {
    expect(await statusSeenBy(entrant, 'N1')).toBe('eligible');
    expect(await listed(entrant)).toEqual({ N1: 'eligible', N2: 'eligible' });
    expect(await listed(entrant, { status: 'shortlisted' })).toEqual({});
    expect(await listed(entrant, { status: 'eligible' })).toEqual({ N1: 'eligible', N2: 'eligible' });

    expect(await statusSeenBy(organiser.auth, 'N1')).toBe('shortlisted');
    expect(await listed(organiser.auth)).toEqual({ N1: 'shortlisted', N2: 'eligible' });
    expect(await listed(organiser.auth, { status: 'shortlisted' })).toEqual({ N1: 'shortlisted' });
  });

  it('an entrant’s refused edit or withdrawal of a shortlisted nomination reads as for an eligible one', async () => {
    for (const send of [
      (id: string) => t.http().patch(`${API}/nominations/${id}`).set(entrant).send({ title: 'New title' }),
      (id: string) => t.http().post(`${API}/nominations/${id}/withdraw`).set(entrant),
    ]) {
      const shortlisted = await send(world.nominations.N1!);
      const eligible = await send(world.nominations.N2!);
      expect(shortlisted.status).toBe(409);
      expect(refusal(shortlisted)).toEqual(refusal(eligible));
      expect(shortlisted.text).not.toContain('shortlist');
    }
  });

  it('POST /rounds/{id}/announce-shortlist: 401, 403 entrant and juror, 404, 400, 409 before advancing; nothing recorded', async () => {
    const before = await countRows(t, 'audit_log');
    const path = (id: string) => `${API}/rounds/${id}/announce-shortlist`;
    expect((await t.http().post(path(world.roundId))).status).toBe(401);
    for (const who of [entrant, otherEntrant.auth, juror.auth]) {
      const res = await t.http().post(path(world.roundId)).set(who);
      expect([res.status, res.body.code]).toEqual([403, 'auth.forbidden']);
    }
    const unknown = await t.http().post(path('0b6f3a52-8a1e-4f0c-9d7b-5a3c2e1f0a99')).set(organiser.auth);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'rounds.not_found']);
    expect((await t.http().post(path('not-a-uuid')).set(organiser.auth)).status).toBe(400);
    // Round 2 has advanced nothing (yet).
    const early = await t.http().post(path(nextRoundId)).set(organiser.auth);
    expect([early.status, early.body.code]).toEqual([409, 'rounds.shortlist_not_advanced']);
    expect(await countRows(t, 'audit_log')).toBe(before);
    expect(await statusSeenBy(entrant, 'N1')).toBe('eligible');
  });

  it('announced, entrants see `shortlisted`; audited; a second announcement is a 409', async () => {
    const res = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/announce-shortlist`)
      .set(organiser.auth)
      .expect(200);
    expect(res.body).toEqual({
      roundId: world.roundId,
      announcedAt: expect.any(String),
      nominationIds: [world.nominations.N1],
    });
    expect(await statusSeenBy(entrant, 'N1')).toBe('shortlisted');
    expect(await statusSeenBy(entrant, 'N2')).toBe('eligible');
    expect(await listed(entrant, { status: 'shortlisted' })).toEqual({ N1: 'shortlisted' });
    expect(
      await countRows(
        t,
        'audit_log',
        `action = 'rounds.shortlist_announced' AND entity_id = $1 AND actor_id = $2`,
        [world.roundId, organiser.id],
      ),
    ).toBe(1);

    const before = await countRows(t, 'audit_log');
    const again = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/announce-shortlist`)
      .set(organiser.auth);
    expect([again.status, again.body.code]).toEqual([409, 'rounds.shortlist_already_announced']);
    expect(again.body.announcedAt).toBe(res.body.announcedAt);
    expect(await countRows(t, 'audit_log')).toBe(before);
  });
});

describe('shortlist visibility at publication: the results reveal every shortlist', () => {
  let t: TestApp;
  let organiser: SignedIn;
  let world: JudgedWorld;
  let entrant: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await signIn(t, ['organiser']);
    world = await createJudgedWorld(t, {
      minScorecards: 1,
      jurors: ['A'],
      nominations: { N1: {}, N2: {}, N3: {} },
    });
    entrant = { Authorization: `Bearer ${(await login(t, world.owner.email)).token}` };
    await scoreTable(t, world, { A: { N1: 9, N2: 5, N3: 1 } });
    await closeAndTally(t, world, organiser.auth);
    const advance = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/advance`)
      .set(organiser.auth)
      .send({ topN: 2 })
      .expect(200);
    // The final round: only N1 is scored, so N2 stays shortlisted and unranked.
    const finalRound = { ...world, roundId: advance.body.nextRound.id as string };
    await scoreTable(t, finalRound, { A: { N1: 8 } });
    await closeAndTally(t, finalRound, organiser.auth);
    world = finalRound;
  });
  afterAll(() => t.close());

  const statusSeenBy = async (label: string) =>
    (await t.http().get(`${API}/nominations/${world.nominations[label]}`).set(entrant).expect(200)).body
      .status;

  it('a shortlisted nomination left unranked shows as shortlisted once the edition is published', async () => {
    expect(await statusSeenBy('N2')).toBe('eligible');
    await t
      .http()
      .post(`${API}/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({})
      .expect(200);
    expect(await statusSeenBy('N1')).toBe('winner');
    expect(await statusSeenBy('N2')).toBe('shortlisted');
    expect(await statusSeenBy('N3')).toBe('eligible');
  });
});

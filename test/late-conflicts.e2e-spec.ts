import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countRows, login, signIn, type SignedIn } from './support/factories.js';
import { nthMailTo } from './support/mailbox.js';
import { TestSmtpServer, tokenFrom } from './support/smtp.js';
import { createJudgedWorld, scoreTable, waitForRuns, type JudgedWorld } from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * Issue 11, finding 1: an entrant made a juror a member of their company after the juror had scored, and
 * the juror's scorecards silently stopped counting (5.5 → 9.0000, rank 1). A conflict that appears after
 * scoring now waits for an organiser's decision; until then nothing that counts scorecards answers.
 */

const API = '/api/v1';

describe('conflicts that appear after the juror has scored', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let organiser: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ SMTP_URL: await smtp.start(), RATE_LIMIT_IP_POINTS: '100000' });
    organiser = await signIn(t, ['organiser']);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** A: 9 and B: 2 on N1 (mean 5.5); C scores N2 only. N2 ends at 5.3333 whatever happens to B on N1. */
  async function scoredWorld(): Promise<JudgedWorld> {
    const world = await createJudgedWorld(t, {
      minScorecards: 1,
      jurors: ['A', 'B', 'C'],
      nominations: { N1: {}, N2: {} },
    });
    await scoreTable(t, world, { A: { N1: 9, N2: 5 }, B: { N1: 2, N2: 5 }, C: { N2: 6 } });
    return world;
  }

  /** The entrant who owns N1's company invites a juror (B by default), who accepts through the API. */
  async function entrantRecruitsJuror(world: JudgedWorld, label = 'B'): Promise<void> {
    const recruit = world.jurors[label]!;
    const owner = await login(t, world.owner.email, world.owner.password);
    await t
      .http()
      .post(`${API}/companies/${world.companies.N1!.id}/members`)
      .set(bearer(owner.token))
      .send({ email: recruit.email })
      .expect(202);
    const juror = await login(t, recruit.email, recruit.password);
    const token = tokenFrom(await nthMailTo(t, smtp, recruit.email, 1));
    await t
      .http()
      .post(`${API}/companies/invitations/accept`)
      .set(bearer(juror.token))
      .send({ token })
      .expect(200);
  }

  async function scoresOf(world: JudgedWorld): Promise<Record<string, [number | null, string | null]>> {
    const response = await t
      .http()
      .get(`${API}/rounds/${world.roundId}/results`)
      .set(organiser.auth)
      .expect(200);
    const [category] = response.body.categories as {
      nominations: { nomination: string; rank: number | null; score: string | null }[];
    }[];
    const label = Object.fromEntries(Object.entries(world.nominations).map(([l, id]) => [id, l]));
    return Object.fromEntries(category!.nominations.map((n) => [label[n.nomination]!, [n.rank, n.score]]));
  }

  async function retally(world: JudgedWorld): Promise<void> {
    const response = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/tally`)
      .set(organiser.auth)
      .expect(202);
    const runs = await waitForRuns(
      t,
      (response.body.jobs as { runId: string }[]).map((job) => job.runId),
    );
    expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'succeeded'));
  }

  async function pendingOf(
    world: JudgedWorld,
  ): Promise<{ id: string; status: string; source: string; scorecards: string[] }[]> {
    const response = await t
      .http()
      .get(`${API}/editions/${world.edition.id}/late-conflicts`)
      .set(organiser.auth)
      .expect(200);
    return response.body.items;
  }

  it('the issue scenario: the score does not jump from 5.5 to 9.0 silently; results and publication wait for the organiser', async () => {
    const world = await scoredWorld();
    await entrantRecruitsJuror(world);

    // Recorded as awaiting a decision, audited as a membership made during judging.
    const [late] = await pendingOf(world);
    expect(late).toMatchObject({
      jurorId: world.jurors.B!.id,
      companyId: world.companies.N1!.id,
      source: 'membership',
      status: 'pending',
      holds: true,
      scorecards: [expect.any(String)],
    });
    const [accepted] = await t.db.query<
      { data: { duringJudging?: { editionId: string; lateConflictId: string }[] } }[]
    >(`SELECT data FROM audit_log WHERE action = 'company.invitation_accepted' AND entity_id = $1`, [
      world.companies.N1!.id,
    ]);
    expect(accepted!.data.duringJudging).toEqual([{ editionId: world.edition.id, lateConflictId: late!.id }]);
    expect(
      await countRows(t, 'audit_log', `action = 'conflict.awaiting_decision' AND entity_id = $1`, [late!.id]),
    ).toBe(1);
    // Organisers see it in the conflicts listing too.
    const listed = await t
      .http()
      .get(`${API}/conflicts?editionId=${world.edition.id}&jurorId=${world.jurors.B!.id}`)
      .set(organiser.auth)
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        source: 'membership',
        companyId: world.companies.N1!.id,
        awaitingDecision: late!.id,
      }),
    ]);

    // Closing the round still closes it, but its tally refuses to count around the undecided conflict.
    const close = await t.http().post(`${API}/rounds/${world.roundId}/close`).set(organiser.auth).expect(202);
    const [run] = await waitForRuns(
      t,
      (close.body.jobs as { runId: string }[]).map((job) => job.runId),
    );
    expect(run).toMatchObject({ status: 'failed', attempts: 1, snapshot_id: null });
    expect(run!.error).toContain('await');
    for (const refused of [
      await t.http().get(`${API}/rounds/${world.roundId}/results`).set(organiser.auth),
      await t.http().get(`${API}/rounds/${world.roundId}/scoresheet.csv`).set(organiser.auth),
      await t.http().post(`${API}/rounds/${world.roundId}/tally`).set(organiser.auth),
      await t.http().post(`${API}/editions/${world.edition.id}/publish`).set(organiser.auth).send({}),
    ]) {
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.code).toBe('tally.conflicts_awaiting_decision');
      expect(refused.body.lateConflicts).toEqual([
        expect.objectContaining({ id: late!.id, jurorId: world.jurors.B!.id, source: 'membership' }),
      ]);
    }
    expect(await countRows(t, 'tally_snapshots', 'round_id = $1', [world.roundId])).toBe(0);

    // The organiser dismisses it: B's scorecards count, N1 stays at 5.5.
    const decided = await t
      .http()
      .post(`${API}/late-conflicts/${late!.id}/decision`)
      .set(organiser.auth)
      .send({
        decision: 'dismiss',
        reason: 'Joined after scoring, at the entrant’s request; the scores stand.',
      })
      .expect(200);
    expect(decided.body).toMatchObject({ status: 'dismissed', decidedBy: organiser.id });
    await retally(world);
    expect(await scoresOf(world)).toEqual({ N1: [1, '5.5000'], N2: [2, '5.3333'] });
    expect(
      await countRows(t, 'audit_log', `action = 'conflict.late_dismissed' AND entity_id = $1`, [late!.id]),
    ).toBe(1);
    // Decided once.
    const again = await t
      .http()
      .post(`${API}/late-conflicts/${late!.id}/decision`)
      .set(organiser.auth)
      .send({ decision: 'confirm', reason: 'Changed my mind' })
      .expect(409);
    expect(again.body.code).toBe('conflicts.late_already_decided');
    await t
      .http()
      .post(`${API}/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({})
      .expect(200);
  });

  it('confirmed by the organiser, the conflict takes the scorecards out, on the record', async () => {
    const world = await scoredWorld();
    await entrantRecruitsJuror(world);
    const [late] = await pendingOf(world);
    await t.http().post(`${API}/rounds/${world.roundId}/close`).set(organiser.auth).expect(202);
    await t
      .http()
      .post(`${API}/late-conflicts/${late!.id}/decision`)
      .set(organiser.auth)
      .send({ decision: 'confirm', reason: 'A member of the company cannot judge it.' })
      .expect(200);
    await retally(world);
    expect(await scoresOf(world)).toEqual({ N1: [1, '9.0000'], N2: [2, '5.3333'] });
    const [entry] = await t.db.query<{ actor_id: string; data: { silencedScorecards: string[] } }[]>(
      `SELECT actor_id, data FROM audit_log WHERE action = 'conflict.late_confirmed' AND entity_id = $1`,
      [late!.id],
    );
    expect(entry).toMatchObject({ actor_id: organiser.id, data: { silencedScorecards: late!.scorecards } });
  });

  it('an employer named or a conflict declared by the juror after scoring waits for a decision as well', async () => {
    const world = await scoredWorld();
    const b = await login(t, world.jurors.B!.email, world.jurors.B!.password);
    await t
      .http()
      .put(`${API}/me/employer`)
      .set(bearer(b.token))
      .send({ companyId: world.companies.N1!.id })
      .expect(200);
    const a = await login(t, world.jurors.A!.email, world.jurors.A!.password);
    await t
      .http()
      .post(`${API}/conflicts`)
      .set(bearer(a.token))
      .send({
        editionId: world.edition.id,
        companyId: world.companies.N1!.id,
        reason: 'I advised them last year.',
      })
      .expect(201);
    const pending = await pendingOf(world);
    expect(pending.map((p) => [p.source, p.status]).sort()).toEqual([
      ['declared', 'pending'],
      ['employer', 'pending'],
    ]);
    // A conflict that ends before the decision no longer holds anything up.
    await t.http().put(`${API}/me/employer`).set(bearer(b.token)).send({ companyId: null }).expect(200);
    const after = await pendingOf(world);
    expect(after.find((p) => p.source === 'employer')).toMatchObject({ status: 'pending', holds: false });
    await t.http().post(`${API}/rounds/${world.roundId}/close`).set(organiser.auth).expect(202);
    const refused = await t
      .http()
      .post(`${API}/rounds/${world.roundId}/tally`)
      .set(organiser.auth)
      .expect(409);
    expect(refused.body.lateConflicts).toEqual([expect.objectContaining({ source: 'declared' })]);
    // An organiser's own record is that decision: it silences at once and holds nothing up.
    const declared = after.find((p) => p.source === 'declared')!;
    await t
      .http()
      .post(`${API}/late-conflicts/${declared.id}/decision`)
      .set(organiser.auth)
      .send({ decision: 'confirm', reason: 'Declared by the juror.' })
      .expect(200);
    await t
      .http()
      .post(`${API}/conflicts`)
      .set(organiser.auth)
      .send({
        editionId: world.edition.id,
        companyId: world.companies.N2!.id,
        jurorId: world.jurors.C!.id,
        reason: 'Board seat',
      })
      .expect(201);
    await retally(world);
    // Without A on N1 (confirmed) and without C on N2 (the organiser's record): N1 = 2, N2 = 5.
    expect(await scoresOf(world)).toEqual({ N2: [1, '5.0000'], N1: [2, '2.0000'] });
  });

  it('a juror who joins during judging before scoring the company is on the record, and holds nothing up', async () => {
    const world = await scoredWorld();
    await entrantRecruitsJuror(world, 'C');
    expect(await pendingOf(world)).toEqual([]);
    const [accepted] = await t.db.query<{ data: { duringJudging?: unknown } }[]>(
      `SELECT data FROM audit_log WHERE action = 'company.invitation_accepted' AND actor_id = $1`,
      [world.jurors.C!.id],
    );
    expect(accepted!.data.duringJudging).toEqual([{ editionId: world.edition.id, lateConflictId: null }]);
    const close = await t.http().post(`${API}/rounds/${world.roundId}/close`).set(organiser.auth).expect(202);
    await waitForRuns(
      t,
      (close.body.jobs as { runId: string }[]).map((job) => job.runId),
    );
    expect(await scoresOf(world)).toEqual({ N1: [1, '5.5000'], N2: [2, '5.3333'] });
  });

  it('refuses everyone but organisers, unknown ids and bad decisions, changing nothing', async () => {
    const world = await scoredWorld();
    await entrantRecruitsJuror(world);
    const [late] = await pendingOf(world);
    const [entrant, juror] = await Promise.all([signIn(t, ['entrant']), signIn(t, ['juror'])]);
    const decide = (id: string) => t.http().post(`${API}/late-conflicts/${id}/decision`);
    const body = { decision: 'dismiss', reason: 'Fine' };
    await decide(late!.id).send(body).expect(401);
    for (const who of [entrant, juror]) {
      expect((await decide(late!.id).set(who.auth).send(body).expect(403)).body.code).toBe('auth.forbidden');
      await t.http().get(`${API}/editions/${world.edition.id}/late-conflicts`).set(who.auth).expect(403);
    }
    await t.http().get(`${API}/editions/${world.edition.id}/late-conflicts`).expect(401);
    await t
      .http()
      .get(`${API}/editions/00000000-0000-4000-8000-000000000000/late-conflicts`)
      .set(organiser.auth)
      .expect(404);
    expect(
      (await decide('00000000-0000-4000-8000-000000000000').set(organiser.auth).send(body).expect(404)).body
        .code,
    ).toBe('conflicts.late_not_found');
    await decide('not-a-uuid').set(organiser.auth).send(body).expect(400);
    for (const bad of [
      {},
      { decision: 'maybe', reason: 'x' },
      { decision: 'dismiss' },
      { decision: 'dismiss', reason: '   ' },
      { ...body, extra: 1 },
    ])
      await decide(late!.id).set(organiser.auth).send(bad).expect(400);
    expect((await pendingOf(world))[0]).toMatchObject({ id: late!.id, status: 'pending' });
  });
});

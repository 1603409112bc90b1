import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEdition } from './support/editions.js';
import { countRows, createUser, type SignedIn, signIn } from './support/factories.js';
import { createCompany, createNomination } from './support/nominations.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const UNKNOWN_ID = '0b8f7a52-3c1e-4c55-9d1f-3f3c2f6a0e11';
type Who = 'organiser' | 'entrant' | 'juror' | null;

describe('editions: GET /editions/{id}/phase (what the next phase needs)', () => {
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
  afterAll(() => t.close());

  const as = (who: Who) => (who ? { organiser, entrant, juror }[who].auth : {});
  const readiness = (id: string) => t.http().get(`/api/v1/editions/${id}/phase`).set(organiser.auth);

  it('names no blocker when the move would be accepted, and the move then is', async () => {
    const edition = await createEdition(t, { phase: 'draft' });
    const res = await readiness(edition.id).expect(200);
    expect(res.body).toEqual({ phase: 'draft', nextPhase: 'nominations', blockers: [] });
    await t
      .http()
      .post(`/api/v1/editions/${edition.id}/phase`)
      .set(organiser.auth)
      .send({ phase: 'nominations' })
      .expect(200);
    expect((await readiness(edition.id).expect(200)).body).toEqual({
      phase: 'nominations',
      nextPhase: 'eligibility',
      blockers: [],
    });
  });

  it('names the refusal the move meets: an edition without categories', async () => {
    const edition = await createEdition(t, { phase: 'draft', categories: {} });
    const res = await readiness(edition.id).expect(200);
    expect(res.body).toEqual({
      phase: 'draft',
      nextPhase: 'nominations',
      blockers: [
        {
          code: 'editions.no_categories',
          title: 'An edition needs at least one category before nominations open',
          params: {},
        },
      ],
    });
    const move = await t
      .http()
      .post(`/api/v1/editions/${edition.id}/phase`)
      .set(organiser.auth)
      .send({ phase: 'nominations' })
      .expect(409);
    expect(move.body).toMatchObject({ code: 'editions.no_categories', currentPhase: 'draft' });
  });

  it('names an embargo with the moment it ends, and the move is refused with the same code', async () => {
    const edition = await createEdition(t, { phase: 'results_ready' });
    const until = new Date(Date.now() + 30 * 24 * 3600_000);
    await t.db.query(`UPDATE editions SET judging_close_at = $2, results_embargo_until = $2 WHERE id = $1`, [
      edition.id,
      until,
    ]);
    const res = await readiness(edition.id).expect(200);
    expect(res.body).toMatchObject({
      phase: 'results_ready',
      nextPhase: 'published',
      blockers: [
        { code: 'editions.results_embargoed', params: { resultsEmbargoUntil: until.toISOString() } },
      ],
    });
    const move = await t
      .http()
      .post(`/api/v1/editions/${edition.id}/phase`)
      .set(organiser.auth)
      .send({ phase: 'published' })
      .expect(409);
    expect(move.body).toMatchObject({
      code: 'editions.results_embargoed',
      resultsEmbargoUntil: until.toISOString(),
    });
  });

  it('names what judging needs, each from the module that owns it, and the move is refused with the first', async () => {
    const edition = await createEdition(t, {
      phase: 'eligibility',
      categories: { efficiency: { cost: '1' }, safety: { incidents: '1' } },
    });
    const [efficiency, safety] = edition.categories;
    const owner = await createUser(t, { roles: ['entrant'] });
    const company = await createCompany(t, owner.id);
    const nominate = (categoryId: string, status: 'submitted' | 'eligible' | 'ineligible' | 'draft') =>
      createNomination(t, {
        editionId: edition.id,
        categoryId,
        companyId: company.id,
        createdBy: owner.id,
        status,
      });
    const undecided = [
      await nominate(efficiency!.id, 'submitted'),
      await nominate(efficiency!.id, 'submitted'),
    ];
    await nominate(safety!.id, 'eligible');
    // Neither a draft nor a decided nomination waits for a decision.
    await nominate(efficiency!.id, 'draft');
    await nominate(efficiency!.id, 'ineligible');

    const move = () =>
      t.http().post(`/api/v1/editions/${edition.id}/phase`).set(organiser.auth).send({ phase: 'judging' });
    const refusedWith = async (code: string, params: Record<string, string>) => {
      const res = await move().expect(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code, currentPhase: 'eligibility', ...params });
      expect((await t.db.query(`SELECT phase FROM editions WHERE id = $1`, [edition.id]))[0]).toEqual({
        phase: 'eligibility',
      });
      expect(
        await countRows(t, 'audit_log', `edition_id = $1 AND action = 'editions.phase_changed'`, [
          edition.id,
        ]),
      ).toBe(0);
    };

    expect((await readiness(edition.id).expect(200)).body).toEqual({
      phase: 'eligibility',
      nextPhase: 'judging',
      blockers: [
        {
          code: 'nominations.eligibility_undecided',
          title: 'Submitted nominations have no eligibility decision yet; judging opens once each has one',
          params: { count: '2' },
        },
        {
          code: 'rounds.none',
          title: 'The edition has no round: judging opens once there is one to score in',
          params: {},
        },
        {
          code: 'panels.missing',
          title: 'A category with eligible nominations has no juror on its panel: nobody would judge them',
          params: { count: '1', categories: 'safety' },
        },
      ],
    });
    await refusedWith('nominations.eligibility_undecided', { count: '2' });

    for (const id of undecided)
      await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(organiser.auth)
        .send({ decision: 'eligible' })
        .expect(200);
    expect((await readiness(edition.id).expect(200)).body.blockers).toEqual([
      expect.objectContaining({ code: 'rounds.none' }),
      expect.objectContaining({
        code: 'panels.missing',
        params: { count: '2', categories: 'efficiency, safety' },
      }),
    ]);
    await refusedWith('rounds.none', {});

    await t
      .http()
      .post(`/api/v1/editions/${edition.id}/rounds`)
      .set(organiser.auth)
      .send({ name: 'Final' })
      .expect(201);
    await refusedWith('panels.missing', { count: '2', categories: 'efficiency, safety' });

    const seat = (categoryId: string) =>
      t
        .http()
        .post(`/api/v1/editions/${edition.id}/panels`)
        .set(organiser.auth)
        .send({ categoryId, jurorIds: [juror.id] })
        .expect((res) => expect(res.status).toBeLessThan(300));
    await seat(efficiency!.id);
    expect((await readiness(edition.id).expect(200)).body.blockers).toEqual([
      expect.objectContaining({ code: 'panels.missing', params: { count: '1', categories: 'safety' } }),
    ]);
    await refusedWith('panels.missing', { count: '1', categories: 'safety' });

    await seat(safety!.id);
    expect((await readiness(edition.id).expect(200)).body.blockers).toEqual([]);
    await move().expect(200);
  });

  it('needs no panel for a category nobody entered, only the round', async () => {
    const edition = await createEdition(t, { phase: 'eligibility' });
    expect((await readiness(edition.id).expect(200)).body.blockers).toEqual([
      expect.objectContaining({ code: 'rounds.none', params: {} }),
    ]);
  });

  it('has no next phase once archived', async () => {
    const edition = await createEdition(t, { phase: 'archived' });
    expect((await readiness(edition.id).expect(200)).body).toEqual({
      phase: 'archived',
      nextPhase: null,
      blockers: [],
    });
  });

  it.each<[string, number, Who, string, string | null]>([
    ['an anonymous caller', 401, null, 'own', 'auth.unauthenticated'],
    ['an entrant', 403, 'entrant', 'own', 'auth.forbidden'],
    ['a juror', 403, 'juror', 'own', 'auth.forbidden'],
    ['an unknown id', 404, 'organiser', UNKNOWN_ID, 'editions.not_found'],
    ['a malformed id', 400, 'organiser', 'not-a-uuid', 'request.validation_failed'],
  ])('refuses %s with %i', async (_, status, who, target, code) => {
    const edition = await createEdition(t, { phase: 'nominations' });
    const res = await t
      .http()
      .get(`/api/v1/editions/${target === 'own' ? edition.id : target}/phase`)
      .set(as(who))
      .expect(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (code) expect(res.body.code).toBe(code);
  });
});

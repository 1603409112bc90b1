import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEdition } from './support/editions.js';
import { login, signIn, type SignedIn } from './support/factories.js';
import { createNominationWorld, type NominationWorld } from './support/nomination-world.js';
import { createNomination } from './support/nominations.js';
import { closeAndTally, createJudgedWorld, scoreTable, type JudgedWorld } from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';

type Auth = { Authorization: string };

interface Event {
  kind: string;
  at: string | null;
  reason: string | null;
}

describe('a nomination’s history and upload rules (GET /nominations/{id})', () => {
  let t: TestApp;
  let w: NominationWorld;

  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_MAX_BYTES: String(2 * 1024 * 1024), UPLOAD_MAX_FILES: '4' });
    w = await createNominationWorld(t);
  });
  afterAll(() => t.close());

  const historyOf = async (id: string, auth: Auth): Promise<Event[]> =>
    (await t.http().get(`${API}/nominations/${id}`).set(auth).expect(200)).body.history as Event[];

  it('a draft has no history yet, and states what an upload may be', async () => {
    const created = await t
      .http()
      .post(`${API}/nominations`)
      .set(w.owner.auth)
      .send({ companyId: w.company.id, editionId: w.edition.id, categoryId: w.categoryId, title: 'Draft' })
      .expect(201);
    expect(created.body.history).toEqual([]);
    expect(created.body.attachmentRules).toEqual({
      mediaTypes: ['application/pdf', 'image/png', 'image/jpeg'],
      maxBytes: 2 * 1024 * 1024,
      maxFiles: 4,
    });
  });

  it('submitted, then the eligibility decision that stands, with its reason only when ineligible', async () => {
    const review = await createEdition(t, { phase: 'eligibility' });
    const id = await createNomination(t, {
      editionId: review.id,
      categoryId: review.categories[0]!.id,
      companyId: w.company.id,
      createdBy: w.owner.id,
      status: 'submitted',
      title: 'Reviewed entry',
    });
    const submitted = await historyOf(id, w.owner.auth);
    expect(submitted).toEqual([{ kind: 'submitted', at: expect.any(String), reason: null }]);

    const decide = async (body: Record<string, string>) => {
      const version = (await t.http().get(`${API}/nominations/${id}`).set(w.organiser.auth)).body.version;
      await t
        .http()
        .post(`${API}/nominations/${id}/eligibility`)
        .set(w.organiser.auth)
        .set('If-Match', `"${version}"`)
        .send(body)
        .expect(200);
    };
    await decide({ decision: 'ineligible', reason: 'The project started after the cut-off date.' });
    const ineligible = await historyOf(id, w.member.auth);
    expect(ineligible).toEqual([
      submitted[0],
      { kind: 'ineligible', at: expect.any(String), reason: 'The project started after the cut-off date.' },
    ]);

    await decide({ decision: 'eligible' });
    expect(await historyOf(id, w.owner.auth)).toEqual([
      submitted[0],
      { kind: 'eligible', at: expect.any(String), reason: null },
    ]);

    const version = (await t.http().get(`${API}/nominations/${id}`).set(w.owner.auth)).body.version;
    await t
      .http()
      .post(`${API}/nominations/${id}/withdraw`)
      .set(w.owner.auth)
      .set('If-Match', `"${version}"`)
      .expect(200);
    expect((await historyOf(id, w.owner.auth)).map((e) => e.kind)).toEqual([
      'submitted',
      'eligible',
      'withdrawn',
    ]);
  });

  it('a stranger gets the 404 of an unknown nomination, not its history', async () => {
    const id = await createNomination(t, {
      editionId: w.edition.id,
      categoryId: w.categoryId,
      companyId: w.company.id,
      createdBy: w.owner.id,
    });
    const stranger = await t.http().get(`${API}/nominations/${id}`).set(w.rival.auth);
    const unknown = await t
      .http()
      .get(`${API}/nominations/0b6f3a52-8a1e-4f0c-9d7b-5a3c2e1f0a99`)
      .set(w.rival.auth);
    expect([stranger.status, stranger.body.code]).toEqual([404, 'nominations.not_found']);
    expect(stranger.body.history).toBeUndefined();
    expect({ ...stranger.body, requestId: null, instance: null }).toEqual({
      ...unknown.body,
      requestId: null,
      instance: null,
    });
  });
});

describe('a nomination’s history: no shortlist before it is announced, no result before publication', () => {
  let t: TestApp;
  let organiser: SignedIn;
  let world: JudgedWorld<'A', 'N1' | 'N2' | 'N3'>;
  let entrant: Auth;
  let finalRoundId: string;

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
    finalRoundId = advance.body.nextRound.id as string;
  });
  afterAll(() => t.close());

  const kinds = async (label: 'N1' | 'N2' | 'N3', auth: Auth) =>
    (
      (await t.http().get(`${API}/nominations/${world.nominations[label]}`).set(auth).expect(200)).body
        .history as Event[]
    ).map((e) => e.kind);

  it('advanced but not announced: the entrant’s history does not say shortlisted; the organiser’s does', async () => {
    expect(await kinds('N1', entrant)).not.toContain('shortlisted');
    expect(await kinds('N2', entrant)).not.toContain('shortlisted');
    expect(await kinds('N1', organiser.auth)).toContain('shortlisted');
  });

  it('announced, the shortlist shows; a result shows only at publication', async () => {
    await t.http().post(`${API}/rounds/${world.roundId}/announce-shortlist`).set(organiser.auth).expect(200);
    expect(await kinds('N1', entrant)).toContain('shortlisted');
    expect(await kinds('N3', entrant)).not.toContain('shortlisted');

    const finalRound = { ...world, roundId: finalRoundId };
    await scoreTable(t, finalRound, { A: { N1: 8, N2: 4 } });
    await closeAndTally(t, finalRound, organiser.auth);
    for (const label of ['N1', 'N2'] as const) {
      const seen = await kinds(label, entrant);
      expect(seen).not.toContain('winner');
      expect(seen).not.toContain('finalist');
    }

    await t
      .http()
      .post(`${API}/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({})
      .expect(200);
    expect((await kinds('N1', entrant)).slice(-2)).toEqual(['shortlisted', 'winner']);
    expect(await kinds('N3', entrant)).not.toContain('shortlisted');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countRows, createUser, signIn } from './support/factories.js';
import {
  assign,
  acceptTerms,
  confirmConflicts,
  createJudgingEdition,
  createJuryWorld,
  createRound,
  type JuryWorld,
  putOnPanel,
} from './support/jury.js';
import { createCompany, createNomination } from './support/nominations.js';
import { createEdition } from './support/editions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let w: JuryWorld;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000' });
  w = await createJuryWorld(t);
});

afterAll(async () => {
  await t.close();
});

describe('rounds', () => {
  it('organisers add rounds numbered in order, audited', async () => {
    const edition = await createEdition(t, { phase: 'eligibility' });
    const first = await t
      .http()
      .post(`/api/v1/editions/${edition.id}/rounds`)
      .set(w.organiser.auth)
      .send({ name: 'Shortlist', closesAt: '2030-03-01T18:00:00Z' })
      .expect(201);
    expect(first.body).toMatchObject({
      editionId: edition.id,
      number: 1,
      name: 'Shortlist',
      status: 'open',
      closesAt: '2030-03-01T18:00:00.000Z',
      closedAt: null,
    });
    const second = await t
      .http()
      .post(`/api/v1/editions/${edition.id}/rounds`)
      .set(w.organiser.auth)
      .send({ name: 'Final' })
      .expect(201);
    expect(second.body).toMatchObject({ number: 2, closesAt: null });
    const list = await t
      .http()
      .get(`/api/v1/editions/${edition.id}/rounds`)
      .set(w.organiser.auth)
      .expect(200);
    expect(list.body.map((r: { name: string }) => r.name)).toEqual(['Shortlist', 'Final']);
    expect(
      await countRows(t, 'audit_log', `action = 'round.created' AND edition_id = $1`, [edition.id]),
    ).toBe(2);
  });

  it('a retried creation with the same Idempotency-Key answers the round it made instead of adding one', async () => {
    const edition = await createEdition(t, { phase: 'eligibility' });
    const url = `/api/v1/editions/${edition.id}/rounds`;
    const first = await t
      .http()
      .post(url)
      .set(w.organiser.auth)
      .set('Idempotency-Key', 'round-1')
      .send({ name: 'Main' })
      .expect(201);
    const again = await t
      .http()
      .post(url)
      .set(w.organiser.auth)
      .set('Idempotency-Key', 'round-1')
      .send({ name: 'Main' })
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const reused = await t
      .http()
      .post(url)
      .set(w.organiser.auth)
      .set('Idempotency-Key', 'round-1')
      .send({ name: 'Other' })
      .expect(409);
    expect(reused.body.code).toBe('request.idempotency_key_reused');
    expect(await countRows(t, 'rounds', 'edition_id = $1', [edition.id])).toBe(1);
  });

  it('refuses bad bodies, unknown editions and editions past judging, changing nothing', async () => {
    const edition = await createEdition(t, { phase: 'tallying' });
    const before = await countRows(t, 'rounds');
    for (const body of [
      {},
      { name: '  ' },
      { name: 'x'.repeat(101) },
      { name: 'A', closesAt: '2030-03-01' },
      { name: 'A', extra: true },
    ]) {
      const res = await t
        .http()
        .post(`/api/v1/editions/${w.edition.id}/rounds`)
        .set(w.organiser.auth)
        .send(body);
      expect(res.status).toBe(400);
    }
    const wrongPhase = await t
      .http()
      .post(`/api/v1/editions/${edition.id}/rounds`)
      .set(w.organiser.auth)
      .send({ name: 'Late' })
      .expect(409);
    expect(wrongPhase.body.code).toBe('editions.wrong_phase');
    await t
      .http()
      .post(`/api/v1/editions/00000000-0000-4000-8000-000000000000/rounds`)
      .set(w.organiser.auth)
      .send({ name: 'A' })
      .expect(404);
    expect(await countRows(t, 'rounds')).toBe(before);
  });

  it('jurors see the rounds of editions they judge; other editions are unknown to them', async () => {
    const res = await t
      .http()
      .get(`/api/v1/editions/${w.edition.id}/rounds`)
      .set(w.assignedJuror.auth)
      .expect(200);
    expect(res.body.map((r: { id: string }) => r.id)).toContain(w.roundId);
    const elsewhere = await createJudgingEdition(t);
    await t.http().get(`/api/v1/editions/${elsewhere.id}/rounds`).set(w.assignedJuror.auth).expect(404);
  });
});

describe('panels', () => {
  it('organisers put jurors on a panel (idempotently) and list every category with its jurors', async () => {
    const edition = await createJudgingEdition(t, {
      categories: { efficiency: { cost: '1' }, fairness: { pay: '1' } },
    });
    const [efficiency, fairness] = edition.categories;
    const a = await createUser(t, { roles: ['juror'], fullName: 'Aigerim Juror' });
    const b = await createUser(t, { roles: ['juror', 'organiser'], fullName: 'Berik Juror' });
    const added = await t
      .http()
      .post(`/api/v1/editions/${edition.id}/panels`)
      .set(w.organiser.auth)
      .send({ categoryId: efficiency!.id, jurorIds: [a.id, b.id] })
      .expect(200);
    expect(added.body).toMatchObject({ categoryId: efficiency!.id, categoryCode: 'efficiency' });
    expect(added.body.jurors.map((j: { fullName: string }) => j.fullName)).toEqual([
      'Aigerim Juror',
      'Berik Juror',
    ]);
    await t
      .http()
      .post(`/api/v1/editions/${edition.id}/panels`)
      .set(w.organiser.auth)
      .send({ categoryId: efficiency!.id, jurorIds: [a.id] })
      .expect(200);
    expect(await countRows(t, 'panel_members', 'category_id = $1', [efficiency!.id])).toBe(2);
    expect(
      await countRows(t, 'audit_log', `action = 'panel.jurors_added' AND edition_id = $1`, [edition.id]),
    ).toBe(1);

    const list = await t
      .http()
      .get(`/api/v1/editions/${edition.id}/panels`)
      .set(w.organiser.auth)
      .expect(200);
    expect(
      list.body.map((p: { categoryCode: string; jurors: unknown[] }) => [p.categoryCode, p.jurors.length]),
    ).toEqual([
      ['efficiency', 2],
      ['fairness', 0],
    ]);
    expect(list.body[0].jurors[0]).toEqual({
      id: a.id,
      fullName: 'Aigerim Juror',
      email: a.email,
      employerCompanyId: null,
      addedAt: expect.any(String),
    });
    expect(fairness).toBeDefined();
  });

  it('refuses users who are not active jurors, naming them, and changes nothing', async () => {
    const entrant = await createUser(t, { roles: ['entrant'] });
    const disabled = await createUser(t, { roles: ['juror'] });
    await t.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [disabled.id]);
    const juror = await createUser(t, { roles: ['juror'] });
    const unknown = '00000000-0000-4000-8000-000000000001';
    const before = await countRows(t, 'panel_members');
    const res = await t
      .http()
      .post(`/api/v1/editions/${w.edition.id}/panels`)
      .set(w.organiser.auth)
      .send({ categoryId: w.categoryId, jurorIds: [juror.id, entrant.id, disabled.id, unknown] })
      .expect(400);
    expect(res.body.code).toBe('panels.not_a_juror');
    expect(res.body.jurorIds).toEqual([entrant.id, disabled.id, unknown]);
    for (const body of [
      { categoryId: w.categoryId, jurorIds: [] },
      { categoryId: w.categoryId, jurorIds: ['nope'] },
      { jurorIds: [juror.id] },
      { categoryId: w.categoryId, jurorIds: [juror.id, juror.id] },
    ]) {
      await t
        .http()
        .post(`/api/v1/editions/${w.edition.id}/panels`)
        .set(w.organiser.auth)
        .send(body)
        .expect(400);
    }
    const other = await createJudgingEdition(t);
    await t
      .http()
      .post(`/api/v1/editions/${w.edition.id}/panels`)
      .set(w.organiser.auth)
      .send({ categoryId: other.categories[0]!.id, jurorIds: [juror.id] })
      .expect(404);
    expect(await countRows(t, 'panel_members')).toBe(before);
  });

  it('takes a juror off a panel only once they hold no assignments in the category', async () => {
    const busy = await t
      .http()
      .delete(`/api/v1/editions/${w.edition.id}/panels/${w.categoryId}/jurors/${w.assignedJuror.id}`)
      .set(w.organiser.auth)
      .expect(409);
    expect(busy.body.code).toBe('panels.juror_has_assignments');
    const juror = await createUser(t, { roles: ['juror'] });
    await putOnPanel(t, w.edition, w.categoryId, [juror.id]);
    await t
      .http()
      .delete(`/api/v1/editions/${w.edition.id}/panels/${w.categoryId}/jurors/${juror.id}`)
      .set(w.organiser.auth)
      .expect(204);
    await t
      .http()
      .delete(`/api/v1/editions/${w.edition.id}/panels/${w.categoryId}/jurors/${juror.id}`)
      .set(w.organiser.auth)
      .expect(404);
    expect(
      await countRows(t, 'audit_log', `action = 'panel.juror_removed' AND data->>'jurorId' = $1`, [juror.id]),
    ).toBe(1);
  });
});

describe('conflicts of interest', () => {
  it('a juror declares a conflict with a reason; a duplicate is refused', async () => {
    const juror = await signIn(t, ['juror']);
    const res = await t
      .http()
      .post('/api/v1/conflicts')
      .set(juror.auth)
      .send({ editionId: w.edition.id, companyId: w.company.id, reason: 'I consulted for them in 2024' })
      .expect(201);
    expect(res.body).toMatchObject({
      editionId: w.edition.id,
      jurorId: juror.id,
      companyId: w.company.id,
      companyName: w.company.name,
      source: 'declared',
      reason: 'I consulted for them in 2024',
    });
    const again = await t
      .http()
      .post('/api/v1/conflicts')
      .set(juror.auth)
      .send({ editionId: w.edition.id, companyId: w.company.id, reason: 'Twice' })
      .expect(409);
    expect(again.body.code).toBe('conflicts.exists');
    expect(
      await countRows(t, 'audit_log', `action = 'conflict.declared' AND entity_id = $1`, [res.body.id]),
    ).toBe(1);
  });

  it('refuses a declaration without a reason, for an unknown company, or for someone else', async () => {
    const juror = await signIn(t, ['juror']);
    const before = await countRows(t, 'conflicts');
    for (const body of [
      { editionId: w.edition.id, companyId: w.company.id },
      { editionId: w.edition.id, companyId: w.company.id, reason: '   ' },
      { editionId: w.edition.id, companyId: 'x', reason: 'r' },
      { editionId: w.edition.id, companyId: w.company.id, reason: 'r', source: 'organiser' },
    ]) {
      await t.http().post('/api/v1/conflicts').set(juror.auth).send(body).expect(400);
    }
    const unknown = await t
      .http()
      .post('/api/v1/conflicts')
      .set(juror.auth)
      .send({ editionId: w.edition.id, companyId: '00000000-0000-4000-8000-000000000002', reason: 'r' })
      .expect(404);
    expect(unknown.body.code).toBe('conflicts.company_not_found');
    await t
      .http()
      .post('/api/v1/conflicts')
      .set(juror.auth)
      .send({ editionId: w.edition.id, companyId: w.company.id, reason: 'r', jurorId: w.assignedJuror.id })
      .expect(403);
    expect(await countRows(t, 'conflicts')).toBe(before);
  });

  it('organisers record a conflict for a juror (naming the juror), list every conflict and remove recorded ones', async () => {
    const juror = await createUser(t, { roles: ['juror'], fullName: 'Organiser Recorded' });
    const missing = await t
      .http()
      .post('/api/v1/conflicts')
      .set(w.organiser.auth)
      .send({ editionId: w.edition.id, companyId: w.company.id, reason: 'Reported by a colleague' })
      .expect(400);
    expect(missing.body.code).toBe('conflicts.juror_required');
    const notJuror = await t
      .http()
      .post('/api/v1/conflicts')
      .set(w.organiser.auth)
      .send({ editionId: w.edition.id, companyId: w.company.id, reason: 'r', jurorId: w.entrant.id })
      .expect(400);
    expect(notJuror.body.code).toBe('conflicts.not_a_juror');
    const res = await t
      .http()
      .post('/api/v1/conflicts')
      .set(w.organiser.auth)
      .send({
        editionId: w.edition.id,
        companyId: w.company.id,
        reason: 'Reported by a colleague',
        jurorId: juror.id,
      })
      .expect(201);
    expect(res.body).toMatchObject({ source: 'organiser', jurorId: juror.id });

    const list = await t
      .http()
      .get(`/api/v1/conflicts?editionId=${w.edition.id}&jurorId=${juror.id}`)
      .set(w.organiser.auth)
      .expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: res.body.id, source: 'organiser', companyName: w.company.name }),
    ]);

    await t.http().delete(`/api/v1/conflicts/${res.body.id}`).set(w.organiser.auth).expect(204);
    await t.http().delete(`/api/v1/conflicts/${res.body.id}`).set(w.organiser.auth).expect(404);
    const after = await t
      .http()
      .get(`/api/v1/conflicts?editionId=${w.edition.id}&jurorId=${juror.id}`)
      .set(w.organiser.auth)
      .expect(200);
    expect(after.body.items).toEqual([]);
    const [row] = await t.db.query<{ removed_at: Date | null; removed_by: string }[]>(
      `SELECT removed_at, removed_by FROM conflicts WHERE id = $1`,
      [res.body.id],
    );
    expect(row!.removed_at).not.toBeNull();
    expect(row!.removed_by).toBe(w.organiser.id);
    expect(
      await countRows(
        t,
        'audit_log',
        `entity_id = $1 AND action IN ('conflict.recorded', 'conflict.removed')`,
        [res.body.id],
      ),
    ).toBe(2);
  });

  it('membership of a company and a declared employer are automatic conflicts', async () => {
    const juror = await signIn(t, ['juror', 'entrant']);
    const own = await createCompany(t, juror.id, { name: 'Own Logistics' });
    const employerOwner = await createUser(t, { roles: ['entrant'] });
    const employer = await createCompany(t, employerOwner.id, { name: 'Employer Rail' });
    await t
      .http()
      .put('/api/v1/me/employer')
      .set(juror.auth)
      .send({ companyId: employer.id })
      .expect(200, { employerCompanyId: employer.id });
    const mine = await t
      .http()
      .get(`/api/v1/conflicts?editionId=${w.edition.id}`)
      .set(juror.auth)
      .expect(200);
    expect(
      mine.body.items.map((c: { companyId: string; source: string; id: string | null }) => [
        c.companyId,
        c.source,
        c.id,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [own.id, 'membership', null],
        [employer.id, 'employer', null],
      ]),
    );
    expect(mine.body.total).toBe(2);
    await t
      .http()
      .put('/api/v1/me/employer')
      .set(juror.auth)
      .send({ companyId: null })
      .expect(200, { employerCompanyId: null });
    const after = await t
      .http()
      .get(`/api/v1/conflicts?editionId=${w.edition.id}`)
      .set(juror.auth)
      .expect(200);
    expect(after.body.items.map((c: { source: string }) => c.source)).toEqual(['membership']);
    expect(
      await countRows(t, 'audit_log', `action = 'juror.employer_set' AND actor_id = $1`, [juror.id]),
    ).toBe(2);

    await t
      .http()
      .put('/api/v1/me/employer')
      .set(juror.auth)
      .send({ companyId: '00000000-0000-4000-8000-000000000003' })
      .expect(404);
    await t.http().put('/api/v1/me/employer').set(juror.auth).send({}).expect(400);
    await t.http().put('/api/v1/me/employer').set(juror.auth).send({ companyId: 'nope' }).expect(400);
  });

  it('jurors list only their own conflicts', async () => {
    const res = await t
      .http()
      .get(`/api/v1/conflicts?editionId=${w.edition.id}`)
      .set(w.conflictedJuror.auth)
      .expect(200);
    expect(res.body.items.every((c: { jurorId: string }) => c.jurorId === w.conflictedJuror.id)).toBe(true);
    expect(res.body.items).toHaveLength(1);
    await t
      .http()
      .get(`/api/v1/conflicts?editionId=${w.edition.id}&jurorId=${w.assignedJuror.id}`)
      .set(w.conflictedJuror.auth)
      .expect(403);
    await t.http().get('/api/v1/conflicts').set(w.conflictedJuror.auth).expect(400);
  });

  it('confirming the list is recorded and audited once', async () => {
    const juror = await signIn(t, ['juror']);
    await acceptTerms(t, w.edition.id, juror.id);
    const first = await t
      .http()
      .post(`/api/v1/editions/${w.edition.id}/conflicts/confirm`)
      .set(juror.auth)
      .expect(200);
    expect(first.body).toMatchObject({ editionId: w.edition.id, jurorId: juror.id, conflicts: 0 });
    const second = await t
      .http()
      .post(`/api/v1/editions/${w.edition.id}/conflicts/confirm`)
      .set(juror.auth)
      .expect(200);
    expect(second.body.confirmedAt).toBe(first.body.confirmedAt);
    expect(await countRows(t, 'conflict_confirmations', 'juror_id = $1', [juror.id])).toBe(1);
    expect(
      await countRows(t, 'audit_log', `action = 'conflicts.confirmed' AND actor_id = $1`, [juror.id]),
    ).toBe(1);
    const draft = await createEdition(t, { phase: 'draft' });
    await t.http().post(`/api/v1/editions/${draft.id}/conflicts/confirm`).set(juror.auth).expect(404);
  });

  it('a conflict declared after scoring silences the scorecards on that company, keeping them; removing it restores them', async () => {
    const juror = await signIn(t, ['juror']);
    await putOnPanel(t, w.edition, w.categoryId, [juror.id]);
    await assign(t, w.roundId, w.otherNominationId, juror.id);
    await confirmConflicts(t, w.edition.id, juror.id);
    const url = `/api/v1/rounds/${w.roundId}/scorecards/${w.otherNominationId}`;
    await t
      .http()
      .post(`${url}/submit`)
      .set(juror.auth)
      .send({ scores: { cost: 5, speed: 5, reliability: 5 } })
      .expect(200);
    const counted = () => countRows(t, 'counted_scorecards', 'juror_id = $1', [juror.id]);
    expect(await counted()).toBe(1);

    const declared = await t
      .http()
      .post('/api/v1/conflicts')
      .set(juror.auth)
      .send({
        editionId: w.edition.id,
        companyId: w.otherCompany.id,
        reason: 'Just realised: my brother works there',
      })
      .expect(201);
    expect(await counted()).toBe(0);
    expect(await countRows(t, 'scorecards', 'juror_id = $1', [juror.id])).toBe(1);
    const [audit] = await t.db.query<{ data: { silencedScorecards: string[] } }[]>(
      `SELECT data FROM audit_log WHERE action = 'conflict.declared' AND entity_id = $1`,
      [declared.body.id],
    );
    expect(audit!.data.silencedScorecards).toHaveLength(1);
    // The nomination is now out of the juror's reach altogether.
    await t.http().get(url).set(juror.auth).expect(404);
    await t
      .http()
      .get(`/api/v1/rounds/${w.roundId}/nominations/${w.otherNominationId}`)
      .set(juror.auth)
      .expect(404);

    await t.http().delete(`/api/v1/conflicts/${declared.body.id}`).set(w.organiser.auth).expect(204);
    expect(await counted()).toBe(1);
  });

  it('counts only submitted scorecards of standing assignments on admitted nominations', async () => {
    const juror = await signIn(t, ['juror']);
    const owner = await createUser(t, { roles: ['entrant'] });
    const company = await createCompany(t, owner.id);
    const nominationId = await createNomination(t, {
      editionId: w.edition.id,
      categoryId: w.categoryId,
      companyId: company.id,
      createdBy: owner.id,
      status: 'eligible',
    });
    const roundId = await createRound(t, w.edition.id, 5);
    await putOnPanel(t, w.edition, w.categoryId, [juror.id]);
    await assign(t, roundId, nominationId, juror.id);
    await confirmConflicts(t, w.edition.id, juror.id);
    const url = `/api/v1/rounds/${roundId}/scorecards/${nominationId}`;
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 5 } })
      .expect(200);
    expect(await countRows(t, 'counted_scorecards', 'round_id = $1', [roundId])).toBe(0);
    await t
      .http()
      .post(`${url}/submit`)
      .set(juror.auth)
      .send({ scores: { cost: 5, speed: 6, reliability: 7 } })
      .expect(200);
    const [row] = await t.db.query<Record<string, unknown>[]>(
      `SELECT edition_id, category_id, company_id, scores FROM counted_scorecards WHERE round_id = $1`,
      [roundId],
    );
    expect(row).toEqual({
      edition_id: w.edition.id,
      category_id: w.categoryId,
      company_id: company.id,
      scores: { cost: 5, speed: 6, reliability: 7 },
    });
    await t.db.query(`UPDATE nominations SET status = 'withdrawn', withdrawn_at = now() WHERE id = $1`, [
      nominationId,
    ]);
    expect(await countRows(t, 'counted_scorecards', 'round_id = $1', [roundId])).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestEdition } from './support/editions.js';
import { countRows, createUser, type SignedIn, signIn, type TestUser } from './support/factories.js';
import {
  assign,
  confirmConflicts,
  createJudgingEdition,
  createRound,
  putOnPanel,
  recordConflict,
} from './support/jury.js';
import { mailsTo } from './support/mailbox.js';
import { createCompany, createNomination } from './support/nominations.js';
import { TestSmtpServer } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
const smtp = new TestSmtpServer();
let organiser: SignedIn;

interface Category {
  edition: TestEdition;
  categoryId: string;
  roundId: string;
  jurors: SignedIn[];
  companies: string[];
  nominations: string[];
}

/** A category with `nominations` eligible entries (each of its own company) and `jurors` panel jurors. */
async function category(
  nominations: number,
  jurors: number,
  options: { statuses?: string[] } = {},
): Promise<Category> {
  const edition = await createJudgingEdition(t);
  const categoryId = edition.categories[0]!.id;
  const owner = await createUser(t, { roles: ['entrant'] });
  const companies: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < nominations; i++) {
    const company = await createCompany(t, owner.id);
    companies.push(company.id);
    ids.push(
      await createNomination(t, {
        editionId: edition.id,
        categoryId,
        companyId: company.id,
        createdBy: owner.id,
        status: (options.statuses?.[i] ?? 'eligible') as 'eligible',
      }),
    );
  }
  const people: SignedIn[] = [];
  for (let i = 0; i < jurors; i++) people.push(await signIn(t, ['juror']));
  await putOnPanel(
    t,
    edition,
    categoryId,
    people.map((p) => p.id),
  );
  const roundId = await createRound(t, edition.id);
  return { edition, categoryId, roundId, jurors: people, companies, nominations: ids };
}

async function assignmentsOf(roundId: string): Promise<{ nomination_id: string; juror_id: string }[]> {
  return t.db.query(
    `SELECT nomination_id, juror_id FROM assignments WHERE round_id = $1 ORDER BY nomination_id, juror_id`,
    [roundId],
  );
}

beforeAll(async () => {
  const url = await smtp.start();
  t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000', SMTP_URL: url });
  organiser = await signIn(t, ['organiser']);
});

afterAll(async () => {
  await t.close();
  await smtp.stop();
});

describe('POST /rounds/{id}/assignments/default', () => {
  it('assigns every panel juror every admitted nomination of the category, minus conflicts; repeating adds nothing', async () => {
    const c = await category(4, 3, { statuses: ['eligible', 'eligible', 'ineligible', 'withdrawn'] });
    const [j1, j2, j3] = c.jurors;
    await recordConflict(t, c.edition.id, j1!.id, c.companies[0]!);
    await t.db.query(`UPDATE users SET employer_company_id = $2 WHERE id = $1`, [j2!.id, c.companies[1]]);
    await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'member')`, [
      c.companies[0],
      j3!.id,
    ]);
    const res = await t
      .http()
      .post(`/api/v1/rounds/${c.roundId}/assignments/default`)
      .set(organiser.auth)
      .expect(200);
    expect(res.body).toEqual({ roundId: c.roundId, created: 3 });
    const expected = [
      { nomination_id: c.nominations[0]!, juror_id: j2!.id },
      { nomination_id: c.nominations[1]!, juror_id: j1!.id },
      { nomination_id: c.nominations[1]!, juror_id: j3!.id },
    ];
    const sort = (rows: { nomination_id: string; juror_id: string }[]) =>
      [...rows].sort((a, b) => (a.nomination_id + a.juror_id).localeCompare(b.nomination_id + b.juror_id));
    expect(await assignmentsOf(c.roundId)).toEqual(sort(expected));
    await t
      .http()
      .post(`/api/v1/rounds/${c.roundId}/assignments/default`)
      .set(organiser.auth)
      .expect(200, { roundId: c.roundId, created: 0 });
    expect(await countRows(t, 'assignments', 'round_id = $1', [c.roundId])).toBe(3);
  });

  it('mails each juror once per batch, in their language, without naming any nomination or company', async () => {
    const c = await category(2, 1);
    await t.db.query(`UPDATE users SET locale = 'ru' WHERE id = $1`, [c.jurors[0]!.id]);
    await t.http().post(`/api/v1/rounds/${c.roundId}/assignments/default`).set(organiser.auth).expect(200);
    const [mail] = await mailsTo(t, smtp, c.jurors[0]!.email, 1);
    expect(mail!.subject).toContain('Номинации для оценки');
    expect(mail!.text).toContain('2');
    // Two nominations: the link opens the round's worklist.
    expect(mail!.text).toContain(`/jury?roundId=${c.roundId}`);
    expect(mail!.text).not.toContain('/jury/assignments');
    const titles = await t.db.query<{ title: string; name: string }[]>(
      `SELECT n.title, co.name FROM nominations n JOIN companies co ON co.id = n.company_id WHERE n.id = ANY($1::uuid[])`,
      [c.nominations],
    );
    for (const { title, name } of titles) {
      expect(mail!.text).not.toContain(title);
      expect(mail!.text).not.toContain(name);
    }
    expect(
      await countRows(t, 'notifications', `event = 'jury.assignments' AND recipient_id = $1`, [
        c.jurors[0]!.id,
      ]),
    ).toBe(1);
  });

  it('in round 2 assigns only the nominations advanced to it', async () => {
    const c = await category(3, 1, { statuses: ['eligible', 'shortlisted', 'finalist'] });
    const round2 = await createRound(t, c.edition.id, 2);
    await t
      .http()
      .post(`/api/v1/rounds/${round2}/assignments/default`)
      .set(organiser.auth)
      .expect(200, { roundId: round2, created: 2 });
    expect((await assignmentsOf(round2)).map((a) => a.nomination_id).sort()).toEqual(
      [c.nominations[1]!, c.nominations[2]!].sort(),
    );
  });

  it('refuses a closed round, an edition past judging and an unknown round, changing nothing', async () => {
    const c = await category(1, 1);
    await t.db.query(`UPDATE rounds SET status = 'closed', closed_at = now() WHERE id = $1`, [c.roundId]);
    const closed = await t
      .http()
      .post(`/api/v1/rounds/${c.roundId}/assignments/default`)
      .set(organiser.auth)
      .expect(409);
    expect(closed.body.code).toBe('rounds.closed');
    const d = await category(1, 1);
    await t.db.query(`UPDATE editions SET phase = 'tallying' WHERE id = $1`, [d.edition.id]);
    const late = await t
      .http()
      .post(`/api/v1/rounds/${d.roundId}/assignments/default`)
      .set(organiser.auth)
      .expect(409);
    expect(late.body.code).toBe('editions.wrong_phase');
    await t
      .http()
      .post(`/api/v1/rounds/00000000-0000-4000-8000-000000000000/assignments/default`)
      .set(organiser.auth)
      .expect(404);
    expect(await countRows(t, 'assignments', 'round_id = ANY($1::uuid[])', [[c.roundId, d.roundId]])).toBe(0);
  });
});

describe('POST /rounds/{id}/assignments/auto', () => {
  it('gives each nomination exactly k non-conflicted jurors with loads within one, replacing earlier assignments', async () => {
    const c = await category(7, 4);
    await recordConflict(t, c.edition.id, c.jurors[0]!.id, c.companies[0]!);
    await recordConflict(t, c.edition.id, c.jurors[1]!.id, c.companies[0]!);
    await t.db.query(`UPDATE users SET employer_company_id = $2 WHERE id = $1`, [
      c.jurors[2]!.id,
      c.companies[3],
    ]);
    await t.http().post(`/api/v1/rounds/${c.roundId}/assignments/default`).set(organiser.auth).expect(200);
    const res = await t
      .http()
      .post(`/api/v1/rounds/${c.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 2 })
      .expect(200);
    expect(res.body).toMatchObject({
      roundId: c.roundId,
      perNomination: 2,
      created: 14,
      categories: [{ categoryId: c.categoryId, nominations: 7, jurors: 4, minimumLoad: 3, maximumLoad: 4 }],
    });
    const rows = await assignmentsOf(c.roundId);
    expect(rows).toHaveLength(14);
    const perNomination = new Map<string, number>();
    const loads = new Map<string, number>(c.jurors.map((j) => [j.id, 0]));
    for (const row of rows) {
      perNomination.set(row.nomination_id, (perNomination.get(row.nomination_id) ?? 0) + 1);
      loads.set(row.juror_id, loads.get(row.juror_id)! + 1);
    }
    expect([...perNomination.values()]).toEqual(Array(7).fill(2));
    expect(Math.max(...loads.values()) - Math.min(...loads.values())).toBeLessThanOrEqual(1);
    const forbidden = [
      `${c.nominations[0]}|${c.jurors[0]!.id}`,
      `${c.nominations[0]}|${c.jurors[1]!.id}`,
      `${c.nominations[3]}|${c.jurors[2]!.id}`,
    ];
    expect(rows.filter((r) => forbidden.includes(`${r.nomination_id}|${r.juror_id}`))).toEqual([]);
    expect(
      await countRows(t, 'audit_log', `action = 'assignments.auto' AND entity_id = $1`, [c.roundId]),
    ).toBe(1);
    // Two batches (default, then auto): at most one mail per juror per batch.
    for (const juror of c.jurors)
      expect(
        await countRows(t, 'notifications', `event = 'jury.assignments' AND recipient_id = $1`, [juror.id]),
      ).toBeLessThanOrEqual(2);
  });

  it('refuses an impossible request saying which nomination lacks jurors, and changes nothing', async () => {
    const c = await category(3, 3);
    await recordConflict(t, c.edition.id, c.jurors[0]!.id, c.companies[1]!);
    await recordConflict(t, c.edition.id, c.jurors[1]!.id, c.companies[1]!);
    await assign(t, c.roundId, c.nominations[0]!, c.jurors[0]!.id);
    const before = await assignmentsOf(c.roundId);
    const notifications = await countRows(t, 'notifications');
    const res = await t
      .http()
      .post(`/api/v1/rounds/${c.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 2 })
      .expect(409);
    expect(res.body).toMatchObject({
      code: 'assignments.infeasible',
      reason: 'too_few_jurors',
      nominationId: c.nominations[1],
      eligibleJurors: 1,
      required: 2,
      categoryId: c.categoryId,
    });
    expect(res.body.detail).toContain(c.nominations[1]);
    expect(await assignmentsOf(c.roundId)).toEqual(before);
    expect(await countRows(t, 'notifications')).toBe(notifications);
  });

  it('refuses a juror whom conflicts keep below the balanced load', async () => {
    const c = await category(2, 2);
    await recordConflict(t, c.edition.id, c.jurors[1]!.id, c.companies[0]!);
    await recordConflict(t, c.edition.id, c.jurors[1]!.id, c.companies[1]!);
    const res = await t
      .http()
      .post(`/api/v1/rounds/${c.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 1 })
      .expect(409);
    expect(res.body).toMatchObject({
      reason: 'juror_overconstrained',
      jurorId: c.jurors[1]!.id,
      possibleNominations: 0,
      minimumLoad: 1,
    });
  });

  it('refuses once scorecards exist in the round, and bad bodies', async () => {
    const c = await category(2, 2);
    await assign(t, c.roundId, c.nominations[0]!, c.jurors[0]!.id);
    await confirmConflicts(t, c.edition.id, c.jurors[0]!.id);
    await t
      .http()
      .put(`/api/v1/rounds/${c.roundId}/scorecards/${c.nominations[0]}`)
      .set(c.jurors[0]!.auth)
      .send({ scores: { cost: 1 } })
      .expect(200);
    const res = await t
      .http()
      .post(`/api/v1/rounds/${c.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 1 })
      .expect(409);
    expect(res.body.code).toBe('assignments.scoring_started');
    for (const body of [
      {},
      { perNomination: 0 },
      { perNomination: 1.5 },
      { perNomination: '2' },
      { perNomination: 1, extra: 1 },
    ]) {
      await t
        .http()
        .post(`/api/v1/rounds/${c.roundId}/assignments/auto`)
        .set(organiser.auth)
        .send(body)
        .expect(400);
    }
    await t
      .http()
      .post(`/api/v1/rounds/${c.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 1, categoryId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    expect(await countRows(t, 'assignments', 'round_id = $1', [c.roundId])).toBe(1);
  });
});

describe('single assignments', () => {
  it('adds one assignment, mailing the juror, and refuses duplicates, jurors off the panel, conflicts and nominations not in the round', async () => {
    const c = await category(3, 2, { statuses: ['eligible', 'eligible', 'submitted'] });
    const [j1, j2] = c.jurors;
    const url = `/api/v1/rounds/${c.roundId}/assignments`;
    const res = await t
      .http()
      .post(url)
      .set(organiser.auth)
      .send({ nominationId: c.nominations[0], jurorId: j1!.id })
      .expect(201);
    expect(res.body).toMatchObject({
      roundId: c.roundId,
      nominationId: c.nominations[0],
      jurorId: j1!.id,
      categoryId: c.categoryId,
      active: true,
      scorecardStatus: null,
    });
    expect(
      await countRows(t, 'notifications', `event = 'jury.assignments' AND recipient_id = $1`, [j1!.id]),
    ).toBe(1);
    // One nomination: the link opens its scorecard.
    const [mail] = await mailsTo(t, smtp, j1!.email, 1);
    expect(mail!.text).toContain(`/jury/rounds/${c.roundId}/nominations/${c.nominations[0]}`);
    const before = await countRows(t, 'assignments');
    const duplicate = await t
      .http()
      .post(url)
      .set(organiser.auth)
      .send({ nominationId: c.nominations[0], jurorId: j1!.id })
      .expect(409);
    expect(duplicate.body.code).toBe('assignments.exists');
    const outsider: TestUser = await createUser(t, { roles: ['juror'] });
    expect(
      (
        await t
          .http()
          .post(url)
          .set(organiser.auth)
          .send({ nominationId: c.nominations[0], jurorId: outsider.id })
          .expect(409)
      ).body.code,
    ).toBe('assignments.not_on_panel');
    await recordConflict(t, c.edition.id, j2!.id, c.companies[1]!);
    expect(
      (
        await t
          .http()
          .post(url)
          .set(organiser.auth)
          .send({ nominationId: c.nominations[1], jurorId: j2!.id })
          .expect(409)
      ).body.code,
    ).toBe('assignments.conflicted');
    expect(
      (
        await t
          .http()
          .post(url)
          .set(organiser.auth)
          .send({ nominationId: c.nominations[2], jurorId: j2!.id })
          .expect(409)
      ).body.code,
    ).toBe('assignments.nomination_not_in_round');
    const elsewhere = await category(1, 0);
    await t
      .http()
      .post(url)
      .set(organiser.auth)
      .send({ nominationId: elsewhere.nominations[0], jurorId: j2!.id })
      .expect(404);
    await t.http().post(url).set(organiser.auth).send({ nominationId: c.nominations[0] }).expect(400);
    expect(await countRows(t, 'assignments')).toBe(before);
  });

  it('removes an assignment; one with a submitted scorecard needs a reason, is audited, and its scorecard stays but stops counting', async () => {
    const c = await category(2, 1);
    const [juror] = c.jurors;
    await assign(t, c.roundId, c.nominations[0]!, juror!.id);
    await assign(t, c.roundId, c.nominations[1]!, juror!.id);
    await confirmConflicts(t, c.edition.id, juror!.id);
    await t
      .http()
      .delete(`/api/v1/rounds/${c.roundId}/assignments/${c.nominations[1]}/jurors/${juror!.id}`)
      .set(organiser.auth)
      .expect(204);

    await t
      .http()
      .post(`/api/v1/rounds/${c.roundId}/scorecards/${c.nominations[0]}/submit`)
      .set(juror!.auth)
      .send({ scores: { cost: 1, speed: 2, reliability: 3 } })
      .expect(200);
    const url = `/api/v1/rounds/${c.roundId}/assignments/${c.nominations[0]}/jurors/${juror!.id}`;
    const refused = await t.http().delete(url).set(organiser.auth).expect(400);
    expect(refused.body.code).toBe('assignments.reason_required');
    await t.http().delete(url).set(organiser.auth).send({ reason: '  ' }).expect(400);
    expect(await countRows(t, 'assignments', 'round_id = $1', [c.roundId])).toBe(1);
    await t
      .http()
      .delete(url)
      .set(organiser.auth)
      .send({ reason: 'Juror disclosed a late conflict by phone' })
      .expect(204);
    expect(await countRows(t, 'assignments', 'round_id = $1', [c.roundId])).toBe(0);
    expect(await countRows(t, 'scorecards', 'round_id = $1', [c.roundId])).toBe(1);
    expect(await countRows(t, 'counted_scorecards', 'round_id = $1', [c.roundId])).toBe(0);
    const [audit] = await t.db.query<{ data: Record<string, unknown> }[]>(
      `SELECT data FROM audit_log WHERE action = 'assignment.removed' AND data->>'nominationId' = $1`,
      [c.nominations[0]],
    );
    expect(audit!.data).toMatchObject({
      reason: 'Juror disclosed a late conflict by phone',
      scorecard: { status: 'submitted' },
    });
    await t.http().delete(url).set(organiser.auth).send({ reason: 'again' }).expect(404);
  });

  it('lists the round’s assignments, paginated and filtered', async () => {
    const c = await category(3, 2);
    await t.http().post(`/api/v1/rounds/${c.roundId}/assignments/default`).set(organiser.auth).expect(200);
    const all = await t
      .http()
      .get(`/api/v1/rounds/${c.roundId}/assignments?pageSize=4`)
      .set(organiser.auth)
      .expect(200);
    expect(all.body).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(all.body.items).toHaveLength(4);
    const one = await t
      .http()
      .get(`/api/v1/rounds/${c.roundId}/assignments?jurorId=${c.jurors[0]!.id}`)
      .set(organiser.auth)
      .expect(200);
    expect(one.body.total).toBe(3);
    expect(
      one.body.items.every(
        (a: { jurorId: string; active: boolean }) => a.jurorId === c.jurors[0]!.id && a.active,
      ),
    ).toBe(true);
    await t
      .http()
      .get(`/api/v1/rounds/${c.roundId}/assignments?pageSize=101`)
      .set(organiser.auth)
      .expect(400);
  });
});

describe('progress and the juror’s worklist', () => {
  it('counts assigned, drafted and submitted scorecards per juror and category, and names who is behind', async () => {
    const c = await category(3, 2);
    const [a, b] = c.jurors;
    await t.db.query(`UPDATE users SET full_name = 'Aliya' WHERE id = $1`, [a!.id]);
    await t.db.query(`UPDATE users SET full_name = 'Bolat' WHERE id = $1`, [b!.id]);
    await t.http().post(`/api/v1/rounds/${c.roundId}/assignments/default`).set(organiser.auth).expect(200);
    for (const juror of [a!, b!]) await confirmConflicts(t, c.edition.id, juror.id);
    const full = { cost: 5, speed: 5, reliability: 5 };
    for (const n of c.nominations)
      await t
        .http()
        .post(`/api/v1/rounds/${c.roundId}/scorecards/${n}/submit`)
        .set(a!.auth)
        .send({ scores: full })
        .expect(200);
    await t
      .http()
      .put(`/api/v1/rounds/${c.roundId}/scorecards/${c.nominations[0]}`)
      .set(b!.auth)
      .send({ scores: { cost: 1 } })
      .expect(200);
    // A conflict declared by b later silences one assignment: it no longer counts as assigned.
    await recordConflict(t, c.edition.id, b!.id, c.companies[2]!);

    const res = await t.http().get(`/api/v1/rounds/${c.roundId}/progress`).set(organiser.auth).expect(200);
    expect(res.body.totals).toEqual({ assigned: 5, drafted: 1, submitted: 3, remaining: 2 });
    expect(res.body.jurors).toEqual([
      {
        jurorId: a!.id,
        fullName: 'Aliya',
        email: a!.email,
        conflictsConfirmed: true,
        assigned: 3,
        drafted: 0,
        submitted: 3,
        remaining: 0,
      },
      {
        jurorId: b!.id,
        fullName: 'Bolat',
        email: b!.email,
        conflictsConfirmed: true,
        assigned: 2,
        drafted: 1,
        submitted: 0,
        remaining: 2,
      },
    ]);
    expect(res.body.categories).toEqual([
      {
        categoryId: c.categoryId,
        categoryCode: 'efficiency',
        assigned: 5,
        drafted: 1,
        submitted: 3,
        remaining: 2,
      },
    ]);
    expect(res.body.behind).toEqual([{ jurorId: b!.id, fullName: 'Bolat', remaining: 2 }]);
    expect(res.body.round).toMatchObject({ id: c.roundId, number: 1 });
    // One submitted scorecard each against the minimum of 3: all three would be left unranked; with a
    // minimum of 1 none would.
    expect(res.body.belowMinimum).toBe(3);
    await t.db.query(`UPDATE editions SET min_scorecards = 1 WHERE id = $1`, [c.edition.id]);
    const relaxed = await t
      .http()
      .get(`/api/v1/rounds/${c.roundId}/progress`)
      .set(organiser.auth)
      .expect(200);
    expect(relaxed.body).toMatchObject({ minScorecards: 1, belowMinimum: 0 });
  });

  it('GET /me/assignments lists the juror’s standing assignments with their scorecard status and progress per round', async () => {
    const c = await category(3, 1);
    const [juror] = c.jurors;
    await t.http().post(`/api/v1/rounds/${c.roundId}/assignments/default`).set(organiser.auth).expect(200);
    await confirmConflicts(t, c.edition.id, juror!.id);
    await t
      .http()
      .put(`/api/v1/rounds/${c.roundId}/scorecards/${c.nominations[0]}`)
      .set(juror!.auth)
      .send({ scores: { cost: 1 } })
      .expect(200);
    await recordConflict(t, c.edition.id, juror!.id, c.companies[2]!);

    const res = await t.http().get('/api/v1/me/assignments').set(juror!.auth).expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((i: { nominationId: string }) => i.nominationId).sort()).toEqual(
      [c.nominations[0], c.nominations[1]].sort(),
    );
    const drafted = res.body.items.find((i: { nominationId: string }) => i.nominationId === c.nominations[0]);
    expect(drafted).toMatchObject({
      roundId: c.roundId,
      categoryCode: 'efficiency',
      scorecard: { status: 'draft', version: 1 },
      company: { name: expect.any(String) },
    });
    expect(res.body.rounds).toEqual([
      expect.objectContaining({
        id: c.roundId,
        editionId: c.edition.id,
        number: 1,
        status: 'open',
        conflictsConfirmed: true,
        assigned: 2,
        drafted: 1,
        submitted: 0,
        remaining: 2,
      }),
    ]);
    const paged = await t
      .http()
      .get(`/api/v1/me/assignments?pageSize=1&roundId=${c.roundId}`)
      .set(juror!.auth)
      .expect(200);
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBe(2);
    const other = await t
      .http()
      .get(`/api/v1/me/assignments?roundId=${(await category(0, 0)).roundId}`)
      .set(juror!.auth)
      .expect(200);
    expect(other.body).toMatchObject({ items: [], total: 0, rounds: [], categories: [], next: null });
  });

  it('GET /me/assignments groups by category with states, progress, the deadline, filters and the next unscored nomination', async () => {
    const edition = await createJudgingEdition(t, {
      categories: { efficiency: { cost: '1' }, sustainability: { co2: '1' } },
    });
    const [first, second] = edition.categories;
    const owner = await createUser(t, { roles: ['entrant'] });
    const juror = await signIn(t, ['juror']);
    const roundId = await createRound(t, edition.id);
    await t.db.query(`UPDATE rounds SET closes_at = $2 WHERE id = $1`, [roundId, '2030-03-01T18:00:00Z']);
    const nominate = async (categoryId: string, title: string) => {
      const company = await createCompany(t, owner.id);
      const id = await createNomination(t, {
        editionId: edition.id,
        categoryId,
        companyId: company.id,
        createdBy: owner.id,
        status: 'eligible',
        title,
      });
      await assign(t, roundId, id, juror.id);
      return id;
    };
    const a1 = await nominate(first!.id, 'A first');
    const a2 = await nominate(first!.id, 'B second');
    const b1 = await nominate(second!.id, 'C third');
    for (const category of [first!, second!]) await putOnPanel(t, edition, category.id, [juror.id]);
    await confirmConflicts(t, edition.id, juror.id);
    const scorecard = `/api/v1/rounds/${roundId}/scorecards`;
    await t
      .http()
      .post(`${scorecard}/${a1}/submit`)
      .set(juror.auth)
      .send({ scores: { cost: 5 } })
      .expect(200);
    await t.http().put(`${scorecard}/${b1}`).set(juror.auth).send({ scores: {} }).expect(200);

    const res = await t.http().get('/api/v1/me/assignments').set(juror.auth).expect(200);
    expect(
      res.body.items.map((i: { nominationId: string; state: string; categoryCode: string }) => [
        i.nominationId,
        i.state,
        i.categoryCode,
      ]),
    ).toEqual([
      [a1, 'submitted', 'efficiency'],
      [a2, 'not_started', 'efficiency'],
      [b1, 'draft', 'sustainability'],
    ]);
    expect(res.body.items[0].categoryName).toEqual({
      en: 'efficiency',
      ru: 'efficiency',
      kk: 'efficiency',
      de: 'efficiency',
    });
    expect(res.body.rounds).toEqual([
      expect.objectContaining({
        id: roundId,
        closesAt: '2030-03-01T18:00:00.000Z',
        judgingClosesAt: expect.any(String),
        assigned: 3,
        drafted: 1,
        submitted: 1,
        remaining: 2,
      }),
    ]);
    expect(res.body.categories).toEqual([
      {
        roundId,
        categoryId: first!.id,
        categoryCode: 'efficiency',
        categoryName: expect.any(Object),
        assigned: 2,
        drafted: 0,
        submitted: 1,
        remaining: 1,
      },
      {
        roundId,
        categoryId: second!.id,
        categoryCode: 'sustainability',
        categoryName: expect.any(Object),
        assigned: 1,
        drafted: 1,
        submitted: 0,
        remaining: 1,
      },
    ]);
    expect(res.body.next).toEqual({ roundId, nominationId: a2, title: 'B second' });

    const drafts = await t
      .http()
      .get('/api/v1/me/assignments')
      .query({ state: 'draft' })
      .set(juror.auth)
      .expect(200);
    expect(drafts.body.items.map((i: { nominationId: string }) => i.nominationId)).toEqual([b1]);
    expect(drafts.body.total).toBe(1);
    expect(drafts.body.next).toEqual({ roundId, nominationId: a2, title: 'B second' });
    expect(drafts.body.rounds[0].assigned).toBe(3);
    const inSecond = await t
      .http()
      .get('/api/v1/me/assignments')
      .query({ categoryId: second!.id, state: 'not_started' })
      .set(juror.auth)
      .expect(200);
    expect(inSecond.body).toMatchObject({ items: [], total: 0, next: { nominationId: b1 } });
    await t.http().get('/api/v1/me/assignments').query({ state: 'done' }).set(juror.auth).expect(400);
    await t.http().get('/api/v1/me/assignments').query({ categoryId: 'x' }).set(juror.auth).expect(400);

    // All submitted: nothing next. A closed round offers nothing next either.
    for (const id of [a2])
      await t
        .http()
        .post(`${scorecard}/${id}/submit`)
        .set(juror.auth)
        .send({ scores: { cost: 1 } })
        .expect(200);
    await t
      .http()
      .post(`${scorecard}/${b1}/submit`)
      .set(juror.auth)
      .send({ scores: { co2: 1 } })
      .expect(200);
    const done = await t.http().get('/api/v1/me/assignments').set(juror.auth).expect(200);
    expect(done.body.next).toBeNull();
    expect(done.body.rounds[0]).toMatchObject({ submitted: 3, remaining: 0 });
  });
});

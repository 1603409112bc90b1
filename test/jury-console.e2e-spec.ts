import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EditionOptions, TestEdition } from './support/editions.js';
import { countRows, createUser, type SignedIn, signIn } from './support/factories.js';
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

/** The routes the organiser's jury console added: the conflicts matrix, the assignment preview, progress per nomination, the manual reminder. */

let t: TestApp;
const smtp = new TestSmtpServer();
let organiser: SignedIn;
let entrant: SignedIn;
let juror: SignedIn;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface World {
  edition: TestEdition;
  categoryId: string;
  roundId: string;
  jurors: SignedIn[];
  companies: string[];
  nominations: string[];
}

async function world(nominations: number, jurors: number, options: EditionOptions = {}): Promise<World> {
  const edition = await createJudgingEdition(t, options);
  const categoryId = edition.categories[0]!.id;
  const owner = await createUser(t, { roles: ['entrant'] });
  const companies: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < nominations; i++) {
    const company = await createCompany(t, owner.id, { name: `Company ${i}` });
    companies.push(company.id);
    ids.push(
      await createNomination(t, {
        editionId: edition.id,
        categoryId,
        companyId: company.id,
        createdBy: owner.id,
        status: 'eligible',
        title: `Nomination ${i}`,
      }),
    );
  }
  const people: SignedIn[] = [];
  for (let i = 0; i < jurors; i++) people.push(await signIn(t, ['juror'], { fullName: `Juror ${i}` }));
  await putOnPanel(
    t,
    edition,
    categoryId,
    people.map((p) => p.id),
  );
  const roundId = await createRound(t, edition.id);
  return { edition, categoryId, roundId, jurors: people, companies, nominations: ids };
}

beforeAll(async () => {
  const url = await smtp.start();
  t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000', SMTP_URL: url });
  organiser = await signIn(t, ['organiser']);
  entrant = await signIn(t, ['entrant']);
  juror = await signIn(t, ['juror']);
});

afterAll(async () => {
  await t.close();
  await smtp.stop();
});

describe('GET /editions/{id}/conflicts/matrix', () => {
  const matrixOf = (editionId: string, query: Record<string, string | number | boolean> = {}) =>
    t.http().get(`/api/v1/editions/${editionId}/conflicts/matrix`).query(query).set(organiser.auth);

  it('lists the jurors (panels, declaration done or not), the nominated companies and every conflicted pair with its sources', async () => {
    const w = await world(3, 3);
    const [a, b, c] = w.jurors;
    await recordConflict(t, w.edition.id, a!.id, w.companies[0]!);
    await t.db.query(`UPDATE users SET employer_company_id = $2 WHERE id = $1`, [b!.id, w.companies[1]]);
    await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'member')`, [
      w.companies[1],
      b!.id,
    ]);
    await confirmConflicts(t, w.edition.id, a!.id);
    const res = await matrixOf(w.edition.id).expect(200);
    expect(res.body.editionId).toBe(w.edition.id);
    expect(res.body.jurors).toEqual({
      items: [
        {
          id: a!.id,
          fullName: 'Juror 0',
          categories: ['efficiency'],
          employerCompanyId: null,
          confirmedAt: expect.any(String),
        },
        {
          id: b!.id,
          fullName: 'Juror 1',
          categories: ['efficiency'],
          employerCompanyId: w.companies[1],
          confirmedAt: null,
        },
        {
          id: c!.id,
          fullName: 'Juror 2',
          categories: ['efficiency'],
          employerCompanyId: null,
          confirmedAt: null,
        },
      ],
      page: 1,
      pageSize: 20,
      total: 3,
      undeclared: 2,
    });
    expect(res.body.companies).toEqual({
      items: w.companies.map((id, i) => ({ id, name: `Company ${i}`, nominations: 1 })),
      page: 1,
      pageSize: 20,
      total: 3,
    });
    expect(res.body.cells).toHaveLength(2);
    expect(res.body.cells).toEqual(
      expect.arrayContaining([
        { jurorId: a!.id, companyId: w.companies[0], sources: ['declared'], awaitingDecision: null },
        {
          jurorId: b!.id,
          companyId: w.companies[1],
          sources: ['employer', 'membership'],
          awaitingDecision: null,
        },
      ]),
    );
  });

  it('pages the companies (columns) and the jurors (rows), with the totals of every page and the cells of this one only', async () => {
    const w = await world(5, 3);
    const [a, b, c] = w.jurors;
    await recordConflict(t, w.edition.id, a!.id, w.companies[0]!);
    await recordConflict(t, w.edition.id, c!.id, w.companies[3]!);
    await recordConflict(t, w.edition.id, b!.id, w.companies[2]!);
    await confirmConflicts(t, w.edition.id, c!.id);

    const second = await matrixOf(w.edition.id, {
      page: 2,
      pageSize: 2,
      jurorPage: 2,
      jurorPageSize: 2,
    }).expect(200);
    expect(second.body.companies).toEqual({
      items: [
        { id: w.companies[2], name: 'Company 2', nominations: 1 },
        { id: w.companies[3], name: 'Company 3', nominations: 1 },
      ],
      page: 2,
      pageSize: 2,
      total: 5,
    });
    // Juror 2 alone on the second page of jurors; the undeclared count is of all three.
    expect(second.body.jurors).toMatchObject({ page: 2, pageSize: 2, total: 3, undeclared: 2 });
    expect(second.body.jurors.items.map((j: { id: string }) => j.id)).toEqual([c!.id]);
    // Juror 1's conflict with Company 2 is on another page of jurors; Juror 0's with Company 0 on another page of companies.
    expect(second.body.cells).toEqual([
      { jurorId: c!.id, companyId: w.companies[3], sources: ['declared'], awaitingDecision: null },
    ]);

    // A page past the end: no rows, the totals still there.
    const beyond = await matrixOf(w.edition.id, {
      page: 4,
      pageSize: 2,
      jurorPage: 3,
      jurorPageSize: 2,
    }).expect(200);
    expect(beyond.body.companies).toEqual({ items: [], page: 4, pageSize: 2, total: 5 });
    expect(beyond.body.jurors).toEqual({ items: [], page: 3, pageSize: 2, total: 3, undeclared: 2 });
    expect(beyond.body.cells).toEqual([]);
  });

  it('narrows the companies by name and to those with a conflict, and the whole matrix to one category', async () => {
    const w = await world(4, 2, {
      categories: { efficiency: { cost: '1' }, sustainability: { emissions: '1' } },
    });
    const [a, b] = w.jurors;
    await recordConflict(t, w.edition.id, a!.id, w.companies[1]!);
    await recordConflict(t, w.edition.id, b!.id, w.companies[3]!);

    const named = await matrixOf(w.edition.id, { q: 'company 3' }).expect(200);
    expect(named.body.companies.items.map((co: { name: string }) => co.name)).toEqual(['Company 3']);
    expect(named.body.companies.total).toBe(1);
    expect(named.body.cells).toEqual([
      { jurorId: b!.id, companyId: w.companies[3], sources: ['declared'], awaitingDecision: null },
    ]);
    // `%` and `_` are literal characters, not wildcards.
    expect((await matrixOf(w.edition.id, { q: '%' }).expect(200)).body.companies.total).toBe(0);

    const conflicted = await matrixOf(w.edition.id, { conflicted: true }).expect(200);
    expect(conflicted.body.companies.items.map((co: { name: string }) => co.name)).toEqual([
      'Company 1',
      'Company 3',
    ]);
    expect((await matrixOf(w.edition.id, { conflicted: false }).expect(200)).body.companies.total).toBe(4);

    // The second category: a panel of its own (a third juror) and one nomination of a fifth company.
    const other = w.edition.categories[1]!;
    const owner = await createUser(t, { roles: ['entrant'] });
    const company = await createCompany(t, owner.id, { name: 'Company Other' });
    await createNomination(t, {
      editionId: w.edition.id,
      categoryId: other.id,
      companyId: company.id,
      createdBy: owner.id,
      status: 'eligible',
      title: 'Elsewhere',
    });
    const third = await signIn(t, ['juror'], { fullName: 'Juror Other' });
    await putOnPanel(t, w.edition, other.id, [third.id]);
    await recordConflict(t, w.edition.id, third.id, w.companies[0]!);
    const category = await matrixOf(w.edition.id, { categoryId: other.id }).expect(200);
    expect(category.body.jurors.items.map((j: { id: string }) => j.id)).toEqual([third.id]);
    expect(category.body.jurors.items[0].categories).toEqual([other.code]);
    // Only the category's participants: Company 0 (a conflict, but nominated elsewhere) is not a column.
    expect(category.body.companies.items.map((co: { name: string }) => co.name)).toEqual(['Company Other']);
    expect(category.body.cells).toEqual([]);
    // Every category: all three jurors, the five companies.
    const all = await matrixOf(w.edition.id).expect(200);
    expect(all.body.jurors.total).toBe(3);
    expect(all.body.companies.total).toBe(5);
  });

  it('refuses malformed paging and filters with a 400 naming the field', async () => {
    const w = await world(1, 1);
    const refused: Record<string, string | number>[] = [
      { page: 0 },
      { page: 'two' },
      { pageSize: 101 },
      { pageSize: 0 },
      { jurorPage: 0 },
      { jurorPage: 10_001 },
      { jurorPageSize: 101 },
      { categoryId: 'efficiency' },
      { conflicted: 'yes' },
      { q: 'x'.repeat(201) },
      { sort: 'name' },
    ];
    for (const query of refused) {
      const res = await matrixOf(w.edition.id, query).expect(400);
      expect(res.body.code).toBe('request.validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(Object.keys(query));
    }
  });

  it('refuses anonymous callers, entrants and jurors, an unknown edition or category and a malformed id', async () => {
    const w = await world(1, 1);
    const path = `/api/v1/editions/${w.edition.id}/conflicts/matrix`;
    await t.http().get(path).expect(401);
    await t.http().get(path).set(entrant.auth).expect(403);
    await t.http().get(path).set(juror.auth).expect(403);
    await t.http().get(path).set(w.jurors[0]!.auth).expect(403);
    const missing = await matrixOf(UNKNOWN).expect(404);
    expect(missing.body.code).toBe('editions.not_found');
    const noCategory = await matrixOf(w.edition.id, { categoryId: UNKNOWN }).expect(404);
    expect(noCategory.body.code).toBe('categories.not_found');
    // Another edition's category is not this one's.
    const elsewhere = await createJudgingEdition(t);
    await matrixOf(w.edition.id, { categoryId: elsewhere.categories[0]!.id }).expect(404);
    await t.http().get(`/api/v1/editions/nope/conflicts/matrix`).set(organiser.auth).expect(400);
  });
});

describe('POST /rounds/{id}/assignments/auto with dryRun', () => {
  it('answers the loads per juror and jurors per nomination without saving, and saving then writes the same', async () => {
    const w = await world(5, 3);
    await recordConflict(t, w.edition.id, w.jurors[0]!.id, w.companies[0]!);
    await assign(t, w.roundId, w.nominations[0]!, w.jurors[1]!.id);
    const audit = await countRows(t, 'audit_log');
    const mails = await countRows(t, 'notifications');
    const preview = await t
      .http()
      .post(`/api/v1/rounds/${w.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 2, dryRun: true })
      .expect(200);
    expect(preview.body).toMatchObject({ dryRun: true, created: 10, removed: 1, perNomination: 2 });
    const loads = (preview.body.loads as { load: number; fullName: string }[]).map((l) => l.load);
    expect(loads.reduce((x, y) => x + y, 0)).toBe(10);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const first = (
      preview.body.nominations as { nominationId: string; title: string; jurorIds: string[] }[]
    ).find((n) => n.nominationId === w.nominations[0]);
    expect(first).toMatchObject({ title: 'Nomination 0', categoryId: w.categoryId });
    expect(first!.jurorIds).toHaveLength(2);
    expect(first!.jurorIds).not.toContain(w.jurors[0]!.id);
    // Nothing changed: the assignment by hand is still the only one, no audit entry, no mail.
    expect(await countRows(t, 'assignments', 'round_id = $1', [w.roundId])).toBe(1);
    expect(await countRows(t, 'audit_log')).toBe(audit);
    expect(await countRows(t, 'notifications')).toBe(mails);

    const saved = await t
      .http()
      .post(`/api/v1/rounds/${w.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 2 })
      .expect(200);
    expect(saved.body).toMatchObject({ dryRun: false, created: 10, removed: 1 });
    // The same computation: what the preview showed is what was saved.
    expect(saved.body.nominations).toEqual(preview.body.nominations);
    const rows = await t.db.query<{ nomination_id: string; juror_id: string }[]>(
      `SELECT nomination_id, juror_id FROM assignments WHERE round_id = $1`,
      [w.roundId],
    );
    for (const n of preview.body.nominations as { nominationId: string; jurorIds: string[] }[])
      expect(
        rows
          .filter((r) => r.nomination_id === n.nominationId)
          .map((r) => r.juror_id)
          .sort(),
      ).toEqual(n.jurorIds);
  });

  it('refuses an infeasible preview with the nomination and juror named, and a bad dryRun', async () => {
    const w = await world(2, 2);
    await recordConflict(t, w.edition.id, w.jurors[0]!.id, w.companies[1]!);
    const res = await t
      .http()
      .post(`/api/v1/rounds/${w.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 2, dryRun: true })
      .expect(409);
    expect(res.body).toMatchObject({
      code: 'assignments.infeasible',
      reason: 'too_few_jurors',
      nominationId: w.nominations[1],
      nominationTitle: 'Nomination 1',
      eligibleJurors: 1,
      required: 2,
      panelJurors: 2,
      categoryCode: 'efficiency',
    });
    await recordConflict(t, w.edition.id, w.jurors[0]!.id, w.companies[0]!);
    const idle = await t
      .http()
      .post(`/api/v1/rounds/${w.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 1, dryRun: true })
      .expect(409);
    expect(idle.body).toMatchObject({ reason: 'juror_overconstrained', jurorName: 'Juror 0' });
    const bad = await t
      .http()
      .post(`/api/v1/rounds/${w.roundId}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 1, dryRun: 'yes' })
      .expect(400);
    expect(bad.body.code).toBe('request.validation_failed');
    await t
      .http()
      .post(`/api/v1/rounds/${w.roundId}/assignments/auto`)
      .set(juror.auth)
      .send({ perNomination: 1, dryRun: true })
      .expect(403);
    await t
      .http()
      .post(`/api/v1/rounds/${w.roundId}/assignments/auto`)
      .send({ perNomination: 1, dryRun: true })
      .expect(401);
    await t
      .http()
      .post(`/api/v1/rounds/${UNKNOWN}/assignments/auto`)
      .set(organiser.auth)
      .send({ perNomination: 1, dryRun: true })
      .expect(404);
  });
});

describe('GET /rounds/{id}/progress/nominations', () => {
  it('pages each nomination’s scorecards against the edition’s minimum, fewest submitted first, with its jurors', async () => {
    const w = await world(2, 2);
    for (const j of w.jurors) {
      await assign(t, w.roundId, w.nominations[0]!, j.id);
      await confirmConflicts(t, w.edition.id, j.id);
    }
    const progress = await t
      .http()
      .get(`/api/v1/rounds/${w.roundId}/progress`)
      .set(organiser.auth)
      .expect(200);
    expect(progress.body.minScorecards).toBe(3);
    // Neither nomination has three submitted scorecards: both would be left unranked.
    expect(progress.body.belowMinimum).toBe(2);
    // The per-nomination list is paged on its own: the round's summary never carries every nomination.
    expect(progress.body.nominations).toBeUndefined();
    expect(progress.body.reminder).toEqual({
      lastSentAt: null,
      lastReminded: null,
      availableAt: null,
      cooldownHours: 24,
    });

    const path = `/api/v1/rounds/${w.roundId}/progress/nominations`;
    const res = await t.http().get(path).set(organiser.auth).expect(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 2 });
    const jurorsOf0 = [...w.jurors].map((j) => j.id).sort();
    expect(res.body.items).toEqual([
      {
        nominationId: w.nominations[0],
        title: 'Nomination 0',
        categoryId: w.categoryId,
        assigned: 2,
        drafted: 0,
        submitted: 0,
        remaining: 2,
        assignments: jurorsOf0.map((jurorId) => ({
          roundId: w.roundId,
          nominationId: w.nominations[0],
          jurorId,
          categoryId: w.categoryId,
          active: true,
          scorecardStatus: null,
          createdAt: expect.any(String),
        })),
      },
      {
        nominationId: w.nominations[1],
        title: 'Nomination 1',
        categoryId: w.categoryId,
        assigned: 0,
        drafted: 0,
        submitted: 0,
        remaining: 0,
        assignments: [],
      },
    ]);

    const second = await t.http().get(`${path}?page=2&pageSize=1`).set(organiser.auth).expect(200);
    expect(second.body).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(second.body.items.map((n: { nominationId: string }) => n.nominationId)).toEqual([
      w.nominations[1],
    ]);
    const inCategory = await t
      .http()
      .get(`${path}?categoryId=${w.categoryId}`)
      .set(organiser.auth)
      .expect(200);
    expect(inCategory.body.total).toBe(2);
    const none = await t.http().get(`${path}?categoryId=${UNKNOWN}`).set(organiser.auth).expect(200);
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses bad parameters, strangers and unknown rounds', async () => {
    const w = await world(1, 1);
    const path = `/api/v1/rounds/${w.roundId}/progress/nominations`;
    for (const query of ['categoryId=nope', 'pageSize=1000', 'page=0']) {
      const res = await t.http().get(`${path}?${query}`).set(organiser.auth).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    await t.http().get(path).expect(401);
    await t.http().get(path).set(entrant.auth).expect(403);
    await t.http().get(path).set(w.jurors[0]!.auth).expect(403);
    await t.http().get(`/api/v1/rounds/${UNKNOWN}/progress/nominations`).set(organiser.auth).expect(404);
    await t.http().get(`/api/v1/rounds/nope/progress/nominations`).set(organiser.auth).expect(400);
  });
});

describe('POST /rounds/{id}/reminders', () => {
  it('mails every juror behind once, then refuses until the cool-down ends and says when', async () => {
    const w = await world(1, 3);
    await assign(t, w.roundId, w.nominations[0]!, w.jurors[0]!.id);
    await assign(t, w.roundId, w.nominations[0]!, w.jurors[1]!.id);
    await t.db.query(`UPDATE users SET locale = 'de' WHERE id = $1`, [w.jurors[1]!.id]);
    const res = await t.http().post(`/api/v1/rounds/${w.roundId}/reminders`).set(organiser.auth).expect(200);
    expect(res.body).toMatchObject({
      roundId: w.roundId,
      lastReminded: 2,
      lastSentAt: expect.any(String),
      cooldownHours: 24,
    });
    expect(Date.parse(res.body.availableAt) - Date.parse(res.body.lastSentAt)).toBe(24 * 3600_000);
    const [mail] = await mailsTo(t, smtp, w.jurors[1]!.email, 1);
    expect(mail!.subject.length).toBeGreaterThan(0);
    expect(smtp.to(w.jurors[2]!.email)).toEqual([]);
    expect(
      await countRows(t, 'audit_log', `action = 'round.jurors_reminded' AND entity_id = $1`, [w.roundId]),
    ).toBe(1);

    const again = await t
      .http()
      .post(`/api/v1/rounds/${w.roundId}/reminders`)
      .set(organiser.auth)
      .expect(409);
    expect(again.body).toMatchObject({ code: 'reminders.cooling_down', availableAt: res.body.availableAt });
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    const progress = await t.http().get(`/api/v1/rounds/${w.roundId}/progress`).set(organiser.auth);
    expect(progress.body.reminder).toEqual({
      lastSentAt: res.body.lastSentAt,
      lastReminded: 2,
      availableAt: res.body.availableAt,
      cooldownHours: 24,
    });
    // Once the cool-down has passed, the next reminder goes.
    await t.db.query(
      `UPDATE round_manual_reminders SET sent_at = sent_at - interval '25 hours' WHERE round_id = $1`,
      [w.roundId],
    );
    await t.http().post(`/api/v1/rounds/${w.roundId}/reminders`).set(organiser.auth).expect(200);
  });

  it('sends one batch when two organisers click at once', async () => {
    const w = await world(1, 1);
    await assign(t, w.roundId, w.nominations[0]!, w.jurors[0]!.id);
    const other = await signIn(t, ['organiser']);
    const answers = await Promise.all(
      [organiser, other].map((o) => t.http().post(`/api/v1/rounds/${w.roundId}/reminders`).set(o.auth)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(
      await countRows(t, 'notifications', `event = 'jury.scoring_reminder' AND recipient_id = $1`, [
        w.jurors[0]!.id,
      ]),
    ).toBe(1);
  });

  it('refuses when nobody is behind (starting no cool-down), a closed round, the wrong phase, callers other than organisers, unknown and malformed ids', async () => {
    const w = await world(1, 1);
    const path = `/api/v1/rounds/${w.roundId}/reminders`;
    const nobody = await t.http().post(path).set(organiser.auth).expect(409);
    expect(nobody.body.code).toBe('reminders.nobody_behind');
    expect(await countRows(t, 'round_manual_reminders', 'round_id = $1', [w.roundId])).toBe(0);
    await assign(t, w.roundId, w.nominations[0]!, w.jurors[0]!.id);
    await t.http().post(path).expect(401);
    await t.http().post(path).set(entrant.auth).expect(403);
    await t.http().post(path).set(w.jurors[0]!.auth).expect(403);
    const missing = await t
      .http()
      .post(`/api/v1/rounds/${UNKNOWN}/reminders`)
      .set(organiser.auth)
      .expect(404);
    expect(missing.body.code).toBe('rounds.not_found');
    await t.http().post(`/api/v1/rounds/nope/reminders`).set(organiser.auth).expect(400);
    await t.db.query(`UPDATE editions SET phase = 'tallying' WHERE id = $1`, [w.edition.id]);
    const phase = await t.http().post(path).set(organiser.auth).expect(409);
    expect(phase.body.code).toBe('editions.wrong_phase');
    await t.db.query(`UPDATE editions SET phase = 'judging' WHERE id = $1`, [w.edition.id]);
    await t.db.query(`UPDATE rounds SET status = 'closed', closed_at = now() WHERE id = $1`, [w.roundId]);
    const closed = await t.http().post(path).set(organiser.auth).expect(409);
    expect(closed.body.code).toBe('rounds.closed');
  });
});

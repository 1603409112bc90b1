import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import { createEdition, type TestEdition } from './support/editions.js';
import { countRows, type SignedIn } from './support/factories.js';
import {
  createNominationWorld,
  draftNomination,
  nominationStatus,
  type NominationWorld,
  waitForMailAbout,
} from './support/nomination-world.js';
import { createNomination, type NominationOptions, type TestCompany } from './support/nominations.js';
import { TestSmtpServer } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Who = Exclude<keyof NominationWorld, 'company' | 'rivalCompany' | 'edition' | 'categoryId'> | null;

describe('nominations: eligibility and the list', () => {
  let t: TestApp;
  const smtp = new TestSmtpServer();
  let w: NominationWorld;
  let owner: SignedIn;
  let member: SignedIn;
  let rival: SignedIn;
  let organiser: SignedIn;
  let juror: SignedIn;
  let company: TestCompany;
  let rivalCompany: TestCompany;

  beforeAll(async () => {
    const url = await smtp.start();
    t = await createTestApp({ SMTP_URL: url });
    w = await createNominationWorld(t);
    ({ owner, member, rival, organiser, juror, company, rivalCompany } = w);
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const draft = (overrides: Partial<NominationOptions> = {}) => draftNomination(t, w, overrides);
  const statusOf = (id: string) => nominationStatus(t, id);
  const waitForMail = (email: string, about?: string, count?: number) =>
    waitForMailAbout(t, smtp, email, about, count);
  /** Who sends a request in a refusal table: someone of the world, or nobody (no token). */
  const as = (who: Who) => (who ? w[who].auth : {});

  describe('POST /nominations/{id}/eligibility', () => {
    let review: TestEdition;
    beforeAll(async () => {
      review = await createEdition(t, { phase: 'eligibility' });
    });
    const submittedForReview = () =>
      createNomination(t, {
        editionId: review.id,
        categoryId: review.categories[0]!.id,
        companyId: company.id,
        createdBy: owner.id,
        status: 'submitted',
        title: 'Reviewed entry',
      });

    it('records each decision, audits it and mails every member of the company', async () => {
      const id = await submittedForReview();
      const eligible = await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(organiser.auth)
        .send({ decision: 'eligible' })
        .expect(200);
      expect(eligible.body).toMatchObject({ status: 'eligible', ineligibilityReason: null });
      const [ownerMail] = await waitForMail(owner.email, 'Reviewed entry');
      expect(ownerMail!.subject).toBe('Номинация допущена: Reviewed entry');
      const [memberMail] = await waitForMail(member.email, 'Reviewed entry');
      expect(memberMail!.subject).toBe('Nomination admitted: Reviewed entry');

      // The same decision again changes nothing and mails nobody.
      await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(organiser.auth)
        .send({ decision: 'eligible' })
        .expect(200);

      const ineligible = await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(organiser.auth)
        .send({ decision: 'ineligible', reason: 'The project ended before 2023.' })
        .expect(200);
      expect(ineligible.body).toMatchObject({
        status: 'ineligible',
        ineligibilityReason: 'The project ended before 2023.',
      });
      const revised = await waitForMail(member.email, 'Reviewed entry', 2);
      expect(revised.at(-1)!.subject).toBe('Nomination not admitted: Reviewed entry');
      expect(revised.at(-1)!.text).toContain('The project ended before 2023.');

      const audit = await t.db.query<{ data: { decision: string } }[]>(
        `SELECT data FROM audit_log WHERE action = 'nomination.eligibility_decided' AND entity_id = $1 ORDER BY id`,
        [id],
      );
      expect(audit.map((a) => a.data.decision)).toEqual(['eligible', 'ineligible']);
      expect(
        await countRows(t, 'notifications', `event = 'nomination.eligibility_decision' AND subject LIKE $1`, [
          `${id}:%`,
        ]),
      ).toBe(4);
    });

    it.each([
      ['ineligible without a reason', { decision: 'ineligible' }],
      ['ineligible with a blank reason', { decision: 'ineligible', reason: '   ' }],
      ['eligible with a reason', { decision: 'eligible', reason: 'Looks fine' }],
      ['an unknown decision', { decision: 'winner' }],
      ['an unknown field', { decision: 'eligible', extra: 1 }],
    ])('refuses %s (400), changing nothing', async (_, body) => {
      const id = await submittedForReview();
      await t.http().post(`/api/v1/nominations/${id}/eligibility`).set(organiser.auth).send(body).expect(400);
      expect(await statusOf(id)).toBe('submitted');
    });

    it.each([
      ['an entrant of the company', 'owner', 403],
      ['a juror', 'juror', 403],
      ['a caller without a token', null, 401],
    ] as const)('refuses %s (%s → %i), changing nothing', async (_, who, status) => {
      const id = await submittedForReview();
      await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(as(who))
        .send({ decision: 'eligible' })
        .expect(status);
      expect(await statusOf(id)).toBe('submitted');
    });

    it('refuses unknown ids (404), drafts (409) and other phases (409)', async () => {
      const id = await submittedForReview();
      await t
        .http()
        .post(`/api/v1/nominations/00000000-0000-4000-8000-000000000000/eligibility`)
        .set(organiser.auth)
        .send({ decision: 'eligible' })
        .expect(404);
      const drafted = await createNomination(t, {
        editionId: review.id,
        categoryId: review.categories[0]!.id,
        companyId: company.id,
        createdBy: owner.id,
      });
      expect(
        (
          await t
            .http()
            .post(`/api/v1/nominations/${drafted}/eligibility`)
            .set(organiser.auth)
            .send({ decision: 'eligible' })
            .expect(409)
        ).body.code,
      ).toBe('nominations.not_submitted');
      const early = await draft({ status: 'submitted' });
      expect(
        (
          await t
            .http()
            .post(`/api/v1/nominations/${early}/eligibility`)
            .set(organiser.auth)
            .send({ decision: 'eligible' })
            .expect(409)
        ).body.code,
      ).toBe('editions.wrong_phase');
      expect(await statusOf(id)).toBe('submitted');
      expect(await statusOf(early)).toBe('submitted');
    });
  });

  describe('GET /nominations', () => {
    let listed: TestEdition;
    const mine: string[] = [];
    let theirs: string;
    beforeAll(async () => {
      listed = await createEdition(t, {
        categories: { efficiency: { cost: '1' }, fairness: { wages: '1' } },
      });
      const [efficiency, fairness] = listed.categories;
      mine.push(
        await createNomination(t, {
          editionId: listed.id,
          categoryId: efficiency!.id,
          companyId: company.id,
          createdBy: owner.id,
          title: 'Alpha 100% rail',
        }),
      );
      mine.push(
        await createNomination(t, {
          editionId: listed.id,
          categoryId: fairness!.id,
          companyId: company.id,
          createdBy: owner.id,
          title: 'Bravo fair wages',
          status: 'submitted',
        }),
      );
      mine.push(
        await createNomination(t, {
          editionId: listed.id,
          categoryId: efficiency!.id,
          companyId: company.id,
          createdBy: owner.id,
          title: 'Charlie 100 trucks',
          status: 'submitted',
        }),
      );
      theirs = await createNomination(t, {
        editionId: listed.id,
        categoryId: efficiency!.id,
        companyId: rivalCompany.id,
        createdBy: rival.id,
        title: 'Delta rival',
        status: 'submitted',
      });
    });
    const list = (who: SignedIn, query: string) =>
      t.http().get(`/api/v1/nominations?editionId=${listed.id}&${query}`).set(who.auth);

    it("shows entrants only their companies' nominations and organisers all of them", async () => {
      const own = await list(owner, 'sort=title&order=asc').expect(200);
      expect(own.body.items.map((n: { id: string }) => n.id)).toEqual(mine);
      expect(own.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
      expect(own.body.items[0]).toEqual({
        id: mine[0],
        editionId: listed.id,
        categoryId: listed.categories[0]!.id,
        companyId: company.id,
        companyName: 'Caspian Rail Cargo',
        title: 'Alpha 100% rail',
        status: 'draft',
        submittedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      // The list writes its times from PostgreSQL's text; the single read from Dates: the same instants.
      const one = await t.http().get(`/api/v1/nominations/${mine[0]}`).set(owner.auth).expect(200);
      expect(own.body.items[0]).toMatchObject({
        createdAt: one.body.createdAt,
        updatedAt: one.body.updatedAt,
      });
      const all = await list(organiser, 'sort=title&order=asc').expect(200);
      expect(all.body.items.map((n: { id: string }) => n.id)).toEqual([...mine, theirs]);
      expect(all.headers['content-type']).toBe('application/json; charset=utf-8');
      const peeking = await list(rival, `companyId=${company.id}`).expect(200);
      expect(peeking.body).toMatchObject({ items: [], total: 0 });
    });

    it('filters by category, status, company and text (wildcards are literal), sorts and pages', async () => {
      const byCategory = await list(organiser, `categoryId=${listed.categories[1]!.id}`).expect(200);
      expect(byCategory.body.items.map((n: { id: string }) => n.id)).toEqual([mine[1]]);
      const submitted = await list(organiser, 'status=submitted&sort=title&order=desc').expect(200);
      expect(submitted.body.items.map((n: { id: string }) => n.id)).toEqual([theirs, mine[2], mine[1]]);
      const byCompany = await list(organiser, `companyId=${rivalCompany.id}`).expect(200);
      expect(byCompany.body.items.map((n: { id: string }) => n.id)).toEqual([theirs]);
      const text = await list(owner, `q=${encodeURIComponent('100%')}`).expect(200);
      expect(text.body.items.map((n: { id: string }) => n.id)).toEqual([mine[0]]);
      const summary = await list(owner, 'q=STEPPE').expect(200);
      expect(summary.body.total).toBe(3);
      const first = await list(organiser, 'sort=createdAt&order=asc&pageSize=2&page=1').expect(200);
      const second = await list(organiser, 'sort=createdAt&order=asc&pageSize=2&page=2').expect(200);
      expect([...first.body.items, ...second.body.items].map((n: { id: string }) => n.id)).toEqual([
        ...mine,
        theirs,
      ]);
      const beyond = await list(organiser, 'sort=createdAt&order=asc&pageSize=2&page=3').expect(200);
      expect([first.body.total, second.body.total, beyond.body.total, beyond.body.items]).toEqual([
        4,
        4,
        4,
        [],
      ]);
      const bySubmission = await list(organiser, 'sort=submittedAt&order=desc').expect(200);
      expect(bySubmission.body.items.at(-1).id).toBe(mine[0]);
      const submittedOne = await t
        .http()
        .get(`/api/v1/nominations/${theirs}`)
        .set(organiser.auth)
        .expect(200);
      expect(bySubmission.body.items.find((n: { id: string }) => n.id === theirs)).toMatchObject({
        submittedAt: submittedOne.body.submittedAt,
      });
      expect(submittedOne.body.submittedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it.each([
      'sort=summary',
      'sort=created_at;DROP TABLE nominations',
      'order=sideways',
      'pageSize=101',
      'page=0',
      'status=pending',
      'companyId=x',
      'secret=1',
    ])('refuses %s (400): only allow-listed sort fields, pages up to 100, known filters', async (query) => {
      const res = await list(organiser, query);
      expect([query, res.status]).toEqual([query, 400]);
    });

    it('refuses jurors (403) and anonymous callers (401)', async () => {
      await list(juror, '').expect(403);
      await t.http().get('/api/v1/nominations').expect(401);
    });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import supertest from 'supertest';
import { Clock } from '../src/common/clock.js';
import { createEdition } from './support/editions.js';
import { countRows, type SignedIn } from './support/factories.js';
import {
  completeNomination,
  createNominationWorld,
  draftNomination,
  nominationStatus,
  type NominationWorld,
  waitForMailAbout,
} from './support/nomination-world.js';
import {
  createNomination,
  type NominationOptions,
  setQuestions,
  type TestCompany,
} from './support/nominations.js';
import { TestSmtpServer } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3600_000;
type Who = Exclude<keyof NominationWorld, 'company' | 'rivalCompany' | 'edition' | 'categoryId'> | null;

describe('nominations: submit and withdraw', () => {
  let t: TestApp;
  const smtp = new TestSmtpServer();
  let w: NominationWorld;
  let owner: SignedIn;
  let member: SignedIn;
  let rival: SignedIn;
  let company: TestCompany;
  let rivalCompany: TestCompany;

  beforeAll(async () => {
    const url = await smtp.start();
    t = await createTestApp({ SMTP_URL: url });
    w = await createNominationWorld(t);
    ({ owner, member, rival, company, rivalCompany } = w);
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const complete = (overrides: Record<string, unknown> = {}) => completeNomination(w, overrides);
  const draft = (overrides: Partial<NominationOptions> = {}) => draftNomination(t, w, overrides);
  const statusOf = (id: string) => nominationStatus(t, id);
  const waitForMail = (email: string, about?: string, count?: number) =>
    waitForMailAbout(t, smtp, email, about, count);
  /** Who sends a request in a refusal table: someone of the world, or nobody (no token). */
  const as = (who: Who) => (who ? w[who].auth : {});

  describe('POST /nominations/{id}/submit', () => {
    it('submits a complete draft, audits it and mails the submitter a receipt with a summary', async () => {
      // An edition of its own: the shared one's per-company allowance is used up by other tests.
      const fresh = await createEdition(t);
      const create = await t
        .http()
        .post('/api/v1/nominations')
        .set(owner.auth)
        .send(
          complete({
            editionId: fresh.id,
            categoryId: fresh.categories[0]!.id,
            answers: {},
            title: 'Receipt <b>test</b>',
          }),
        )
        .expect(201);
      const id = create.body.id as string;
      const res = await t.http().post(`/api/v1/nominations/${id}/submit`).set(owner.auth).expect(200);
      expect(res.body).toMatchObject({ status: 'submitted', version: 2 });
      expect(Date.parse(res.body.submittedAt)).toBeGreaterThan(0);
      expect(
        await countRows(t, 'audit_log', `action = 'nomination.submitted' AND entity_id = $1`, [id]),
      ).toBe(1);

      const [mail] = await waitForMail(owner.email, 'Receipt');
      // The owner reads Russian.
      expect(mail!.subject).toBe('Номинация получена: Receipt <b>test</b>');
      expect(mail!.text).toContain('Caspian Rail Cargo');
      expect(mail!.text).toContain('We moved 40% of our China–Europe containers');
      expect(mail!.text).toContain(id);
      expect(mail!.html).toContain('Receipt &lt;b&gt;test&lt;/b&gt;');
      expect(
        await countRows(t, 'notifications', `event = 'nomination.submitted' AND subject = $1`, [id]),
      ).toBe(1);
    });

    it('refuses an incomplete draft (400) and a second submit (409)', async () => {
      const id = await draft({ answers: {} });
      const res = await t.http().post(`/api/v1/nominations/${id}/submit`).set(owner.auth).expect(400);
      expect(res.body.code).toBe('nominations.incomplete');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([{ field: 'answers.approach', messages: ['is required'] }]),
      );
      const noMetrics = await draft({ metrics: [] });
      await t.http().post(`/api/v1/nominations/${noMetrics}/submit`).set(owner.auth).expect(400);
      expect(await statusOf(id)).toBe('draft');

      const done = await draft({ status: 'submitted' });
      expect(
        (await t.http().post(`/api/v1/nominations/${done}/submit`).set(owner.auth).expect(409)).body.code,
      ).toBe('nominations.not_draft');
    });

    it('in a blind edition, refuses what names the company, its website or a member; elsewhere accepts it', async () => {
      const naming = {
        summary: 'Caspian rail cargo moved 40% of its containers to block trains.',
        answers: { approach: 'See caspian.example for the timetable.' },
      };
      await t.db.query(`UPDATE companies SET website = 'https://www.caspian.example' WHERE id = $1`, [
        company.id,
      ]);
      const blind = await createEdition(t, { blind: true });
      const open = await createEdition(t);
      for (const e of [blind, open])
        await setQuestions(t, e.categories[0]!.id, [{ code: 'approach', required: true, maxLength: 500 }]);
      const inBlind = {
        editionId: blind.id,
        categoryId: blind.categories[0]!.id,
        companyId: company.id,
        createdBy: owner.id,
      };
      const id = await createNomination(t, { ...inBlind, ...naming, title: 'Dry port' });
      const refused = await t.http().post(`/api/v1/nominations/${id}/submit`).set(owner.auth).expect(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.code).toBe('nominations.identifies_company');
      expect(refused.body.errors).toEqual([
        { field: 'summary', messages: ['names the company ("Caspian Rail Cargo")'] },
        { field: 'answers.approach', messages: ['names the company\'s website ("caspian.example")'] },
      ]);
      expect(await statusOf(id)).toBe('draft');
      expect(
        await countRows(t, 'audit_log', `action = 'nomination.submitted' AND entity_id = $1`, [id]),
      ).toBe(0);

      // Reworded, it goes in; a later change that names a member is refused and changes nothing.
      await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(owner.auth)
        .send({ summary: 'We moved 40% of our containers to block trains.', answers: { approach: 'Rail.' } })
        .expect(200);
      const submitted = await t.http().post(`/api/v1/nominations/${id}/submit`).set(owner.auth).expect(200);
      const naming2 = await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(owner.auth)
        .send({ answers: { approach: `Led by ${member.fullName}.` } })
        .expect(400);
      expect(naming2.body).toMatchObject({
        code: 'nominations.identifies_company',
        errors: [
          { field: 'answers.approach', messages: [`names a member of the company ("${member.fullName}")`] },
        ],
      });
      const after = await t.http().get(`/api/v1/nominations/${id}`).set(owner.auth).expect(200);
      expect(after.body).toMatchObject({ version: submitted.body.version, answers: { approach: 'Rail.' } });

      // The same words in an edition that is not blind are the entrant's business.
      const seen = await createNomination(t, {
        ...inBlind,
        ...naming,
        editionId: open.id,
        categoryId: open.categories[0]!.id,
        title: 'Dry port',
      });
      await t.http().post(`/api/v1/nominations/${seen}/submit`).set(owner.auth).expect(200);
      await t.db.query(`UPDATE companies SET website = NULL WHERE id = $1`, [company.id]);
    });

    it.each([
      ['another entrant', 'rival', 404],
      ['an organiser', 'organiser', 403],
      ['a juror', 'juror', 403],
      ['a caller without a token', null, 401],
    ] as const)('refuses %s (%s → %i), changing nothing', async (_, who, status) => {
      const id = await draft();
      await t.http().post(`/api/v1/nominations/${id}/submit`).set(as(who)).expect(status);
      expect(await statusOf(id)).toBe('draft');
      expect(await countRows(t, 'notifications', `subject = $1`, [id])).toBe(0);
    });

    it('refuses after the deadline by the server clock (409), whatever the phase says', async () => {
      const id = await draft();
      t.app.get(Clock).set(new Date(Date.now() + 48 * HOUR + 1000));
      const res = await t.http().post(`/api/v1/nominations/${id}/submit`).set(owner.auth).expect(409);
      expect(res.body.code).toBe('nominations.closed');
      expect(await statusOf(id)).toBe('draft');
    });

    it('refuses when the edition moved on to eligibility (409)', async () => {
      const moved = await createEdition(t, { phase: 'eligibility' });
      const id = await createNomination(t, {
        editionId: moved.id,
        categoryId: moved.categories[0]!.id,
        companyId: company.id,
        createdBy: owner.id,
      });
      expect(
        (await t.http().post(`/api/v1/nominations/${id}/submit`).set(owner.auth).expect(409)).body,
      ).toMatchObject({ code: 'editions.wrong_phase', currentPhase: 'eligibility' });
    });

    it('refuses the submit beyond the per-company limit (409); withdrawn ones do not count', async () => {
      const limited = await createEdition(t, { maxNominationsPerCompanyPerCategory: 2 });
      const make = (status: 'draft' | 'submitted' | 'withdrawn') =>
        createNomination(t, {
          editionId: limited.id,
          categoryId: limited.categories[0]!.id,
          companyId: company.id,
          createdBy: owner.id,
          status,
        });
      await make('submitted');
      await make('withdrawn');
      const second = await make('draft');
      const third = await make('draft');
      await t.http().post(`/api/v1/nominations/${second}/submit`).set(owner.auth).expect(200);
      const res = await t.http().post(`/api/v1/nominations/${third}/submit`).set(owner.auth).expect(409);
      expect(res.body).toMatchObject({ code: 'nominations.limit_reached', limit: 2 });
      expect(await statusOf(third)).toBe('draft');
      // Another company has its own allowance.
      const theirs = await createNomination(t, {
        editionId: limited.id,
        categoryId: limited.categories[0]!.id,
        companyId: rivalCompany.id,
        createdBy: rival.id,
      });
      await t.http().post(`/api/v1/nominations/${theirs}/submit`).set(rival.auth).expect(200);
    });

    it('holds the limit under 10 concurrent submits spread over two API instances', async () => {
      const sibling = await t.sibling();
      const limited = await createEdition(t, { maxNominationsPerCompanyPerCategory: 3 });
      const ids = await Promise.all(
        Array.from({ length: 10 }, () =>
          createNomination(t, {
            editionId: limited.id,
            categoryId: limited.categories[0]!.id,
            companyId: company.id,
            createdBy: owner.id,
          }),
        ),
      );
      const results = await Promise.all(
        ids.map((id, i) =>
          (i % 2 ? t.http() : supertest(sibling.getHttpServer()))
            .post(`/api/v1/nominations/${id}/submit`)
            .set(i % 3 ? owner.auth : member.auth),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 409)).toHaveLength(7);
      expect(
        results.filter((r) => r.status === 409).every((r) => r.body.code === 'nominations.limit_reached'),
      ).toBe(true);
      expect(
        await countRows(t, 'nominations', `edition_id = $1 AND status = 'submitted'`, [limited.id]),
      ).toBe(3);
      expect(
        await countRows(t, 'audit_log', `action = 'nomination.submitted' AND edition_id = $1`, [limited.id]),
      ).toBe(3);
    });
  });

  describe('POST /nominations/{id}/withdraw', () => {
    it('withdraws a submitted nomination, audited', async () => {
      const id = await draft({ status: 'submitted' });
      const res = await t.http().post(`/api/v1/nominations/${id}/withdraw`).set(member.auth).expect(200);
      expect(res.body.status).toBe('withdrawn');
      expect(
        await countRows(t, 'audit_log', `action = 'nomination.withdrawn' AND entity_id = $1`, [id]),
      ).toBe(1);
      expect(
        (await t.http().post(`/api/v1/nominations/${id}/withdraw`).set(member.auth).expect(409)).body.code,
      ).toBe('nominations.not_withdrawable');
    });

    it('refuses a draft (409)', async () => {
      const drafted = await draft();
      expect(
        (await t.http().post(`/api/v1/nominations/${drafted}/withdraw`).set(owner.auth).expect(409)).body
          .code,
      ).toBe('nominations.not_withdrawable');
      expect(await statusOf(drafted)).toBe('draft');
    });

    it.each([
      ['another entrant', 'rival', 404],
      ['an organiser', 'organiser', 403],
      ['a juror', 'juror', 403],
      ['a caller without a token', null, 401],
    ] as const)('refuses %s (%s → %i), changing nothing', async (_, who, status) => {
      const id = await draft({ status: 'submitted' });
      await t.http().post(`/api/v1/nominations/${id}/withdraw`).set(as(who)).expect(status);
      expect(await statusOf(id)).toBe('submitted');
      expect(
        await countRows(t, 'audit_log', `action = 'nomination.withdrawn' AND entity_id = $1`, [id]),
      ).toBe(0);
    });

    it('refuses once judging has started (409)', async () => {
      const judging = await createEdition(t, { phase: 'judging' });
      const id = await createNomination(t, {
        editionId: judging.id,
        categoryId: judging.categories[0]!.id,
        companyId: company.id,
        createdBy: owner.id,
        status: 'eligible',
      });
      expect(
        (await t.http().post(`/api/v1/nominations/${id}/withdraw`).set(owner.auth).expect(409)).body.code,
      ).toBe('editions.wrong_phase');
      expect(await statusOf(id)).toBe('eligible');
    });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import supertest from 'supertest';
import { Clock } from '../src/common/clock.js';
import { createEdition, type TestEdition } from './support/editions.js';
import { countRows, signIn, type SignedIn } from './support/factories.js';
import { createCompany, createNomination, setQuestions, type TestCompany } from './support/nominations.js';
import { TestSmtpServer } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3600_000;

describe('nominations', () => {
  let t: TestApp;
  const smtp = new TestSmtpServer();
  let owner: SignedIn;
  let member: SignedIn;
  let rival: SignedIn;
  let organiser: SignedIn;
  let juror: SignedIn;
  let company: TestCompany;
  let rivalCompany: TestCompany;
  let edition: TestEdition;
  let categoryId: string;

  beforeAll(async () => {
    const url = await smtp.start();
    t = await createTestApp({ SMTP_URL: url });
    [owner, member, rival, organiser, juror] = await Promise.all([
      signIn(t, ['entrant'], { locale: 'ru' }),
      signIn(t, ['entrant']),
      signIn(t, ['entrant']),
      signIn(t, ['organiser']),
      signIn(t, ['juror']),
    ]);
    company = await createCompany(t, owner.id, { name: 'Caspian Rail Cargo', members: [member.id] });
    rivalCompany = await createCompany(t, rival.id, { name: 'Rival Freight' });
    edition = await createEdition(t, {
      categories: { efficiency: { cost: '1', speed: '1' }, sustainability: { emissions: '2', energy: '1' } },
    });
    categoryId = edition.categories[0]!.id;
    await setQuestions(t, categoryId, [
      { code: 'approach', required: true, maxLength: 500 },
      { code: 'partners', required: false, maxLength: 50 },
    ]);
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const complete = (overrides: Record<string, unknown> = {}) => ({
    companyId: company.id,
    editionId: edition.id,
    categoryId,
    title: 'Dry port Khorgos: rail instead of road',
    summary: 'We moved 40% of our China–Europe containers from trucks to block trains.',
    answers: { approach: 'Block trains through the Khorgos dry port, gauge change in 47 minutes.' },
    metrics: [
      { name: 'CO2 avoided', value: 12500.5, unit: 't/year' },
      { name: 'Transit time', value: 14, unit: 'days' },
    ],
    ...overrides,
  });

  const draft = async (overrides: Partial<Parameters<typeof createNomination>[1]> = {}) =>
    createNomination(t, {
      editionId: edition.id,
      categoryId,
      companyId: company.id,
      createdBy: owner.id,
      answers: { approach: 'Rail.' },
      ...overrides,
    });

  const statusOf = async (id: string): Promise<string | undefined> =>
    ((await t.db.query(`SELECT status FROM nominations WHERE id = $1`, [id])) as { status: string }[])[0]
      ?.status;

  /** The mails to `email` whose subject contains `about`, once there are at least `count`. */
  async function waitForMail(email: string, about = '', count = 1, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await t.flushOutbox();
      const mails = smtp.to(email).filter((m) => m.subject.includes(about));
      if (mails.length >= count) return mails;
      if (Date.now() > deadline) throw new Error(`Expected ${count} mails to ${email}, got ${mails.length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  describe('POST /nominations', () => {
    it('starts a draft for a company of the caller, audited', async () => {
      const res = await t.http().post('/api/v1/nominations').set(member.auth).send(complete()).expect(201);
      expect(res.body).toMatchObject({
        status: 'draft',
        companyId: company.id,
        companyName: 'Caspian Rail Cargo',
        editionId: edition.id,
        categoryId,
        createdBy: member.id,
        version: 1,
        attachments: [],
      });
      expect(res.body.metrics[0]).toEqual({ name: 'CO2 avoided', value: 12500.5, unit: 't/year' });
      expect(res.headers.location).toBe(`/api/v1/nominations/${res.body.id}`);
      expect(res.headers.etag).toBe('"1"');
      expect(
        await countRows(t, 'audit_log', `action = 'nomination.created' AND entity_id = $1`, [res.body.id]),
      ).toBe(1);
    });

    it('accepts a draft with a title only', async () => {
      const res = await t
        .http()
        .post('/api/v1/nominations')
        .set(owner.auth)
        .send({ companyId: company.id, editionId: edition.id, categoryId, title: 'Work in progress' })
        .expect(201);
      expect(res.body).toMatchObject({ summary: '', answers: {}, metrics: [] });
    });

    it('refuses without a token (401), organisers and jurors (403), creating nothing', async () => {
      const before = await countRows(t, 'nominations');
      await t.http().post('/api/v1/nominations').send(complete()).expect(401);
      await t.http().post('/api/v1/nominations').set(organiser.auth).send(complete()).expect(403);
      await t.http().post('/api/v1/nominations').set(juror.auth).send(complete()).expect(403);
      expect(await countRows(t, 'nominations')).toBe(before);
    });

    it("refuses another entrant's company, an unknown edition and a category of another edition (404)", async () => {
      const other = await createEdition(t);
      const before = await countRows(t, 'nominations');
      expect(
        (await t.http().post('/api/v1/nominations').set(rival.auth).send(complete()).expect(404)).body.code,
      ).toBe('companies.not_found');
      expect(
        (
          await t
            .http()
            .post('/api/v1/nominations')
            .set(owner.auth)
            .send(complete({ editionId: '00000000-0000-4000-8000-000000000000' }))
            .expect(404)
        ).body.code,
      ).toBe('editions.not_found');
      expect(
        (
          await t
            .http()
            .post('/api/v1/nominations')
            .set(owner.auth)
            .send(complete({ categoryId: other.categories[0]!.id }))
            .expect(404)
        ).body.code,
      ).toBe('categories.not_found');
      expect(await countRows(t, 'nominations')).toBe(before);
    });

    it('refuses bad input and unknown fields (400)', async () => {
      const before = await countRows(t, 'nominations');
      const bad = [
        complete({ title: 'x'.repeat(201) }),
        complete({ title: '' }),
        complete({ title: 'Line\nbreak' }),
        complete({ summary: 'y'.repeat(2001) }),
        complete({ metrics: [{ name: 'CO2', value: '12', unit: 't' }] }),
        complete({ metrics: [{ name: 'CO2', value: 12 }] }),
        complete({ metrics: [{ name: 'CO2', value: 12, unit: 't', note: 'x' }] }),
        complete({ answers: ['not', 'a', 'map'] }),
        complete({ answers: { approach: 42 } }),
        complete({ status: 'submitted' }),
        complete({ companyId: 'not-a-uuid' }),
      ];
      for (const body of bad) {
        const res = await t.http().post('/api/v1/nominations').set(owner.auth).send(body);
        expect([res.status, res.body.code]).toEqual([400, 'request.validation_failed']);
      }
      const unknownQuestion = await t
        .http()
        .post('/api/v1/nominations')
        .set(owner.auth)
        .send(complete({ answers: { secret: 'x' } }))
        .expect(400);
      expect(unknownQuestion.body.code).toBe('nominations.invalid_answers');
      await t
        .http()
        .post('/api/v1/nominations')
        .set(owner.auth)
        .send(complete({ answers: { partners: 'p'.repeat(51) } }))
        .expect(400);
      expect(await countRows(t, 'nominations')).toBe(before);
    });

    it('refuses when the edition is not taking nominations: wrong phase, or the clock is past the deadline (409)', async () => {
      const before = await countRows(t, 'nominations');
      const drafting = await createEdition(t, { phase: 'draft' });
      const res = await t
        .http()
        .post('/api/v1/nominations')
        .set(owner.auth)
        .send(complete({ editionId: drafting.id, categoryId: drafting.categories[0]!.id, answers: {} }))
        .expect(409);
      expect(res.body).toMatchObject({ code: 'editions.wrong_phase', currentPhase: 'draft' });

      t.app.get(Clock).advance(49 * HOUR);
      expect(
        (await t.http().post('/api/v1/nominations').set(owner.auth).send(complete()).expect(409)).body.code,
      ).toBe('nominations.closed');
      t.app.get(Clock).reset();

      const future = await createEdition(t, {
        nominationsOpenAt: new Date(Date.now() + HOUR),
        nominationsCloseAt: new Date(Date.now() + 5 * HOUR),
      });
      expect(
        (
          await t
            .http()
            .post('/api/v1/nominations')
            .set(owner.auth)
            .send(complete({ editionId: future.id, categoryId: future.categories[0]!.id, answers: {} }))
            .expect(409)
        ).body.code,
      ).toBe('nominations.not_yet_open');
      expect(await countRows(t, 'nominations')).toBe(before);
    });

    it('creates one nomination for a retried request with the same Idempotency-Key, even at once on two instances', async () => {
      const sibling = await t.sibling();
      const body = complete({ title: `Retried ${Date.now()}` });
      const key = `nomination-${Date.now()}`;
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? t.http() : supertest(sibling.getHttpServer()))
            .post('/api/v1/nominations')
            .set(owner.auth)
            .set('Idempotency-Key', key)
            .send(body),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
      expect(await countRows(t, 'nominations', 'title = $1', [body.title])).toBe(1);

      const reused = await t
        .http()
        .post('/api/v1/nominations')
        .set(owner.auth)
        .set('Idempotency-Key', key)
        .send(complete({ title: 'Something else' }))
        .expect(409);
      expect(reused.body.code).toBe('request.idempotency_key_reused');
      expect(await countRows(t, 'nominations', `title = 'Something else'`)).toBe(0);
    });

    it('lets a key be used again after a failed request (nothing was stored for it)', async () => {
      const key = `failed-${Date.now()}`;
      await t
        .http()
        .post('/api/v1/nominations')
        .set(owner.auth)
        .set('Idempotency-Key', key)
        .send(complete({ answers: { secret: 'x' } }))
        .expect(400);
      await t
        .http()
        .post('/api/v1/nominations')
        .set(owner.auth)
        .set('Idempotency-Key', key)
        .send(complete())
        .expect(201);
    });
  });

  describe('GET /nominations/{id}', () => {
    it('shows a nomination to members of its company and to organisers', async () => {
      const id = await draft();
      const res = await t.http().get(`/api/v1/nominations/${id}`).set(member.auth).expect(200);
      expect(res.body).toMatchObject({ id, status: 'draft', answers: { approach: 'Rail.' } });
      await t.http().get(`/api/v1/nominations/${id}`).set(organiser.auth).expect(200);
    });

    it('is a 404 for another entrant (the same as an unknown id), 403 for jurors, 401 without a token, 400 for a bad id', async () => {
      const id = await draft();
      const hidden = await t.http().get(`/api/v1/nominations/${id}`).set(rival.auth).expect(404);
      const unknown = await t
        .http()
        .get(`/api/v1/nominations/00000000-0000-4000-8000-000000000000`)
        .set(rival.auth)
        .expect(404);
      expect(hidden.body.code).toBe(unknown.body.code);
      await t.http().get(`/api/v1/nominations/${id}`).set(juror.auth).expect(403);
      await t.http().get(`/api/v1/nominations/${id}`).expect(401);
      await t.http().get(`/api/v1/nominations/nope`).set(owner.auth).expect(400);
    });
  });

  describe('PATCH /nominations/{id}', () => {
    it('changes a draft and bumps its version; If-Match refuses a stale change (409)', async () => {
      const id = await draft();
      const res = await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(member.auth)
        .set('If-Match', '"1"')
        .send({ title: 'Sharper title', answers: { approach: 'Rail.', partners: 'KTZ' } })
        .expect(200);
      expect(res.body).toMatchObject({ title: 'Sharper title', version: 2, answers: { partners: 'KTZ' } });
      expect(res.headers.etag).toBe('"2"');
      const stale = await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(owner.auth)
        .set('If-Match', '"1"')
        .send({ title: 'Lost update' })
        .expect(409);
      expect(stale.body.code).toBe('request.stale_version');
      await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(owner.auth)
        .set('If-Match', 'garbage')
        .send({ title: 'x' })
        .expect(400);
      expect(await countRows(t, 'nominations', `id = $1 AND title = 'Sharper title'`, [id])).toBe(1);
    });

    it('refuses another entrant (404), organisers and jurors (403), bad input (400), changing nothing', async () => {
      const id = await draft({ title: 'Original' });
      await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(rival.auth)
        .send({ title: 'Hijacked' })
        .expect(404);
      await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(organiser.auth)
        .send({ title: 'Hijacked' })
        .expect(403);
      await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(juror.auth)
        .send({ title: 'Hijacked' })
        .expect(403);
      await t.http().patch(`/api/v1/nominations/${id}`).send({ title: 'Hijacked' }).expect(401);
      await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(owner.auth)
        .send({ title: 'Hijacked', companyId: rivalCompany.id })
        .expect(400);
      await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(owner.auth)
        .send({ metrics: [{ name: 'x', value: 'NaN', unit: 'y' }] })
        .expect(400);
      expect(await countRows(t, 'nominations', `id = $1 AND title = 'Original' AND version = 1`, [id])).toBe(
        1,
      );
    });

    it('keeps a submitted nomination editable, and complete, until nominations close; then it is frozen (409)', async () => {
      const id = await draft({ status: 'submitted' });
      await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(owner.auth)
        .send({ summary: 'Updated before the deadline.' })
        .expect(200);
      const incomplete = await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(owner.auth)
        .send({ answers: {} })
        .expect(400);
      expect(incomplete.body.code).toBe('nominations.incomplete');
      expect(await countRows(t, 'audit_log', `action = 'nomination.updated' AND entity_id = $1`, [id])).toBe(
        1,
      );

      t.app.get(Clock).advance(48 * HOUR + 1000);
      const frozen = await t
        .http()
        .patch(`/api/v1/nominations/${id}`)
        .set(owner.auth)
        .send({ summary: 'Too late.' })
        .expect(409);
      expect(frozen.body.code).toBe('nominations.frozen');
      expect(
        await countRows(t, 'nominations', `id = $1 AND summary = 'Updated before the deadline.'`, [id]),
      ).toBe(1);
    });

    it('refuses changes to reviewed or withdrawn nominations (409)', async () => {
      for (const status of ['eligible', 'withdrawn'] as const) {
        const id = await draft({ status });
        expect(
          (
            await t
              .http()
              .patch(`/api/v1/nominations/${id}`)
              .set(owner.auth)
              .send({ title: 'Nope' })
              .expect(409)
          ).body.code,
        ).toBe('nominations.frozen');
      }
    });
  });

  describe('DELETE /nominations/{id}', () => {
    it('deletes a draft, audited', async () => {
      const id = await draft();
      await t.http().delete(`/api/v1/nominations/${id}`).set(member.auth).expect(204);
      expect(await countRows(t, 'nominations', 'id = $1', [id])).toBe(0);
      expect(await countRows(t, 'audit_log', `action = 'nomination.deleted' AND entity_id = $1`, [id])).toBe(
        1,
      );
    });

    it('refuses a submitted one (409), another entrant (404), organisers and jurors (403)', async () => {
      const submitted = await draft({ status: 'submitted' });
      expect(
        (await t.http().delete(`/api/v1/nominations/${submitted}`).set(owner.auth).expect(409)).body.code,
      ).toBe('nominations.not_draft');
      const id = await draft();
      await t.http().delete(`/api/v1/nominations/${id}`).set(rival.auth).expect(404);
      await t.http().delete(`/api/v1/nominations/${id}`).set(organiser.auth).expect(403);
      await t.http().delete(`/api/v1/nominations/${id}`).set(juror.auth).expect(403);
      await t.http().delete(`/api/v1/nominations/${id}`).expect(401);
      expect(await countRows(t, 'nominations', 'id = $1 OR id = $2', [id, submitted])).toBe(2);
    });
  });

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

    it('refuses another entrant (404), organisers and jurors (403), changing nothing', async () => {
      const id = await draft();
      await t.http().post(`/api/v1/nominations/${id}/submit`).set(rival.auth).expect(404);
      await t.http().post(`/api/v1/nominations/${id}/submit`).set(organiser.auth).expect(403);
      await t.http().post(`/api/v1/nominations/${id}/submit`).set(juror.auth).expect(403);
      await t.http().post(`/api/v1/nominations/${id}/submit`).expect(401);
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

    it('refuses a draft (409), another entrant (404), organisers and jurors (403)', async () => {
      const drafted = await draft();
      expect(
        (await t.http().post(`/api/v1/nominations/${drafted}/withdraw`).set(owner.auth).expect(409)).body
          .code,
      ).toBe('nominations.not_withdrawable');
      const id = await draft({ status: 'submitted' });
      await t.http().post(`/api/v1/nominations/${id}/withdraw`).set(rival.auth).expect(404);
      await t.http().post(`/api/v1/nominations/${id}/withdraw`).set(organiser.auth).expect(403);
      await t.http().post(`/api/v1/nominations/${id}/withdraw`).set(juror.auth).expect(403);
      await t.http().post(`/api/v1/nominations/${id}/withdraw`).expect(401);
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

      const audit = (await t.db.query(
        `SELECT data FROM audit_log WHERE action = 'nomination.eligibility_decided' AND entity_id = $1 ORDER BY id`,
        [id],
      )) as { data: { decision: string } }[];
      expect(audit.map((a) => a.data.decision)).toEqual(['eligible', 'ineligible']);
      expect(
        await countRows(t, 'notifications', `event = 'nomination.eligibility_decision' AND subject LIKE $1`, [
          `${id}:%`,
        ]),
      ).toBe(4);
    });

    it('needs a reason for ineligible, and refuses one for eligible (400)', async () => {
      const id = await submittedForReview();
      await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(organiser.auth)
        .send({ decision: 'ineligible' })
        .expect(400);
      await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(organiser.auth)
        .send({ decision: 'ineligible', reason: '   ' })
        .expect(400);
      await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(organiser.auth)
        .send({ decision: 'eligible', reason: 'Looks fine' })
        .expect(400);
      await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(organiser.auth)
        .send({ decision: 'winner' })
        .expect(400);
      await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(organiser.auth)
        .send({ decision: 'eligible', extra: 1 })
        .expect(400);
      expect(await statusOf(id)).toBe('submitted');
    });

    it('refuses entrants and jurors (403), unknown ids (404), drafts (409) and other phases (409)', async () => {
      const id = await submittedForReview();
      await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(owner.auth)
        .send({ decision: 'eligible' })
        .expect(403);
      await t
        .http()
        .post(`/api/v1/nominations/${id}/eligibility`)
        .set(juror.auth)
        .send({ decision: 'eligible' })
        .expect(403);
      await t.http().post(`/api/v1/nominations/${id}/eligibility`).send({ decision: 'eligible' }).expect(401);
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

    it('refuses sorting by anything but the allow-listed fields, oversized pages and unknown filters (400)', async () => {
      for (const query of [
        'sort=summary',
        'sort=created_at;DROP TABLE nominations',
        'order=sideways',
        'pageSize=101',
        'page=0',
        'status=pending',
        'companyId=x',
        'secret=1',
      ]) {
        const res = await list(organiser, query);
        expect([query, res.status]).toEqual([query, 400]);
      }
    });

    it('refuses jurors (403) and anonymous callers (401)', async () => {
      await list(juror, '').expect(403);
      await t.http().get('/api/v1/nominations').expect(401);
    });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import supertest from 'supertest';
import { Clock } from '../src/common/clock.js';
import { createEdition, type TestEdition } from './support/editions.js';
import { countRows, type SignedIn } from './support/factories.js';
import {
  completeNomination,
  createNominationWorld,
  draftNomination,
  type NominationWorld,
} from './support/nomination-world.js';
import { type NominationOptions, type TestCompany } from './support/nominations.js';
import { TestSmtpServer } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3600_000;
type Who = Exclude<keyof NominationWorld, 'company' | 'rivalCompany' | 'edition' | 'categoryId'> | null;

describe('nominations: drafts', () => {
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
  let edition: TestEdition;
  let categoryId: string;

  beforeAll(async () => {
    const url = await smtp.start();
    t = await createTestApp({ SMTP_URL: url });
    w = await createNominationWorld(t);
    ({ owner, member, rival, organiser, juror, company, rivalCompany, edition, categoryId } = w);
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const complete = (overrides: Record<string, unknown> = {}) => completeNomination(w, overrides);
  const draft = (overrides: Partial<NominationOptions> = {}) => draftNomination(t, w, overrides);
  /** Who sends a request in a refusal table: someone of the world, or nobody (no token). */
  const as = (who: Who) => (who ? w[who].auth : {});

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

    it.each([
      ['without a token', null, 401],
      ['an organiser', 'organiser', 403],
      ['a juror', 'juror', 403],
    ] as const)('refuses %s (%s → %i), creating nothing', async (_, who, status) => {
      const before = await countRows(t, 'nominations');
      await t.http().post('/api/v1/nominations').set(as(who)).send(complete()).expect(status);
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

    it.each([
      ['a title too long', { title: 'x'.repeat(201) }],
      ['an empty title', { title: '' }],
      ['a title with a line break', { title: 'Line\nbreak' }],
      ['a summary too long', { summary: 'y'.repeat(2001) }],
      ['a metric value as a string', { metrics: [{ name: 'CO2', value: '12', unit: 't' }] }],
      ['a metric without a unit', { metrics: [{ name: 'CO2', value: 12 }] }],
      ['a metric with an unknown field', { metrics: [{ name: 'CO2', value: 12, unit: 't', note: 'x' }] }],
      ['answers as a list', { answers: ['not', 'a', 'map'] }],
      ['an answer that is not text', { answers: { approach: 42 } }],
      ['a status', { status: 'submitted' }],
      ['a company id that is not a UUID', { companyId: 'not-a-uuid' }],
    ])('refuses %s (400), creating nothing', async (_, overrides) => {
      const before = await countRows(t, 'nominations');
      const res = await t.http().post('/api/v1/nominations').set(owner.auth).send(complete(overrides));
      expect([res.status, res.body.code]).toEqual([400, 'request.validation_failed']);
      expect(await countRows(t, 'nominations')).toBe(before);
    });

    it('refuses answers to unknown questions and answers too long (400)', async () => {
      const before = await countRows(t, 'nominations');
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

    it.each([
      ['another entrant', 'rival', () => ({ title: 'Hijacked' }), 404],
      ['an organiser', 'organiser', () => ({ title: 'Hijacked' }), 403],
      ['a juror', 'juror', () => ({ title: 'Hijacked' }), 403],
      ['a caller without a token', null, () => ({ title: 'Hijacked' }), 401],
      ['a change of company', 'owner', () => ({ title: 'Hijacked', companyId: rivalCompany.id }), 400],
      [
        'a metric that is not a number',
        'owner',
        () => ({ metrics: [{ name: 'x', value: 'NaN', unit: 'y' }] }),
        400,
      ],
    ] as const)('refuses %s (%s → %i), changing nothing', async (_, who, body, status) => {
      const id = await draft({ title: 'Original' });
      await t.http().patch(`/api/v1/nominations/${id}`).set(as(who)).send(body()).expect(status);
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

    it.each(['eligible', 'withdrawn'] as const)(
      'refuses changes to a nomination that is %s (409)',
      async (status) => {
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
      },
    );
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

    it('refuses a submitted one (409), keeping it', async () => {
      const submitted = await draft({ status: 'submitted' });
      expect(
        (await t.http().delete(`/api/v1/nominations/${submitted}`).set(owner.auth).expect(409)).body.code,
      ).toBe('nominations.not_draft');
      expect(await countRows(t, 'nominations', 'id = $1', [submitted])).toBe(1);
    });

    it.each([
      ['another entrant', 'rival', 404],
      ['an organiser', 'organiser', 403],
      ['a juror', 'juror', 403],
      ['a caller without a token', null, 401],
    ] as const)('refuses %s (%s → %i), removing nothing', async (_, who, status) => {
      const id = await draft();
      await t.http().delete(`/api/v1/nominations/${id}`).set(as(who)).expect(status);
      expect(await countRows(t, 'nominations', 'id = $1', [id])).toBe(1);
    });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import { PHASES, type Phase } from '../src/modules/editions/entities/edition.entity.js';
import { createEdition } from './support/editions.js';
import { countRows, type SignedIn, signIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3600_000;
const UNKNOWN_ID = '0b8f7a52-3c1e-4c55-9d1f-3f3c2f6a0e11';

let slugCounter = 0;
function uniqueSlug(prefix = 'magistral'): string {
  slugCounter += 1;
  return `${prefix}-${process.pid}-${slugCounter}`;
}

/** A valid creation body, its timeline relative to now. */
function editionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    slug: uniqueSlug(),
    name: 'Magistral Awards 2026',
    nominationsOpenAt: new Date(now + 24 * HOUR).toISOString(),
    nominationsCloseAt: new Date(now + 30 * 24 * HOUR).toISOString(),
    judgingOpenAt: new Date(now + 35 * 24 * HOUR).toISOString(),
    judgingCloseAt: new Date(now + 50 * 24 * HOUR).toISOString(),
    ...overrides,
  };
}

describe('editions', () => {
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
  afterEach(() => t.app.get(Clock).reset());
  afterAll(() => t.close());

  const phaseOf = async (id: string): Promise<Phase> =>
    (await t.db.query<{ phase: Phase }[]>(`SELECT phase FROM editions WHERE id = $1`, [id]))[0].phase;
  const rowOf = async (id: string) =>
    (await t.db.query<Record<string, unknown>[]>(`SELECT * FROM editions WHERE id = $1`, [id]))[0];
  const auditCount = (editionId: string, action: string) =>
    countRows(t, 'audit_log', 'edition_id = $1 AND action = $2', [editionId, action]);

  describe('POST /editions', () => {
    it('creates a draft with default rules and the four standard categories, in one go', async () => {
      const body = editionBody({ resultsEmbargoUntil: new Date(Date.now() + 60 * 24 * HOUR).toISOString() });
      const res = await t.http().post('/api/v1/editions').set(organiser.auth).send(body).expect(201);
      expect(res.body).toMatchObject({
        slug: body.slug,
        name: 'Magistral Awards 2026',
        phase: 'draft',
        nextPhase: 'nominations',
        nominationsOpenAt: body.nominationsOpenAt,
        resultsEmbargoUntil: body.resultsEmbargoUntil,
        scoringMethod: 'mean',
        tieBreakers: [],
        minScorecards: 3,
        maxNominationsPerCompanyPerCategory: 3,
        blind: false,
        reminderLeadHours: 72,
        version: 1,
      });
      expect(res.headers.etag).toBe('"1"');
      expect(res.headers.location).toBe(`/api/v1/editions/${res.body.id}`);
      const id = res.body.id as string;
      expect(await countRows(t, 'categories', 'edition_id = $1', [id])).toBe(4);
      expect(
        await countRows(t, 'criteria', 'category_id IN (SELECT id FROM categories WHERE edition_id = $1)', [
          id,
        ]),
      ).toBeGreaterThanOrEqual(16);
      expect(await auditCount(id, 'editions.created')).toBe(1);
      const [entry] = await t.db.query<
        { actor_id: string; entity_id: string; data: Record<string, unknown> }[]
      >(
        `SELECT actor_id, entity_id, data FROM audit_log WHERE edition_id = $1 AND action = 'editions.created'`,
        [id],
      );
      expect(entry).toMatchObject({
        actor_id: organiser.id,
        entity_id: id,
        data: { slug: body.slug, categories: ['efficiency', 'sustainability', 'fairness', 'digitalisation'] },
      });
    });

    it('takes every rule, and lets judging open the moment nominations close', async () => {
      const close = new Date(Date.now() + 10 * 24 * HOUR).toISOString();
      const res = await t
        .http()
        .post('/api/v1/editions')
        .set(organiser.auth)
        .send(
          editionBody({
            nominationsCloseAt: close,
            judgingOpenAt: close,
            scoringMethod: 'zscore',
            tieBreakers: ['criterion:emissions_reduction', 'median', 'top_marks'],
            minScorecards: 5,
            maxNominationsPerCompanyPerCategory: 1,
            blind: true,
            reminderLeadHours: 24,
          }),
        )
        .expect(201);
      expect(res.body).toMatchObject({
        scoringMethod: 'zscore',
        tieBreakers: ['criterion:emissions_reduction', 'median', 'top_marks'],
        minScorecards: 5,
        maxNominationsPerCompanyPerCategory: 1,
        blind: true,
        reminderLeadHours: 24,
        judgingOpenAt: close,
      });
    });

    it('refuses anonymous callers, entrants and jurors, creating nothing', async () => {
      const before = await countRows(t, 'editions');
      await t.http().post('/api/v1/editions').send(editionBody()).expect(401);
      for (const who of [entrant, juror]) {
        const res = await t.http().post('/api/v1/editions').set(who.auth).send(editionBody()).expect(403);
        expect(res.body.code).toBe('auth.forbidden');
      }
      expect(await countRows(t, 'editions')).toBe(before);
    });

    it.each([
      ['an unknown field', { phase: 'judging' }, 'phase'],
      ['an upper-case slug', { slug: 'Magistral-2026' }, 'slug'],
      ['a slug with a double hyphen', { slug: 'magistral--2026' }, 'slug'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a date without a time zone', { nominationsOpenAt: '2026-03-01T10:00:00' }, 'nominationsOpenAt'],
      ['a date that is no date', { judgingCloseAt: 'next spring' }, 'judgingCloseAt'],
      ['an unknown scoring method', { scoringMethod: 'median' }, 'scoringMethod'],
      ['a null scoring method', { scoringMethod: null }, 'scoringMethod'],
      ['an unknown tie-breaker', { tieBreakers: ['coin_toss'] }, 'tieBreakers'],
      ['a criterion tie-breaker without a code', { tieBreakers: ['criterion:'] }, 'tieBreakers'],
      ['a repeated tie-breaker', { tieBreakers: ['median', 'median'] }, 'tieBreakers'],
      ['minScorecards 0', { minScorecards: 0 }, 'minScorecards'],
      [
        'a fractional limit',
        { maxNominationsPerCompanyPerCategory: 1.5 },
        'maxNominationsPerCompanyPerCategory',
      ],
      ['a string for blind', { blind: 'yes' }, 'blind'],
      ['negative reminder hours', { reminderLeadHours: -1 }, 'reminderLeadHours'],
    ])('refuses %s with 400, creating nothing', async (_label, override, field) => {
      const before = await countRows(t, 'editions');
      const res = await t
        .http()
        .post('/api/v1/editions')
        .set(organiser.auth)
        .send(editionBody(override))
        .expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('request.validation_failed');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
      expect(await countRows(t, 'editions')).toBe(before);
    });

    it('refuses a missing field', async () => {
      const body = editionBody();
      delete body.judgingOpenAt;
      const res = await t.http().post('/api/v1/editions').set(organiser.auth).send(body).expect(400);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['judgingOpenAt']);
    });

    it('refuses a broken timeline and lists every field out of order', async () => {
      const [before, categoriesBefore] = [await countRows(t, 'editions'), await countRows(t, 'categories')];
      const now = Date.now();
      const res = await t
        .http()
        .post('/api/v1/editions')
        .set(organiser.auth)
        .send(
          editionBody({
            nominationsOpenAt: new Date(now + 10 * HOUR).toISOString(),
            nominationsCloseAt: new Date(now + 10 * HOUR).toISOString(),
            judgingOpenAt: new Date(now + 9 * HOUR).toISOString(),
            judgingCloseAt: new Date(now + 8 * HOUR).toISOString(),
            resultsEmbargoUntil: new Date(now + 7 * HOUR).toISOString(),
          }),
        )
        .expect(400);
      expect(res.body.code).toBe('editions.invalid_timeline');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual([
        'nominationsCloseAt',
        'judgingOpenAt',
        'judgingCloseAt',
        'resultsEmbargoUntil',
      ]);
      expect(await countRows(t, 'editions')).toBe(before);
      expect(await countRows(t, 'categories')).toBe(categoriesBefore);
    });

    it('refuses a criterion tie-breaker no standard criterion has', async () => {
      const before = await countRows(t, 'editions');
      const res = await t
        .http()
        .post('/api/v1/editions')
        .set(organiser.auth)
        .send(editionBody({ tieBreakers: ['median', 'criterion:cost_of_tea'] }))
        .expect(400);
      expect(res.body.code).toBe('editions.invalid_tie_breakers');
      expect(res.body.errors).toEqual([
        { field: 'tieBreakers', messages: ['criterion:cost_of_tea names no criterion of the edition'] },
      ]);
      expect(await countRows(t, 'editions')).toBe(before);
    });

    it('refuses a slug that is taken with 409, leaving no half-made edition', async () => {
      const body = editionBody();
      await t.http().post('/api/v1/editions').set(organiser.auth).send(body).expect(201);
      const [editions, categories, criteria] = await Promise.all([
        countRows(t, 'editions'),
        countRows(t, 'categories'),
        countRows(t, 'criteria'),
      ]);
      const res = await t
        .http()
        .post('/api/v1/editions')
        .set(organiser.auth)
        .send(editionBody({ slug: body.slug }))
        .expect(409);
      expect(res.body.code).toBe('editions.slug_taken');
      expect([
        await countRows(t, 'editions'),
        await countRows(t, 'categories'),
        await countRows(t, 'criteria'),
      ]).toEqual([editions, categories, criteria]);
    });

    it('lets only one of two simultaneous creations with the same slug through', async () => {
      const slug = uniqueSlug('race');
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          t.http().post('/api/v1/editions').set(organiser.auth).send(editionBody({ slug })),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(await countRows(t, 'editions', 'slug = $1', [slug])).toBe(1);
    });
  });

  describe('GET /editions and /editions/{id}', () => {
    let draft: { id: string };
    let open: { id: string };

    beforeAll(async () => {
      draft = await createEdition(t, { phase: 'draft' });
      open = await createEdition(t, { phase: 'nominations' });
    });

    it('refuses anonymous callers', async () => {
      await t.http().get('/api/v1/editions').expect(401);
      await t.http().get(`/api/v1/editions/${open.id}`).expect(401);
    });

    it('shows organisers drafts too, everyone else only editions past draft', async () => {
      const ids = async (who: SignedIn, query = '') => {
        const res = await t.http().get(`/api/v1/editions?pageSize=100${query}`).set(who.auth).expect(200);
        expect(res.body).toMatchObject({ page: 1, pageSize: 100 });
        return (res.body.items as { id: string }[]).map((e) => e.id);
      };
      expect(await ids(organiser)).toEqual(expect.arrayContaining([draft.id, open.id]));
      for (const who of [entrant, juror]) {
        const seen = await ids(who);
        expect(seen).toContain(open.id);
        expect(seen).not.toContain(draft.id);
      }
      expect(await ids(organiser, '&phase=draft')).toContain(draft.id);
      expect(await ids(organiser, '&phase=draft')).not.toContain(open.id);
      expect(await ids(entrant, '&phase=draft')).toEqual([]);
    });

    it('refuses bad list parameters', async () => {
      await t.http().get('/api/v1/editions?pageSize=101').set(organiser.auth).expect(400);
      await t.http().get('/api/v1/editions?phase=finished').set(organiser.auth).expect(400);
      await t.http().get('/api/v1/editions?sort=name').set(organiser.auth).expect(400);
    });

    it('returns one edition with its ETag', async () => {
      const res = await t.http().get(`/api/v1/editions/${open.id}`).set(entrant.auth).expect(200);
      expect(res.body).toMatchObject({
        id: open.id,
        phase: 'nominations',
        nextPhase: 'eligibility',
        version: 1,
      });
      expect(res.headers.etag).toBe('"1"');
      await t.http().get(`/api/v1/editions/${draft.id}`).set(organiser.auth).expect(200);
    });

    it('answers 404 for an unknown id and, to non-organisers, for a draft', async () => {
      for (const who of [organiser, entrant, juror]) {
        const res = await t.http().get(`/api/v1/editions/${UNKNOWN_ID}`).set(who.auth).expect(404);
        expect(res.body.code).toBe('editions.not_found');
      }
      for (const who of [entrant, juror]) {
        const res = await t.http().get(`/api/v1/editions/${draft.id}`).set(who.auth).expect(404);
        expect(res.body.code).toBe('editions.not_found');
      }
      await t.http().get('/api/v1/editions/not-a-uuid').set(organiser.auth).expect(400);
    });
  });

  describe('PATCH /editions/{id}', () => {
    it('changes what it is sent, bumps the version and audits the change', async () => {
      const edition = await createEdition(t, { phase: 'draft' });
      const res = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .set('If-Match', '"1"')
        .send({ name: 'Magistral Awards 2027', reminderLeadHours: 48 })
        .expect(200);
      expect(res.body).toMatchObject({ name: 'Magistral Awards 2027', reminderLeadHours: 48, version: 2 });
      expect(res.headers.etag).toBe('"2"');
      const [entry] = await t.db.query<{ data: { changes: Record<string, unknown> }; actor_id: string }[]>(
        `SELECT data, actor_id FROM audit_log WHERE edition_id = $1 AND action = 'editions.updated'`,
        [edition.id],
      );
      expect(entry.actor_id).toBe(organiser.id);
      expect(entry.data.changes).toEqual({
        name: { from: `Test edition ${edition.slug}`, to: 'Magistral Awards 2027' },
        reminderLeadHours: { from: 72, to: 48 },
      });
      // A weak tag and `*` are accepted too; without If-Match the change simply applies.
      await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .set('If-Match', 'W/"2"')
        .send({ blind: true })
        .expect(200);
      await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .set('If-Match', '*')
        .send({ minScorecards: 4 })
        .expect(200);
      const last = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ scoringMethod: 'trimmed_mean' })
        .expect(200);
      expect(last.body).toMatchObject({
        blind: true,
        minScorecards: 4,
        scoringMethod: 'trimmed_mean',
        version: 5,
      });
    });

    it('leaves the version alone when nothing changes', async () => {
      const edition = await createEdition(t, { phase: 'draft' });
      const res = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ scoringMethod: 'mean', blind: false })
        .expect(200);
      expect(res.body.version).toBe(1);
      expect(await auditCount(edition.id, 'editions.updated')).toBe(0);
    });

    it('refuses anonymous callers, entrants and jurors, and unknown ids', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      await t.http().patch(`/api/v1/editions/${edition.id}`).send({ name: 'X' }).expect(401);
      for (const who of [entrant, juror])
        await t.http().patch(`/api/v1/editions/${edition.id}`).set(who.auth).send({ name: 'X' }).expect(403);
      const res = await t
        .http()
        .patch(`/api/v1/editions/${UNKNOWN_ID}`)
        .set(organiser.auth)
        .send({ name: 'X' })
        .expect(404);
      expect(res.body.code).toBe('editions.not_found');
      expect((await rowOf(edition.id)).version).toBe(1);
    });

    it('refuses a stale If-Match with 409 and changes nothing', async () => {
      const edition = await createEdition(t, { phase: 'draft' });
      await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ name: 'First' })
        .expect(200);
      const res = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .set('If-Match', '"1"')
        .send({ name: 'Second' })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'request.stale_version', currentVersion: 2 });
      expect(res.headers.etag).toBe('"2"');
      expect(await rowOf(edition.id)).toMatchObject({ name: 'First', version: 2 });
      await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .set('If-Match', 'version-2')
        .send({ name: 'Second' })
        .expect(400);
    });

    it('lets one of two simultaneous updates with the same If-Match win', async () => {
      const edition = await createEdition(t, { phase: 'draft' });
      const results = await Promise.all(
        ['Alpha', 'Beta', 'Gamma'].map((name) =>
          t
            .http()
            .patch(`/api/v1/editions/${edition.id}`)
            .set(organiser.auth)
            .set('If-Match', '"1"')
            .send({ name }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const winner = results.find((r) => r.status === 200)!;
      expect(await rowOf(edition.id)).toMatchObject({ name: winner.body.name, version: 2 });
      expect(await auditCount(edition.id, 'editions.updated')).toBe(1);
    });

    it('applies simultaneous updates without If-Match one after the other', async () => {
      const edition = await createEdition(t, { phase: 'draft' });
      const results = await Promise.all(
        [{ name: 'Renamed' }, { blind: true }, { reminderLeadHours: 12 }].map((body) =>
          t.http().patch(`/api/v1/editions/${edition.id}`).set(organiser.auth).send(body),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(await rowOf(edition.id)).toMatchObject({
        name: 'Renamed',
        blind: true,
        reminder_lead_hours: 12,
        version: 4,
      });
    });

    it('validates the timeline merged with the current values, and lists the fields', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const row = await rowOf(edition.id);
      const judgingOpenAt = row.judging_open_at as Date;
      const res = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ nominationsCloseAt: new Date(judgingOpenAt.getTime() + HOUR).toISOString() })
        .expect(400);
      expect(res.body.code).toBe('editions.invalid_timeline');
      expect(res.body.errors).toEqual([
        { field: 'judgingOpenAt', messages: ['judgingOpenAt must not be before nominationsCloseAt'] },
      ]);
      const embargo = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({
          resultsEmbargoUntil: new Date((row.judging_close_at as Date).getTime() - HOUR).toISOString(),
        })
        .expect(400);
      expect((embargo.body.errors as { field: string }[]).map((e) => e.field)).toEqual([
        'resultsEmbargoUntil',
      ]);
      expect(await rowOf(edition.id)).toEqual(row);
      // Moving both together is fine; an embargo can be set and cleared again.
      await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({
          nominationsCloseAt: new Date(judgingOpenAt.getTime() + HOUR).toISOString(),
          judgingOpenAt: new Date(judgingOpenAt.getTime() + 2 * HOUR).toISOString(),
        })
        .expect(200);
      const set = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({
          resultsEmbargoUntil: new Date((row.judging_close_at as Date).getTime() + HOUR).toISOString(),
        })
        .expect(200);
      expect(set.body.resultsEmbargoUntil).not.toBeNull();
      const cleared = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ resultsEmbargoUntil: null })
        .expect(200);
      expect(cleared.body.resultsEmbargoUntil).toBeNull();
    });

    it.each([
      ['an unknown field', { phase: 'judging' }],
      ['the version in the body', { version: 1 }],
      ['a null name', { name: null }],
      ['a null date', { nominationsOpenAt: null }],
      ['a null tie-breaker list', { tieBreakers: null }],
      ['a bad slug', { slug: 'Bad Slug' }],
      ['an unknown scoring method', { scoringMethod: 'borda' }],
      ['minScorecards 0', { minScorecards: 0 }],
    ])('refuses %s with 400 and changes nothing', async (_label, body) => {
      const edition = await createEdition(t, { phase: 'draft' });
      const row = await rowOf(edition.id);
      const res = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send(body)
        .expect(400);
      expect(res.body.code).toBe('request.validation_failed');
      expect(await rowOf(edition.id)).toEqual(row);
    });

    it('checks criterion tie-breakers against the edition’s criteria', async () => {
      const edition = await createEdition(t, {
        phase: 'nominations',
        categories: { efficiency: { cost: '1', speed: '2' }, safety: { incidents: '1' } },
      });
      const bad = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ tieBreakers: ['criterion:emissions_reduction'] })
        .expect(400);
      expect(bad.body.code).toBe('editions.invalid_tie_breakers');
      expect(await rowOf(edition.id)).toMatchObject({ tie_breakers: [], version: 1 });
      const ok = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ tieBreakers: ['criterion:speed', 'median', 'top_marks'] })
        .expect(200);
      expect(ok.body.tieBreakers).toEqual(['criterion:speed', 'median', 'top_marks']);
    });

    it('refuses a slug another edition has with 409', async () => {
      const [a, b] = await Promise.all([
        createEdition(t, { phase: 'draft' }),
        createEdition(t, { phase: 'draft' }),
      ]);
      const res = await t
        .http()
        .patch(`/api/v1/editions/${b.id}`)
        .set(organiser.auth)
        .send({ slug: a.slug })
        .expect(409);
      expect(res.body.code).toBe('editions.slug_taken');
      expect((await rowOf(b.id)).slug).toBe(b.slug);
    });

    it('freezes the judging rules once judging has opened by phase, but not the rest', async () => {
      const edition = await createEdition(t, { phase: 'judging' });
      for (const body of [
        { scoringMethod: 'zscore' },
        { tieBreakers: ['median'] },
        { minScorecards: 1 },
        { blind: true },
      ]) {
        const res = await t
          .http()
          .patch(`/api/v1/editions/${edition.id}`)
          .set(organiser.auth)
          .send(body)
          .expect(409);
        expect(res.body).toMatchObject({
          code: 'editions.judging_rules_frozen',
          fields: Object.keys(body),
          currentPhase: 'judging',
        });
      }
      expect((await rowOf(edition.id)).version).toBe(1);
      // Sending the current value changes nothing, so it is no violation.
      await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ scoringMethod: 'mean', name: 'Still editable' })
        .expect(200);
      await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ maxNominationsPerCompanyPerCategory: 5, reminderLeadHours: 24 })
        .expect(200);
    });

    it('freezes the judging rules once judging has opened by the clock', async () => {
      const edition = await createEdition(t, { phase: 'eligibility' });
      await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ minScorecards: 2 })
        .expect(200);
      const row = await rowOf(edition.id);
      t.app.get(Clock).set(new Date((row.judging_open_at as Date).getTime() + 1000));
      const res = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ minScorecards: 4 })
        .expect(409);
      expect(res.body.code).toBe('editions.judging_rules_frozen');
      expect(await rowOf(edition.id)).toEqual(row);
    });

    it('refuses to move judging into the past together with a rule change', async () => {
      const edition = await createEdition(t, {
        phase: 'eligibility',
        nominationsOpenAt: new Date(Date.now() - 10 * HOUR),
        nominationsCloseAt: new Date(Date.now() - 5 * HOUR),
      });
      const res = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ judgingOpenAt: new Date(Date.now() - HOUR).toISOString(), scoringMethod: 'zscore' })
        .expect(409);
      expect(res.body.code).toBe('editions.judging_rules_frozen');
    });

    it('keeps a published edition’s slug and refuses any change to an archived one', async () => {
      const published = await createEdition(t, { phase: 'published' });
      const slug = await t
        .http()
        .patch(`/api/v1/editions/${published.id}`)
        .set(organiser.auth)
        .send({ slug: uniqueSlug('renamed') })
        .expect(409);
      expect(slug.body.code).toBe('editions.slug_frozen');
      await t
        .http()
        .patch(`/api/v1/editions/${published.id}`)
        .set(organiser.auth)
        .send({ name: 'Corrected name' })
        .expect(200);
      const archived = await createEdition(t, { phase: 'archived' });
      const res = await t
        .http()
        .patch(`/api/v1/editions/${archived.id}`)
        .set(organiser.auth)
        .send({ name: 'Too late' })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'editions.wrong_phase', currentPhase: 'archived' });
      expect((await rowOf(archived.id)).version).toBe(1);
    });
  });

  describe('POST /editions/{id}/phase', () => {
    it('refuses anonymous callers, entrants, jurors, unknown ids and bad bodies', async () => {
      const edition = await createEdition(t, { phase: 'draft' });
      const url = `/api/v1/editions/${edition.id}/phase`;
      await t.http().post(url).send({ phase: 'nominations' }).expect(401);
      for (const who of [entrant, juror])
        await t.http().post(url).set(who.auth).send({ phase: 'nominations' }).expect(403);
      const missing = await t
        .http()
        .post(`/api/v1/editions/${UNKNOWN_ID}/phase`)
        .set(organiser.auth)
        .send({ phase: 'nominations' })
        .expect(404);
      expect(missing.body.code).toBe('editions.not_found');
      for (const body of [
        { phase: 'finished' },
        { phase: 'NOMINATIONS' },
        {},
        { phase: 'nominations', force: true },
        { phase: null },
      ]) {
        const res = await t.http().post(url).set(organiser.auth).send(body).expect(400);
        expect(res.body.code).toBe('request.validation_failed');
      }
      expect(await phaseOf(edition.id)).toBe('draft');
      expect(await countRows(t, 'audit_log', 'edition_id = $1', [edition.id])).toBe(0);
    });

    it('allows exactly one step forward from every phase: the full 8×8 matrix', async () => {
      const outcomes: string[] = [];
      for (const [i, from] of PHASES.entries()) {
        const edition = await createEdition(t, { phase: from });
        const url = `/api/v1/editions/${edition.id}/phase`;
        const next = PHASES[i + 1];
        // Every wrong target first (same, backwards, skipping ahead): refused, nothing moves.
        for (const to of PHASES.filter((p) => p !== next)) {
          const res = await t.http().post(url).set(organiser.auth).send({ phase: to });
          outcomes.push(`${from}→${to}:${res.status}`);
          expect(res.status).toBe(409);
          expect(res.body).toMatchObject({
            code: 'editions.invalid_phase_transition',
            currentPhase: from,
            requestedPhase: to,
            allowedPhases: next ? [next] : [],
          });
          expect(await phaseOf(edition.id)).toBe(from);
        }
        expect(await auditCount(edition.id, 'editions.phase_changed')).toBe(0);
        if (next) {
          const res = await t.http().post(url).set(organiser.auth).send({ phase: next });
          outcomes.push(`${from}→${next}:${res.status}`);
          expect(res.status).toBe(200);
          expect(res.body).toMatchObject({ phase: next, version: 2 });
          expect(res.headers.etag).toBe('"2"');
          expect(await phaseOf(edition.id)).toBe(next);
          const entries = await t.db.query<{ actor_id: string; entity_id: string; data: unknown }[]>(
            `SELECT actor_id, entity_id, data FROM audit_log WHERE edition_id = $1 AND action = 'editions.phase_changed'`,
            [edition.id],
          );
          expect(entries).toEqual([
            { actor_id: organiser.id, entity_id: edition.id, data: { from, to: next } },
          ]);
        }
      }
      // 7 allowed steps, 57 refusals (archived refuses all 8).
      expect(outcomes).toHaveLength(PHASES.length * PHASES.length);
      expect(outcomes.filter((o) => o.endsWith(':200'))).toEqual([
        'draft→nominations:200',
        'nominations→eligibility:200',
        'eligibility→judging:200',
        'judging→tallying:200',
        'tallying→results_ready:200',
        'results_ready→published:200',
        'published→archived:200',
      ]);
    });

    it('walks an edition made through the API from draft to archived', async () => {
      const created = await t
        .http()
        .post('/api/v1/editions')
        .set(organiser.auth)
        .send(editionBody())
        .expect(201);
      const id = created.body.id as string;
      let version = 1;
      for (const phase of PHASES.slice(1)) {
        const res = await t
          .http()
          .post(`/api/v1/editions/${id}/phase`)
          .set(organiser.auth)
          .set('If-Match', `"${version}"`)
          .send({ phase })
          .expect(200);
        version += 1;
        expect(res.body).toMatchObject({ phase, version });
      }
      const res = await t.http().get(`/api/v1/editions/${id}`).set(entrant.auth).expect(200);
      expect(res.body).toMatchObject({ phase: 'archived', nextPhase: null });
      expect(await auditCount(id, 'editions.phase_changed')).toBe(7);
    });

    it('refuses a stale If-Match', async () => {
      const edition = await createEdition(t, { phase: 'draft' });
      await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ name: 'Bumped' })
        .expect(200);
      const res = await t
        .http()
        .post(`/api/v1/editions/${edition.id}/phase`)
        .set(organiser.auth)
        .set('If-Match', '"1"')
        .send({ phase: 'nominations' })
        .expect(409);
      expect(res.body.code).toBe('request.stale_version');
      expect(await phaseOf(edition.id)).toBe('draft');
    });

    it('moves an edition only once when the same step is asked for twice at the same time', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const results = await Promise.all(
        [1, 2].map(() =>
          t
            .http()
            .post(`/api/v1/editions/${edition.id}/phase`)
            .set(organiser.auth)
            .send({ phase: 'eligibility' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.currentPhase).toBe('eligibility');
      expect(await auditCount(edition.id, 'editions.phase_changed')).toBe(1);
    });

    it('opens nominations only for an edition with categories', async () => {
      const edition = await createEdition(t, { phase: 'draft', categories: {} });
      const res = await t
        .http()
        .post(`/api/v1/editions/${edition.id}/phase`)
        .set(organiser.auth)
        .send({ phase: 'nominations' })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'editions.no_categories', currentPhase: 'draft' });
      expect(await phaseOf(edition.id)).toBe('draft');
    });

    it('publishes only once the embargo has ended', async () => {
      const edition = await createEdition(t, { phase: 'results_ready' });
      const row = await rowOf(edition.id);
      const embargo = new Date((row.judging_close_at as Date).getTime() + 24 * HOUR);
      await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ resultsEmbargoUntil: embargo.toISOString() })
        .expect(200);
      const res = await t
        .http()
        .post(`/api/v1/editions/${edition.id}/phase`)
        .set(organiser.auth)
        .send({ phase: 'published' })
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'editions.results_embargoed',
        currentPhase: 'results_ready',
        resultsEmbargoUntil: embargo.toISOString(),
      });
      expect(await phaseOf(edition.id)).toBe('results_ready');
      t.app.get(Clock).set(embargo);
      await t
        .http()
        .post(`/api/v1/editions/${edition.id}/phase`)
        .set(organiser.auth)
        .send({ phase: 'published' })
        .expect(200);
    });
  });
});

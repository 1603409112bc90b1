import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import { PHASES, type Phase } from '../src/modules/editions/entities/edition.entity.js';
import { editionBody, editionPhase, editionRow, uniqueSlug } from './support/edition-requests.js';
import { createEdition } from './support/editions.js';
import { createRound } from './support/jury.js';
import { countRows, type SignedIn, signIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3600_000;
const UNKNOWN_ID = '0b8f7a52-3c1e-4c55-9d1f-3f3c2f6a0e11';
type Who = 'organiser' | 'entrant' | 'juror' | null;

describe('editions: creating, reading and moving through phases', () => {
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

  /** Who sends a request in a refusal table: one of the three, or nobody (no token). */
  const as = (who: Who) => (who ? { organiser, entrant, juror }[who].auth : {});
  const phaseOf = (id: string): Promise<Phase> => editionPhase(t, id);
  const rowOf = (id: string) => editionRow(t, id);
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
        // The jury statistics are published only where an organiser says so.
        publishJuryStatistics: false,
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

    it.each<[string, number, Who, string | null]>([
      ['an anonymous caller', 401, null, null],
      ['an entrant', 403, 'entrant', 'auth.forbidden'],
      ['a juror', 403, 'juror', 'auth.forbidden'],
    ])('refuses %s (%i), creating nothing', async (_, status, who, code) => {
      const before = await countRows(t, 'editions');
      const res = await t.http().post('/api/v1/editions').set(as(who)).send(editionBody()).expect(status);
      if (code) expect(res.body.code).toBe(code);
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

    it.each([
      ['the list', () => '/api/v1/editions'],
      ['one edition', () => `/api/v1/editions/${open.id}`],
    ])('refuses anonymous callers of %s (401)', async (_, url) => {
      await t.http().get(url()).expect(401);
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

    it.each(['pageSize=101', 'phase=finished', 'sort=name'])(
      'refuses the list parameter %s (400)',
      async (query) => {
        await t.http().get(`/api/v1/editions?${query}`).set(organiser.auth).expect(400);
      },
    );

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

    it.each<[string, Who, 'unknown' | 'draft']>([
      ['an unknown id to an organiser', 'organiser', 'unknown'],
      ['an unknown id to an entrant', 'entrant', 'unknown'],
      ['an unknown id to a juror', 'juror', 'unknown'],
      ['a draft to an entrant', 'entrant', 'draft'],
      ['a draft to a juror', 'juror', 'draft'],
    ])('answers 404 for %s', async (_, who, target) => {
      const id = target === 'unknown' ? UNKNOWN_ID : draft.id;
      const res = await t.http().get(`/api/v1/editions/${id}`).set(as(who)).expect(404);
      expect(res.body.code).toBe('editions.not_found');
    });

    it('answers 400 for an id that is not a UUID', async () => {
      await t.http().get('/api/v1/editions/not-a-uuid').set(organiser.auth).expect(400);
    });
  });

  describe('POST /editions/{id}/phase', () => {
    it.each<[string, number, Who, 'own' | 'unknown', Record<string, unknown>, string | null]>([
      ['an anonymous caller', 401, null, 'own', { phase: 'nominations' }, null],
      ['an entrant', 403, 'entrant', 'own', { phase: 'nominations' }, null],
      ['a juror', 403, 'juror', 'own', { phase: 'nominations' }, null],
      ['an unknown id', 404, 'organiser', 'unknown', { phase: 'nominations' }, 'editions.not_found'],
      ['an unknown phase', 400, 'organiser', 'own', { phase: 'finished' }, 'request.validation_failed'],
      ['a phase in capitals', 400, 'organiser', 'own', { phase: 'NOMINATIONS' }, 'request.validation_failed'],
      ['an empty body', 400, 'organiser', 'own', {}, 'request.validation_failed'],
      [
        'an unknown field',
        400,
        'organiser',
        'own',
        { phase: 'nominations', force: true },
        'request.validation_failed',
      ],
      ['a null phase', 400, 'organiser', 'own', { phase: null }, 'request.validation_failed'],
    ])('refuses %s (%i), moving nothing', async (_, status, who, target, body, code) => {
      const edition = await createEdition(t, { phase: 'draft' });
      const res = await t
        .http()
        .post(`/api/v1/editions/${target === 'own' ? edition.id : UNKNOWN_ID}/phase`)
        .set(as(who))
        .send(body)
        .expect(status);
      if (code) expect(res.body.code).toBe(code);
      expect(await phaseOf(edition.id)).toBe('draft');
      expect(await countRows(t, 'audit_log', 'edition_id = $1', [edition.id])).toBe(0);
    });

    it('allows exactly one step forward from every phase: the full 8×8 matrix', async () => {
      const outcomes: string[] = [];
      for (const [i, from] of PHASES.entries()) {
        const edition = await createEdition(t, { phase: from });
        // Judging needs a round (no nomination, so no panel): what GET …/phase names, tested there.
        await createRound(t, edition.id);
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
      await t
        .http()
        .post(`/api/v1/editions/${id}/rounds`)
        .set(organiser.auth)
        .send({ name: 'Final' })
        .expect(201);
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

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import {
  categoryBody,
  type CategoryBody,
  categorySnapshot,
  type CatalogueCast,
  criterionBody,
  judgingOpenAtOf,
  LOCALES,
  signInCatalogueCast,
  text,
} from './support/categories.js';
import { createEdition, type TestEdition } from './support/editions.js';
import { countRows, type SignedIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const UNKNOWN_ID = '6f1c8e1a-9b7d-4a39-8f3e-2a5d1c0b9e77';

describe('categories: the catalogue, reading and adding', () => {
  let t: TestApp;
  let cast: CatalogueCast;
  let organiser: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCatalogueCast(t);
    ({ organiser } = cast);
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(() => t.close());

  /** Who sends a request in a refusal table: one of the cast, or nobody (no token). */
  const as = (who: keyof CatalogueCast | null) => (who ? cast[who].auth : {});
  const snapshot = (editionId: string) => categorySnapshot(t, editionId);
  const judgingOpenAt = (editionId: string) => judgingOpenAtOf(t, editionId);

  async function createViaApi(): Promise<{ id: string }> {
    const now = Date.now();
    const res = await t
      .http()
      .post('/api/v1/editions')
      .set(organiser.auth)
      .send({
        slug: `catalogue-${process.pid}-${now}-${Math.floor(Math.random() * 1e6)}`,
        name: 'Magistral Awards 2026',
        nominationsOpenAt: new Date(now + DAY).toISOString(),
        nominationsCloseAt: new Date(now + 20 * DAY).toISOString(),
        judgingOpenAt: new Date(now + 25 * DAY).toISOString(),
        judgingCloseAt: new Date(now + 40 * DAY).toISOString(),
      })
      .expect(201);
    return { id: res.body.id as string };
  }

  describe('the standard catalogue', () => {
    it('gives every new edition four categories with 4–5 criteria each, in all four languages', async () => {
      const edition = await createViaApi();
      const res = await t
        .http()
        .get(`/api/v1/editions/${edition.id}/categories`)
        .set(organiser.auth)
        .expect(200);
      const categories = res.body as CategoryBody[];
      expect(categories.map((c) => c.code)).toEqual([
        'efficiency',
        'sustainability',
        'fairness',
        'digitalisation',
      ]);
      expect(categories.map((c) => c.position)).toEqual([0, 1, 2, 3]);
      const nonEmpty = (value: Record<string, string>) => {
        expect(Object.keys(value).sort()).toEqual([...LOCALES].sort());
        for (const locale of LOCALES) expect(value[locale]!.trim().length).toBeGreaterThan(2);
      };
      for (const category of categories) {
        expect(category.editionId).toBe(edition.id);
        nonEmpty(category.name);
        nonEmpty(category.description);
        expect(category.criteria.length).toBeGreaterThanOrEqual(4);
        expect(category.criteria.length).toBeLessThanOrEqual(5);
        expect(category.questions.length).toBeGreaterThanOrEqual(1);
        for (const question of category.questions) {
          expect(question.code).toMatch(/^[a-z0-9_]{2,40}$/);
          nonEmpty(question.prompt);
          expect(typeof question.required).toBe('boolean');
          expect(question.maxLength).toBeGreaterThan(0);
        }
        expect(category.criteria.map((c) => c.position)).toEqual(category.criteria.map((_, i) => i));
        for (const criterion of category.criteria) {
          expect(criterion.code).toMatch(/^[a-z0-9_]{2,40}$/);
          nonEmpty(criterion.name);
          nonEmpty(criterion.description);
          expect(criterion).toMatchObject({ scaleMin: 0, scaleMax: 10 });
          expect(criterion.weight).toMatch(/^\d+(\.\d{1,4})?$/);
          expect(Number(criterion.weight)).toBeGreaterThan(0);
        }
        // Translations are translations, not copies of the English text.
        for (const locale of ['ru', 'kk', 'de'] as const) {
          expect(
            [
              category.description,
              ...category.criteria.map((c) => c.description),
              ...category.questions.map((q) => q.prompt),
            ].filter((t) => t[locale] === t.en),
          ).toEqual([]);
        }
        for (const locale of ['ru', 'kk'] as const)
          expect(category.criteria.filter((c) => c.name[locale] === c.name.en)).toEqual([]);
      }
      const sustainability = categories.find((c) => c.code === 'sustainability')!;
      expect(sustainability.criteria.map((c) => c.code)).toEqual([
        'emissions_reduction',
        'energy_resources',
        'modal_shift',
        'lasting_impact',
      ]);
      expect(sustainability.criteria[0]).toMatchObject({
        weight: '2',
        name: { en: 'Emissions reduction', ru: 'Сокращение выбросов' },
      });
    });

    it('copies the catalogue: changing one edition’s categories leaves another’s alone', async () => {
      const [a, b] = [await createViaApi(), await createViaApi()];
      const before = await snapshot(b.id);
      const category = (
        await t.db.query<{ id: string }[]>(
          `SELECT id FROM categories WHERE edition_id = $1 AND code = 'fairness'`,
          [a.id],
        )
      )[0]!;
      await t
        .http()
        .patch(`/api/v1/categories/${category.id}`)
        .set(organiser.auth)
        .send({ name: text('Fair work') })
        .expect(200);
      expect(await snapshot(b.id)).toEqual(before);
    });
  });

  describe('GET /editions/{id}/categories', () => {
    let draft: TestEdition;
    let open: TestEdition;
    beforeAll(async () => {
      draft = await createEdition(t, { phase: 'draft' });
      open = await createEdition(t, {
        phase: 'nominations',
        categories: { efficiency: { speed: '1', cost: '2.5' }, safety: { incidents: '1' } },
      });
    });

    it.each(['organiser', 'entrant', 'juror'] as const)(
      'lets a signed-in %s read a non-draft edition’s categories',
      async (who) => {
        const res = await t.http().get(`/api/v1/editions/${open.id}/categories`).set(as(who)).expect(200);
        expect(
          (res.body as CategoryBody[]).map((c) => [c.code, c.criteria.map((cr) => [cr.code, cr.weight])]),
        ).toEqual([
          [
            'efficiency',
            [
              ['speed', '1'],
              ['cost', '2.5'],
            ],
          ],
          ['safety', [['incidents', '1']]],
        ]);
      },
    );

    it('refuses anonymous callers, shows organisers a draft and hides unknown editions behind 404', async () => {
      await t.http().get(`/api/v1/editions/${open.id}/categories`).expect(401);
      await t.http().get(`/api/v1/editions/${draft.id}/categories`).set(organiser.auth).expect(200);
      await t.http().get(`/api/v1/editions/${UNKNOWN_ID}/categories`).set(organiser.auth).expect(404);
    });

    it.each(['entrant', 'juror'] as const)('hides a draft from a %s behind 404', async (who) => {
      const res = await t.http().get(`/api/v1/editions/${draft.id}/categories`).set(as(who)).expect(404);
      expect(res.body.code).toBe('editions.not_found');
    });
  });

  describe('POST /editions/{id}/categories', () => {
    it('adds a category with its criteria and questions, weights as exact decimals, audited', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const res = await t
        .http()
        .post(`/api/v1/editions/${edition.id}/categories`)
        .set(organiser.auth)
        .send(
          categoryBody({
            criteria: [
              criterionBody({ weight: '1.2500' }),
              criterionBody({ code: 'training', weight: 2.5, scaleMin: 1, scaleMax: 5 }),
              criterionBody({ code: 'tiny', weight: '0.0001' }),
            ],
          }),
        )
        .expect(201);
      const body = res.body as CategoryBody;
      expect(body).toMatchObject({
        editionId: edition.id,
        code: 'safety',
        position: 1,
        name: text('Safety'),
        questions: [
          { code: 'incidents', prompt: text('How did incidents change?'), required: true, maxLength: 1500 },
        ],
      });
      expect(body.criteria.map((c) => [c.code, c.weight, c.scaleMin, c.scaleMax, c.position])).toEqual([
        ['safety_record', '1.25', 0, 10, 0],
        ['training', '2.5', 1, 5, 1],
        ['tiny', '0.0001', 0, 10, 2],
      ]);
      const stored = await t.db.query<{ weight: string }[]>(
        `SELECT weight FROM criteria WHERE category_id = $1 ORDER BY position`,
        [body.id],
      );
      expect(stored.map((r) => r.weight)).toEqual(['1.2500', '2.5000', '0.0001']);
      const [entry] = await t.db.query<{ entity_id: string; actor_id: string; data: { code: string } }[]>(
        `SELECT entity_id, actor_id, data FROM audit_log WHERE edition_id = $1 AND action = 'categories.created'`,
        [edition.id],
      );
      expect(entry).toMatchObject({ entity_id: body.id, actor_id: organiser.id, data: { code: 'safety' } });
    });

    it.each([
      ['an anonymous caller', 401, null],
      ['an entrant', 403, 'entrant'],
      ['a juror', 403, 'juror'],
    ] as const)('refuses %s (%i), adding nothing', async (_, status, who) => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const before = await snapshot(edition.id);
      await t
        .http()
        .post(`/api/v1/editions/${edition.id}/categories`)
        .set(as(who))
        .send(categoryBody())
        .expect(status);
      expect(await snapshot(edition.id)).toEqual(before);
    });

    it('refuses an unknown edition (404), adding nothing', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const before = await snapshot(edition.id);
      const res = await t
        .http()
        .post(`/api/v1/editions/${UNKNOWN_ID}/categories`)
        .set(organiser.auth)
        .send(categoryBody())
        .expect(404);
      expect(res.body.code).toBe('editions.not_found');
      expect(await snapshot(edition.id)).toEqual(before);
      expect(await countRows(t, 'categories', 'edition_id = $1', [UNKNOWN_ID])).toBe(0);
    });

    it.each([
      ['an unknown field', { colour: 'blue' }, 'colour', 'request.validation_failed'],
      [
        'an unknown field in a criterion',
        { criteria: [criterionBody({ colour: 'blue' })] },
        'criteria.0.colour',
        'request.validation_failed',
      ],
      ['no criteria', { criteria: [] }, 'criteria', 'request.validation_failed'],
      [
        'a missing locale',
        { name: { en: 'Safety', ru: 'Безопасность', kk: 'Қауіпсіздік' } },
        'name.de',
        'request.validation_failed',
      ],
      [
        'a blank locale',
        { description: { ...text('x'), kk: '  ' } },
        'description.kk',
        'request.validation_failed',
      ],
      [
        'an unknown locale',
        { name: { ...text('Safety'), fr: 'Sécurité' } },
        'name.fr',
        'request.validation_failed',
      ],
      ['a name that is a list', { name: [] }, 'name', 'request.validation_failed'],
      ['a bad code', { code: 'Safety First' }, 'code', 'request.validation_failed'],
      [
        'a zero weight',
        { criteria: [criterionBody({ weight: '0' })] },
        'criteria.0.weight',
        'request.validation_failed',
      ],
      [
        'a negative weight',
        { criteria: [criterionBody({ weight: -1 })] },
        'criteria.0.weight',
        'request.validation_failed',
      ],
      [
        'a weight with five decimals',
        { criteria: [criterionBody({ weight: '1.23456' })] },
        'criteria.0.weight',
        'request.validation_failed',
      ],
      [
        'a float weight with too many decimals',
        { criteria: [criterionBody({ weight: 0.1 + 0.2 })] },
        'criteria.0.weight',
        'request.validation_failed',
      ],
      [
        'a weight too large for numeric(9,4)',
        { criteria: [criterionBody({ weight: '100000' })] },
        'criteria.0.weight',
        'request.validation_failed',
      ],
      [
        'a weight that is text',
        { criteria: [criterionBody({ weight: 'heavy' })] },
        'criteria.0.weight',
        'request.validation_failed',
      ],
      [
        'a weight that is a boolean',
        { criteria: [criterionBody({ weight: true })] },
        'criteria.0.weight',
        'request.validation_failed',
      ],
      [
        'a fractional scale',
        { criteria: [criterionBody({ scaleMax: 7.5 })] },
        'criteria.0.scaleMax',
        'request.validation_failed',
      ],
      [
        'a question without a prompt',
        { questions: [{ code: 'q1', required: true, maxLength: 100 }] },
        'questions.0.prompt',
        'request.validation_failed',
      ],
      [
        'an inverted scale',
        { criteria: [criterionBody({ scaleMin: 5, scaleMax: 5 })] },
        'criteria.0',
        'criteria.invalid_scale',
      ],
      [
        'two criteria with one code',
        { criteria: [criterionBody(), criterionBody({ weight: '2' })] },
        'criteria',
        'categories.duplicate_codes',
      ],
      [
        'two questions with one code',
        {
          questions: [
            { code: 'q1', prompt: text('A?'), required: true, maxLength: 10 },
            { code: 'q1', prompt: text('B?'), required: false, maxLength: 10 },
          ],
        },
        'questions',
        'categories.duplicate_codes',
      ],
    ])('refuses %s with 400, adding nothing', async (_label, override, field, code) => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const before = await snapshot(edition.id);
      const res = await t
        .http()
        .post(`/api/v1/editions/${edition.id}/categories`)
        .set(organiser.auth)
        .send(categoryBody(override))
        .expect(400);
      expect(res.body.code).toBe(code);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
      expect(await snapshot(edition.id)).toEqual(before);
    });

    it('refuses a code the edition already uses with 409', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const before = await snapshot(edition.id);
      const res = await t
        .http()
        .post(`/api/v1/editions/${edition.id}/categories`)
        .set(organiser.auth)
        .send(categoryBody({ code: 'efficiency' }))
        .expect(409);
      expect(res.body.code).toBe('categories.code_taken');
      expect(await snapshot(edition.id)).toEqual(before);
    });

    it.each(['judging', 'tallying', 'results_ready', 'published', 'archived'] as const)(
      'is frozen once judging has opened by phase (%s)',
      async (phase) => {
        const edition = await createEdition(t, { phase });
        const res = await t
          .http()
          .post(`/api/v1/editions/${edition.id}/categories`)
          .set(organiser.auth)
          .send(categoryBody())
          .expect(409);
        expect(res.body).toMatchObject({ code: 'editions.categories_frozen', currentPhase: phase });
        expect(await countRows(t, 'categories', 'edition_id = $1', [edition.id])).toBe(1);
      },
    );

    it('is frozen once judging has opened by the clock', async () => {
      const edition = await createEdition(t, { phase: 'eligibility' });
      t.app.get(Clock).set(await judgingOpenAt(edition.id));
      const res = await t
        .http()
        .post(`/api/v1/editions/${edition.id}/categories`)
        .set(organiser.auth)
        .send(categoryBody())
        .expect(409);
      expect(res.body).toMatchObject({ code: 'editions.categories_frozen', currentPhase: 'eligibility' });
      t.app.get(Clock).reset();
      await t
        .http()
        .post(`/api/v1/editions/${edition.id}/categories`)
        .set(organiser.auth)
        .send(categoryBody())
        .expect(201);
    });
  });
});

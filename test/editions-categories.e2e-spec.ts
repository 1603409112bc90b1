import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import { createEdition, type TestEdition } from './support/editions.js';
import { countRows, type SignedIn, signIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const UNKNOWN_ID = '6f1c8e1a-9b7d-4a39-8f3e-2a5d1c0b9e77';
const LOCALES = ['en', 'ru', 'kk', 'de'] as const;

const text = (s: string) => ({ en: s, ru: `${s} (ru)`, kk: `${s} (kk)`, de: `${s} (de)` });

function criterionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: 'safety_record',
    name: text('Safety record'),
    description: text('Fewer incidents per million kilometres'),
    weight: '1.5',
    ...overrides,
  };
}

function categoryBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: 'safety',
    name: text('Safety'),
    description: text('Projects that make freight safer'),
    questions: [
      { code: 'incidents', prompt: text('How did incidents change?'), required: true, maxLength: 1500 },
    ],
    criteria: [criterionBody(), criterionBody({ code: 'training', weight: 2 })],
    ...overrides,
  };
}

interface CategoryBody {
  id: string;
  editionId: string;
  code: string;
  name: Record<string, string>;
  description: Record<string, string>;
  questions: { code: string; prompt: Record<string, string>; required: boolean; maxLength: number }[];
  position: number;
  criteria: {
    id: string;
    code: string;
    name: Record<string, string>;
    description: Record<string, string>;
    weight: string;
    scaleMin: number;
    scaleMax: number;
    position: number;
  }[];
}

describe('categories and criteria', () => {
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

  /** Rows that any category or criterion change would touch. */
  const snapshot = async (editionId: string) =>
    t.db.query<Record<string, unknown>[]>(
      `SELECT c.id, c.code, c.name, c.description, c.questions, c.position,
              coalesce(json_agg(json_build_object('id', cr.id, 'code', cr.code, 'weight', cr.weight, 'name', cr.name, 'scale', array[cr.scale_min, cr.scale_max], 'position', cr.position) ORDER BY cr.code) FILTER (WHERE cr.id IS NOT NULL), '[]') AS criteria
       FROM categories c LEFT JOIN criteria cr ON cr.category_id = c.id WHERE c.edition_id = $1 GROUP BY c.id ORDER BY c.code`,
      [editionId],
    );
  const auditCount = (editionId: string, action: string) =>
    countRows(t, 'audit_log', 'edition_id = $1 AND action = $2', [editionId, action]);
  const judgingOpenAt = async (editionId: string) =>
    (
      await t.db.query<{ judging_open_at: Date }[]>(`SELECT judging_open_at FROM editions WHERE id = $1`, [
        editionId,
      ])
    )[0].judging_open_at;

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
        for (const locale of LOCALES) expect(value[locale].trim().length).toBeGreaterThan(2);
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
      const [category] = await t.db.query<{ id: string }[]>(
        `SELECT id FROM categories WHERE edition_id = $1 AND code = 'fairness'`,
        [a.id],
      );
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

    it('lets everyone signed in read a non-draft edition’s categories', async () => {
      for (const who of [organiser, entrant, juror]) {
        const res = await t.http().get(`/api/v1/editions/${open.id}/categories`).set(who.auth).expect(200);
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
      }
    });

    it('refuses anonymous callers, and hides drafts and unknown editions behind 404', async () => {
      await t.http().get(`/api/v1/editions/${open.id}/categories`).expect(401);
      await t.http().get(`/api/v1/editions/${draft.id}/categories`).set(organiser.auth).expect(200);
      for (const who of [entrant, juror]) {
        const res = await t.http().get(`/api/v1/editions/${draft.id}/categories`).set(who.auth).expect(404);
        expect(res.body.code).toBe('editions.not_found');
      }
      await t.http().get(`/api/v1/editions/${UNKNOWN_ID}/categories`).set(organiser.auth).expect(404);
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

    it('refuses anonymous callers, entrants, jurors and unknown editions, adding nothing', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const before = await snapshot(edition.id);
      await t.http().post(`/api/v1/editions/${edition.id}/categories`).send(categoryBody()).expect(401);
      for (const who of [entrant, juror])
        await t
          .http()
          .post(`/api/v1/editions/${edition.id}/categories`)
          .set(who.auth)
          .send(categoryBody())
          .expect(403);
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

    it('is frozen once judging has opened, by phase or by clock', async () => {
      for (const phase of ['judging', 'tallying', 'results_ready', 'published', 'archived'] as const) {
        const edition = await createEdition(t, { phase });
        const res = await t
          .http()
          .post(`/api/v1/editions/${edition.id}/categories`)
          .set(organiser.auth)
          .send(categoryBody())
          .expect(409);
        expect(res.body).toMatchObject({ code: 'editions.categories_frozen', currentPhase: phase });
        expect(await countRows(t, 'categories', 'edition_id = $1', [edition.id])).toBe(1);
      }
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

  describe('PATCH /categories/{id}', () => {
    it('changes a category and audits what changed', async () => {
      const edition = await createEdition(t, { phase: 'draft' });
      const category = edition.categories[0];
      const questions = [
        { code: 'baseline', prompt: text('What was it like before?'), required: false, maxLength: 800 },
      ];
      const res = await t
        .http()
        .patch(`/api/v1/categories/${category.id}`)
        .set(organiser.auth)
        .send({
          code: 'operational_efficiency',
          name: text('Operational efficiency'),
          questions,
          position: 5,
        })
        .expect(200);
      expect(res.body).toMatchObject({
        id: category.id,
        code: 'operational_efficiency',
        name: text('Operational efficiency'),
        questions,
        position: 5,
      });
      expect((res.body as CategoryBody).criteria).toHaveLength(3);
      const [entry] = (await t.db.query<{ entity_id: string; data: unknown }[]>(
        `SELECT data FROM audit_log WHERE edition_id = $1 AND action = 'categories.updated'`,
        [edition.id],
      )) as { data: { changes: Record<string, { from: unknown; to: unknown }> } }[];
      expect(Object.keys(entry.data.changes).sort()).toEqual(['code', 'name', 'position', 'questions']);
      expect(entry.data.changes.code).toEqual({ from: 'efficiency', to: 'operational_efficiency' });
    });

    it('refuses anonymous callers, entrants, jurors, unknown ids and bad input, changing nothing', async () => {
      const edition = await createEdition(t, {
        phase: 'nominations',
        categories: { efficiency: { cost: '1' }, safety: { incidents: '1' } },
      });
      const category = edition.categories[0];
      const before = await snapshot(edition.id);
      const url = `/api/v1/categories/${category.id}`;
      await t
        .http()
        .patch(url)
        .send({ name: text('X') })
        .expect(401);
      for (const who of [entrant, juror])
        await t
          .http()
          .patch(url)
          .set(who.auth)
          .send({ name: text('X') })
          .expect(403);
      const missing = await t
        .http()
        .patch(`/api/v1/categories/${UNKNOWN_ID}`)
        .set(organiser.auth)
        .send({ name: text('X') })
        .expect(404);
      expect(missing.body.code).toBe('categories.not_found');
      for (const body of [
        { editionId: UNKNOWN_ID },
        { criteria: [] },
        { code: null },
        { name: { en: 'Only English' } },
        { questions: 'none' },
        { position: -1 },
      ]) {
        const res = await t.http().patch(url).set(organiser.auth).send(body).expect(400);
        expect(res.body.code).toBe('request.validation_failed');
      }
      const taken = await t.http().patch(url).set(organiser.auth).send({ code: 'safety' }).expect(409);
      expect(taken.body.code).toBe('categories.code_taken');
      expect(await snapshot(edition.id)).toEqual(before);
      expect(await auditCount(edition.id, 'categories.updated')).toBe(0);
    });

    it('is frozen after the phase route opens judging', async () => {
      const edition = await createEdition(t, { phase: 'eligibility' });
      await t
        .http()
        .post(`/api/v1/editions/${edition.id}/phase`)
        .set(organiser.auth)
        .send({ phase: 'judging' })
        .expect(200);
      const before = await snapshot(edition.id);
      const res = await t
        .http()
        .patch(`/api/v1/categories/${edition.categories[0].id}`)
        .set(organiser.auth)
        .send({ name: text('Too late') })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'editions.categories_frozen', currentPhase: 'judging' });
      expect(await snapshot(edition.id)).toEqual(before);
    });
  });

  describe('DELETE /categories/{id}', () => {
    it('removes a category with its criteria, audited', async () => {
      const edition = await createEdition(t, {
        phase: 'nominations',
        categories: { efficiency: { cost: '1' }, safety: { incidents: '1', training: '2' } },
      });
      const safety = edition.categories[1];
      await t.http().delete(`/api/v1/categories/${safety.id}`).set(organiser.auth).expect(204);
      expect(await countRows(t, 'categories', 'id = $1', [safety.id])).toBe(0);
      expect(await countRows(t, 'criteria', 'category_id = $1', [safety.id])).toBe(0);
      const [entry] = await t.db.query(
        `SELECT entity_id, data FROM audit_log WHERE edition_id = $1 AND action = 'categories.deleted'`,
        [edition.id],
      );
      expect(entry).toEqual({ entity_id: safety.id, data: { code: 'safety' } });
    });

    it('refuses anonymous callers, entrants, jurors and unknown ids, removing nothing', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const before = await snapshot(edition.id);
      const url = `/api/v1/categories/${edition.categories[0].id}`;
      await t.http().delete(url).expect(401);
      for (const who of [entrant, juror]) await t.http().delete(url).set(who.auth).expect(403);
      await t.http().delete(`/api/v1/categories/${UNKNOWN_ID}`).set(organiser.auth).expect(404);
      await t.http().delete('/api/v1/categories/not-a-uuid').set(organiser.auth).expect(400);
      expect(await snapshot(edition.id)).toEqual(before);
    });

    it('refuses when it would leave a tie-breaker without its criterion, or judging has opened', async () => {
      const edition = await createEdition(t, {
        phase: 'nominations',
        tieBreakers: ['criterion:incidents', 'median'],
        categories: { efficiency: { cost: '1' }, safety: { incidents: '1' } },
      });
      const before = await snapshot(edition.id);
      const res = await t
        .http()
        .delete(`/api/v1/categories/${edition.categories[1].id}`)
        .set(organiser.auth)
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'criteria.in_tie_breakers',
        tieBreakers: ['criterion:incidents', 'median'],
      });
      expect(await snapshot(edition.id)).toEqual(before);
      const judging = await createEdition(t, { phase: 'judging' });
      const frozen = await t
        .http()
        .delete(`/api/v1/categories/${judging.categories[0].id}`)
        .set(organiser.auth)
        .expect(409);
      expect(frozen.body.code).toBe('editions.categories_frozen');
      expect(await countRows(t, 'categories', 'edition_id = $1', [judging.id])).toBe(1);
    });
    it('refuses with 409 while other rows (nominations) still refer to the category', async () => {
      // A stand-in for any table that references categories: this file's database is its own.
      await t.db.query(
        `CREATE TABLE IF NOT EXISTS test_category_refs (category_id uuid NOT NULL REFERENCES categories(id))`,
      );
      const edition = await createEdition(t, {
        phase: 'nominations',
        categories: { efficiency: { cost: '1' }, safety: { incidents: '1' } },
      });
      await t.db.query(`INSERT INTO test_category_refs VALUES ($1)`, [edition.categories[1].id]);
      const before = await snapshot(edition.id);
      const res = await t
        .http()
        .delete(`/api/v1/categories/${edition.categories[1].id}`)
        .set(organiser.auth)
        .expect(409);
      expect(res.body.code).toBe('categories.in_use');
      expect(await snapshot(edition.id)).toEqual(before);
      expect(await auditCount(edition.id, 'categories.deleted')).toBe(0);
    });
  });

  describe('POST /categories/{id}/criteria', () => {
    it('adds a criterion after the others, audited', async () => {
      const edition = await createEdition(t, { phase: 'eligibility' });
      const category = edition.categories[0];
      const res = await t
        .http()
        .post(`/api/v1/categories/${category.id}/criteria`)
        .set(organiser.auth)
        .send(criterionBody({ weight: 0.75 }))
        .expect(201);
      expect(res.body).toMatchObject({
        categoryId: category.id,
        code: 'safety_record',
        weight: '0.75',
        scaleMin: 0,
        scaleMax: 10,
        position: 3,
        name: text('Safety record'),
      });
      expect(await auditCount(edition.id, 'criteria.created')).toBe(1);
    });

    it('refuses anonymous callers, entrants, jurors, unknown categories, bad input, taken codes and frozen editions', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const category = edition.categories[0];
      const url = `/api/v1/categories/${category.id}/criteria`;
      const before = await snapshot(edition.id);
      await t.http().post(url).send(criterionBody()).expect(401);
      for (const who of [entrant, juror])
        await t.http().post(url).set(who.auth).send(criterionBody()).expect(403);
      const missing = await t
        .http()
        .post(`/api/v1/categories/${UNKNOWN_ID}/criteria`)
        .set(organiser.auth)
        .send(criterionBody())
        .expect(404);
      expect(missing.body.code).toBe('categories.not_found');
      for (const body of [
        criterionBody({ weight: '1,5' }),
        criterionBody({ weight: '' }),
        criterionBody({ weight: null }),
        criterionBody({ categoryId: category.id }),
        criterionBody({ description: undefined }),
      ]) {
        const res = await t.http().post(url).set(organiser.auth).send(body).expect(400);
        expect(res.body.code).toBe('request.validation_failed');
      }
      const scale = await t
        .http()
        .post(url)
        .set(organiser.auth)
        .send(criterionBody({ scaleMin: 10, scaleMax: 3 }))
        .expect(400);
      expect(scale.body.code).toBe('criteria.invalid_scale');
      const taken = await t
        .http()
        .post(url)
        .set(organiser.auth)
        .send(criterionBody({ code: 'cost' }))
        .expect(409);
      expect(taken.body.code).toBe('criteria.code_taken');
      expect(await snapshot(edition.id)).toEqual(before);

      const judging = await createEdition(t, { phase: 'judging' });
      const frozen = await t
        .http()
        .post(`/api/v1/categories/${judging.categories[0].id}/criteria`)
        .set(organiser.auth)
        .send(criterionBody())
        .expect(409);
      expect(frozen.body.code).toBe('editions.categories_frozen');
      expect(await countRows(t, 'criteria', 'category_id = $1', [judging.categories[0].id])).toBe(3);
    });
  });

  describe('PATCH /criteria/{id}', () => {
    it('changes weight, scale, names and code, audited with before and after', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const criterion = edition.categories[0].criteria[0];
      const res = await t
        .http()
        .patch(`/api/v1/criteria/${criterion.id}`)
        .set(organiser.auth)
        .send({ weight: '3.1250', scaleMax: 5, name: text('Cost per TEU'), code: 'cost_per_teu' })
        .expect(200);
      expect(res.body).toMatchObject({
        id: criterion.id,
        weight: '3.125',
        scaleMin: 0,
        scaleMax: 5,
        code: 'cost_per_teu',
        name: text('Cost per TEU'),
      });
      const [entry] = await t.db.query<{ data: { code: string; changes: Record<string, unknown> } }[]>(
        `SELECT data FROM audit_log WHERE edition_id = $1 AND action = 'criteria.updated'`,
        [edition.id],
      );
      expect(entry.data.code).toBe('cost');
      expect(entry.data.changes).toMatchObject({
        weight: { from: '1', to: '3.125' },
        scaleMax: { from: 10, to: 5 },
        code: { from: 'cost', to: 'cost_per_teu' },
      });
      // The same weight written differently is no change.
      await t
        .http()
        .patch(`/api/v1/criteria/${criterion.id}`)
        .set(organiser.auth)
        .send({ weight: 3.125 })
        .expect(200);
      expect(await auditCount(edition.id, 'criteria.updated')).toBe(1);
    });

    it('refuses anonymous callers, entrants, jurors, unknown ids, bad input, taken codes and frozen editions, changing nothing', async () => {
      const edition = await createEdition(t, { phase: 'nominations', tieBreakers: ['criterion:speed'] });
      const [cost, speed] = edition.categories[0].criteria;
      const url = `/api/v1/criteria/${cost.id}`;
      const before = await snapshot(edition.id);
      await t.http().patch(url).send({ weight: '2' }).expect(401);
      for (const who of [entrant, juror])
        await t.http().patch(url).set(who.auth).send({ weight: '2' }).expect(403);
      const missing = await t
        .http()
        .patch(`/api/v1/criteria/${UNKNOWN_ID}`)
        .set(organiser.auth)
        .send({ weight: '2' })
        .expect(404);
      expect(missing.body.code).toBe('criteria.not_found');
      for (const body of [
        { weight: '0.00' },
        { weight: '-2' },
        { weight: '2.00001' },
        { weight: null },
        { categoryId: UNKNOWN_ID },
        { scaleMin: 'low' },
      ]) {
        const res = await t.http().patch(url).set(organiser.auth).send(body).expect(400);
        expect(res.body.code).toBe('request.validation_failed');
      }
      const scale = await t.http().patch(url).set(organiser.auth).send({ scaleMin: 10 }).expect(400);
      expect(scale.body.code).toBe('criteria.invalid_scale');
      const taken = await t.http().patch(url).set(organiser.auth).send({ code: 'reliability' }).expect(409);
      expect(taken.body.code).toBe('criteria.code_taken');
      const renamed = await t
        .http()
        .patch(`/api/v1/criteria/${speed.id}`)
        .set(organiser.auth)
        .send({ code: 'velocity' })
        .expect(409);
      expect(renamed.body.code).toBe('criteria.in_tie_breakers');
      expect(await snapshot(edition.id)).toEqual(before);
      expect(await auditCount(edition.id, 'criteria.updated')).toBe(0);

      const judging = await createEdition(t, { phase: 'judging' });
      const frozen = await t
        .http()
        .patch(`/api/v1/criteria/${judging.categories[0].criteria[0].id}`)
        .set(organiser.auth)
        .send({ weight: '2' })
        .expect(409);
      expect(frozen.body.code).toBe('editions.categories_frozen');
    });

    it('is frozen once the clock passes judgingOpenAt, even before the phase moves', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const criterion = edition.categories[0].criteria[0];
      t.app.get(Clock).set(new Date((await judgingOpenAt(edition.id)).getTime() - 1000));
      await t
        .http()
        .patch(`/api/v1/criteria/${criterion.id}`)
        .set(organiser.auth)
        .send({ weight: '2' })
        .expect(200);
      t.app.get(Clock).advance(1000);
      const res = await t
        .http()
        .patch(`/api/v1/criteria/${criterion.id}`)
        .set(organiser.auth)
        .send({ weight: '3' })
        .expect(409);
      expect(res.body.code).toBe('editions.categories_frozen');
      expect(
        (
          await t.db.query<{ weight: string }[]>(`SELECT weight FROM criteria WHERE id = $1`, [criterion.id])
        )[0].weight,
      ).toBe('2.0000');
    });
  });

  describe('DELETE /criteria/{id}', () => {
    it('removes a criterion, audited', async () => {
      const edition = await createEdition(t, { phase: 'draft' });
      const criterion = edition.categories[0].criteria[2];
      await t.http().delete(`/api/v1/criteria/${criterion.id}`).set(organiser.auth).expect(204);
      expect(await countRows(t, 'criteria', 'id = $1', [criterion.id])).toBe(0);
      const [entry] = await t.db.query<{ entity_id: string; data: unknown }[]>(
        `SELECT entity_id, data FROM audit_log WHERE edition_id = $1 AND action = 'criteria.deleted'`,
        [edition.id],
      );
      expect(entry).toEqual({
        entity_id: criterion.id,
        data: { category: 'efficiency', code: criterion.code },
      });
    });

    it('refuses anonymous callers, entrants, jurors and unknown ids', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const url = `/api/v1/criteria/${edition.categories[0].criteria[0].id}`;
      const before = await snapshot(edition.id);
      await t.http().delete(url).expect(401);
      for (const who of [entrant, juror]) await t.http().delete(url).set(who.auth).expect(403);
      const missing = await t.http().delete(`/api/v1/criteria/${UNKNOWN_ID}`).set(organiser.auth).expect(404);
      expect(missing.body.code).toBe('criteria.not_found');
      expect(await snapshot(edition.id)).toEqual(before);
    });

    it('never removes the last criterion of a category, one a tie-breaker needs, or any once judging has opened', async () => {
      const edition = await createEdition(t, {
        phase: 'nominations',
        tieBreakers: ['criterion:speed'],
        categories: { efficiency: { cost: '1', speed: '1' }, safety: { incidents: '1' } },
      });
      const before = await snapshot(edition.id);
      const last = await t
        .http()
        .delete(`/api/v1/criteria/${edition.categories[1].criteria[0].id}`)
        .set(organiser.auth)
        .expect(409);
      expect(last.body.code).toBe('criteria.last_criterion');
      const needed = await t
        .http()
        .delete(`/api/v1/criteria/${edition.categories[0].criteria[1].id}`)
        .set(organiser.auth)
        .expect(409);
      expect(needed.body.code).toBe('criteria.in_tie_breakers');
      expect(await snapshot(edition.id)).toEqual(before);

      const judging = await createEdition(t, { phase: 'tallying' });
      const frozen = await t
        .http()
        .delete(`/api/v1/criteria/${judging.categories[0].criteria[0].id}`)
        .set(organiser.auth)
        .expect(409);
      expect(frozen.body).toMatchObject({ code: 'editions.categories_frozen', currentPhase: 'tallying' });
      expect(await countRows(t, 'criteria', 'category_id = $1', [judging.categories[0].id])).toBe(3);
    });

    it('keeps at least one criterion when two deletions race', async () => {
      const edition = await createEdition(t, {
        phase: 'nominations',
        categories: { safety: { incidents: '1', training: '1' } },
      });
      const [a, b] = edition.categories[0].criteria;
      const results = await Promise.all(
        [a, b].map((c) => t.http().delete(`/api/v1/criteria/${c.id}`).set(organiser.auth)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
      expect(await countRows(t, 'criteria', 'category_id = $1', [edition.categories[0].id])).toBe(1);
    });
  });
});

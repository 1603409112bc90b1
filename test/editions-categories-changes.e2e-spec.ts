import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import {
  type CategoryBody,
  categorySnapshot,
  type CatalogueCast,
  criterionBody,
  editionAuditCount,
  judgingOpenAtOf,
  signInCatalogueCast,
  text,
} from './support/categories.js';
import { createRound } from './support/jury.js';
import { createEdition } from './support/editions.js';
import { countRows, type SignedIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const UNKNOWN_ID = '6f1c8e1a-9b7d-4a39-8f3e-2a5d1c0b9e77';
type Who = keyof CatalogueCast | null;

describe('categories and criteria: changing and removing', () => {
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
  const auditCount = (editionId: string, action: string) => editionAuditCount(t, editionId, action);
  const judgingOpenAt = (editionId: string) => judgingOpenAtOf(t, editionId);

  describe('PATCH /categories/{id}', () => {
    it('changes a category and audits what changed', async () => {
      const edition = await createEdition(t, { phase: 'draft' });
      const category = edition.categories[0]!;
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
      const entry = (
        (await t.db.query<{ entity_id: string; data: unknown }[]>(
          `SELECT data FROM audit_log WHERE edition_id = $1 AND action = 'categories.updated'`,
          [edition.id],
        )) as { data: { changes: Record<string, { from: unknown; to: unknown }> } }[]
      )[0]!;
      expect(Object.keys(entry.data.changes).sort()).toEqual(['code', 'name', 'position', 'questions']);
      expect(entry.data.changes.code).toEqual({ from: 'efficiency', to: 'operational_efficiency' });
    });

    it.each<[string, number, Who, 'own' | 'unknown', Record<string, unknown>, string | null]>([
      ['an anonymous caller', 401, null, 'own', { name: text('X') }, null],
      ['an entrant', 403, 'entrant', 'own', { name: text('X') }, null],
      ['a juror', 403, 'juror', 'own', { name: text('X') }, null],
      ['an unknown id', 404, 'organiser', 'unknown', { name: text('X') }, 'categories.not_found'],
      [
        'a move to another edition',
        400,
        'organiser',
        'own',
        { editionId: UNKNOWN_ID },
        'request.validation_failed',
      ],
      ['criteria', 400, 'organiser', 'own', { criteria: [] }, 'request.validation_failed'],
      ['a null code', 400, 'organiser', 'own', { code: null }, 'request.validation_failed'],
      [
        'a name in English only',
        400,
        'organiser',
        'own',
        { name: { en: 'Only English' } },
        'request.validation_failed',
      ],
      [
        'questions that are not a list',
        400,
        'organiser',
        'own',
        { questions: 'none' },
        'request.validation_failed',
      ],
      ['a negative position', 400, 'organiser', 'own', { position: -1 }, 'request.validation_failed'],
      ['a code another category has', 409, 'organiser', 'own', { code: 'safety' }, 'categories.code_taken'],
    ])('refuses %s (%i), changing nothing', async (_, status, who, target, body, code) => {
      const edition = await createEdition(t, {
        phase: 'nominations',
        categories: { efficiency: { cost: '1' }, safety: { incidents: '1' } },
      });
      const before = await snapshot(edition.id);
      const url = `/api/v1/categories/${target === 'own' ? edition.categories[0]!.id : UNKNOWN_ID}`;
      const res = await t.http().patch(url).set(as(who)).send(body).expect(status);
      if (code) expect(res.body.code).toBe(code);
      expect(await snapshot(edition.id)).toEqual(before);
      expect(await auditCount(edition.id, 'categories.updated')).toBe(0);
    });

    it('is frozen after the phase route opens judging', async () => {
      const edition = await createEdition(t, { phase: 'eligibility' });
      await createRound(t, edition.id);
      await t
        .http()
        .post(`/api/v1/editions/${edition.id}/phase`)
        .set(organiser.auth)
        .send({ phase: 'judging' })
        .expect(200);
      const before = await snapshot(edition.id);
      const res = await t
        .http()
        .patch(`/api/v1/categories/${edition.categories[0]!.id}`)
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
      const safety = edition.categories[1]!;
      await t.http().delete(`/api/v1/categories/${safety.id}`).set(organiser.auth).expect(204);
      expect(await countRows(t, 'categories', 'id = $1', [safety.id])).toBe(0);
      expect(await countRows(t, 'criteria', 'category_id = $1', [safety.id])).toBe(0);
      const [entry] = await t.db.query(
        `SELECT entity_id, data FROM audit_log WHERE edition_id = $1 AND action = 'categories.deleted'`,
        [edition.id],
      );
      expect(entry).toEqual({ entity_id: safety.id, data: { code: 'safety' } });
    });

    it.each<[string, number, Who, 'own' | 'unknown' | 'not-a-uuid']>([
      ['an anonymous caller', 401, null, 'own'],
      ['an entrant', 403, 'entrant', 'own'],
      ['a juror', 403, 'juror', 'own'],
      ['an unknown id', 404, 'organiser', 'unknown'],
      ['an id that is not a UUID', 400, 'organiser', 'not-a-uuid'],
    ])('refuses %s (%i), removing nothing', async (_, status, who, target) => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const before = await snapshot(edition.id);
      const id = { own: edition.categories[0]!.id, unknown: UNKNOWN_ID, 'not-a-uuid': 'not-a-uuid' }[target];
      await t.http().delete(`/api/v1/categories/${id}`).set(as(who)).expect(status);
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
        .delete(`/api/v1/categories/${edition.categories[1]!.id}`)
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
        .delete(`/api/v1/categories/${judging.categories[0]!.id}`)
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
      await t.db.query(`INSERT INTO test_category_refs VALUES ($1)`, [edition.categories[1]!.id]);
      const before = await snapshot(edition.id);
      const res = await t
        .http()
        .delete(`/api/v1/categories/${edition.categories[1]!.id}`)
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
      const category = edition.categories[0]!;
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

    it.each<
      [string, number, Who, 'own' | 'unknown', (category: string) => Record<string, unknown>, string | null]
    >([
      ['an anonymous caller', 401, null, 'own', () => criterionBody(), null],
      ['an entrant', 403, 'entrant', 'own', () => criterionBody(), null],
      ['a juror', 403, 'juror', 'own', () => criterionBody(), null],
      ['an unknown category', 404, 'organiser', 'unknown', () => criterionBody(), 'categories.not_found'],
      [
        'a weight with a decimal comma',
        400,
        'organiser',
        'own',
        () => criterionBody({ weight: '1,5' }),
        'request.validation_failed',
      ],
      [
        'an empty weight',
        400,
        'organiser',
        'own',
        () => criterionBody({ weight: '' }),
        'request.validation_failed',
      ],
      [
        'a null weight',
        400,
        'organiser',
        'own',
        () => criterionBody({ weight: null }),
        'request.validation_failed',
      ],
      [
        'a category id in the body',
        400,
        'organiser',
        'own',
        (category) => criterionBody({ categoryId: category }),
        'request.validation_failed',
      ],
      [
        'a missing description',
        400,
        'organiser',
        'own',
        () => criterionBody({ description: undefined }),
        'request.validation_failed',
      ],
      [
        'an inverted scale',
        400,
        'organiser',
        'own',
        () => criterionBody({ scaleMin: 10, scaleMax: 3 }),
        'criteria.invalid_scale',
      ],
      [
        'a code the category already uses',
        409,
        'organiser',
        'own',
        () => criterionBody({ code: 'cost' }),
        'criteria.code_taken',
      ],
    ])('refuses %s (%i), adding nothing', async (_, status, who, target, body, code) => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const category = edition.categories[0]!;
      const before = await snapshot(edition.id);
      const res = await t
        .http()
        .post(`/api/v1/categories/${target === 'own' ? category.id : UNKNOWN_ID}/criteria`)
        .set(as(who))
        .send(body(category.id))
        .expect(status);
      if (code) expect(res.body.code).toBe(code);
      expect(await snapshot(edition.id)).toEqual(before);
    });

    it('refuses a frozen edition (409), adding nothing', async () => {
      const judging = await createEdition(t, { phase: 'judging' });
      const frozen = await t
        .http()
        .post(`/api/v1/categories/${judging.categories[0]!.id}/criteria`)
        .set(organiser.auth)
        .send(criterionBody())
        .expect(409);
      expect(frozen.body.code).toBe('editions.categories_frozen');
      expect(await countRows(t, 'criteria', 'category_id = $1', [judging.categories[0]!.id])).toBe(3);
    });
  });

  describe('PATCH /criteria/{id}', () => {
    it('changes weight, scale, names and code, audited with before and after', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const criterion = edition.categories[0]!.criteria[0]!;
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
      const entry = (
        await t.db.query<{ data: { code: string; changes: Record<string, unknown> } }[]>(
          `SELECT data FROM audit_log WHERE edition_id = $1 AND action = 'criteria.updated'`,
          [edition.id],
        )
      )[0]!;
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

    it.each<[string, number, Who, 'cost' | 'speed' | 'unknown', Record<string, unknown>, string | null]>([
      ['an anonymous caller', 401, null, 'cost', { weight: '2' }, null],
      ['an entrant', 403, 'entrant', 'cost', { weight: '2' }, null],
      ['a juror', 403, 'juror', 'cost', { weight: '2' }, null],
      ['an unknown id', 404, 'organiser', 'unknown', { weight: '2' }, 'criteria.not_found'],
      ['a zero weight', 400, 'organiser', 'cost', { weight: '0.00' }, 'request.validation_failed'],
      ['a negative weight', 400, 'organiser', 'cost', { weight: '-2' }, 'request.validation_failed'],
      [
        'a weight with five decimals',
        400,
        'organiser',
        'cost',
        { weight: '2.00001' },
        'request.validation_failed',
      ],
      ['a null weight', 400, 'organiser', 'cost', { weight: null }, 'request.validation_failed'],
      [
        'a move to another category',
        400,
        'organiser',
        'cost',
        { categoryId: UNKNOWN_ID },
        'request.validation_failed',
      ],
      ['a scale that is text', 400, 'organiser', 'cost', { scaleMin: 'low' }, 'request.validation_failed'],
      ['an inverted scale', 400, 'organiser', 'cost', { scaleMin: 10 }, 'criteria.invalid_scale'],
      [
        'a code another criterion has',
        409,
        'organiser',
        'cost',
        { code: 'reliability' },
        'criteria.code_taken',
      ],
      [
        'renaming a tie-breaker criterion',
        409,
        'organiser',
        'speed',
        { code: 'velocity' },
        'criteria.in_tie_breakers',
      ],
    ])('refuses %s (%i), changing nothing', async (_, status, who, target, body, code) => {
      const edition = await createEdition(t, { phase: 'nominations', tieBreakers: ['criterion:speed'] });
      const { criteria } = edition.categories[0]!;
      const [cost, speed] = [criteria[0]!, criteria[1]!];
      const before = await snapshot(edition.id);
      const id = { cost: cost.id, speed: speed.id, unknown: UNKNOWN_ID }[target];
      const res = await t.http().patch(`/api/v1/criteria/${id}`).set(as(who)).send(body).expect(status);
      if (code) expect(res.body.code).toBe(code);
      expect(await snapshot(edition.id)).toEqual(before);
      expect(await auditCount(edition.id, 'criteria.updated')).toBe(0);
    });

    it('refuses a frozen edition (409)', async () => {
      const judging = await createEdition(t, { phase: 'judging' });
      const frozen = await t
        .http()
        .patch(`/api/v1/criteria/${judging.categories[0]!.criteria[0]!.id}`)
        .set(organiser.auth)
        .send({ weight: '2' })
        .expect(409);
      expect(frozen.body.code).toBe('editions.categories_frozen');
    });

    it('is frozen once the clock passes judgingOpenAt, even before the phase moves', async () => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const criterion = edition.categories[0]!.criteria[0]!;
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
        )[0]!.weight,
      ).toBe('2.0000');
    });
  });

  describe('DELETE /criteria/{id}', () => {
    it('removes a criterion, audited', async () => {
      const edition = await createEdition(t, { phase: 'draft' });
      const criterion = edition.categories[0]!.criteria[2]!;
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

    it.each<[string, number, Who, 'own' | 'unknown', string | null]>([
      ['an anonymous caller', 401, null, 'own', null],
      ['an entrant', 403, 'entrant', 'own', null],
      ['a juror', 403, 'juror', 'own', null],
      ['an unknown id', 404, 'organiser', 'unknown', 'criteria.not_found'],
    ])('refuses %s (%i), removing nothing', async (_, status, who, target, code) => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const before = await snapshot(edition.id);
      const id = target === 'own' ? edition.categories[0]!.criteria[0]!.id : UNKNOWN_ID;
      const res = await t.http().delete(`/api/v1/criteria/${id}`).set(as(who)).expect(status);
      if (code) expect(res.body.code).toBe(code);
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
        .delete(`/api/v1/criteria/${edition.categories[1]!.criteria[0]!.id}`)
        .set(organiser.auth)
        .expect(409);
      expect(last.body.code).toBe('criteria.last_criterion');
      const needed = await t
        .http()
        .delete(`/api/v1/criteria/${edition.categories[0]!.criteria[1]!.id}`)
        .set(organiser.auth)
        .expect(409);
      expect(needed.body.code).toBe('criteria.in_tie_breakers');
      expect(await snapshot(edition.id)).toEqual(before);

      const judging = await createEdition(t, { phase: 'tallying' });
      const frozen = await t
        .http()
        .delete(`/api/v1/criteria/${judging.categories[0]!.criteria[0]!.id}`)
        .set(organiser.auth)
        .expect(409);
      expect(frozen.body).toMatchObject({ code: 'editions.categories_frozen', currentPhase: 'tallying' });
      expect(await countRows(t, 'criteria', 'category_id = $1', [judging.categories[0]!.id])).toBe(3);
    });

    it('keeps at least one criterion when two deletions race', async () => {
      const edition = await createEdition(t, {
        phase: 'nominations',
        categories: { safety: { incidents: '1', training: '1' } },
      });
      const { criteria } = edition.categories[0]!;
      const [a, b] = [criteria[0]!, criteria[1]!];
      const results = await Promise.all(
        [a, b].map((c) => t.http().delete(`/api/v1/criteria/${c.id}`).set(organiser.auth)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
      expect(await countRows(t, 'criteria', 'category_id = $1', [edition.categories[0]!.id])).toBe(1);
    });
  });
});

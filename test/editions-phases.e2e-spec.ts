import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import { PHASES, type Phase } from '../src/modules/editions/entities/edition.entity.js';
import { editionBody, editionPhase, editionRow } from './support/edition-requests.js';
import { createEdition } from './support/editions.js';
import { countRows, type SignedIn, signIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3600_000;
const UNKNOWN_ID = '0b8f7a52-3c1e-4c55-9d1f-3f3c2f6a0e11';
type Who = 'organiser' | 'entrant' | 'juror' | null;

describe('editions: phases', () => {
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

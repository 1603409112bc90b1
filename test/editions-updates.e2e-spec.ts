import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import { editionRow, uniqueSlug } from './support/edition-requests.js';
import { createEdition } from './support/editions.js';
import { countRows, type SignedIn, signIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3600_000;
const UNKNOWN_ID = '0b8f7a52-3c1e-4c55-9d1f-3f3c2f6a0e11';
type Who = 'organiser' | 'entrant' | 'juror' | null;

describe('editions: updates', () => {
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
  const rowOf = (id: string) => editionRow(t, id);
  const auditCount = (editionId: string, action: string) =>
    countRows(t, 'audit_log', 'edition_id = $1 AND action = $2', [editionId, action]);

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
      const entry = (
        await t.db.query<{ data: { changes: Record<string, unknown> }; actor_id: string }[]>(
          `SELECT data, actor_id FROM audit_log WHERE edition_id = $1 AND action = 'editions.updated'`,
          [edition.id],
        )
      )[0]!;
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

    it.each<[string, number, Who, 'own' | 'unknown', string | null]>([
      ['an anonymous caller', 401, null, 'own', null],
      ['an entrant', 403, 'entrant', 'own', null],
      ['a juror', 403, 'juror', 'own', null],
      ['an unknown id', 404, 'organiser', 'unknown', 'editions.not_found'],
    ])('refuses %s (%i), changing nothing', async (_, status, who, target, code) => {
      const edition = await createEdition(t, { phase: 'nominations' });
      const res = await t
        .http()
        .patch(`/api/v1/editions/${target === 'own' ? edition.id : UNKNOWN_ID}`)
        .set(as(who))
        .send({ name: 'X' })
        .expect(status);
      if (code) expect(res.body.code).toBe(code);
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
      ['publishJuryStatistics as text', { publishJuryStatistics: 'yes' }],
      ['a null publishJuryStatistics', { publishJuryStatistics: null }],
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

    it.each([
      { scoringMethod: 'zscore' },
      { tieBreakers: ['median'] },
      { minScorecards: 1 },
      { blind: true },
      { publishJuryStatistics: true },
    ])('freezes the judging rules once judging has opened by phase: %j (409)', async (body) => {
      const edition = await createEdition(t, { phase: 'judging' });
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
      expect((await rowOf(edition.id)).version).toBe(1);
    });

    it('publishes the jury statistics only when asked: off by default, switched on and off before judging, audited', async () => {
      const edition = await createEdition(t, { phase: 'eligibility' });
      const read = await t.http().get(`/api/v1/editions/${edition.id}`).set(organiser.auth).expect(200);
      expect(read.body.publishJuryStatistics).toBe(false);
      const on = await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .set(organiser.auth)
        .send({ publishJuryStatistics: true })
        .expect(200);
      expect(on.body.publishJuryStatistics).toBe(true);
      expect((await rowOf(edition.id)).publish_jury_statistics).toBe(true);
      const [entry] = await t.db.query<{ data: { changes: Record<string, unknown> } }[]>(
        `SELECT data FROM audit_log WHERE edition_id = $1 AND action = 'editions.updated' AND data->'changes' ? 'publishJuryStatistics'`,
        [edition.id],
      );
      expect(entry!.data.changes).toEqual({ publishJuryStatistics: { from: false, to: true } });
      for (const who of ['entrant', 'juror'] as const)
        await t
          .http()
          .patch(`/api/v1/editions/${edition.id}`)
          .set(as(who))
          .send({ publishJuryStatistics: false })
          .expect(403);
      await t
        .http()
        .patch(`/api/v1/editions/${edition.id}`)
        .send({ publishJuryStatistics: false })
        .expect(401);
      await t
        .http()
        .patch(`/api/v1/editions/${UNKNOWN_ID}`)
        .set(organiser.auth)
        .send({ publishJuryStatistics: false })
        .expect(404);
      expect((await rowOf(edition.id)).publish_jury_statistics).toBe(true);
    });

    it('leaves the rest editable once judging has opened by phase', async () => {
      const edition = await createEdition(t, { phase: 'judging' });
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
});

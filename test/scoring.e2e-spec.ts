import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Clock } from '../src/common/clock.js';
import { auditRowValues } from '../src/modules/audit/audit.service.js';
import { type ScorecardWrite, ScorecardWrites } from '../src/modules/scoring/scorecard-writes.js';
import { countRows, createUser, type SignedIn, signIn } from './support/factories.js';
import { assign, confirmConflicts, createJuryWorld, type JuryWorld, putOnPanel } from './support/jury.js';
import { createCompany, createNomination } from './support/nominations.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let w: JuryWorld;

const path = (roundId: string, nominationId: string) =>
  `/api/v1/rounds/${roundId}/scorecards/${nominationId}`;
const full = { cost: 7, speed: 8, reliability: 9 };

/** A fresh nomination assigned to a fresh, confirmed juror: each test scores its own scorecard. */
async function scorecardFor(): Promise<{ juror: SignedIn; url: string; nominationId: string }> {
  const juror = await signIn(t, ['juror']);
  const owner = await createUser(t, { roles: ['entrant'] });
  const company = await createCompany(t, owner.id);
  const nominationId = await createNomination(t, {
    editionId: w.edition.id,
    categoryId: w.categoryId,
    companyId: company.id,
    createdBy: owner.id,
    status: 'eligible',
  });
  await putOnPanel(t, w.edition, w.categoryId, [juror.id]);
  await assign(t, w.roundId, nominationId, juror.id);
  await confirmConflicts(t, w.edition.id, juror.id);
  return { juror, url: path(w.roundId, nominationId), nominationId };
}

async function auditOf(
  scorecardId: string,
): Promise<
  { action: string; data: { before: Record<string, unknown> | null; after: Record<string, unknown> } }[]
> {
  return t.db.query(
    `SELECT action, data FROM audit_log WHERE entity_type = 'scorecard' AND entity_id = $1 ORDER BY id`,
    [scorecardId],
  );
}

beforeAll(async () => {
  // Every juror signs in through the API: more logins than one client address may make by default.
  t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000' });
  w = await createJuryWorld(t);
});

afterAll(async () => {
  await t.close();
});

describe('GET /rounds/{roundId}/scorecards/{nominationId}', () => {
  it('answers an empty draft at version 0 before the first save', async () => {
    const { juror, url } = await scorecardFor();
    const res = await t.http().get(url).set(juror.auth).expect(200);
    expect(res.headers.etag).toBe('"0"');
    expect(res.body).toMatchObject({
      status: 'draft',
      scores: {},
      comment: null,
      version: 0,
      submittedAt: null,
    });
  });

  it("never shows another juror's scorecard: each juror reads their own", async () => {
    const { juror, url, nominationId } = await scorecardFor();
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 3 }, comment: 'mine' })
      .expect(200);
    const colleague = await signIn(t, ['juror']);
    await putOnPanel(t, w.edition, w.categoryId, [colleague.id]);
    // Not assigned: the nomination does not exist for them, whatever they send (404 before 400).
    await t.http().get(url).set(colleague.auth).expect(404);
    await t
      .http()
      .put(url)
      .set(colleague.auth)
      .send({ scores: { taste: 99 } })
      .expect(404);
    // Assigned to the same nomination: they see their own (empty) scorecard, not the colleague's.
    await assign(t, w.roundId, nominationId, colleague.id);
    const res = await t.http().get(url).set(colleague.auth).expect(200);
    expect(res.body).toMatchObject({ scores: {}, comment: null, version: 0 });
    expect(JSON.stringify(res.body)).not.toContain('mine');
  });
});

describe('PUT /rounds/{roundId}/scorecards/{nominationId}', () => {
  it('saves a partial draft, answers with its ETag and audits before and after', async () => {
    const { juror, url, nominationId } = await scorecardFor();
    const first = await t
      .http()
      .put(url)
      .set(juror.auth)
      .set('If-Match', '"0"')
      .send({ scores: { cost: 4 } })
      .expect(200);
    expect(first.headers.etag).toBe('"1"');
    expect(first.body).toMatchObject({ status: 'draft', scores: { cost: 4 }, comment: null, version: 1 });
    const second = await t
      .http()
      .put(url)
      .set(juror.auth)
      .set('If-Match', '"1"')
      .send({ scores: { cost: 5, speed: 6 }, comment: 'Solid plan' })
      .expect(200);
    expect(second.headers.etag).toBe('"2"');

    const [row] = await t.db.query<{ id: string; scores: unknown; comment: string; version: number }[]>(
      `SELECT id, scores, comment, version, status FROM scorecards WHERE nomination_id = $1 AND juror_id = $2`,
      [nominationId, juror.id],
    );
    expect(row).toMatchObject({
      scores: { cost: 5, speed: 6 },
      comment: 'Solid plan',
      version: 2,
      status: 'draft',
    });
    const audit = await auditOf(row!.id);
    expect(audit.map((a) => a.action)).toEqual(['scorecard.saved', 'scorecard.saved']);
    expect(audit[0]!.data.before).toBeNull();
    expect(audit[0]!.data.after).toMatchObject({ scores: { cost: 4 }, version: 1, status: 'draft' });
    expect(audit[1]!.data.before).toMatchObject({ scores: { cost: 4 }, version: 1 });
    expect(audit[1]!.data.after).toMatchObject({
      scores: { cost: 5, speed: 6 },
      comment: 'Solid plan',
      version: 2,
    });
    const [{ edition_id }] = await t.db.query<[{ edition_id: string }]>(
      `SELECT edition_id FROM audit_log WHERE entity_id = $1 LIMIT 1`,
      [row!.id],
    );
    expect(edition_id).toBe(w.edition.id);
  });

  it('writes audit entries the chain verifies (the hash is computed as AuditLog computes it)', async () => {
    const { juror, url } = await scorecardFor();
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 1 }, comment: 'ünïcødé «quoted» \u2028' })
      .expect(200);
    await t.http().post(`${url}/submit`).set(juror.auth).send({ scores: full }).expect(200);
    await t.sealAudit();
    const verify = await t.http().get('/api/v1/audit/verify').set(w.organiser.auth).expect(200);
    expect(verify.body).toMatchObject({ ok: true, firstBroken: null });
  });

  it.each([
    ['out of scale', { cost: 11 }, 'scores.cost'],
    ['below the scale', { cost: -1 }, 'scores.cost'],
    ['not an integer', { cost: 7.5 }, 'scores.cost'],
    ['a string', { cost: '7' }, 'scores.cost'],
    ['null', { speed: null }, 'scores.speed'],
    ['an unknown criterion', { taste: 5 }, 'scores.taste'],
  ])('refuses a score %s and changes nothing', async (_label, scores, field) => {
    const { juror, url } = await scorecardFor();
    const before = await countRows(t, 'scorecards');
    const audit = await countRows(t, 'audit_log');
    const res = await t.http().put(url).set(juror.auth).send({ scores }).expect(400);
    expect(res.body.code).toBe('scorecards.invalid_scores');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(await countRows(t, 'scorecards')).toBe(before);
    expect(await countRows(t, 'audit_log')).toBe(audit);
  });

  it('refuses bodies that are not a scorecard', async () => {
    const { juror, url } = await scorecardFor();
    for (const body of [
      {},
      { scores: [1, 2] },
      { scores: 5 },
      { scores: {}, extra: 1 },
      { scores: {}, comment: 5 },
      { scores: {}, comment: 'x'.repeat(5001) },
    ]) {
      const res = await t.http().put(url).set(juror.auth).send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('request.validation_failed');
    }
    await t.http().put(url).set(juror.auth).set('If-Match', 'three').send({ scores: {} }).expect(400);
    expect(await countRows(t, 'scorecards', 'juror_id = $1', [juror.id])).toBe(0);
  });

  it('refuses a stale If-Match with 409 request.stale_version and the current ETag', async () => {
    const { juror, url } = await scorecardFor();
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .set('If-Match', '"0"')
      .send({ scores: { cost: 1 } })
      .expect(200);
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .set('If-Match', '"1"')
      .send({ scores: { cost: 2 } })
      .expect(200);
    // A second tab still holding version 1:
    const res = await t
      .http()
      .put(url)
      .set(juror.auth)
      .set('If-Match', '"1"')
      .send({ scores: { cost: 9 } })
      .expect(409);
    expect(res.body.code).toBe('request.stale_version');
    expect(res.headers.etag).toBe('"2"');
    // Creating again over an existing scorecard is stale too.
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .set('If-Match', '"0"')
      .send({ scores: { cost: 9 } })
      .expect(409);
    const current = await t.http().get(url).set(juror.auth).expect(200);
    expect(current.body).toMatchObject({ scores: { cost: 2 }, version: 2 });
  });

  it('loses no accepted write among 50 concurrent edits of one scorecard', async () => {
    const { juror, url, nominationId } = await scorecardFor();
    let accepted = 0;
    let conflicts = 0;
    const editor = async (i: number): Promise<void> => {
      for (;;) {
        const read = await t.http().get(url).set(juror.auth).expect(200);
        const res = await t
          .http()
          .put(url)
          .set(juror.auth)
          .set('If-Match', read.headers.etag as string)
          .send({ scores: { cost: i % 11 }, comment: `edit ${i}` });
        if (res.status === 200) {
          accepted += 1;
          return;
        }
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('request.stale_version');
        conflicts += 1;
        // As a client would: back off a little before re-reading, so 50 editors don't retry in lockstep.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
      }
    };
    await Promise.all(Array.from({ length: 50 }, (_, i) => editor(i)));
    expect(accepted).toBe(50);
    const [row] = await t.db.query<{ id: string; version: number }[]>(
      `SELECT id, version FROM scorecards WHERE nomination_id = $1 AND juror_id = $2`,
      [nominationId, juror.id],
    );
    expect(row!.version).toBe(accepted);
    const audit = await auditOf(row!.id);
    expect(audit).toHaveLength(accepted);
    // Each accepted write saw the one before it: the audit's versions run 1..50 without a gap or a repeat.
    expect(audit.map((a) => a.data.after.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(audit.slice(1).every((a, i) => (a.data.before as { version: number }).version === i + 1)).toBe(
      true,
    );
    expect(conflicts).toBeGreaterThanOrEqual(0);
  });

  it('without If-Match, concurrent saves of different tabs all land in order (re-read and retried)', async () => {
    const { juror, url, nominationId } = await scorecardFor();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t
          .http()
          .put(url)
          .set(juror.auth)
          .send({ scores: { cost: i } }),
      ),
    );
    const ok = results.filter((r) => r.status === 200).length;
    expect(
      results.every((r) => r.status === 200 || (r.status === 409 && r.body.code === 'request.stale_version')),
    ).toBe(true);
    const [row] = await t.db.query<{ id: string; version: number }[]>(
      `SELECT id, version FROM scorecards WHERE nomination_id = $1 AND juror_id = $2`,
      [nominationId, juror.id],
    );
    expect(row!.version).toBe(ok);
    expect(await auditOf(row!.id)).toHaveLength(ok);
  });

  it('refuses a juror who has not confirmed their conflicts with 409 conflicts.not_confirmed', async () => {
    const { juror, url } = await scorecardFor();
    await t.db.query(`DELETE FROM conflict_confirmations WHERE juror_id = $1`, [juror.id]);
    const res = await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 1 } })
      .expect(409);
    expect(res.body.code).toBe('conflicts.not_confirmed');
    await t.http().post(`/api/v1/editions/${w.edition.id}/conflicts/confirm`).set(juror.auth).expect(200);
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 1 } })
      .expect(200);
  });
});

describe('writes that arrive together leave together (ScorecardWrites)', () => {
  /** A draft write of `nominationId` by `jurorId`, as the service prepares it. */
  function draft(
    nominationId: string,
    jurorId: string,
    change: { id?: string; replaces?: number; comment?: string } = {},
  ): ScorecardWrite {
    const id = change.id ?? randomUUID();
    const replaces = change.replaces ?? 0;
    const content = { status: 'draft' as const, scores: { cost: 5 }, comment: change.comment ?? null };
    return {
      roundId: w.roundId,
      nominationId,
      jurorId,
      id,
      ...content,
      submittedAt: null,
      replaces,
      checkedAt: t.app.get(Clock).now(),
      audit: auditRowValues(
        {
          action: 'scorecard.saved',
          entityType: 'scorecard',
          entityId: id,
          editionId: w.edition.id,
          actorId: jurorId,
          data: {
            roundId: w.roundId,
            nominationId,
            jurorId,
            before: null,
            after: { ...content, version: replaces + 1 },
          },
        },
        new Date(),
      ),
    };
  }

  it('many jurors saving at once: every write lands at version 1 with its own audit entry', async () => {
    const cards = await Promise.all(Array.from({ length: 12 }, () => scorecardFor()));
    const saved = await Promise.all(
      cards.map(({ juror, url }, i) =>
        t
          .http()
          .put(url)
          .set(juror.auth)
          .send({ scores: { cost: i % 11 }, comment: `juror ${i}` }),
      ),
    );
    expect(saved.map((r) => r.status)).toEqual(cards.map(() => 200));
    expect(saved.map((r) => r.headers.etag)).toEqual(cards.map(() => '"1"'));
    for (const [i, { juror, nominationId }] of cards.entries()) {
      const [row] = await t.db.query<
        { id: string; version: number; scores: Record<string, number>; comment: string }[]
      >(`SELECT id, version, scores, comment FROM scorecards WHERE nomination_id = $1 AND juror_id = $2`, [
        nominationId,
        juror.id,
      ]);
      expect(row).toMatchObject({ version: 1, scores: { cost: i % 11 }, comment: `juror ${i}` });
      const audit = await auditOf(row!.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]!.data.after).toMatchObject({
        scores: { cost: i % 11 },
        comment: `juror ${i}`,
        version: 1,
      });
    }
    // And again, each from the version it read: one more version each, nobody else's write disturbed.
    const again = await Promise.all(
      cards.map(({ juror, url }) =>
        t
          .http()
          .put(url)
          .set(juror.auth)
          .set('If-Match', '"1"')
          .send({ scores: { cost: 10 } }),
      ),
    );
    expect(again.map((r) => r.headers.etag)).toEqual(cards.map(() => '"2"'));
  });

  it('in one batch, a write the database refuses fails alone and a write no longer allowed writes nothing', async () => {
    const writes = t.app.get(ScorecardWrites);
    const ok = await scorecardFor();
    const refused = await scorecardFor();
    const unassigned = await scorecardFor();
    await t.db.query(`DELETE FROM assignments WHERE nomination_id = $1`, [unassigned.nominationId]);
    const before = await countRows(t, 'audit_log');
    // Queued in the same turn of the event loop: the three leave as one statement.
    const outcomes = await Promise.allSettled([
      writes.write(draft(ok.nominationId, ok.juror.id)),
      // Longer than the column's CHECK allows (the API refuses it earlier with 400): the batch fails as a whole.
      writes.write(draft(refused.nominationId, refused.juror.id, { comment: 'x'.repeat(5001) })),
      writes.write(draft(unassigned.nominationId, unassigned.juror.id)),
    ]);
    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { version: 1 } });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { code: '23514' } });
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: null });
    expect(await countRows(t, 'audit_log')).toBe(before + 1);
    const rows = await t.db.query<{ nominationId: string }[]>(
      `SELECT nomination_id AS "nominationId" FROM scorecards WHERE nomination_id = ANY($1)`,
      [[ok.nominationId, refused.nominationId, unassigned.nominationId]],
    );
    expect(rows).toEqual([{ nominationId: ok.nominationId }]);
  });

  it('two writes of one scorecard never share a statement: the second waits and replaces the first', async () => {
    const writes = t.app.get(ScorecardWrites);
    const { juror, nominationId } = await scorecardFor();
    const id = randomUUID();
    const [first, second] = await Promise.all([
      writes.write(draft(nominationId, juror.id, { id })),
      writes.write(draft(nominationId, juror.id, { id, replaces: 1, comment: 'second' })),
    ]);
    expect(first).toMatchObject({ version: 1 });
    expect(second).toMatchObject({ version: 2 });
    const [row] = await t.db.query<{ version: number; comment: string }[]>(
      `SELECT version, comment FROM scorecards WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ version: 2, comment: 'second' });
    expect(await auditOf(id)).toHaveLength(2);
  });
});

describe('what a server remembers between saves never outlives a change', () => {
  it('a save through another instance is neither overwritten blindly nor misrecorded in the audit', async () => {
    const { juror, url, nominationId } = await scorecardFor();
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 1 } })
      .expect(200);
    const sibling = await t.sibling();
    await request(sibling.getHttpServer())
      .put(url)
      .set(juror.auth)
      .set('If-Match', '"1"')
      .send({ scores: { cost: 2 }, comment: 'from the other tab' })
      .expect(200);
    // This instance last saw version 1: a stale If-Match is refused, a save without one replaces version 2.
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .set('If-Match', '"1"')
      .send({ scores: { cost: 9 } })
      .expect(409);
    const res = await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 3 } })
      .expect(200);
    expect(res.body.version).toBe(3);
    const [row] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM scorecards WHERE nomination_id = $1 AND juror_id = $2`,
      [nominationId, juror.id],
    );
    const audit = await auditOf(row!.id);
    expect(audit.map((a) => [a.data.before?.version ?? 0, a.data.after.version])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(audit[2]!.data.before).toMatchObject({ scores: { cost: 2 }, comment: 'from the other tab' });
  });

  it('losing the assignment, the confirmation or the judging window refuses the next save', async () => {
    const { juror, url, nominationId } = await scorecardFor();
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 1 } })
      .expect(200);
    await t.db.query(`DELETE FROM conflict_confirmations WHERE juror_id = $1`, [juror.id]);
    expect(
      (
        await t
          .http()
          .put(url)
          .set(juror.auth)
          .send({ scores: { cost: 2 } })
          .expect(409)
      ).body.code,
    ).toBe('conflicts.not_confirmed');
    await confirmConflicts(t, w.edition.id, juror.id);
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 2 } })
      .expect(200);

    const [{ company_id }] = await t.db.query<[{ company_id: string }]>(
      `SELECT company_id FROM nominations WHERE id = $1`,
      [nominationId],
    );
    await t.db.query(`UPDATE users SET employer_company_id = $2 WHERE id = $1`, [juror.id, company_id]);
    expect(
      (
        await t
          .http()
          .put(url)
          .set(juror.auth)
          .send({ scores: { cost: 3 } })
          .expect(404)
      ).body.code,
    ).toBe('nominations.not_found');
    await t.db.query(`UPDATE users SET employer_company_id = NULL WHERE id = $1`, [juror.id]);
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 3 } })
      .expect(200);

    await t.db.query(`DELETE FROM assignments WHERE nomination_id = $1 AND juror_id = $2`, [
      nominationId,
      juror.id,
    ]);
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 4 } })
      .expect(404);
    await assign(t, w.roundId, nominationId, juror.id);

    t.app.get(Clock).set(new Date(Date.now() + 30 * 24 * 3600_000));
    try {
      expect(
        (
          await t
            .http()
            .put(url)
            .set(juror.auth)
            .send({ scores: { cost: 5 } })
            .expect(409)
        ).body.code,
      ).toBe('scorecards.judging_not_open');
    } finally {
      t.app.get(Clock).reset();
    }
    const [{ version }] = await t.db.query<[{ version: number }]>(
      `SELECT version FROM scorecards WHERE nomination_id = $1 AND juror_id = $2`,
      [nominationId, juror.id],
    );
    expect(version).toBe(3);
  });
});

describe('POST /rounds/{roundId}/scorecards/{nominationId}/submit', () => {
  it('submits the saved draft once every criterion is scored', async () => {
    const { juror, url } = await scorecardFor();
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 7, speed: 8 }, comment: 'Good' })
      .expect(200);
    const incomplete = await t.http().post(`${url}/submit`).set(juror.auth).expect(400);
    expect(incomplete.body.code).toBe('scorecards.incomplete');
    expect(incomplete.body.errors).toEqual([
      { field: 'scores.reliability', messages: ['is required to submit'] },
    ]);
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .set('If-Match', '"1"')
      .send({ scores: full, comment: 'Good' })
      .expect(200);
    const res = await t.http().post(`${url}/submit`).set(juror.auth).set('If-Match', '"2"').expect(200);
    expect(res.headers.etag).toBe('"3"');
    expect(res.body).toMatchObject({ status: 'submitted', scores: full, comment: 'Good', version: 3 });
    expect(res.body.submittedAt).toEqual(expect.any(String));
  });

  it('submits scores given in the body, refusing missing, unknown and out-of-scale ones', async () => {
    const { juror, url } = await scorecardFor();
    const missing = await t
      .http()
      .post(`${url}/submit`)
      .set(juror.auth)
      .send({ scores: { cost: 1 } })
      .expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'scores.speed',
      'scores.reliability',
    ]);
    const wrong = await t
      .http()
      .post(`${url}/submit`)
      .set(juror.auth)
      .send({ scores: { ...full, cost: 10.5, extra: 1 } })
      .expect(400);
    expect(wrong.body.code).toBe('scorecards.invalid_scores');
    expect(await countRows(t, 'scorecards', 'juror_id = $1', [juror.id])).toBe(0);
    const res = await t
      .http()
      .post(`${url}/submit`)
      .set(juror.auth)
      .set('If-Match', '"0"')
      .send({ scores: full })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'submitted', version: 1 });
    const [{ action }] = await t.db.query<[{ action: string }]>(
      `SELECT action FROM audit_log WHERE entity_type = 'scorecard' AND actor_id = $1`,
      [juror.id],
    );
    expect(action).toBe('scorecard.submitted');
  });

  it('a submitted scorecard saved again becomes a draft until submitted again', async () => {
    const { juror, url } = await scorecardFor();
    await t.http().post(`${url}/submit`).set(juror.auth).send({ scores: full }).expect(200);
    const res = await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { ...full, cost: 1 } })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'draft', submittedAt: null, version: 2 });
  });
});

describe('when the round is closed or judging is not open', () => {
  it('refuses every write with 409 after the round closes, and still shows the scorecard', async () => {
    const { juror, nominationId } = await scorecardFor();
    const round = await t.db.query<{ id: string }[]>(
      `INSERT INTO rounds (edition_id, number, name) VALUES ($1, 9, 'Closing') RETURNING id`,
      [w.edition.id],
    );
    const roundId = round[0]!.id;
    await assign(t, roundId, nominationId, juror.id);
    const url = path(roundId, nominationId);
    await t
      .http()
      .put(url)
      .set(juror.auth)
      .send({ scores: { cost: 2 } })
      .expect(200);
    await t.db.query(`UPDATE rounds SET status = 'closed', closed_at = now() WHERE id = $1`, [roundId]);
    const audit = await countRows(t, 'audit_log');
    const put = await t
      .http()
      .put(url)
      .set(juror.auth)
      .set('If-Match', '"1"')
      .send({ scores: { cost: 3 } })
      .expect(409);
    expect(put.body.code).toBe('rounds.closed');
    const submit = await t.http().post(`${url}/submit`).set(juror.auth).send({ scores: full }).expect(409);
    expect(submit.body.code).toBe('rounds.closed');
    expect(await countRows(t, 'audit_log')).toBe(audit);
    const read = await t.http().get(url).set(juror.auth).expect(200);
    expect(read.body).toMatchObject({ scores: { cost: 2 }, version: 1 });
  });

  it('refuses writes outside the judging phase and outside the judging window', async () => {
    const { juror, url } = await scorecardFor();
    await t.db.query(`UPDATE editions SET phase = 'tallying' WHERE id = $1`, [w.edition.id]);
    try {
      const res = await t
        .http()
        .put(url)
        .set(juror.auth)
        .send({ scores: { cost: 1 } })
        .expect(409);
      expect(res.body.code).toBe('editions.wrong_phase');
    } finally {
      await t.db.query(`UPDATE editions SET phase = 'judging' WHERE id = $1`, [w.edition.id]);
    }
    await t.db.query(
      `UPDATE editions SET judging_close_at = now() - interval '1 minute', judging_open_at = now() - interval '2 days' WHERE id = $1`,
      [w.edition.id],
    );
    try {
      const res = await t
        .http()
        .put(url)
        .set(juror.auth)
        .send({ scores: { cost: 1 } })
        .expect(409);
      expect(res.body.code).toBe('scorecards.judging_not_open');
    } finally {
      await t.db.query(`UPDATE editions SET judging_close_at = now() + interval '14 days' WHERE id = $1`, [
        w.edition.id,
      ]);
    }
    expect(await countRows(t, 'scorecards', 'juror_id = $1', [juror.id])).toBe(0);
  });
});

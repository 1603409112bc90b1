import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countRows, signIn, type SignedIn } from './support/factories.js';
import { createEdition } from './support/editions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const DAY = 24 * 3600_000;

describe('PATCH /rounds/{id}', () => {
  let t: TestApp;
  let organiser: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await signIn(t, ['organiser']);
  });
  afterAll(() => t.close());

  async function openRound(closesInDays = 10): Promise<string> {
    const edition = await createEdition(t, {
      phase: 'judging',
      judgingOpenAt: new Date(Date.now() - DAY),
      judgingCloseAt: new Date(Date.now() + 30 * DAY),
      nominationsOpenAt: new Date(Date.now() - 10 * DAY),
      nominationsCloseAt: new Date(Date.now() - 2 * DAY),
    });
    const res = await t
      .http()
      .post(`/api/v1/editions/${edition.id}/rounds`)
      .set(organiser.auth)
      .send({ name: 'Main', closesAt: new Date(Date.now() + closesInDays * DAY).toISOString() })
      .expect(201);
    return res.body.id as string;
  }

  const reminderJobs = (roundId: string) =>
    t.db.query<{ closesAt: string; runAt: Date }[]>(
      `SELECT payload->>'closesAt' AS "closesAt", run_at AS "runAt" FROM outbox WHERE name = 'reminder.round' AND payload->>'roundId' = $1 ORDER BY id`,
      [roundId],
    );

  it('moves the deadline, plans the reminders again from it and audits the change', async () => {
    const roundId = await openRound();
    const before = await reminderJobs(roundId);
    const closesAt = new Date(Date.now() + 5 * DAY).toISOString();
    const res = await t
      .http()
      .patch(`/api/v1/rounds/${roundId}`)
      .set(organiser.auth)
      .send({ name: 'Main round', closesAt })
      .expect(200);
    expect(res.body).toMatchObject({ id: roundId, name: 'Main round', closesAt, status: 'open' });
    const after = await reminderJobs(roundId);
    expect(after.length).toBeGreaterThan(before.length);
    const fresh = after.slice(before.length);
    expect(fresh.every((job) => job.closesAt === closesAt)).toBe(true);
    expect(fresh.every((job) => job.runAt.getTime() < Date.parse(closesAt))).toBe(true);
    expect(await countRows(t, 'audit_log', `action = 'rounds.updated' AND entity_id = $1`, [roundId])).toBe(
      1,
    );
  });

  it("plans the reminders again when the edition's lead time changes", async () => {
    const roundId = await openRound();
    const [{ editionId }] = await t.db.query<[{ editionId: string }]>(
      `SELECT edition_id AS "editionId" FROM rounds WHERE id = $1`,
      [roundId],
    );
    const before = await reminderJobs(roundId);
    await t
      .http()
      .patch(`/api/v1/editions/${editionId}`)
      .set(organiser.auth)
      .send({ reminderLeadHours: 12 })
      .expect(200);
    const fresh = (await reminderJobs(roundId)).slice(before.length);
    expect(fresh.length).toBeGreaterThan(0);
    const closesAt = Date.parse(before[0]!.closesAt);
    expect(fresh.some((job) => closesAt - job.runAt.getTime() === 12 * 3600_000)).toBe(true);
  });

  it('removes the deadline with null and plans nothing', async () => {
    const roundId = await openRound();
    const before = (await reminderJobs(roundId)).length;
    const res = await t
      .http()
      .patch(`/api/v1/rounds/${roundId}`)
      .set(organiser.auth)
      .send({ closesAt: null })
      .expect(200);
    expect(res.body.closesAt).toBeNull();
    expect(await reminderJobs(roundId)).toHaveLength(before);
  });

  it('refuses anonymous callers, entrants and jurors, and changes nothing', async () => {
    const roundId = await openRound();
    await t.http().patch(`/api/v1/rounds/${roundId}`).send({ name: 'x' }).expect(401);
    for (const role of ['entrant', 'juror'] as const) {
      const user = await signIn(t, [role]);
      const res = await t
        .http()
        .patch(`/api/v1/rounds/${roundId}`)
        .set(user.auth)
        .send({ name: 'x' })
        .expect(403);
      expect(res.body.code).toBe('auth.forbidden');
    }
    const [round] = await t.db.query<{ name: string }[]>(`SELECT name FROM rounds WHERE id = $1`, [roundId]);
    expect(round!.name).toBe('Main');
  });

  it('answers 404 for an unknown round and 400 for bad input, changing nothing', async () => {
    await t
      .http()
      .patch('/api/v1/rounds/00000000-0000-4000-8000-000000000000')
      .set(organiser.auth)
      .send({ name: 'x' })
      .expect(404);
    await t.http().patch('/api/v1/rounds/not-a-uuid').set(organiser.auth).send({ name: 'x' }).expect(400);
    const roundId = await openRound();
    const audit = await countRows(t, 'audit_log', `action = 'rounds.updated'`);
    for (const body of [
      { unknown: 1 },
      { closesAt: 'next tuesday' },
      { closesAt: new Date(Date.now() - DAY).toISOString() },
      { name: '' },
      { name: 42 },
    ]) {
      const res = await t
        .http()
        .patch(`/api/v1/rounds/${roundId}`)
        .set(organiser.auth)
        .send(body)
        .expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await countRows(t, 'audit_log', `action = 'rounds.updated'`)).toBe(audit);
  });

  it('refuses a closed round with 409', async () => {
    const roundId = await openRound();
    await t.db.query(`UPDATE rounds SET status = 'closed', closed_at = now() WHERE id = $1`, [roundId]);
    const res = await t
      .http()
      .patch(`/api/v1/rounds/${roundId}`)
      .set(organiser.auth)
      .send({ name: 'Late' })
      .expect(409);
    expect(res.body.code).toBe('rounds.closed');
  });
});

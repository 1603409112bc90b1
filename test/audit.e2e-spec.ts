import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Transactions } from '../src/database/transaction.js';
import { AuditLog } from '../src/modules/audit/audit.service.js';
import { signIn, type SignedIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('audit log', () => {
  let t: TestApp;
  let organiser: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await signIn(t, ['organiser']);
  });
  afterAll(() => t.close());

  it('chains 200 concurrent appends without forks or gaps, and verifies', async () => {
    const audit = t.app.get(AuditLog);
    const transactions = t.app.get(Transactions);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        transactions.run((manager) =>
          audit.append(manager, {
            action: 'test.concurrent',
            entityType: 'test',
            entityId: String(i),
            data: { i, note: 'ünïcødé ✓' },
          }),
        ),
      ),
    );
    const verify = await t.http().get('/api/v1/audit/verify').set(organiser.auth).expect(200);
    expect(verify.body).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });
    expect(verify.body.checked).toBeGreaterThanOrEqual(200);
    const [{ n, min, max }] = (await t.db.query(
      `SELECT count(*)::int AS n, min(seq)::int AS min, max(seq)::int AS max FROM audit_log`,
    )) as { n: number; min: number; max: number }[];
    expect([min, max]).toEqual([1, n]);
    expect(verify.body.head.seq).toBe(String(n));
  });

  it('refuses to change or delete a sealed entry', async () => {
    await t.sealAudit();
    await expect(t.db.query(`UPDATE audit_log SET data = '{}' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('reports a tampered entry at that entry', async () => {
    await t.sealAudit();
    const [target] = (await t.db.query(
      `SELECT id, seq FROM audit_log WHERE action = 'test.concurrent' ORDER BY seq OFFSET 50 LIMIT 1`,
    )) as { id: string; seq: string }[];
    // Someone with database superuser rights goes around the trigger.
    await t.db.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await t.db.query(`UPDATE audit_log SET data = jsonb_set(data, '{note}', '"forged"') WHERE id = $1`, [
      target!.id,
    ]);
    await t.db.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    const verify = await t.http().get('/api/v1/audit/verify').set(organiser.auth).expect(200);
    expect(verify.body.ok).toBe(false);
    expect(verify.body.firstBroken).toEqual({ id: target!.id, seq: target!.seq, reason: 'content_changed' });
    expect(verify.body.checked).toBe(Number(target!.seq) - 1);
  });

  it('lists entries for organisers, newest first, filtered and paginated', async () => {
    const res = await t
      .http()
      .get('/api/v1/audit')
      .query({ action: 'test.concurrent', pageSize: 10, page: 2 })
      .set(organiser.auth)
      .expect(200);
    expect(res.body).toMatchObject({ page: 2, pageSize: 10, total: 200 });
    expect(res.body.items).toHaveLength(10);
    expect(res.body.items.every((e: { action: string }) => e.action === 'test.concurrent')).toBe(true);
    expect(Number(res.body.items[0].id)).toBeGreaterThan(Number(res.body.items[9].id));
    const one = await t
      .http()
      .get('/api/v1/audit')
      .query({ entityType: 'test', entityId: '7' })
      .set(organiser.auth)
      .expect(200);
    expect(one.body.total).toBe(1);
  });

  it('refuses everyone but organisers', async () => {
    for (const path of ['/api/v1/audit', '/api/v1/audit/verify']) {
      await t.http().get(path).expect(401);
      for (const role of ['entrant', 'juror'] as const) {
        const user = await signIn(t, [role]);
        const res = await t.http().get(path).set(user.auth).expect(403);
        expect(res.body.code).toBe('auth.forbidden');
      }
    }
  });

  it('refuses bad filters', async () => {
    for (const query of [
      { pageSize: 1000 },
      { page: 0 },
      { editionId: 'not-a-uuid' },
      { from: 'yesterday' },
      { unknown: 'x' },
    ]) {
      const res = await t.http().get('/api/v1/audit').query(query).set(organiser.auth).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('request.validation_failed');
    }
  });
});

describe('audit log on an API instance that leaves sealing to the workers (AUDIT_SEALER=false)', () => {
  let t: TestApp;
  let organiser: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ AUDIT_SEALER: 'false', AUDIT_SEAL_MS: '10' });
    organiser = await signIn(t, ['organiser']);
  });
  afterAll(() => t.close());

  it('does not chain entries by itself, yet verifies after chaining what is committed', async () => {
    await t.app
      .get(Transactions)
      .run((manager) =>
        t.app.get(AuditLog).append(manager, { action: 'test.idle', entityType: 'test', entityId: 'x' }),
      );
    await new Promise((resolve) => setTimeout(resolve, 200)); // 20 ticks of a sealer, were one running
    const [{ unsealed }] = (await t.db.query(
      `SELECT count(*)::int AS unsealed FROM audit_log WHERE seq IS NULL`,
    )) as { unsealed: number }[];
    expect(unsealed).toBeGreaterThan(0);
    const verify = await t.http().get('/api/v1/audit/verify').set(organiser.auth).expect(200);
    expect(verify.body).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });
  });
});

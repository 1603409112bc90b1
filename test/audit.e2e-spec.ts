import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { Transactions } from '../src/database/transaction.js';
import { AuditLog, type AuditAction } from '../src/modules/audit/audit.service.js';
import { signIn, type SignedIn } from './support/factories.js';
import { LEGACY_AUDIT_CHAIN } from './support/legacy-audit-chain.js';
import { closeAndTally, createJudgedWorld, scoreTable } from './support/tally.js';
import { createTestApp, createTestDatabase, type TestApp, type TestDatabase } from './support/test-app.js';

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
            // A test's own action: none the platform writes, so outside the union.
            action: 'test.concurrent' as AuditAction,
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
    const [{ n, min, max }] = await t.db.query<[{ n: number; min: number; max: number }]>(
      `SELECT count(*)::int AS n, min(seq)::int AS min, max(seq)::int AS max FROM audit_log`,
    );
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
    const [target] = await t.db.query<{ id: string; seq: string }[]>(
      `SELECT id, seq FROM audit_log WHERE action = 'test.concurrent' ORDER BY seq OFFSET 50 LIMIT 1`,
    );
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

  it("names each entry's actor (as the account reads now), and filters by actor", async () => {
    const actor = await signIn(t, ['juror'], { fullName: 'Aigerim Named Actor' });
    await t.app.get(Transactions).run((manager) =>
      t.app.get(AuditLog).appendMany(manager, [
        {
          action: 'test.named' as AuditAction,
          entityType: 'test',
          entityId: 'a',
          actorId: actor.id,
          data: {},
        },
        { action: 'test.named' as AuditAction, entityType: 'test', entityId: 'b', data: {} },
      ]),
    );
    const res = await t
      .http()
      .get('/api/v1/audit')
      .query({ action: 'test.named' })
      .set(organiser.auth)
      .expect(200);
    expect(
      res.body.items.map((e: { actorId: string | null; actorName: string | null }) => [
        e.actorId,
        e.actorName,
      ]),
    ).toEqual([
      [null, null],
      [actor.id, 'Aigerim Named Actor'],
    ]);
    const mine = await t
      .http()
      .get('/api/v1/audit')
      .query({ actorId: actor.id, action: 'test.named' })
      .set(organiser.auth)
      .expect(200);
    expect(mine.body).toMatchObject({
      total: 1,
      items: [{ entityId: 'a', actorName: 'Aigerim Named Actor' }],
    });
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
        t.app
          .get(AuditLog)
          .append(manager, { action: 'test.idle' as AuditAction, entityType: 'test', entityId: 'x' }),
      );
    await new Promise((resolve) => setTimeout(resolve, 200)); // 20 ticks of a sealer, were one running
    const [{ unsealed }] = await t.db.query<[{ unsealed: number }]>(
      `SELECT count(*)::int AS unsealed FROM audit_log WHERE seq IS NULL`,
    );
    expect(unsealed).toBeGreaterThan(0);
    const verify = await t.http().get('/api/v1/audit/verify').set(organiser.auth).expect(200);
    expect(verify.body).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });
  });
});

describe('audit log on a PostgreSQL server shared with other databases', () => {
  let t: TestApp;
  let organiser: SignedIn;
  let other: TestDatabase;
  let holder: pg.Client;

  beforeAll(async () => {
    // No periodic sealer: only the on-demand sealing of verify and publish chains entries here.
    t = await createTestApp({ AUDIT_SEALER: 'false' });
    organiser = await signIn(t, ['organiser']);
    other = await createTestDatabase();
    holder = new pg.Client({ connectionString: other.url });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end().catch(() => undefined);
    await t.close();
  });

  /** A transaction that has an xid and stays open in another database, as any other tenant of the server may do. */
  async function holdTransactionElsewhere(): Promise<() => Promise<void>> {
    await holder.query('BEGIN');
    await holder.query('SELECT txid_current()');
    return async () => {
      await holder.query('ROLLBACK');
    };
  }

  async function timed<T>(work: () => PromiseLike<T>): Promise<{ value: T; ms: number }> {
    const start = performance.now();
    const value = await work();
    return { value, ms: performance.now() - start };
  }

  it("verifies at once, and an unknown edition's publish is an immediate 404", async () => {
    const release = await holdTransactionElsewhere();
    try {
      await t.app
        .get(Transactions)
        .run((manager) =>
          t.app
            .get(AuditLog)
            .append(manager, { action: 'test.shared' as AuditAction, entityType: 'test', entityId: '1' }),
        );
      const verify = await timed(() => t.http().get('/api/v1/audit/verify').set(organiser.auth));
      expect(verify.value.status).toBe(200);
      expect(verify.value.body).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });
      expect(verify.ms).toBeLessThan(1000);
      const unknown = await timed(() =>
        t
          .http()
          .post('/api/v1/editions/00000000-0000-4000-8000-000000000000/publish')
          .set(organiser.auth)
          .send({}),
      );
      expect(unknown.value.status).toBe(404);
      expect(unknown.ms).toBeLessThan(1000);
    } finally {
      await release();
    }
  });

  it("publishes at once, and the manifest's audit head covers every entry of the edition written before", async () => {
    // Held open from before the edition's entries are written, as a long report on another database would be.
    const release = await holdTransactionElsewhere();
    try {
      const world = await createJudgedWorld(t, {
        minScorecards: 2,
        jurors: ['A', 'B'],
        nominations: { T1: {}, T2: {} },
      });
      await scoreTable(t, world, { A: { T1: 4, T2: 6 }, B: { T1: 8, T2: 9 } });
      await closeAndTally(t, world, organiser.auth);
      const [{ last }] = await t.db.query<[{ last: string }]>(`SELECT max(id)::text AS last FROM audit_log`);
      const publish = await timed(() =>
        t.http().post(`/api/v1/editions/${world.edition.id}/publish`).set(organiser.auth).send({}),
      );
      expect(publish.value.status).toBe(200);
      expect(publish.ms).toBeLessThan(1000);
      const manifest = await t.http().get(`/api/v1/public/editions/${world.edition.slug}/results/manifest`);
      expect(manifest.status).toBe(200);
      const head = (manifest.body as { auditHead: { seq: string; hash: string } }).auditHead;
      const entries = await t.db.query<{ action: string; seq: string | null }[]>(
        `SELECT action, seq::text AS seq FROM audit_log
          WHERE edition_id = $1 AND id <= $2 ORDER BY id`,
        [world.edition.id, last],
      );
      expect(entries.map((e) => e.action)).toEqual(
        expect.arrayContaining(['rounds.closed', 'tally.computed']),
      );
      for (const entry of entries) {
        expect(entry.seq).not.toBeNull();
        expect(BigInt(entry.seq!)).toBeLessThanOrEqual(BigInt(head.seq));
      }
      const [sealedHead] = await t.db.query<{ hash: string }[]>(`SELECT hash FROM audit_log WHERE seq = $1`, [
        head.seq,
      ]);
      expect(sealedHead!.hash).toBe(head.hash);
    } finally {
      await release();
    }
  });

  it('neither waits for nor skips an entry whose transaction is still open in this database', async () => {
    const client = new pg.Client({ connectionString: t.config.DATABASE_URL });
    await client.connect();
    try {
      await client.query('BEGIN');
      const [open] = (
        await client.query<{ id: string }>(
          `INSERT INTO audit_log (occurred_at, action, entity_type, content_hash)
           VALUES (now(), 'test.slow_writer', 'test', repeat('0', 64)) RETURNING id`,
        )
      ).rows;
      const verify = await timed(() => t.http().get('/api/v1/audit/verify').set(organiser.auth));
      expect(verify.value.status).toBe(200);
      expect(verify.ms).toBeLessThan(1000);
      await client.query('COMMIT');
      await t.sealAudit();
      const [row] = await t.db.query<{ seq: string | null }[]>(`SELECT seq FROM audit_log WHERE id = $1`, [
        open!.id,
      ]);
      expect(row!.seq).not.toBeNull();
    } finally {
      await client.end();
    }
  });
});

describe('audit log written before the actions became a typed union', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('still verifies, and new entries with legacy spellings chain after it', async () => {
    const [{ n }] = await t.db.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM audit_log`);
    expect(n).toBe(0); // the stored chain starts at seq 1, as it did where it was written
    for (const e of LEGACY_AUDIT_CHAIN) {
      await t.db.query(
        `INSERT INTO audit_log (occurred_at, actor_id, action, entity_type, entity_id, edition_id, data, content_hash, seq, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11)`,
        [
          e.occurredAt,
          e.actorId,
          e.action,
          e.entityType,
          e.entityId,
          e.editionId,
          JSON.stringify(e.data),
          e.contentHash,
          e.seq,
          e.prevHash,
          e.hash,
        ],
      );
    }
    await t.app.get(Transactions).run((manager) =>
      t.app.get(AuditLog).append(manager, {
        action: 'editions.phase_changed',
        entityType: 'edition',
        entityId: LEGACY_AUDIT_CHAIN[1]!.entityId,
        data: { from: 'nominations', to: 'judging' },
      }),
    );
    const organiser = await signIn(t, ['organiser']);
    const verify = await t.http().get('/api/v1/audit/verify').set(organiser.auth).expect(200);
    expect(verify.body).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });
    expect(verify.body.checked).toBeGreaterThan(LEGACY_AUDIT_CHAIN.length);
    const [next] = await t.db.query<{ prev_hash: string }[]>(
      `SELECT prev_hash FROM audit_log WHERE seq = $1`,
      [LEGACY_AUDIT_CHAIN.length + 1],
    );
    expect(next!.prev_hash).toBe(LEGACY_AUDIT_CHAIN.at(-1)!.hash);
  });
});

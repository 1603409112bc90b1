import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countRows, createUser, login, signIn, type SignedIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';

describe('users', () => {
  let t: TestApp;
  let organiser: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000', RATE_LIMIT_ACCOUNT_POINTS: '1000' });
    organiser = await signIn(t, ['organiser']);
  });
  afterAll(() => t.close());

  const patch = (caller: { auth: { Authorization: string } }, id: string, body: unknown) =>
    t
      .http()
      .patch(`${API}/users/${id}`)
      .set(caller.auth)
      .send(body as object);
  const me = (token: string) => t.http().get(`${API}/auth/me`).set('Authorization', `Bearer ${token}`);
  const refresh = (refreshToken: string) => t.http().post(`${API}/auth/refresh`).send({ refreshToken });
  const userRow = async (id: string) =>
    (
      await t.db.query<{ roles: string[]; disabled_at: Date | null; updated_at: Date }[]>(
        `SELECT roles, disabled_at, updated_at FROM users WHERE id = $1`,
        [id],
      )
    )[0]!;

  describe('GET /users', () => {
    it('lists every account, paginated, for organisers', async () => {
      const a = await createUser(t);
      const b = await createUser(t, { roles: ['juror'] });
      await t.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [b.id]);
      const res = await t.http().get(`${API}/users`).query({ pageSize: 100 }).set(organiser.auth).expect(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 100, total: await countRows(t, 'users') });
      const items = res.body.items as Record<string, unknown>[];
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: a.id, roles: ['entrant'], disabled: false, locked: false }),
          expect.objectContaining({ id: b.id, disabled: true }),
        ]),
      );
      expect(items.every((u) => !('passwordHash' in u))).toBe(true);
      const second = await t
        .http()
        .get(`${API}/users`)
        .query({ page: 2, pageSize: 1 })
        .set(organiser.auth)
        .expect(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).toBe(items[1]!.id);
    });

    it('finds accounts by part of the name or e-mail address, and by role', async () => {
      const marker = `zq${randomUUID().slice(0, 8)}`;
      const byEmail = await createUser(t, { email: `${marker}.one@example.kz` });
      const byName = await createUser(t, { fullName: `Dana ${marker.toUpperCase()}`, roles: ['juror'] });
      const found = await t.http().get(`${API}/users`).query({ q: marker }).set(organiser.auth).expect(200);
      expect(found.body.total).toBe(2);
      expect((found.body.items as { id: string }[]).map((u) => u.id).sort()).toEqual(
        [byEmail.id, byName.id].sort(),
      );
      const jurors = await t
        .http()
        .get(`${API}/users`)
        .query({ q: marker, role: 'juror' })
        .set(organiser.auth)
        .expect(200);
      expect(jurors.body.items.map((u: { id: string }) => u.id)).toEqual([byName.id]);
      // LIKE's wildcards are text here.
      const wildcard = await t.http().get(`${API}/users`).query({ q: '%_%' }).set(organiser.auth).expect(200);
      expect(wildcard.body.total).toBe(0);
    });

    it('refuses entrants and jurors with 403, and anonymous callers with 401', async () => {
      for (const roles of [['entrant'], ['juror'], ['entrant', 'juror']] as const) {
        const caller = await signIn(t, [...roles]);
        expect((await t.http().get(`${API}/users`).set(caller.auth).expect(403)).body.code).toBe(
          'auth.forbidden',
        );
      }
      await t.http().get(`${API}/users`).expect(401);
    });

    it('refuses unknown and bad query parameters', async () => {
      for (const query of [{ role: 'wizard' }, { q: '' }, { page: 0 }, { pageSize: 101 }, { page: 'two' }]) {
        const res = await t.http().get(`${API}/users`).query(query).set(organiser.auth).expect(400);
        expect(res.body.code).toBe('request.validation_failed');
        expect(res.body.errors).toEqual([
          { field: Object.keys(query)[0], messages: expect.any(Array), codes: expect.any(Array) },
        ]);
      }
    });
  });

  describe('PATCH /users/{id}', () => {
    it('changes roles, ends the user’s sessions and records the change', async () => {
      const entrant = await signIn(t, ['entrant']);
      const res = await patch(organiser, entrant.id, { roles: ['entrant', 'juror'] }).expect(200);
      expect(res.body).toMatchObject({ id: entrant.id, roles: ['entrant', 'juror'], disabled: false });
      // The old token carries the old roles: it stops working at once, and so does its refresh token.
      await me(entrant.token).expect(401);
      await refresh(entrant.refreshToken).expect(401);
      const relogged = await login(t, entrant.email);
      expect((await me(relogged.token).expect(200)).body.roles).toEqual(['entrant', 'juror']);
      const audit = await t
        .http()
        .get(`${API}/audit`)
        .query({ action: 'users.updated', entityId: entrant.id })
        .set(organiser.auth)
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          actorId: organiser.id,
          data: {
            before: { roles: ['entrant'], disabled: false },
            after: { roles: ['entrant', 'juror'], disabled: false },
          },
        }),
      ]);
    });

    it('disables and re-enables an account', async () => {
      const juror = await signIn(t, ['juror']);
      expect((await patch(organiser, juror.id, { disabled: true }).expect(200)).body.disabled).toBe(true);
      await me(juror.token).expect(401);
      await refresh(juror.refreshToken).expect(401);
      await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: juror.email, password: juror.password })
        .expect(401);
      expect((await patch(organiser, juror.id, { disabled: false }).expect(200)).body.disabled).toBe(false);
      await login(t, juror.email);
    });

    it('leaves sessions alone when nothing changes', async () => {
      const juror = await signIn(t, ['juror']);
      await patch(organiser, juror.id, { roles: ['juror'], disabled: false }).expect(200);
      await patch(organiser, juror.id, {}).expect(200);
      await me(juror.token).expect(200);
      expect(await countRows(t, 'audit_log', `action = 'users.updated' AND entity_id = $1`, [juror.id])).toBe(
        0,
      );
    });

    it('lets an organiser step down while another organiser remains', async () => {
      const leaving = await signIn(t, ['organiser', 'juror']);
      await patch(leaving, leaving.id, { roles: ['juror'] }).expect(200);
      await me(leaving.token).expect(401);
    });

    it('refuses an organiser disabling their own account with 409, changing nothing; another organiser may', async () => {
      const self = await signIn(t, ['organiser']);
      const before = await userRow(self.id);
      const res = await patch(self, self.id, { disabled: true }).expect(409);
      expect(res.body.code).toBe('users.cannot_disable_self');
      expect(await userRow(self.id)).toEqual(before);
      await me(self.token).expect(200);
      // Enabling oneself (a no-op while active) is no refusal.
      await patch(self, self.id, { disabled: false }).expect(200);
      expect((await patch(organiser, self.id, { disabled: true }).expect(200)).body.disabled).toBe(true);
      await patch(organiser, self.id, { disabled: false }).expect(200);
    });

    it('refuses to disable or demote the last active organiser with 409', async () => {
      const last = await signIn(t, ['organiser']);
      // Only `last` stays an active organiser; the others are put back afterwards.
      const others = await t.db.query<[{ id: string }[], number]>(
        `UPDATE users SET disabled_at = now() WHERE 'organiser' = ANY(roles) AND disabled_at IS NULL AND id <> $1 RETURNING id`,
        [last.id],
      );
      try {
        const before = await userRow(last.id);
        for (const [body, code] of [
          [{ disabled: true }, 'users.cannot_disable_self'],
          [{ roles: ['juror'] }, 'users.last_organiser'],
          [{ roles: ['entrant'], disabled: true }, 'users.cannot_disable_self'],
        ] as const) {
          const res = await patch(last, last.id, body).expect(409);
          expect(res.body.code).toBe(code);
        }
        expect(await userRow(last.id)).toEqual(before);
        await me(last.token).expect(200);
        // Adding a role is no demotion.
        await patch(last, last.id, { roles: ['organiser', 'juror'] }).expect(200);
      } finally {
        await t.db.query(`UPDATE users SET disabled_at = NULL WHERE id = ANY($1)`, [
          others[0].map((r) => r.id),
        ]);
      }
    });

    it('never leaves no organiser, nor fails, when the last two organisers disable each other at once', async () => {
      const others = await t.db.query<[{ id: string }[], number]>(
        `UPDATE users SET disabled_at = now() WHERE 'organiser' = ANY(roles) AND disabled_at IS NULL RETURNING id`,
      );
      try {
        // A few rounds: the requests interleave differently each time (a deadlock once answered 500 here).
        for (let round = 0; round < 5; round++) {
          const a = await signIn(t, ['organiser']);
          const b = await signIn(t, ['organiser']);
          const results = await Promise.all([
            patch(a, b.id, { disabled: true }),
            patch(b, a.id, { roles: ['juror'] }),
          ]);
          expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
          expect(
            await countRows(t, 'users', `'organiser' = ANY(roles) AND disabled_at IS NULL AND id = ANY($1)`, [
              [a.id, b.id],
            ]),
          ).toBe(1);
          await t.db.query(`UPDATE users SET disabled_at = now() WHERE id = ANY($1)`, [[a.id, b.id]]);
        }
      } finally {
        await t.db.query(`UPDATE users SET disabled_at = NULL WHERE id = ANY($1)`, [
          others[0].map((r) => r.id),
        ]);
      }
    });

    it('refuses entrants and jurors with 403 and anonymous callers with 401, changing nothing', async () => {
      const target = await createUser(t);
      const before = await userRow(target.id);
      for (const roles of [['entrant'], ['juror']] as const) {
        const caller = await signIn(t, [...roles]);
        expect((await patch(caller, target.id, { roles: ['organiser'] }).expect(403)).body.code).toBe(
          'auth.forbidden',
        );
        // Not even on their own account.
        await patch(caller, caller.id, { roles: ['organiser'] }).expect(403);
      }
      await t.http().patch(`${API}/users/${target.id}`).send({ disabled: true }).expect(401);
      expect(await userRow(target.id)).toEqual(before);
    });

    it('answers 404 for an unknown id and 400 for an id that is not a UUID', async () => {
      const missing = await patch(organiser, randomUUID(), { disabled: true }).expect(404);
      expect(missing.body.code).toBe('users.not_found');
      expect((await patch(organiser, 'not-a-uuid', { disabled: true }).expect(400)).body.code).toBe(
        'request.validation_failed',
      );
    });

    it.each([
      [
        'an unknown field',
        { roles: ['juror'], password: 'Steppe-Caravan-Route-2025' },
        'property password should not exist',
      ],
      ['an unknown role', { roles: ['admin'] }, 'roles'],
      ['no role', { roles: [] }, 'roles'],
      ['a repeated role', { roles: ['juror', 'juror'] }, 'roles'],
      ['roles as a string', { roles: 'juror' }, 'roles'],
      ['disabled as a string', { disabled: 'yes' }, 'disabled'],
      ['an array body', [{ disabled: true }], null],
    ])('refuses %s with 400 and changes nothing', async (_, body, field) => {
      const target = await signIn(t, ['entrant']);
      const before = await userRow(target.id);
      const res = await patch(organiser, target.id, body).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('request.validation_failed');
      if (field === 'roles' || field === 'disabled')
        expect(res.body.errors).toEqual([{ field, messages: expect.any(Array), codes: expect.any(Array) }]);
      if (field?.startsWith('property'))
        expect(res.body.errors).toEqual([
          { field: 'password', messages: [field], codes: [{ code: 'whitelistValidation' }] },
        ]);
      expect(await userRow(target.id)).toEqual(before);
      await me(target.token).expect(200);
    });
  });
});

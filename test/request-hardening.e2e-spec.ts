import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { createEdition, type TestEdition } from './support/editions.js';
import { countRows, signIn, type SignedIn, uniqueEmail } from './support/factories.js';
import { createCompany, createNomination, type TestCompany } from './support/nominations.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';
const PASSWORD = 'Aral-Sea-Ferry-Timetable-7';
/** Tables a refused request must leave alone. */
const TABLES = [
  'users',
  'auth_sessions',
  'invitations',
  'companies',
  'company_members',
  'nominations',
  'editions',
  'audit_log',
  'outbox',
  'idempotency_keys',
];

function expectProblem(res: Response, status: number, code: string): void {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status, body: { status, code } });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

describe('request hardening (issue 11)', () => {
  let t: TestApp;
  let organiser: SignedIn;
  let entrant: SignedIn;
  let juror: SignedIn;
  let company: TestCompany;
  let edition: TestEdition;
  let nominationId: string;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000', RATE_LIMIT_ACCOUNT_POINTS: '1000' });
    [organiser, entrant, juror] = await Promise.all([
      signIn(t, ['organiser']),
      signIn(t, ['entrant']),
      signIn(t, ['juror']),
    ]);
    company = await createCompany(t, entrant.id);
    edition = await createEdition(t);
    nominationId = await createNomination(t, {
      editionId: edition.id,
      categoryId: edition.categories[0]!.id,
      companyId: company.id,
      createdBy: entrant.id,
    });
  });
  afterAll(() => t.close());

  const counts = async () =>
    Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await countRows(t, table)])));

  describe('finding 7: page, NUL, lone surrogates, control characters, deep nesting', () => {
    it('refuses a page beyond 10000 with 400 on every list route (was 500 out of int4 range)', async () => {
      const roundId = '00000000-0000-4000-8000-000000000000';
      const lists: [string, SignedIn][] = [
        ['/editions', organiser],
        ['/companies', organiser],
        ['/users', organiser],
        ['/nominations', organiser],
        ['/audit', organiser],
        ['/notifications', organiser],
        ['/conflicts', organiser],
        [`/rounds/${roundId}/assignments`, organiser],
        ['/me/assignments', juror],
      ];
      for (const [path, who] of lists) {
        for (const page of ['107374184', '10001', '99999999999999999999']) {
          const res = await t.http().get(`${API}${path}`).query({ page }).set(who.auth);
          expectProblem(res, 400, 'request.validation_failed');
          expect(res.body.errors).toEqual(
            expect.arrayContaining([
              { field: 'page', messages: expect.any(Array), codes: expect.any(Array) },
            ]),
          );
        }
      }
      await t.http().get(`${API}/editions`).query({ page: '10000' }).set(organiser.auth).expect(200);
    });

    it('refuses NUL in a query, a name and a comment-like text with 400, recording nothing', async () => {
      const before = await counts();
      for (const path of ['/nominations', '/companies'])
        expectProblem(
          await t.http().get(`${API}${path}?q=%00`).set(organiser.auth),
          400,
          'request.validation_failed',
        );
      const company = await t
        .http()
        .post(`${API}/companies`)
        .set(entrant.auth)
        .send({ name: 'Caravan\u0000Freight', country: 'KZ', registrationNumber: 'KZ-NUL-1' });
      expectProblem(company, 400, 'request.validation_failed');
      expect(company.body.errors).toEqual([{ field: 'name', messages: [expect.stringContaining('NUL')] }]);
      const summary = await t
        .http()
        .patch(`${API}/nominations/${nominationId}`)
        .set(entrant.auth)
        .send({ summary: 'Line one\nline two\u0000' });
      expectProblem(summary, 400, 'request.validation_failed');
      expect(summary.body.errors).toEqual([{ field: 'summary', messages: [expect.any(String)] }]);
      expect(await counts()).toEqual(before);
    });

    it('refuses a lone surrogate in an e-mail address on every route that takes one (was 500 URIError)', async () => {
      const before = await counts();
      const email = 'x\ud800@example.test';
      const routes: [string, Record<string, unknown>, SignedIn?][] = [
        ['/auth/login', { email, password: PASSWORD }],
        ['/auth/register', { email, password: PASSWORD, fullName: 'Lone Surrogate' }],
        ['/auth/password-reset', { email }],
        ['/invitations', { email, role: 'juror' }, organiser],
        [`/companies/${company.id}/members`, { email }, entrant],
      ];
      for (const [path, body, who] of routes) {
        for (const value of [email, '\ud800', '\udc00x@example.test']) {
          const req = t.http().post(`${API}${path}`);
          const res = await (who ? req.set(who.auth) : req).send({ ...body, email: value });
          expectProblem(res, 400, 'request.validation_failed');
          expect(res.body.errors).toEqual([
            { field: 'email', messages: [expect.stringContaining('surrogate')] },
          ]);
        }
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses a lone surrogate in a name (was 500 from the audit’s jsonb) but takes a well-formed pair', async () => {
      const before = await counts();
      const res = await t
        .http()
        .post(`${API}/companies`)
        .set(entrant.auth)
        .send({ name: 'Steppe \udfff Freight', country: 'KZ', registrationNumber: 'KZ-SUR-1' });
      expectProblem(res, 400, 'request.validation_failed');
      const key = await t
        .http()
        .post(`${API}/companies`)
        .set(entrant.auth)
        .send({ name: 'Freight', country: 'KZ', registrationNumber: 'KZ-SUR-2', ['a\ud800']: 1 });
      expectProblem(key, 400, 'request.validation_failed');
      expect(await counts()).toEqual(before);
      await t
        .http()
        .post(`${API}/companies`)
        .set(entrant.auth)
        .send({ name: 'Steppe 🚚 Freight', country: 'KZ', registrationNumber: 'KZ-SUR-3' })
        .expect(201);
    });

    it('refuses CR, LF and other control characters in one-line fields, keeps line breaks in texts', async () => {
      const before = await counts();
      const oneLine: [string, Record<string, unknown>, SignedIn?][] = [
        ['/auth/register', { email: uniqueEmail('crlf'), password: PASSWORD, fullName: 'Two\r\nLines' }],
        [
          '/auth/register',
          { email: 'a@example.test\r\nBcc: b@example.test', password: PASSWORD, fullName: 'A' },
        ],
        ['/companies', { name: 'Tab\tCompany', country: 'KZ', registrationNumber: 'KZ-CR-1' }, entrant],
        ['/companies', { name: 'Company', country: 'KZ', registrationNumber: 'KZ\nCR-2' }, entrant],
        ['/invitations', { email: 'x@example.test\n', role: 'juror' }, organiser],
      ];
      for (const [path, body, who] of oneLine) {
        const req = t.http().post(`${API}${path}`);
        const res = await (who ? req.set(who.auth) : req).send(body);
        expectProblem(res, 400, 'request.validation_failed');
      }
      expectProblem(
        await t.http().get(`${API}/companies`).query({ q: 'a\nb' }).set(organiser.auth),
        400,
        'request.validation_failed',
      );
      expect(await counts()).toEqual(before);
      await t
        .http()
        .patch(`${API}/nominations/${nominationId}`)
        .set(entrant.auth)
        .send({ summary: 'Line one\nline two\n\tindented' })
        .expect(200);
    });

    it('refuses 2,000 nested arrays and 5,000 nested objects with 400 (was 500 RangeError), anonymous or not', async () => {
      const before = await counts();
      const arrays = `${'['.repeat(2000)}${']'.repeat(2000)}`;
      const objects = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
      const inField = (nested: string) => `{"email":"a@b.test","password":${nested}}`;
      const sends: [string, string, SignedIn?][] = [
        ['post', '/auth/login'],
        ['post', '/auth/register'],
        ['post', '/nominations', entrant],
        ['patch', `/nominations/${nominationId}`, entrant],
        ['patch', `/editions/${edition.id}`, organiser],
        ['post', `/companies`, entrant],
      ];
      for (const [method, path, who] of sends) {
        for (const body of [arrays, objects, inField(arrays), inField(objects)]) {
          const req = method === 'post' ? t.http().post(`${API}${path}`) : t.http().patch(`${API}${path}`);
          const res = await (who ? req.set(who.auth) : req)
            .set('content-type', 'application/json')
            .send(body);
          expectProblem(res, 400, 'request.too_deeply_nested');
          expect(res.body.maxDepth).toBe(32);
        }
      }
      // Brackets inside strings are text, not nesting.
      const login = await t
        .http()
        .post(`${API}/auth/login`)
        .set('content-type', 'application/json')
        .send(JSON.stringify({ email: entrant.email, password: '['.repeat(5000) }));
      expect(login.status).toBe(400);
      expect(login.body.code).toBe('request.validation_failed');
      expect(await counts()).toEqual(before);
    });
  });

  describe('finding 10: the router’s own errors', () => {
    const securityHeaders = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'cache-control': 'no-store',
    };

    it('answers a malformed URL with a problem document, security headers and request id, not echoing it', async () => {
      for (const path of [`${API}/%`, `${API}/nominations/%E0%A4%A`, `${API}/%3Cscript%3E%`]) {
        const res = await t.http().get(path).set('X-Request-Id', 'probe-bad-url-0001');
        expectProblem(res, 400, 'request.bad_url');
        expect(res.headers).toMatchObject(securityHeaders);
        expect(res.body.requestId).toBe('probe-bad-url-0001');
        expect(res.text).not.toContain('%');
        expect(res.text).not.toContain('script');
      }
    });

    it('answers an over-long path parameter with 414 in the same format, not echoing it', async () => {
      const long = `${'evil'.repeat(25)}x`;
      const res = await t.http().get(`${API}/nominations/${long}`).set(entrant.auth);
      expectProblem(res, 414, 'request.uri_too_long');
      expect(res.headers).toMatchObject(securityHeaders);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.text).not.toContain('evil');
    });
  });

  describe('finding 11: Cache-Control: no-store on tokens and personal data', () => {
    it('login, refresh, /auth/me and authenticated lists are no-store', async () => {
      const login = await t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: entrant.email, password: entrant.password })
        .expect(200);
      expect(login.headers['cache-control']).toBe('no-store');
      const refresh = await t
        .http()
        .post(`${API}/auth/refresh`)
        .send({ refreshToken: login.body.refreshToken })
        .expect(200);
      expect(refresh.headers['cache-control']).toBe('no-store');
      for (const [path, who] of [
        ['/auth/me', entrant],
        ['/nominations', entrant],
        [`/nominations/${nominationId}`, entrant],
        ['/companies', entrant],
        ['/users', organiser],
        ['/editions', organiser],
        ['/audit', organiser],
      ] as const) {
        const res = await t.http().get(`${API}${path}`).set(who.auth).expect(200);
        expect([path, res.headers['cache-control']]).toEqual([path, 'no-store']);
      }
      // Refusals too: a 401 or 404 says something about the caller.
      expect((await t.http().get(`${API}/auth/me`)).headers['cache-control']).toBe('no-store');
    });
  });

  describe('finding 12: the queue dashboard refuses cross-origin changes', () => {
    const pause = '/admin/queues/api/queues/notifications/pause';
    const resume = '/admin/queues/api/queues/notifications/resume';
    let cookie: string;

    beforeAll(async () => {
      const res = await t.http().post(`${API}/queue-dashboard/tickets`).set(organiser.auth).expect(201);
      const url = new URL(res.body.url as string);
      const entered = await t.http().get(`${url.pathname}${url.search}`).expect(303);
      cookie = (entered.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    });

    const paused = async (): Promise<boolean> => {
      const res = await t.http().get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
      return (res.body.queues as { name: string; isPaused: boolean }[]).find(
        (q) => q.name === 'notifications',
      )!.isPaused;
    };

    it('a cookie-borne PUT from another origin (or site, or without Origin) is 403 and pauses nothing', async () => {
      const origin = new URL(t.config.PUBLIC_URL).origin;
      const attempts: Record<string, string>[] = [
        { Origin: 'https://evil.example' },
        { Origin: 'null' },
        { Origin: `${origin}.evil.example` },
        { Origin: origin, 'Sec-Fetch-Site': 'cross-site' },
        { Origin: origin, 'Sec-Fetch-Site': 'same-site' },
        { 'Sec-Fetch-Site': 'cross-site' },
        {},
      ];
      for (const headers of attempts) {
        const res = await t.http().put(pause).set('Cookie', cookie).set(headers);
        expectProblem(res, 403, 'request.cross_origin');
      }
      // Also with a bearer token when the browser says the page is foreign.
      expectProblem(
        await t.http().put(pause).set(organiser.auth).set('Origin', 'https://evil.example'),
        403,
        'request.cross_origin',
      );
      expect(await paused()).toBe(false);
    });

    it('the dashboard’s own page (same origin) and a bearer-authenticated script may still act', async () => {
      const origin = new URL(t.config.PUBLIC_URL).origin;
      await t
        .http()
        .put(pause)
        .set('Cookie', cookie)
        .set({ Origin: origin, 'Sec-Fetch-Site': 'same-origin' })
        .expect(200);
      expect(await paused()).toBe(true);
      await t.http().put(resume).set(organiser.auth).expect(200);
      expect(await paused()).toBe(false);
    });
  });
});

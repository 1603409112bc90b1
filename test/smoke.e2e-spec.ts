import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { assertTestDatabase } from './setup/db.js';
import { signIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is ready and knows the caller', async () => {
    await t.http().get('/api/v1/health/ready').expect(200);
    const organiser = await signIn(t, ['organiser']);
    const me = await t.http().get('/api/v1/auth/me').set(organiser.auth).expect(200);
    expect(me.body.roles).toEqual(['organiser']);
  });

  it('answers malformed JSON with problem+json', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .set('content-type', 'application/json')
      .send('{bad');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('request.malformed_body');
  });
});

describe('OpenAPI and test-database guard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves Swagger UI and a document where every route states its auth and problem responses', async () => {
    await t.http().get('/api/docs').expect(200);
    const doc = await t.http().get('/api/docs-json').expect(200);
    const operations = Object.entries(
      doc.body.paths as Record<
        string,
        Record<string, { security?: unknown[]; responses: Record<string, unknown> }>
      >,
    ).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(10);
    for (const { op } of operations) expect(op.responses.default).toBeDefined();
    const me = doc.body.paths['/api/v1/auth/me'].get;
    expect(me.security).toEqual([{ bearer: [] }]);
    expect(me.responses['401']).toBeDefined();
    expect(doc.body.paths['/api/v1/audit'].get.responses['403']).toBeDefined();
  });

  it('refuses to touch a database whose name does not mark it as a test one', () => {
    for (const name of ['magistral', 'production', 'testing', 'contest_db'])
      expect(() => assertTestDatabase(name)).toThrow(/Refusing/);
    for (const name of ['test', 'magistral_test_x', 'test_magistral'])
      expect(() => assertTestDatabase(name)).not.toThrow();
  });
});

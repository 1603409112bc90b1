import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
    const res = await t.http().post('/api/v1/auth/register').set('content-type', 'application/json').send('{bad');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('request.malformed_body');
  });
});

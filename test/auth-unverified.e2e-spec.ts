import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countRows, uniqueEmail } from './support/factories.js';
import { nthMailTo } from './support/mailbox.js';
import { TestSmtpServer, tokenFrom } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const API = '/api/v1';
const PASSWORD = 'Aktau-Port-Container-Yard-5';

/**
 * An unverified account signs in, but until its address is verified it may only verify it (or have the mail
 * sent again), read its own account and sign out: everything else is 403 `auth.email_unverified`.
 */
describe('unverified accounts', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SMTP_URL: await smtp.start(), RATE_LIMIT_IP_POINTS: '100000' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function registered(): Promise<{ email: string; access: string; refreshToken: string }> {
    const email = uniqueEmail('unverified');
    await t
      .http()
      .post(`${API}/auth/register`)
      .send({ email, password: PASSWORD, fullName: 'Not Yet Verified' })
      .expect(201);
    const login = await t.http().post(`${API}/auth/login`).send({ email, password: PASSWORD }).expect(200);
    return {
      email,
      access: login.body.accessToken as string,
      refreshToken: login.body.refreshToken as string,
    };
  }

  it('signs in, but may only read its account, resend the mail and sign out; the rest is 403 auth.email_unverified', async () => {
    const { access } = await registered();
    const auth = { Authorization: `Bearer ${access}` };
    const me = await t.http().get(`${API}/auth/me`).set(auth).expect(200);
    expect(me.body.emailVerified).toBe(false);
    await t.http().post(`${API}/auth/verify-email/resend`).set(auth).expect(202);

    const companies = await countRows(t, 'companies');
    const refusals = [
      t
        .http()
        .post(`${API}/companies`)
        .set(auth)
        .send({ name: 'Squat LLP', country: 'KZ', registrationNumber: '123456' }),
      t.http().get(`${API}/companies`).set(auth),
      t.http().get(`${API}/editions`).set(auth),
      t.http().get(`${API}/nominations`).set(auth),
    ];
    for (const response of await Promise.all(refusals)) {
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('auth.email_unverified');
    }
    expect(await countRows(t, 'companies')).toBe(companies);

    await t.http().post(`${API}/auth/logout`).set(auth).expect(204);
    await t.http().get(`${API}/auth/me`).set(auth).expect(401);
  });

  it('after verifying the address and refreshing the session, everything an entrant may do is open', async () => {
    const { email, access, refreshToken } = await registered();
    const token = tokenFrom(await nthMailTo(t, smtp, email, 1));
    await t.http().post(`${API}/auth/verify-email`).send({ token }).expect(204);
    // The access token in hand still says "unverified" until the session is refreshed.
    await t
      .http()
      .get(`${API}/companies`)
      .set({ Authorization: `Bearer ${access}` })
      .expect(403);
    const refreshed = await t.http().post(`${API}/auth/refresh`).send({ refreshToken }).expect(200);
    const auth = { Authorization: `Bearer ${refreshed.body.accessToken as string}` };
    await t.http().get(`${API}/companies`).set(auth).expect(200);
    await t
      .http()
      .post(`${API}/companies`)
      .set(auth)
      .send({ name: 'Verified LLP', country: 'KZ', registrationNumber: `V ${Date.now()}` })
      .expect(201);
  });

  it('states the rule in the OpenAPI document of guarded routes', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    const create = doc.body.paths['/api/v1/companies'].post;
    expect(create.responses['403'].description).toContain('auth.email_unverified');
    const me = doc.body.paths['/api/v1/auth/me'].get;
    expect(me.responses['403']?.description ?? '').not.toContain('auth.email_unverified');
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Response } from 'supertest';
import { signIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * The API process serves the built web app (issue 14): a fake `dist/web` in a temp folder stands in for
 * Vite's output, so these tests don't depend on the app's build.
 */

const INDEX =
  '<!doctype html><html lang="en"><head><script type="module" src="/assets/index-Abc123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("app");';
const STRICT_CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;object-src 'none';base-uri 'self';frame-ancestors 'none';form-action 'self'";

let t: TestApp;
let webDir: string;
let emptyDir: string;

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'magistral-web-'));
  emptyDir = mkdtempSync(join(tmpdir(), 'magistral-noweb-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), INDEX);
  writeFileSync(join(webDir, 'assets', 'index-Abc123.js'), SCRIPT);
  writeFileSync(join(webDir, 'favicon.ico'), Buffer.from([0, 0, 1, 0, 1, 0]));
  t = await createTestApp({ WEB_DIST_DIR: webDir });
});

afterAll(async () => {
  await t.close();
  rmSync(webDir, { recursive: true, force: true });
  rmSync(emptyDir, { recursive: true, force: true });
});

function expectProblem(res: Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(res.text)).toMatchObject({ status, code });
}

const html = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('the web app', () => {
  it('answers index.html, never cached without revalidation, for any app path a browser opens', async () => {
    for (const path of ['/', '/sign-in', '/nominations/3f1c/edit?tab=attachments', '/no/such/page']) {
      const res = await t.http().get(path).set(html);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toBe(INDEX);
      expect(res.headers['content-security-policy']).toBe(STRICT_CSP);
    }
    const head = await t.http().head('/nominations').set(html);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    // curl and a bare fetch accept anything: they get the page too.
    expect((await t.http().get('/profile').set('Accept', '*/*')).status).toBe(200);
  });

  it('revalidates index.html with its ETag', async () => {
    const first = await t.http().get('/').set(html);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await t.http().get('/companies').set(html).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
  });

  it('serves hashed assets as immutable for a year, and 404 for a missing one (not index.html)', async () => {
    const res = await t.http().get('/assets/index-Abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe(SCRIPT);
    expect((await t.http().head('/assets/index-Abc123.js')).status).toBe(200);
    expectProblem(await t.http().get('/assets/index-Gone99.js').set(html), 404, 'request.route_not_found');
    expectProblem(await t.http().get('/assets/../index.html').set(html), 404, 'request.route_not_found');
  });

  it('serves other built files at the root (favicon)', async () => {
    const res = await t.http().get('/favicon.ico').set('Accept', 'image/avif,image/webp,*/*');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect((await t.http().head('/favicon.ico')).status).toBe(200);
  });

  it('never answers index.html for the API, the dashboard, the public pages, non-HTML requests or writes', async () => {
    expectProblem(await t.http().get('/api/v1/no-such-route').set(html), 404, 'request.route_not_found');
    expectProblem(await t.http().get('/api').set(html), 404, 'request.route_not_found');
    expectProblem(await t.http().get('/api/v2/editions').set(html), 404, 'request.route_not_found');
    expectProblem(await t.http().get('/results/a/b/c').set(html), 404, 'request.route_not_found');
    expectProblem(
      await t.http().get('/sign-in').set('Accept', 'application/json'),
      404,
      'request.route_not_found',
    );
    expectProblem(await t.http().post('/sign-in').set(html).send({}), 404, 'request.route_not_found');
    const dashboard = await t.http().get('/admin/nothing-here').set(html);
    expect(dashboard.status).not.toBe(200);
    expect(dashboard.text).not.toBe(INDEX);
    // The API itself is untouched.
    expect((await t.http().get('/api/v1/health/live')).status).toBe(200);
  });

  it('a server built without the app still starts; app paths say so in a problem+json 503', async () => {
    const bare = await t.sibling({ WEB_DIST_DIR: emptyDir });
    const res = await request(bare.getHttpServer()).get('/sign-in').set(html);
    expectProblem(res, 503, 'web.not_built');
    expect(res.headers['content-security-policy']).toBe(STRICT_CSP);
    expectProblem(
      await request(bare.getHttpServer()).get('/assets/index-Abc123.js'),
      404,
      'request.route_not_found',
    );
    expectProblem(
      await request(bare.getHttpServer()).get('/api/v1/no-such-route').set(html),
      404,
      'request.route_not_found',
    );
    expect((await request(bare.getHttpServer()).get('/api/v1/health/live')).status).toBe(200);
  });
});

describe('security headers per route family', () => {
  it('the app, the API and the public pages get the strict CSP; no upgrade-insecure-requests over http', async () => {
    const organiser = await signIn(t, ['organiser']);
    for (const res of [
      await t.http().get('/').set(html),
      await t.http().get('/api/v1/health/live'),
      await t.http().get('/api/v1/editions').set(organiser.auth),
      await t.http().get('/api/v1/no-such-route'),
      await t.http().get('/results'),
      await t.http().get('/results/no-such-edition'),
      await t.http().get('/results/style.css'),
      await t.http().get('/api/docs-json'),
    ]) {
      expect(res.headers['content-security-policy']).toBe(STRICT_CSP);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('only Swagger UI keeps inline scripts and styles; the queue dashboard inline styles only', async () => {
    const docs = await t.http().get('/api/docs');
    expect(docs.status).toBe(200);
    const csp = docs.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    for (const path of ['/api/docs/swagger-ui-init.js', '/api/docs/swagger-ui.css'])
      expect((await t.http().get(path)).headers['content-security-policy']).toBe(csp);

    const dashboard = await t.http().get('/admin/queues');
    expect(dashboard.status).toBe(401);
    const dashboardCsp = dashboard.headers['content-security-policy'] as string;
    expect(dashboardCsp).toContain("style-src 'self' 'unsafe-inline'");
    expect(dashboardCsp).toContain("script-src 'self';");
    expect(dashboardCsp).not.toContain("script-src 'self' 'unsafe-inline'");
  });

  it('upgrade-insecure-requests only when PUBLIC_URL is https', async () => {
    const secure = await t.sibling({ PUBLIC_URL: 'https://awards.example', WEB_DIST_DIR: webDir });
    const app = await request(secure.getHttpServer()).get('/').set(html);
    expect(app.headers['content-security-policy']).toBe(`${STRICT_CSP};upgrade-insecure-requests`);
    const docs = await request(secure.getHttpServer()).get('/api/docs');
    expect(docs.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});

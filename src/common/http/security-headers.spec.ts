import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import helmet, { type HelmetOptions } from 'helmet';
import { headerFamilyOf, routeSecurityHeaders, securityHeaders } from './security-headers.js';

/** What helmet's own middleware sets on a real Node response. */
function helmetOnARealResponse(options: HelmetOptions): Record<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  response.setHeader('X-Powered-By', 'something');
  helmet(options)(request, response, () => undefined);
  return Object.fromEntries(
    Object.entries(response.getHeaders()).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : String(value),
    ]),
  );
}

describe('securityHeaders', () => {
  it.each<[string, HelmetOptions]>([
    ['defaults', {}],
    [
      'the API’s CSP',
      {
        contentSecurityPolicy: {
          directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"] },
        },
      },
    ],
    ['HSTS off, frames denied', { strictTransportSecurity: false, xFrameOptions: { action: 'deny' } }],
  ])('sends exactly what helmet’s middleware sends (%s)', (_name, options) => {
    expect({ ...securityHeaders(options) }).toEqual(helmetOnARealResponse(options));
    expect(securityHeaders(options)['x-powered-by']).toBeUndefined();
  });

  it('refuses options helmet refuses', () => {
    expect(() =>
      securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ['self'] } } }),
    ).toThrow();
  });
});

describe('routeSecurityHeaders', () => {
  const STRICT =
    "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;object-src 'none';base-uri 'self';frame-ancestors 'none';form-action 'self'";

  it('gives the app, the pages and the API a strict CSP without unsafe-inline', () => {
    expect(routeSecurityHeaders('http://10.0.0.5:3000').strict['content-security-policy']).toBe(STRICT);
  });

  it('asks browsers to upgrade requests only when the public URL is https', () => {
    const plain = routeSecurityHeaders('http://10.0.0.5:3000');
    const secure = routeSecurityHeaders('https://awards.example');
    for (const family of ['strict', 'docs', 'dashboard'] as const) {
      expect(plain[family]['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(secure[family]['content-security-policy']).toContain('upgrade-insecure-requests');
    }
    expect(secure.strict['content-security-policy']).toBe(`${STRICT};upgrade-insecure-requests`);
  });

  it.each([
    ['/', 'strict'],
    ['/api/v1/editions', 'strict'],
    ['/api/docs-json', 'strict'],
    ['/api/docsx', 'strict'],
    ['/api/docs', 'docs'],
    ['/api/docs/', 'docs'],
    ['/api/docs?x=1', 'docs'],
    ['/api/docs/swagger-ui-init.js', 'docs'],
    ['/admin/queues', 'dashboard'],
    ['/admin', 'dashboard'],
    ['/administration', 'strict'],
    ['/results/magistral-2026', 'strict'],
  ])('%s → %s', (url, family) => {
    expect(headerFamilyOf(url)).toBe(family);
  });
});

import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import helmet, { type HelmetOptions } from 'helmet';
import { securityHeaders } from './security-headers.js';

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

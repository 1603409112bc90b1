import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { clientTypes, CLIENT_TYPES_PATH } from '../src/openapi/client-types.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface MediaType {
  schema?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  responses: Record<string, { description?: string; content?: Record<string, MediaType> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

function operations(document: Document): { name: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );
}

/** Why an operation's success answer leaves a client guessing, or null when it is fully described. */
function undocumentedSuccess(operation: Operation): string | null {
  const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
  if (!successes.length) return 'no 2xx response';
  for (const [status, response] of successes) {
    // 204 and 205 have no body by definition (RFC 9110); any other body-less answer says so in its
    // description ("No body…"), so that an undocumented body never passes for an empty one.
    if (status === '204' || status === '205' || /^No body\b/.test(response.description ?? '')) {
      if (response.content) return `${status} with a body`;
      continue;
    }
    const media = Object.entries(response.content ?? {});
    if (!media.length) return `${status} without content`;
    for (const [type, { schema }] of media) {
      if (!schema || !Object.keys(schema).length) return `${status} ${type} without a schema`;
      // `{ type: 'object' }` alone types the body as an empty record: say what is in it.
      if (schema.type === 'object' && !schema.properties && !schema.additionalProperties)
        return `${status} ${type} with an object schema without properties`;
    }
  }
  return null;
}

describe('the generated API client', () => {
  let t: TestApp;
  let document: Document;
  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it(`${CLIENT_TYPES_PATH} is generated from the document the running app serves`, async () => {
    const expected = await clientTypes(document);
    const committed = await readFile(CLIENT_TYPES_PATH, 'utf8').catch(() => '');
    if (committed === expected) return;
    const a = committed.split('\n');
    const b = expected.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    const at = line === -1 ? Math.min(a.length, b.length) : line;
    throw new Error(
      `${CLIENT_TYPES_PATH} is out of date with the API's OpenAPI document: run npm run api:client and commit it.\n` +
        `First difference at line ${at + 1}:\n  committed: ${a[at] ?? '(end of file)'}\n  served:    ${b[at] ?? '(end of file)'}`,
    );
  });

  // A property whose TypeScript type is an alias or a type-only import, with no `type:` in its @ApiProperty,
  // is `Object` to ts-jest (which compiles file by file) and its real type to tsc: the client would type it as
  // an empty record, and the served document would differ between the test app and `npm run api:client`.
  it('no schema is the empty `Object` that a missing `type:` in @ApiProperty leaves', () => {
    const places = [...Object.entries(document.paths), ...Object.entries(document.components?.schemas ?? {})]
      .filter(([, value]) => JSON.stringify(value).includes('"#/components/schemas/Object"'))
      .map(([name]) => name);
    expect(places).toEqual([]);
  });

  it('every operation documents its success response with a schema (or as a body-less answer)', () => {
    const all = operations(document);
    const gaps = all
      .map(({ name, operation }) => ({ name, why: undocumentedSuccess(operation) }))
      .filter((gap) => gap.why !== null);
    process.stdout.write(
      `OpenAPI: ${all.length - gaps.length} of ${all.length} operations document their success response\n`,
    );
    expect(gaps.map(({ name, why }) => `${name}: ${why}`)).toEqual([]);
  });
});

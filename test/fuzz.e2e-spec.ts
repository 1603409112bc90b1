import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createUser, login, signIn, type SignedIn } from './support/factories.js';
import { addAttachment, assign } from './support/jury.js';
import { createJudgedWorld, score, type JudgedWorld } from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * A bounded fuzz of the whole API (issue 11): every operation of the server's own OpenAPI document, as
 * an anonymous caller, an entrant, a juror and an organiser, with parameters and bodies built from the
 * operation's schemas and made hostile (NUL, lone surrogates, control characters, 10k-character strings,
 * huge and negative numbers, wrong types, unknown and prototype-polluting fields, deep nesting, real and
 * foreign ids). No answer may be a 5xx, and a refused write (4xx) must record nothing.
 *
 * Seeded and reproducible: FUZZ_SEED=<n> replays a run; FUZZ_CASES=<n> changes the cases per operation
 * and role (default 6, ~2,000 requests in all).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
const CASES = Number(process.env.FUZZ_CASES ?? 6);
const ROLES = ['anonymous', 'entrant', 'juror', 'organiser'] as const;
type Role = (typeof ROLES)[number];
const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Tables in which a refused request must neither insert nor delete a row. */
const WATCHED = [
  'users',
  'auth_sessions',
  'refresh_tokens',
  'one_time_tokens',
  'invitations',
  'company_invitations',
  'companies',
  'company_members',
  'editions',
  'categories',
  'criteria',
  'rounds',
  'panel_members',
  'conflicts',
  'conflict_confirmations',
  'assignments',
  'scorecards',
  'nominations',
  'attachments',
  'publications',
  'idempotency_keys',
  'outbox',
  'audit_log',
  'notification_opt_outs',
];
/**
 * Audit entries that are not a refused request's doing: refused sign-ins are recorded on purpose (security
 * events), and tally jobs started by earlier accepted requests append theirs in the background.
 */
const RECORDED_REFUSALS = [
  'auth.login_failed',
  'auth.account_locked',
  'auth.refresh_token_reused',
  'tally.computed',
  'tally.failed',
];
/** …nor change one of these (users are left out: a refused sign-in counts the failure on purpose). */
const UPDATE_WATCHED = [
  'editions',
  'categories',
  'criteria',
  'rounds',
  'companies',
  'nominations',
  'scorecards',
];

const DEEP = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};
/** Stands for a number literal JSON.stringify cannot write; replaced in the request's text. */
const HUGE_LITERAL = '__fuzz_1e999__';

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud800@example.test',
  'nul\u0000@example.test',
  'Two\r\nLines',
  'a@example.test\r\nBcc: b@example.test',
  'tab\there',
  '\u0007\u001b[31m',
  '\u202eevil',
  'x'.repeat(10_000),
  '😀'.repeat(300),
  "'; DROP TABLE users; --",
  '%00',
  '%ZZ',
  '../../../etc/passwd',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example")',
  'a@b.test',
  '2147483648',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '__proto__',
  'constructor',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2026-02-30T25:61:61Z',
  '0000-00-00',
  'https://evil.example/%00',
  'javascript:alert(1)',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];
const PLAUSIBLE_STRINGS = [
  'Trans-Caspian rail corridor',
  'Caravan Freight LLP',
  'KZ',
  'en',
  'ru',
  'https://caravan.example.kz',
  'REG-000123',
  'efficiency',
  'impact',
  'juror',
  'organiser',
  'judging',
  'submitted',
  'eligible',
  'magistral-2027',
];
const HOSTILE_NUMBERS = [
  0,
  -1,
  1,
  -0.5,
  1.5,
  2_147_483_647,
  2_147_483_648,
  -2_147_483_649,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  -1e308,
  5e-324,
  99_999_999_999,
];
const WRONG_TYPES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  '',
  'x',
  [],
  {},
  [[[]]],
  { a: { b: {} } },
  HUGE_LITERAL,
];
const UNKNOWN_FIELDS = [
  'isAdmin',
  'roles',
  'id',
  'version',
  'status',
  'createdBy',
  'userId',
  '__proto__',
  'constructor',
];

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: codeUnit, maxLength: 12 }), weight: 1 },
);
const hostileNumber = fc.oneof(
  { arbitrary: fc.constantFrom<unknown>(...HOSTILE_NUMBERS, HUGE_LITERAL), weight: 3 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
);
const hostileValue = fc.oneof(
  { arbitrary: fc.constantFrom(...WRONG_TYPES), weight: 4 },
  { arbitrary: fc.constantFrom(DEEP(20), DEEP(40), DEEP(2000)), weight: 1 },
  { arbitrary: hostileString, weight: 2 },
);

/** Percent-encodes any string, lone surrogates included (as UTF-8 of U+FFFD, as a browser would). */
const encode = (value: string): string =>
  [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

describe('fuzz: every OpenAPI operation, every role, hostile input', () => {
  let t: TestApp;
  let document: OpenApi;
  let world: JudgedWorld;
  const callers: Partial<Record<Role, { Authorization: string }>> = {};
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_IP_POINTS: '1000000',
      RATE_LIMIT_ACCOUNT_POINTS: '1000000',
      RATE_LIMIT_REGISTER_POINTS: '1000000',
    });
    const organiser: SignedIn = await signIn(t, ['organiser']);
    world = await createJudgedWorld(t, {
      minScorecards: 1,
      jurors: ['A', 'B'],
      nominations: { N1: {}, N2: {} },
    });
    await score(t, world, 'A', 'N1', { impact: 7 });
    await assign(t, world.roundId, world.nominations.N2!, world.jurors.A!.id);
    const attachmentId = await addAttachment(t, world.nominations.N1!, world.owner.id, 'evidence.pdf');
    callers.organiser = organiser.auth;
    callers.entrant = { Authorization: `Bearer ${(await login(t, world.owner.email)).token}` };
    callers.juror = { Authorization: `Bearer ${(await login(t, world.jurors.A!.email)).token}` };
    // PATCH /users/{id} only ever reaches a bystander, so no caller loses its role mid-run.
    const bystander = await createUser(t);
    const category = world.edition.categories[0]!;
    ids.editions = [world.edition.id];
    ids.slug = [world.edition.slug];
    ids.rounds = [world.roundId];
    ids.nominations = Object.values(world.nominations);
    ids.companies = Object.values(world.companies).map((c) => c.id);
    ids.categories = [category.id];
    ids.criteria = category.criteria.map((c) => c.id);
    ids.users = [bystander.id];
    ids.attachments = [attachmentId];
    ids.all = Object.values(ids).flat();

    const docs = await t.http().get('/api/docs-json').expect(200);
    document = docs.body as OpenApi;
    // Row triggers on this file's own database copy write every change to a log, so checking that a
    // refused request changed nothing is one indexed read (counting rows per request doubled the run).
    const existing = await t.db.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1)`,
      [WATCHED],
    );
    await t.db.query(`CREATE TABLE fuzz_changes (id bigserial PRIMARY KEY, change text NOT NULL)`);
    await t.db.query(`
      CREATE FUNCTION fuzz_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO fuzz_changes (change) VALUES (TG_OP || ' ' || TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const { table_name: table } of existing) {
      const when =
        table === 'audit_log'
          ? `WHEN (NEW.action <> ALL (ARRAY[${RECORDED_REFUSALS.map((a) => `'${a}'`).join(', ')}]))`
          : '';
      await t.db.query(
        `CREATE TRIGGER fuzz_insert AFTER INSERT ON ${table} FOR EACH ROW ${when} EXECUTE FUNCTION fuzz_record_change()`,
      );
      await t.db.query(
        `CREATE TRIGGER fuzz_delete AFTER DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION fuzz_record_change()`,
      );
      if (UPDATE_WATCHED.includes(table))
        await t.db.query(
          `CREATE TRIGGER fuzz_update AFTER UPDATE ON ${table} FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION fuzz_record_change()`,
        );
    }
  });
  afterAll(() => t.close());

  /** The newest entry of the change log. */
  const lastChange = async (): Promise<number> => {
    const [row] = await t.db.query<{ id: number }[]>(
      `SELECT coalesce(max(id), 0)::int AS id FROM fuzz_changes`,
    );
    return row!.id;
  };
  const changesSince = async (id: number): Promise<string[]> =>
    (
      await t.db.query<{ change: string }[]>(
        `SELECT DISTINCT change FROM fuzz_changes WHERE id > $1 ORDER BY change`,
        [id],
      )
    ).map((row) => row.change);

  const resolve = (schema: Schema | undefined): Schema => {
    let current = schema ?? {};
    for (let hops = 0; current.$ref && hops < 10; hops++)
      current = document.components?.schemas?.[current.$ref.split('/').pop()!] ?? {};
    if (current.allOf?.length)
      return current.allOf.map(resolve).reduce<Schema>(
        (merged, part) => ({
          ...merged,
          ...part,
          properties: { ...merged.properties, ...part.properties },
        }),
        {},
      );
    return current;
  };

  /** Valid-looking values from the schema most of the time, something hostile the rest. */
  const valueOf = (schema: Schema | undefined, name: string, depth: number): fc.Arbitrary<unknown> => {
    const s = resolve(schema);
    const alternatives = s.oneOf ?? s.anyOf;
    if (alternatives?.length)
      return fc.oneof(...alternatives.map((alternative) => valueOf(alternative, name, depth)));
    return fc.oneof(
      { arbitrary: typedValue(s, name, depth), weight: 6 },
      { arbitrary: hostileValue, weight: 1 },
    );
  };

  const typedValue = (s: Schema, name: string, depth: number): fc.Arbitrary<unknown> => {
    if (depth > 4) return hostileValue;
    if (s.enum?.length) return fc.oneof(fc.constantFrom(...s.enum), hostileString);
    const type = s.type ?? (s.properties ? 'object' : s.items ? 'array' : 'string');
    switch (type) {
      case 'integer':
      case 'number':
        return fc.oneof(
          { arbitrary: fc.integer({ min: 1, max: 10 }), weight: 2 },
          { arbitrary: hostileNumber, weight: 2 },
        );
      case 'boolean':
        return fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1));
      case 'array':
        return fc.oneof(
          { arbitrary: fc.array(valueOf(s.items, name, depth + 1), { maxLength: 4 }), weight: 4 },
          {
            arbitrary: valueOf(s.items, name, depth + 1).map((item) =>
              Array.from({ length: 500 }, () => item),
            ),
            weight: 1,
          },
        );
      case 'object':
        return objectOf(s, depth);
      default:
        return stringOf(s, name);
    }
  };

  const stringOf = (s: Schema, name: string): fc.Arbitrary<unknown> => {
    if (s.format === 'uuid' || /Id$|^id$/.test(name))
      return fc.oneof({ arbitrary: fc.constantFrom(...ids.all!), weight: 3 }, fc.uuid(), hostileString);
    if (s.format === 'date-time' || /At$|Until$/.test(name))
      return fc.oneof(
        fc.integer({ min: 1, max: 90 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString()),
        fc
          .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
          .map((d) => d.toISOString()),
        hostileString,
      );
    if (/email/i.test(name)) return fc.oneof(fc.emailAddress(), hostileString);
    // Plausible text as often as hostile, so that requests also get past validation into the services.
    return fc.oneof(
      { arbitrary: fc.constantFrom(...PLAUSIBLE_STRINGS), weight: 2 },
      { arbitrary: hostileString, weight: 2 },
    );
  };

  const objectOf = (s: Schema, depth: number): fc.Arbitrary<unknown> => {
    const known = fc.record(
      Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([key, property]) => [key, valueOf(property, key, depth + 1)]),
      ),
      // Required fields are usually there (else nearly every body stops at the first missing one).
      { requiredKeys: (s.required ?? []).filter((key) => key in (s.properties ?? {})) },
    );
    const extra =
      s.additionalProperties && typeof s.additionalProperties === 'object'
        ? fc.dictionary(hostileString, valueOf(s.additionalProperties, 'value', depth + 1), { maxKeys: 4 })
        : fc.constant({});
    const unknown = fc.oneof(
      { arbitrary: fc.constant({}), weight: 5 },
      {
        arbitrary: fc.dictionary(fc.constantFrom(...UNKNOWN_FIELDS), hostileValue, { maxKeys: 2 }),
        weight: 1,
      },
    );
    return fc.tuple(known, extra, unknown).map(([a, b, c]) => {
      const value: Record<string, unknown> = {};
      // defineProperty: `__proto__` becomes an own field of the JSON, as an attacker would send it.
      for (const part of [b, a, c])
        for (const [key, v] of Object.entries(part))
          Object.defineProperty(value, key, {
            value: v,
            enumerable: true,
            configurable: true,
            writable: true,
          });
      return value;
    });
  };

  /** A value for a path parameter: mostly ids of this world (of the right kind when the path says), else hostile. */
  const pathValue = (path: string, name: string): fc.Arbitrary<string> => {
    const kind = name === 'slug' ? 'slug' : (path.split(`/{${name}}`)[0]!.split('/').pop() ?? '');
    const pool = ids[kind] ?? (name.endsWith('Id') ? ids[`${name.slice(0, -2)}s`] : undefined) ?? ids.all!;
    return fc.oneof(
      { arbitrary: fc.constantFrom(...pool), weight: 4 },
      { arbitrary: fc.constantFrom(...ids.all!), weight: 1 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: fc.constantFrom('0', '-1', 'x'.repeat(101), '\u0000', '\ud800', 'a b', '..'), weight: 1 },
    );
  };

  interface Case {
    method: string;
    template: string;
    url: string;
    role: Role;
    body?: string;
  }

  const casesFor = (template: string, method: string, operation: Operation, index: number): Case[] => {
    const parameters = operation.parameters ?? [];
    const pathParams = parameters.filter((p) => p.in === 'path');
    const queryParams = parameters.filter((p) => p.in === 'query');
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    const arbitrary = fc.record({
      path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathValue(template, p.name)]))),
      query: fc.record(
        Object.fromEntries(
          queryParams.map((p) => [
            p.name,
            // At most 2,000 characters: a longer URL is refused by Node's HTTP parser (431) before the app.
            valueOf(p.schema, p.name, 1).map((v) =>
              (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')).slice(0, 2000),
            ),
          ]),
        ),
        { requiredKeys: [] },
      ),
      // A stray hostile query parameter on one request in five.
      extraQuery: fc.oneof(
        { arbitrary: fc.constant(null), weight: 4 },
        {
          arbitrary: fc.constantFrom('page=107374184', 'pageSize=-1', 'q=%00', 'x=%ud800', 'a[b][c]=1'),
          weight: 1,
        },
      ),
      body: bodySchema
        ? fc.oneof(
            { arbitrary: valueOf(bodySchema, 'body', 0), weight: 9 },
            { arbitrary: hostileValue, weight: 1 },
          )
        : UNSAFE.has(method)
          ? fc.option(hostileValue, { freq: 3 })
          : fc.constant(null),
    });
    const cases: Case[] = [];
    ROLES.forEach((role, r) => {
      for (const sample of fc.sample(arbitrary, { seed: SEED + index * 31 + r, numRuns: CASES })) {
        // The document's paths carry the global prefix already.
        let url = template.replace(/\{(\w+)\}/g, (_, name: string) =>
          encode((sample.path as Record<string, string>)[name] ?? ''),
        );
        const query = Object.entries(sample.query as Record<string, string>).map(
          ([k, v]) => `${encode(k)}=${encode(v)}`,
        );
        if (sample.extraQuery) query.push(sample.extraQuery);
        if (query.length) url += `?${query.join('&')}`;
        const body =
          sample.body === null || sample.body === undefined
            ? undefined
            : JSON.stringify(sample.body).replaceAll(`"${HUGE_LITERAL}"`, '1e999');
        cases.push({ method, template, url, role, body });
      }
    });
    return cases;
  };

  it('answers no request with a 5xx, and a refused write records nothing', async () => {
    const operations = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        Object.entries(item)
          .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map(([method, operation]) => ({ template, method, operation })),
      )
      // Logging out would end a caller's session for the rest of the run; it is tried anonymously only.
      .sort((a, b) => `${a.template} ${a.method}`.localeCompare(`${b.template} ${b.method}`));
    expect(operations.length).toBeGreaterThan(60);
    const cases = operations
      .flatMap(({ template, method, operation }, index) => casesFor(template, method, operation, index))
      .filter((c) => !(c.template.endsWith('/auth/logout') && c.role !== 'anonymous'));

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const started = Date.now();
    // Injected (no socket per request): the same routing, hooks and handlers as over the network.
    const fastify = t.app.getHttpAdapter().getInstance();
    for (const c of cases) {
      const write = UNSAFE.has(c.method);
      const before = write ? await lastChange() : undefined;
      const auth = c.role === 'anonymous' ? {} : callers[c.role]!;
      const res = await fastify.inject({
        method: c.method.toUpperCase() as 'GET',
        url: c.url,
        headers: { ...auth, ...(c.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(c.body === undefined ? {} : { payload: c.body }),
      });
      const status = res.statusCode;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      let code = '';
      try {
        code = String(res.json<{ code?: string }>().code ?? '');
      } catch {
        // not JSON
      }
      const what = `${c.method.toUpperCase()} ${c.template} as ${c.role} → ${status} ${code} (url ${c.url.slice(0, 200)}, body ${(c.body ?? '').slice(0, 200)})`;
      if (status >= 500) failures.push(what);
      else if (status >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json'))
        failures.push(`not problem+json: ${what}`);
      if (before !== undefined && status >= 400 && (await lastChange()) !== before)
        failures.push(`recorded ${(await changesSince(before)).join(', ')}: ${what}`);
    }
    const seconds = (Date.now() - started) / 1000;
    // The figures of this run, for the record (seed, requests, time, status histogram).
    process.stdout.write(
      `fuzz seed ${SEED}: ${cases.length} requests over ${operations.length} operations in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`,
    );
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(1000);
    // The change log works: the writes that were accepted are in it.
    expect(await lastChange()).toBeGreaterThan(0);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response, Test } from 'supertest';
import { createEdition } from './support/editions.js';
import { signIn, type SignedIn } from './support/factories.js';
import { assign, confirmConflicts, createJuryWorld, type JuryWorld, putOnPanel } from './support/jury.js';
import { createCompany, createNomination } from './support/nominations.js';
import { createNominationWorld, draftNomination, type NominationWorld } from './support/nomination-world.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * One dialect of optimistic concurrency on every versioned resource (issue 13): a read answers the version
 * as an ETag; a write with the current ETag lands and answers the next one; a write with a stale ETag is
 * refused with 409 `request.stale_version` (and the current ETag) and changes nothing; a malformed
 * If-Match is a 400 that changes nothing.
 */

let t: TestApp;
let nw: NominationWorld;
let jw: JuryWorld;

beforeAll(async () => {
  // Jurors sign in through the API, one per scorecard row: more logins than one address may make by default.
  t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000' });
  nw = await createNominationWorld(t);
  jw = await createJuryWorld(t);
});

afterAll(async () => {
  await t.close();
});

/** One versioned resource, freshly made for a test: where to read it, how to write it, what a write would change. */
interface Versioned {
  auth: Record<string, string>;
  read: string;
  write: (ifMatch: string) => Test;
  /** Everything a write changes, as one string: equal before and after means nothing changed. */
  state: () => Promise<string>;
}

/** The rows a resource's writes touch (its own row and its audit entries), as one comparable string. */
async function rowState(sql: string, params: unknown[], entityId: string): Promise<string> {
  const rows: unknown[] = await t.db.query(sql, params);
  const [audit] = await t.db.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`,
    [entityId],
  );
  return JSON.stringify({ rows, audit: audit!.n });
}

const editionState = (id: string) =>
  rowState(`SELECT version, name, phase, updated_at FROM editions WHERE id = $1`, [id], id);
const nominationState = (id: string) =>
  rowState(
    `SELECT version, status, title, ineligibility_reason, updated_at FROM nominations WHERE id = $1`,
    [id],
    id,
  );

async function edition(write: (id: string, auth: Record<string, string>) => (ifMatch: string) => Test) {
  const organiser = await signIn(t, ['organiser']);
  const { id } = await createEdition(t, { phase: 'draft' });
  return {
    auth: organiser.auth,
    read: `/api/v1/editions/${id}`,
    write: write(id, organiser.auth),
    state: () => editionState(id),
  };
}

async function nomination(
  status: 'draft' | 'submitted',
  write: (id: string, auth: Record<string, string>) => (ifMatch: string) => Test,
  options: { editionPhase?: 'eligibility' } = {},
): Promise<Versioned> {
  let editionId = nw.edition.id;
  let categoryId = nw.categoryId;
  if (options.editionPhase) {
    const other = await createEdition(t, { phase: options.editionPhase });
    editionId = other.id;
    categoryId = other.categories[0]!.id;
  }
  const id = await draftNomination(t, nw, { status, editionId, categoryId });
  const writer = options.editionPhase ? nw.organiser.auth : nw.owner.auth;
  return {
    auth: nw.owner.auth,
    read: `/api/v1/nominations/${id}`,
    write: write(id, writer),
    state: () => nominationState(id),
  };
}

async function company(): Promise<Versioned> {
  const owner = await signIn(t, ['entrant']);
  const { id } = await createCompany(t, owner.id);
  return {
    auth: owner.auth,
    read: `/api/v1/companies/${id}`,
    write: (ifMatch) =>
      t
        .http()
        .patch(`/api/v1/companies/${id}`)
        .set(owner.auth)
        .set('If-Match', ifMatch)
        .send({ name: `Renamed ${ifMatch}` }),
    state: () => rowState(`SELECT version, name, website, updated_at FROM companies WHERE id = $1`, [id], id),
  };
}

async function scorecard(action: 'save' | 'submit'): Promise<Versioned> {
  const juror: SignedIn = await signIn(t, ['juror']);
  const owner = await signIn(t, ['entrant']);
  const company = await createCompany(t, owner.id);
  const nominationId = await createNomination(t, {
    editionId: jw.edition.id,
    categoryId: jw.categoryId,
    companyId: company.id,
    createdBy: owner.id,
    status: 'eligible',
  });
  await putOnPanel(t, jw.edition, jw.categoryId, [juror.id]);
  await assign(t, jw.roundId, nominationId, juror.id);
  await confirmConflicts(t, jw.edition.id, juror.id);
  const url = `/api/v1/rounds/${jw.roundId}/scorecards/${nominationId}`;
  const scores = { cost: 7, speed: 8, reliability: 9 };
  return {
    auth: juror.auth,
    read: url,
    write: (ifMatch) =>
      action === 'save'
        ? t.http().put(url).set(juror.auth).set('If-Match', ifMatch).send({ scores, comment: 'Solid.' })
        : t.http().post(`${url}/submit`).set(juror.auth).set('If-Match', ifMatch).send({ scores }),
    state: async () => {
      const rows: unknown[] = await t.db.query(
        `SELECT id, version, status, scores, updated_at FROM scorecards WHERE round_id = $1 AND nomination_id = $2 AND juror_id = $3`,
        [jw.roundId, nominationId, juror.id],
      );
      return JSON.stringify(rows);
    },
  };
}

const RESOURCES: [string, () => Promise<Versioned>][] = [
  [
    'PATCH /editions/{id}',
    () =>
      edition(
        (id, auth) => (ifMatch) =>
          t
            .http()
            .patch(`/api/v1/editions/${id}`)
            .set(auth)
            .set('If-Match', ifMatch)
            .send({ name: `Renamed ${ifMatch}` }),
      ),
  ],
  [
    'POST /editions/{id}/phase',
    () =>
      edition(
        (id, auth) => (ifMatch) =>
          t
            .http()
            .post(`/api/v1/editions/${id}/phase`)
            .set(auth)
            .set('If-Match', ifMatch)
            .send({ phase: 'nominations' }),
      ),
  ],
  [
    'PATCH /nominations/{id}',
    () =>
      nomination(
        'draft',
        (id, auth) => (ifMatch) =>
          t
            .http()
            .patch(`/api/v1/nominations/${id}`)
            .set(auth)
            .set('If-Match', ifMatch)
            .send({ title: 'A sharper title' }),
      ),
  ],
  [
    'POST /nominations/{id}/submit',
    () =>
      nomination(
        'draft',
        (id, auth) => (ifMatch) =>
          t.http().post(`/api/v1/nominations/${id}/submit`).set(auth).set('If-Match', ifMatch).send({}),
      ),
  ],
  [
    'POST /nominations/{id}/withdraw',
    () =>
      nomination(
        'submitted',
        (id, auth) => (ifMatch) =>
          t.http().post(`/api/v1/nominations/${id}/withdraw`).set(auth).set('If-Match', ifMatch).send({}),
      ),
  ],
  [
    'POST /nominations/{id}/eligibility',
    () =>
      nomination(
        'submitted',
        (id, auth) => (ifMatch) =>
          t
            .http()
            .post(`/api/v1/nominations/${id}/eligibility`)
            .set(auth)
            .set('If-Match', ifMatch)
            .send({ decision: 'eligible' }),
        { editionPhase: 'eligibility' },
      ),
  ],
  ['PATCH /companies/{id}', company],
  ['PUT /rounds/{roundId}/scorecards/{nominationId}', () => scorecard('save')],
  ['POST /rounds/{roundId}/scorecards/{nominationId}/submit', () => scorecard('submit')],
];

const etagOf = (res: Response): string => res.headers.etag as string;
const versionIn = (etag: string): number => Number(/^"(\d+)"$/.exec(etag)![1]);

function expectProblem(res: Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe(code);
}

describe.each(RESOURCES)('%s', (_route, make) => {
  it('GET answers the version as a strong ETag', async () => {
    const r = await make();
    const read = await t.http().get(r.read).set(r.auth).expect(200);
    expect(etagOf(read)).toMatch(/^"\d+"$/);
    expect(versionIn(etagOf(read))).toBe(read.body.version);
  });

  it('a write with the current ETag lands and answers the next ETag', async () => {
    const r = await make();
    const before = etagOf(await t.http().get(r.read).set(r.auth).expect(200));
    const written = await r.write(before);
    expect(written.status).toBe(200);
    expect(versionIn(etagOf(written))).toBe(versionIn(before) + 1);
    const after = await t.http().get(r.read).set(r.auth).expect(200);
    expect(etagOf(after)).toBe(etagOf(written));
  });

  it('a write with a stale ETag is refused with 409 request.stale_version and the current ETag, and changes nothing', async () => {
    const r = await make();
    const stale = etagOf(await t.http().get(r.read).set(r.auth).expect(200));
    const current = etagOf(await r.write(stale).expect(200));
    const state = await r.state();
    const res = await r.write(stale);
    expectProblem(res, 409, 'request.stale_version');
    expect(etagOf(res)).toBe(current);
    expect(res.body.currentVersion).toBe(versionIn(current));
    expect(await r.state()).toBe(state);
  });

  it('a malformed If-Match is a 400 that changes nothing', async () => {
    const r = await make();
    const state = await r.state();
    for (const bad of ['3', '"three"']) expectProblem(await r.write(bad), 400, 'request.validation_failed');
    expect(await r.state()).toBe(state);
  });
});

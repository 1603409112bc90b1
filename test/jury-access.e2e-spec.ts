import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type SignedIn } from './support/factories.js';
import { addAttachment, createJuryWorld, type JuryWorld } from './support/jury.js';
import { createCompany } from './support/nominations.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Every jury and scoring route × every kind of caller. Each route gets a world of its own, so that a cell
 * that succeeds (and changes things) cannot change the answer of another route's cells. Every refused cell
 * must leave the database as it found it.
 */

type Who =
  | 'anonymous'
  | 'entrant of the nominated company'
  | 'other entrant'
  | 'assigned juror'
  | 'unassigned juror'
  | 'conflicted juror'
  | 'organiser';
const WHO: Who[] = [
  'anonymous',
  'entrant of the nominated company',
  'other entrant',
  'assigned juror',
  'unassigned juror',
  'conflicted juror',
  'organiser',
];

interface World extends JuryWorld {
  attachmentId: string;
  conflictId: string;
}

interface Route {
  name: string;
  method: 'get' | 'post' | 'put' | 'delete';
  path: (w: World) => string;
  body?: (w: World, caller: SignedIn | null) => Promise<object> | object;
  /** Expected status per caller, in WHO order. */
  expect: [number, number, number, number, number, number, number];
  /** The code of its 404 (default: nominations.not_found). */
  notFound?: string;
}

const FULL = { cost: 7, speed: 8, reliability: 9 };
const ORGANISER_ONLY = (success: number): Route['expect'] => [401, 403, 403, 403, 403, 403, success];
const JURORS_AND_ORGANISERS = (juror: number, organiser: number): Route['expect'] => [
  401,
  403,
  403,
  juror,
  juror,
  juror,
  organiser,
];
const JURORS_ONLY: Route['expect'] = [401, 403, 403, 200, 200, 200, 403];
/** A nomination-specific juror route: only the assigned juror; the unassigned and the conflicted cannot know it exists. */
const ASSIGNED_ONLY: Route['expect'] = [401, 403, 403, 200, 404, 404, 403];

const ROUTES: Route[] = [
  {
    name: 'POST /editions/{id}/rounds',
    method: 'post',
    path: (w) => `/api/v1/editions/${w.edition.id}/rounds`,
    body: () => ({ name: 'Final' }),
    expect: ORGANISER_ONLY(201),
  },
  {
    name: 'GET /editions/{id}/rounds',
    method: 'get',
    path: (w) => `/api/v1/editions/${w.edition.id}/rounds`,
    expect: JURORS_AND_ORGANISERS(200, 200),
  },
  {
    name: 'GET /editions/{id}/panels',
    method: 'get',
    path: (w) => `/api/v1/editions/${w.edition.id}/panels`,
    expect: ORGANISER_ONLY(200),
  },
  {
    name: 'POST /editions/{id}/panels',
    method: 'post',
    path: (w) => `/api/v1/editions/${w.edition.id}/panels`,
    body: async (w) => ({
      categoryId: w.categoryId,
      jurorIds: [(await createUser(t, { roles: ['juror'] })).id],
    }),
    expect: ORGANISER_ONLY(200),
  },
  {
    name: 'DELETE /editions/{id}/panels/{categoryId}/jurors/{jurorId}',
    method: 'delete',
    path: (w) => `/api/v1/editions/${w.edition.id}/panels/${w.categoryId}/jurors/${w.unassignedJuror.id}`,
    expect: ORGANISER_ONLY(204),
  },
  {
    name: 'GET /conflicts',
    method: 'get',
    path: (w) => `/api/v1/conflicts?editionId=${w.edition.id}`,
    expect: JURORS_AND_ORGANISERS(200, 200),
  },
  {
    name: 'POST /conflicts',
    method: 'post',
    path: () => '/api/v1/conflicts',
    // A company of its own per cell, so no cell's success makes another's a duplicate.
    body: async (w, caller) => ({
      editionId: w.edition.id,
      companyId: (await createCompany(t, w.otherEntrant.id)).id,
      reason: 'Worked for them until last year',
      ...(caller?.roles.includes('organiser') ? { jurorId: w.unassignedJuror.id } : {}),
    }),
    expect: JURORS_AND_ORGANISERS(201, 201),
  },
  {
    name: 'DELETE /conflicts/{id}',
    method: 'delete',
    path: (w) => `/api/v1/conflicts/${w.conflictId}`,
    expect: ORGANISER_ONLY(204),
  },
  {
    name: 'POST /editions/{id}/conflicts/confirm',
    method: 'post',
    path: (w) => `/api/v1/editions/${w.edition.id}/conflicts/confirm`,
    expect: JURORS_ONLY,
  },
  {
    name: 'PUT /me/employer',
    method: 'put',
    path: () => '/api/v1/me/employer',
    body: () => ({ companyId: null }),
    expect: JURORS_ONLY,
  },
  {
    name: 'GET /me/declarations/{editionId}',
    method: 'get',
    path: (w) => `/api/v1/me/declarations/${w.edition.id}`,
    expect: JURORS_ONLY,
  },
  {
    name: 'POST /me/declarations/{editionId}/terms',
    method: 'post',
    path: (w) => `/api/v1/me/declarations/${w.edition.id}/terms`,
    expect: JURORS_ONLY,
  },
  {
    name: 'GET /me/declarations/{editionId}/companies',
    method: 'get',
    path: (w) => `/api/v1/me/declarations/${w.edition.id}/companies`,
    expect: JURORS_ONLY,
  },
  {
    name: 'GET /me/rounds/{roundId}/distribution',
    method: 'get',
    path: (w) => `/api/v1/me/rounds/${w.roundId}/distribution`,
    expect: ASSIGNED_ONLY,
    notFound: 'rounds.not_found',
  },
  {
    name: 'GET /rounds/{id}/assignments',
    method: 'get',
    path: (w) => `/api/v1/rounds/${w.roundId}/assignments`,
    expect: ORGANISER_ONLY(200),
  },
  {
    name: 'POST /rounds/{id}/assignments/default',
    method: 'post',
    path: (w) => `/api/v1/rounds/${w.roundId}/assignments/default`,
    expect: ORGANISER_ONLY(200),
  },
  {
    name: 'POST /rounds/{id}/assignments/auto',
    method: 'post',
    path: (w) => `/api/v1/rounds/${w.roundId}/assignments/auto`,
    body: () => ({ perNomination: 1 }),
    expect: ORGANISER_ONLY(200),
  },
  {
    name: 'POST /rounds/{id}/assignments',
    method: 'post',
    path: (w) => `/api/v1/rounds/${w.roundId}/assignments`,
    body: (w) => ({ nominationId: w.otherNominationId, jurorId: w.unassignedJuror.id }),
    expect: ORGANISER_ONLY(201),
  },
  {
    name: 'DELETE /rounds/{id}/assignments/{nominationId}/jurors/{jurorId}',
    method: 'delete',
    path: (w) => `/api/v1/rounds/${w.roundId}/assignments/${w.nominationId}/jurors/${w.assignedJuror.id}`,
    expect: ORGANISER_ONLY(204),
  },
  {
    name: 'GET /rounds/{id}/progress',
    method: 'get',
    path: (w) => `/api/v1/rounds/${w.roundId}/progress`,
    expect: ORGANISER_ONLY(200),
  },
  {
    name: 'GET /rounds/{id}/progress/nominations',
    method: 'get',
    path: (w) => `/api/v1/rounds/${w.roundId}/progress/nominations`,
    expect: ORGANISER_ONLY(200),
  },
  {
    name: 'POST /rounds/{id}/assignments/auto (dry run)',
    method: 'post',
    path: (w) => `/api/v1/rounds/${w.roundId}/assignments/auto`,
    body: () => ({ perNomination: 1, dryRun: true }),
    expect: ORGANISER_ONLY(200),
  },
  {
    // Jury analytics: organisers only, and not before the round closes (this world's round is open).
    name: 'GET /rounds/{id}/analytics',
    method: 'get',
    path: (w) => `/api/v1/rounds/${w.roundId}/analytics`,
    expect: ORGANISER_ONLY(409),
  },
  {
    name: 'GET /rounds/{id}/analytics/jurors.csv',
    method: 'get',
    path: (w) => `/api/v1/rounds/${w.roundId}/analytics/jurors.csv`,
    expect: ORGANISER_ONLY(409),
  },
  {
    name: 'POST /rounds/{id}/calibration/{nominationId}',
    method: 'post',
    path: (w) => `/api/v1/rounds/${w.roundId}/calibration/${w.otherNominationId}`,
    expect: ORGANISER_ONLY(201),
  },
  {
    name: 'DELETE /rounds/{id}/calibration/{nominationId}',
    method: 'delete',
    path: (w) => `/api/v1/rounds/${w.roundId}/calibration/${w.nominationId}`,
    // Marked before each cell (a refused cell leaves it marked: the audit log, in the snapshot, says so).
    body: async (w) => {
      await t.db.query(
        `INSERT INTO calibration_entries (round_id, nomination_id, created_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [w.roundId, w.nominationId, w.organiser.id],
      );
      return {};
    },
    expect: ORGANISER_ONLY(204),
  },
  {
    name: 'GET /rounds/{id}/calibration',
    method: 'get',
    path: (w) => `/api/v1/rounds/${w.roundId}/calibration`,
    expect: ORGANISER_ONLY(200),
  },
  {
    name: 'GET /me/rounds/{roundId}/calibration',
    method: 'get',
    path: (w) => `/api/v1/me/rounds/${w.roundId}/calibration`,
    // The edition keeps calibration feedback off (the default): the assigned juror learns only that.
    expect: [401, 403, 403, 409, 404, 404, 403],
    notFound: 'rounds.not_found',
  },
  {
    name: 'POST /rounds/{id}/reminders',
    method: 'post',
    path: (w) => `/api/v1/rounds/${w.roundId}/reminders`,
    expect: ORGANISER_ONLY(200),
  },
  {
    name: 'GET /editions/{id}/conflicts/matrix',
    method: 'get',
    path: (w) => `/api/v1/editions/${w.edition.id}/conflicts/matrix`,
    expect: ORGANISER_ONLY(200),
  },
  { name: 'GET /me/assignments', method: 'get', path: () => '/api/v1/me/assignments', expect: JURORS_ONLY },
  {
    name: 'GET /rounds/{roundId}/nominations/{nominationId}',
    method: 'get',
    path: (w) => `/api/v1/rounds/${w.roundId}/nominations/${w.nominationId}`,
    expect: ASSIGNED_ONLY,
  },
  {
    name: 'GET /rounds/{roundId}/nominations/{nominationId}/attachments/{attachmentId}',
    method: 'get',
    path: (w) => `/api/v1/rounds/${w.roundId}/nominations/${w.nominationId}/attachments/${w.attachmentId}`,
    expect: ASSIGNED_ONLY,
  },
  {
    name: 'GET /rounds/{roundId}/scorecards/{nominationId}',
    method: 'get',
    path: (w) => `/api/v1/rounds/${w.roundId}/scorecards/${w.nominationId}`,
    expect: ASSIGNED_ONLY,
  },
  {
    name: 'PUT /rounds/{roundId}/scorecards/{nominationId}',
    method: 'put',
    path: (w) => `/api/v1/rounds/${w.roundId}/scorecards/${w.nominationId}`,
    body: () => ({ scores: { cost: 3 } }),
    expect: ASSIGNED_ONLY,
  },
  {
    name: 'POST /rounds/{roundId}/scorecards/{nominationId}/submit',
    method: 'post',
    path: (w) => `/api/v1/rounds/${w.roundId}/scorecards/${w.nominationId}/submit`,
    body: () => ({ scores: FULL }),
    expect: ASSIGNED_ONLY,
  },
];

let t: TestApp;

/** Everything a refused request could have touched. */
async function snapshot(): Promise<Record<string, number>> {
  const [row] = await t.db.query<Record<string, number>[]>(`
    SELECT (SELECT count(*) FROM rounds)::int AS rounds,
           (SELECT count(*) FROM panel_members)::int AS panel_members,
           (SELECT count(*) FROM conflicts WHERE removed_at IS NULL)::int AS conflicts,
           (SELECT count(*) FROM conflict_confirmations)::int AS confirmations,
           (SELECT count(*) FROM assignments)::int AS assignments,
           (SELECT count(*) FROM scorecards)::int AS scorecards,
           (SELECT coalesce(sum(version), 0) FROM scorecards)::int AS scorecard_versions,
           (SELECT count(*) FROM users WHERE employer_company_id IS NOT NULL)::int AS employers,
           (SELECT count(*) FROM notifications)::int AS notifications,
           (SELECT count(*) FROM audit_log)::int AS audit`);
  return row!;
}

function caller(w: World, who: Who): SignedIn | null {
  switch (who) {
    case 'anonymous':
      return null;
    case 'entrant of the nominated company':
      return w.entrant;
    case 'other entrant':
      return w.otherEntrant;
    case 'assigned juror':
      return w.assignedJuror;
    case 'unassigned juror':
      return w.unassignedJuror;
    case 'conflicted juror':
      return w.conflictedJuror;
    case 'organiser':
      return w.organiser;
  }
}

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000' });
});

afterAll(async () => {
  await t.close();
});

describe.each(ROUTES)('$name', (route) => {
  let w: World;

  beforeAll(async () => {
    const base = await createJuryWorld(t);
    const attachmentId = await addAttachment(t, base.nominationId, base.entrant.id, 'evidence.pdf');
    const [conflict] = await t.db.query<{ id: string }[]>(`SELECT id FROM conflicts WHERE juror_id = $1`, [
      base.conflictedJuror.id,
    ]);
    w = { ...base, attachmentId, conflictId: conflict!.id };
  });

  it.each(WHO.map((who, i) => [who, route.expect[i]!] as const))('%s → %i', async (who, status) => {
    const as = caller(w, who);
    const before = await snapshot();
    let request = t.http()[route.method](route.path(w));
    if (as) request = request.set(as.auth);
    const body = route.body ? await route.body(w, as) : undefined;
    const res = await (body ? request.send(body) : request);
    // The body is part of the comparison so that a failing cell shows what the server said.
    expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status });
    if (status >= 400) {
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (status === 404)
        expect((res.body as { code: string }).code).toBe(route.notFound ?? 'nominations.not_found');
      expect(await snapshot()).toEqual(before);
    }
  });
});

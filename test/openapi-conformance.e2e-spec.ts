import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { categoryBody, criterionBody } from './support/categories.js';
import { editionBody } from './support/edition-requests.js';
import { createJuryWorld, addAttachment, type JuryWorld } from './support/jury.js';
import {
  completeNomination,
  createNominationWorld,
  type NominationWorld,
} from './support/nomination-world.js';
import { conformance, type OpenApiDocument, responseSchema } from './support/openapi-conformance.js';
import { createJudgedWorld, score, waitForRuns, type JudgedWorld } from './support/tally.js';
import { signIn, type SignedIn } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * The web client's types come from the served OpenAPI document; here real answers of real routes are held to
 * it, strictly (see support/openapi-conformance.ts), so a response class that drifts from what a service
 * returns fails a test instead of mistyping the client.
 */
describe('answers conform to the documented response schemas', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  const checked = new Set<string>();

  /** Sends the request, then checks its answer against the schema documented for its status. */
  async function conforms(request: PromiseLike<Response>, method: string, path: string): Promise<Response> {
    const response = await request;
    const schema = responseSchema(document, method, path, response.status);
    if (!schema)
      throw new Error(
        `${method} ${path} answered ${response.status} ${JSON.stringify(response.body).slice(0, 300)}: no JSON schema documented for that`,
      );
    expect({
      operation: `${method} ${path}`,
      problems: conformance(document, schema, response.body),
    }).toEqual({
      operation: `${method} ${path}`,
      problems: [],
    });
    checked.add(`${method} ${path}`);
    return response;
  }

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    process.stdout.write(`OpenAPI conformance: ${checked.size} operations checked against real answers\n`);
    await t.close();
  });

  it('accounts, users, audit and health', async () => {
    const organiser = await signIn(t, ['organiser']);
    const entrant = await signIn(t, ['entrant']);
    // A change of roles ends that account's sessions: not the one the other calls use.
    const promoted = await signIn(t, ['entrant']);
    await conforms(t.http().get('/api/v1/health/live'), 'GET', '/api/v1/health/live');
    await conforms(t.http().get('/api/v1/health/ready'), 'GET', '/api/v1/health/ready');
    await conforms(t.http().get('/api/v1/auth/me').set(entrant.auth), 'GET', '/api/v1/auth/me');
    await conforms(t.http().get('/api/v1/me').set(entrant.auth), 'GET', '/api/v1/me');
    await conforms(t.http().get('/api/v1/users').set(organiser.auth), 'GET', '/api/v1/users');
    await conforms(
      t
        .http()
        .patch(`/api/v1/users/${promoted.id}`)
        .set(organiser.auth)
        .send({ roles: ['entrant', 'juror'] }),
      'PATCH',
      '/api/v1/users/{id}',
    );
    await t.sealAudit();
    await conforms(t.http().get('/api/v1/audit').set(organiser.auth), 'GET', '/api/v1/audit');
    await conforms(t.http().get('/api/v1/audit/verify').set(organiser.auth), 'GET', '/api/v1/audit/verify');
    await conforms(
      t.http().get('/api/v1/me/notification-preferences').set(entrant.auth),
      'GET',
      '/api/v1/me/notification-preferences',
    );
    await conforms(
      t.http().put('/api/v1/me/notification-preferences').set(entrant.auth).send({ reminders: false }),
      'PUT',
      '/api/v1/me/notification-preferences',
    );
    await conforms(
      t.http().post('/api/v1/queue-dashboard/tickets').set(organiser.auth),
      'POST',
      '/api/v1/queue-dashboard/tickets',
    );
  });

  describe('an entrant writing a nomination', () => {
    let w: NominationWorld;
    beforeAll(async () => {
      w = await createNominationWorld(t);
    });

    it('companies, editions, categories, nominations and attachments', async () => {
      const { owner, organiser } = w;
      await conforms(t.http().get('/api/v1/companies').set(owner.auth), 'GET', '/api/v1/companies');
      await conforms(
        t.http().get(`/api/v1/companies/${w.company.id}`).set(owner.auth),
        'GET',
        '/api/v1/companies/{id}',
      );
      await conforms(
        t
          .http()
          .post(`/api/v1/companies/${w.company.id}/members`)
          .set(owner.auth)
          .send({ email: 'new@example.com' }),
        'POST',
        '/api/v1/companies/{id}/members',
      );
      await conforms(
        t
          .http()
          .post('/api/v1/companies')
          .set(owner.auth)
          .send({ name: 'Aral Logistics', country: 'UZ', registrationNumber: '301234567' }),
        'POST',
        '/api/v1/companies',
      );
      await conforms(t.http().get('/api/v1/editions').set(owner.auth), 'GET', '/api/v1/editions');
      await conforms(
        t.http().get(`/api/v1/editions/${w.edition.id}`).set(owner.auth),
        'GET',
        '/api/v1/editions/{id}',
      );
      await conforms(
        t.http().get(`/api/v1/editions/${w.edition.id}/categories`).set(owner.auth),
        'GET',
        '/api/v1/editions/{id}/categories',
      );
      const created = await conforms(
        t.http().post('/api/v1/nominations').set(owner.auth).send(completeNomination(w)),
        'POST',
        '/api/v1/nominations',
      );
      const id = created.body.id as string;
      await conforms(
        t
          .http()
          .post(`/api/v1/nominations/${id}/attachments`)
          .set(owner.auth)
          .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'evidence.pdf'),
        'POST',
        '/api/v1/nominations/{id}/attachments',
      );
      await conforms(
        t
          .http()
          .patch(`/api/v1/nominations/${id}`)
          .set(owner.auth)
          .send({ title: 'Dry port Khorgos, year two' }),
        'PATCH',
        '/api/v1/nominations/{id}',
      );
      await conforms(
        t.http().get(`/api/v1/nominations/${id}`).set(owner.auth),
        'GET',
        '/api/v1/nominations/{id}',
      );
      await conforms(
        t.http().post(`/api/v1/nominations/${id}/submit`).set(owner.auth),
        'POST',
        '/api/v1/nominations/{id}/submit',
      );
      await conforms(t.http().get('/api/v1/nominations').set(owner.auth), 'GET', '/api/v1/nominations');
      await conforms(t.http().get('/api/v1/nominations').set(organiser.auth), 'GET', '/api/v1/nominations');
      await conforms(t.http().get('/api/v1/notifications').set(owner.auth), 'GET', '/api/v1/notifications');
      await conforms(
        t.http().get('/api/v1/notifications').set(organiser.auth),
        'GET',
        '/api/v1/notifications',
      );
    });
  });

  describe('a jury at work', () => {
    let w: JuryWorld;
    let organiser: SignedIn;
    beforeAll(async () => {
      w = await createJuryWorld(t, { website: 'https://caspian-rail.example' });
      organiser = w.organiser;
      await addAttachment(t, w.nominationId, w.entrant.id, 'route-map.pdf');
    });

    it('rounds, panels, conflicts, assignments, progress and the juror’s own view', async () => {
      const { edition, roundId } = w;
      await conforms(
        t.http().get(`/api/v1/editions/${edition.id}/rounds`).set(organiser.auth),
        'GET',
        '/api/v1/editions/{id}/rounds',
      );
      await conforms(
        t.http().get(`/api/v1/editions/${edition.id}/panels`).set(organiser.auth),
        'GET',
        '/api/v1/editions/{id}/panels',
      );
      await conforms(
        t.http().get(`/api/v1/conflicts?editionId=${edition.id}`).set(organiser.auth),
        'GET',
        '/api/v1/conflicts',
      );
      await conforms(
        t.http().get(`/api/v1/conflicts?editionId=${edition.id}`).set(w.conflictedJuror.auth),
        'GET',
        '/api/v1/conflicts',
      );
      await conforms(
        t.http().get(`/api/v1/editions/${edition.id}/late-conflicts`).set(organiser.auth),
        'GET',
        '/api/v1/editions/{id}/late-conflicts',
      );
      await conforms(
        t.http().get(`/api/v1/rounds/${roundId}/assignments`).set(organiser.auth),
        'GET',
        '/api/v1/rounds/{id}/assignments',
      );
      await conforms(
        t
          .http()
          .post(`/api/v1/rounds/${roundId}/assignments`)
          .set(organiser.auth)
          .send({ nominationId: w.otherNominationId, jurorId: w.unassignedJuror.id }),
        'POST',
        '/api/v1/rounds/{id}/assignments',
      );
      await conforms(
        t.http().post(`/api/v1/rounds/${roundId}/assignments/default`).set(organiser.auth),
        'POST',
        '/api/v1/rounds/{id}/assignments/default',
      );
      await conforms(
        t.http().get(`/api/v1/rounds/${roundId}/progress`).set(organiser.auth),
        'GET',
        '/api/v1/rounds/{id}/progress',
      );
      await conforms(
        t.http().put('/api/v1/me/employer').set(w.unassignedJuror.auth).send({ companyId: null }),
        'PUT',
        '/api/v1/me/employer',
      );
      const juror = w.assignedJuror;
      await conforms(t.http().get('/api/v1/me/assignments').set(juror.auth), 'GET', '/api/v1/me/assignments');
      await conforms(
        t.http().get(`/api/v1/rounds/${roundId}/nominations/${w.nominationId}`).set(juror.auth),
        'GET',
        '/api/v1/rounds/{roundId}/nominations/{nominationId}',
      );
      const scorecard = `/api/v1/rounds/${roundId}/scorecards/${w.nominationId}`;
      const path = '/api/v1/rounds/{roundId}/scorecards/{nominationId}';
      await conforms(t.http().get(scorecard).set(juror.auth), 'GET', path);
      const criteria = w.edition.categories[0]!.criteria.map((c) => c.code);
      const scores = Object.fromEntries(criteria.map((code) => [code, 7]));
      await conforms(t.http().put(scorecard).set(juror.auth).send({ scores }), 'PUT', path);
      await conforms(t.http().post(`${scorecard}/submit`).set(juror.auth).send({}), 'POST', `${path}/submit`);
      await conforms(t.http().get('/api/v1/me/assignments').set(juror.auth), 'GET', '/api/v1/me/assignments');
    });
  });

  it('an organiser sets up an edition: categories, criteria, rounds, panels, conflicts, invitations', async () => {
    const organiser = await signIn(t, ['organiser']);
    const juror = await signIn(t, ['juror']);
    const created = await conforms(
      t.http().post('/api/v1/editions').set(organiser.auth).send(editionBody()),
      'POST',
      '/api/v1/editions',
    );
    const editionId = created.body.id as string;
    await conforms(
      t
        .http()
        .patch(`/api/v1/editions/${editionId}`)
        .set(organiser.auth)
        .send({ name: 'Magistral Awards 2027' }),
      'PATCH',
      '/api/v1/editions/{id}',
    );
    const category = await conforms(
      t.http().post(`/api/v1/editions/${editionId}/categories`).set(organiser.auth).send(categoryBody()),
      'POST',
      '/api/v1/editions/{id}/categories',
    );
    const categoryId = category.body.id as string;
    await conforms(
      t.http().patch(`/api/v1/categories/${categoryId}`).set(organiser.auth).send({ position: 5 }),
      'PATCH',
      '/api/v1/categories/{id}',
    );
    const criterion = await conforms(
      t
        .http()
        .post(`/api/v1/categories/${categoryId}/criteria`)
        .set(organiser.auth)
        .send(criterionBody({ code: 'route_safety' })),
      'POST',
      '/api/v1/categories/{id}/criteria',
    );
    await conforms(
      t
        .http()
        .patch(`/api/v1/criteria/${criterion.body.id as string}`)
        .set(organiser.auth)
        .send({ weight: '2.25' }),
      'PATCH',
      '/api/v1/criteria/{id}',
    );
    await conforms(
      t.http().post(`/api/v1/editions/${editionId}/phase`).set(organiser.auth).send({ phase: 'nominations' }),
      'POST',
      '/api/v1/editions/{id}/phase',
    );
    const round = await conforms(
      t.http().post(`/api/v1/editions/${editionId}/rounds`).set(organiser.auth).send({ name: 'First round' }),
      'POST',
      '/api/v1/editions/{id}/rounds',
    );
    await conforms(
      t
        .http()
        .patch(`/api/v1/rounds/${round.body.id as string}`)
        .set(organiser.auth)
        .send({ name: 'Round one' }),
      'PATCH',
      '/api/v1/rounds/{id}',
    );
    await conforms(
      t
        .http()
        .post(`/api/v1/editions/${editionId}/panels`)
        .set(organiser.auth)
        .send({ categoryId, jurorIds: [juror.id] }),
      'POST',
      '/api/v1/editions/{id}/panels',
    );
    const company = await signIn(t, ['entrant']);
    const companyId = (
      await t
        .http()
        .post('/api/v1/companies')
        .set(company.auth)
        .send({ name: 'Silk Road Reefers', country: 'GE', registrationNumber: '404123456' })
    ).body.id as string;
    await conforms(
      t
        .http()
        .post('/api/v1/conflicts')
        .set(organiser.auth)
        .send({ editionId, jurorId: juror.id, companyId, reason: 'Advised the company in 2025' }),
      'POST',
      '/api/v1/conflicts',
    );
    await conforms(
      t.http().post(`/api/v1/me/declarations/${editionId}/terms`).set(juror.auth),
      'POST',
      '/api/v1/me/declarations/{editionId}/terms',
    );
    await conforms(
      t.http().post(`/api/v1/editions/${editionId}/conflicts/confirm`).set(juror.auth),
      'POST',
      '/api/v1/editions/{id}/conflicts/confirm',
    );
    await conforms(
      t
        .http()
        .post('/api/v1/invitations')
        .set(organiser.auth)
        .send({ email: 'new-juror@example.com', role: 'juror' }),
      'POST',
      '/api/v1/invitations',
    );
  });

  describe('a judged round, tallied and published', () => {
    let world: JudgedWorld;
    let organiser: SignedIn;
    beforeAll(async () => {
      organiser = await signIn(t, ['organiser']);
      world = await createJudgedWorld(t, {
        tieBreakers: ['median'],
        minScorecards: 2,
        jurors: ['A', 'B'],
        nominations: { T1: { title: 'Rail bridge' }, T2: { title: 'Dry port' }, T3: { title: 'Cold chain' } },
      });
      await score(t, world, 'A', 'T1', { impact: 6 });
      await score(t, world, 'B', 'T1', { impact: 8 });
      await score(t, world, 'A', 'T2', { impact: 8 });
      await score(t, world, 'B', 'T2', { impact: 6 });
      await score(t, world, 'A', 'T3', { impact: 3 });
    });

    it('close, results, publication, public results and the manifest', async () => {
      const closed = await conforms(
        t.http().post(`/api/v1/rounds/${world.roundId}/close`).set(organiser.auth),
        'POST',
        '/api/v1/rounds/{id}/close',
      );
      await waitForRuns(
        t,
        (closed.body.jobs as { runId: string }[]).map((job) => job.runId),
      );
      await conforms(
        t.http().get(`/api/v1/rounds/${world.roundId}/results`).set(organiser.auth),
        'GET',
        '/api/v1/rounds/{id}/results',
      );
      await conforms(
        t.http().post(`/api/v1/editions/${world.edition.id}/publish`).set(organiser.auth).send({}),
        'POST',
        '/api/v1/editions/{id}/publish',
      );
      await conforms(
        t.http().get(`/api/v1/editions/${world.edition.id}/publication`).set(organiser.auth),
        'GET',
        '/api/v1/editions/{id}/publication',
      );
      const slug = world.edition.slug;
      await conforms(
        t.http().get(`/api/v1/public/editions/${slug}/results`),
        'GET',
        '/api/v1/public/editions/{slug}/results',
      );
      await conforms(
        t.http().get(`/api/v1/public/editions/${slug}/results/manifest`),
        'GET',
        '/api/v1/public/editions/{slug}/results/manifest',
      );
      await conforms(t.http().get('/api/v1/public/editions'), 'GET', '/api/v1/public/editions');
    });
  });
});

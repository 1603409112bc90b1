import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { Clock } from '../src/common/clock.js';
import { REDIS } from '../src/common/redis/redis.module.js';
import { PublicationReleaseHandler } from '../src/modules/publication/jobs/publication-release.handler.js';
import {
  sealManifest,
  type PublicResults,
  type ResultsManifest,
  type UnsealedManifest,
} from '../src/modules/publication/manifest.js';
import type { PublishedKey } from '../src/modules/publication/manifest-signature.js';
import { ResultsSigner } from '../src/modules/publication/results-signer.js';
import { categoryInput } from '../src/modules/publication/manifest-verification.js';
import { publishedStatistics } from '../src/modules/tally/published-statistics.js';
import { canonicalJson } from '../src/common/canonical-json.js';
import { countRows, signIn, type SignedIn } from './support/factories.js';
import {
  closeAndTally,
  createJudgedWorld,
  score,
  scoreTable,
  waitForRuns,
  type JudgedWorld,
} from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);

let t: TestApp;
let organiser: SignedIn;
let entrant: SignedIn;
let juror: SignedIn;
let tmp: string;

beforeAll(async () => {
  t = await createTestApp();
  organiser = await signIn(t, ['organiser']);
  entrant = await signIn(t, ['entrant']);
  juror = await signIn(t, ['juror']);
  tmp = mkdtempSync(join(tmpdir(), 'magistral-manifest-'));
});

afterEach(() => {
  t.app.get(Clock).reset();
});

afterAll(async () => {
  await t.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** SPEC.md's z-score example, closed and tallied: T2 92.3607 wins, T1 47.6393 is a finalist, T3 (no scorecard) is unranked. */
async function talliedWorld({ publishJuryStatistics = false } = {}): Promise<JudgedWorld> {
  const world = await createJudgedWorld(t, {
    scoringMethod: 'zscore',
    minScorecards: 2,
    scaleMax: 100,
    jurors: ['A', 'B'],
    nominations: { T1: { title: 'Rail bridge' }, T2: { title: 'Dry port' }, T3: { title: 'Cold chain' } },
  });
  await scoreTable(t, world, { A: { T1: 40, T2: 60 }, B: { T1: 80 } });
  await score(t, world, 'B', 'T2', { impact: 100 }, { comment: 'A very private remark' });
  // A draft counts nowhere: T3 stays unranked and the example's numbers are untouched.
  await score(t, world, 'B', 'T3', { impact: 10 }, { status: 'draft' });
  // Set before judging opened, as the rule must be (it is frozen after: editions-updates.e2e-spec.ts), so the
  // tally job computes the published statistics with the snapshot.
  if (publishJuryStatistics)
    await t.db.query(`UPDATE editions SET publish_jury_statistics = true WHERE id = $1`, [world.edition.id]);
  await closeAndTally(t, world, organiser.auth);
  return world;
}

const resultsUrl = (world: JudgedWorld) => `/api/v1/public/editions/${world.edition.slug}/results`;
const manifestUrl = (world: JudgedWorld) => `/api/v1/public/editions/${world.edition.slug}/results/manifest`;

function release(world: JudgedWorld, publicationId: string, releaseAt: string): Promise<void> {
  return t.app
    .get(PublicationReleaseHandler)
    .handle({ editionId: world.edition.id, publicationId, releaseAt });
}

/** `npm run verify` on a manifest file; `keys`: the signing keys document to check against (none: not checked). */
async function verify(manifest: unknown, keys?: unknown): Promise<{ code: number; output: string }> {
  const name = `${Date.now()}-${Math.random().toString(16).slice(2)}`;
  const file = join(tmp, `manifest-${name}.json`);
  writeFileSync(file, JSON.stringify(manifest));
  const args = ['dist/src/verify.js', file];
  if (keys !== undefined) {
    const keysFile = join(tmp, `keys-${name}.json`);
    writeFileSync(keysFile, JSON.stringify(keys));
    args.push('--keys', keysFile);
  }
  try {
    const { stdout } = await run(process.execPath, args, { cwd: process.cwd() });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout };
  }
}

async function signingKeys(): Promise<{ keys: PublishedKey[] }> {
  return (await t.http().get('/api/v1/public/signing-keys').expect(200)).body as { keys: PublishedKey[] };
}

describe('before publication', () => {
  let world: JudgedWorld;
  beforeAll(async () => {
    world = await talliedWorld();
  });

  it('the results and the manifest are a 404 for everyone but organisers, exactly like an unknown edition', async () => {
    const unknown = `/api/v1/public/editions/no-such-edition-${Date.now()}`;
    for (const [path, unknownPath] of [
      [resultsUrl(world), `${unknown}/results`],
      [manifestUrl(world), `${unknown}/results/manifest`],
    ] as const) {
      const missing = await t.http().get(unknownPath);
      expect(missing.status).toBe(404);
      const callers = [{}, entrant.auth, juror.auth, { Authorization: 'Bearer forged.token.here' }];
      for (const headers of callers) {
        const response = await t.http().get(path).set(headers);
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('public_results.not_found');
        // The same document and the same headers as for the unknown slug: nothing says results exist.
        const strip = (body: Record<string, unknown>) => ({
          ...body,
          instance: undefined,
          requestId: undefined,
        });
        expect(strip(response.body)).toEqual(strip(missing.body));
        const names = (h: Record<string, unknown>) =>
          Object.keys(h)
            .filter((n) => n !== 'date')
            .sort();
        expect(names(response.headers)).toEqual(names(missing.headers));
        expect(response.headers['content-type']).toBe(missing.headers['content-type']);
        expect(response.headers['cache-control']).toBe(missing.headers['cache-control']);
        expect(response.headers.etag).toBeUndefined();
      }
    }
  });

  it('organisers with a token see a preview that is never cached', async () => {
    const response = await t.http().get(resultsUrl(world)).set(organiser.auth);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers.etag).toBeUndefined();
    expect(response.body.publishedAt).toBeNull();
    expect(
      response.body.categories[0].nominations.map((n: { title: string; score: string; status: string }) => [
        n.title,
        n.score,
        n.status,
      ]),
    ).toEqual([
      ['Dry port', '92.3607', 'winner'],
      ['Rail bridge', '47.6393', 'finalist'],
      ['Cold chain', null, null],
    ]);
    const manifest = await t.http().get(manifestUrl(world)).set(organiser.auth);
    expect(manifest.status).toBe(200);
    expect(manifest.body.auditHead).toBeNull();
    // Nothing changed: a preview publishes nothing.
    expect(await countRows(t, 'publications', 'edition_id = $1', [world.edition.id])).toBe(0);
    expect((await t.http().get(resultsUrl(world))).status).toBe(404);
  });
});

describe('POST /editions/{id}/publish refusals', () => {
  let world: JudgedWorld;
  beforeAll(async () => {
    world = await talliedWorld();
  });

  const counts = async () => [
    await countRows(t, 'publications'),
    await countRows(t, 'outbox', `name = 'publication.release'`),
    await countRows(t, 'nominations', `status IN ('winner', 'finalist')`),
    await countRows(t, 'editions', `phase = 'published'`),
  ];

  it('401 anonymous, 403 entrants and jurors, 404 unknown edition, 400 malformed', async () => {
    const before = await counts();
    const url = `/api/v1/editions/${world.edition.id}/publish`;
    expect((await t.http().post(url).send({})).status).toBe(401);
    for (const caller of [entrant, juror]) {
      const response = await t.http().post(url).set(caller.auth).send({});
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('auth.forbidden');
    }
    const unknown = await t
      .http()
      .post('/api/v1/editions/00000000-0000-4000-8000-000000000000/publish')
      .set(organiser.auth)
      .send({});
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('editions.not_found');
    expect((await t.http().post('/api/v1/editions/nope/publish').set(organiser.auth).send({})).status).toBe(
      400,
    );
    for (const body of [{ at: '2030-01-01T10:00:00' }, { at: 'tomorrow' }, { at: 5 }, { extra: 1 }]) {
      const response = await t.http().post(url).set(organiser.auth).send(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('request.validation_failed');
    }
    expect(await counts()).toEqual(before);
  });

  it('409 before the final round is tallied, while judging, and before the edition embargo', async () => {
    const untallied = await createJudgedWorld(t, {
      phase: 'tallying',
      jurors: ['A'],
      nominations: { X: {} },
    });
    await t.db.query(`UPDATE rounds SET status = 'closed', closed_at = now() WHERE id = $1`, [
      untallied.roundId,
    ]);
    const judging = await createJudgedWorld(t, { jurors: ['A'], nominations: { X: {} } });
    const before = await counts();

    const notTallied = await t
      .http()
      .post(`/api/v1/editions/${untallied.edition.id}/publish`)
      .set(organiser.auth)
      .send({});
    expect(notTallied.status).toBe(409);
    expect(notTallied.body).toMatchObject({ code: 'tally.not_current', categoryCode: 'efficiency' });

    const open = await t
      .http()
      .post(`/api/v1/editions/${judging.edition.id}/publish`)
      .set(organiser.auth)
      .send({});
    expect(open.status).toBe(409);
    expect(open.body).toMatchObject({ code: 'editions.wrong_phase', currentPhase: 'judging' });

    const embargo = new Date(Date.now() + 11 * 24 * 3600_000); // after judging closes, as the timeline demands
    await t.db.query(`UPDATE editions SET results_embargo_until = $2 WHERE id = $1`, [
      world.edition.id,
      embargo,
    ]);
    const early = await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({});
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('editions.results_embargoed');
    await t.db.query(`UPDATE editions SET results_embargo_until = NULL WHERE id = $1`, [world.edition.id]);
    expect(await counts()).toEqual(before);
  });
});

describe('embargo', () => {
  it('nothing is public one second before `at`, everything at `at`; publishing again reschedules', async () => {
    const world = await talliedWorld();
    const clock = t.app.get(Clock);
    const first = new Date(Date.now() + 3600_000);
    first.setMilliseconds(0);
    const scheduled = await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({ at: first.toISOString() });
    expect(scheduled.status).toBe(202);
    expect(scheduled.body).toMatchObject({
      status: 'scheduled',
      releaseAt: first.toISOString(),
      publishedAt: null,
      manifestSha256: null,
    });
    const publicationId = scheduled.body.id as string;
    const [{ phase }] = await t.db.query<[{ phase: string }]>(`SELECT phase FROM editions WHERE id = $1`, [
      world.edition.id,
    ]);
    expect(phase).toBe('results_ready');
    expect(
      await countRows(t, 'outbox', `name = 'publication.release' AND payload->>'publicationId' = $1`, [
        publicationId,
      ]),
    ).toBe(1);

    // The job runs a second early (by the server clock): nothing happens, nothing is public.
    clock.set(new Date(first.getTime() - 1000));
    await release(world, publicationId, first.toISOString());
    expect((await t.http().get(resultsUrl(world))).status).toBe(404);
    expect((await t.http().get(manifestUrl(world))).status).toBe(404);
    expect(
      await countRows(t, 'nominations', `edition_id = $1 AND status IN ('winner', 'finalist')`, [
        world.edition.id,
      ]),
    ).toBe(0);

    // Rescheduled an hour later: the job for the first moment is stale and does nothing, even when due.
    clock.reset();
    const second = new Date(first.getTime() + 3600_000);
    const again = await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({ at: second.toISOString() });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({
      id: publicationId,
      status: 'scheduled',
      releaseAt: second.toISOString(),
    });
    clock.set(first);
    await release(world, publicationId, first.toISOString());
    expect((await t.http().get(resultsUrl(world))).status).toBe(404);

    clock.set(new Date(second.getTime() - 1000));
    await release(world, publicationId, second.toISOString());
    expect((await t.http().get(resultsUrl(world))).status).toBe(404);

    clock.set(second);
    await release(world, publicationId, second.toISOString());
    const published = await t.http().get(resultsUrl(world));
    expect(published.status).toBe(200);
    expect(Date.parse(published.body.publishedAt)).toBeGreaterThanOrEqual(second.getTime());
    expect((await t.http().get(manifestUrl(world))).status).toBe(200);

    // Even with the documents cached, a server whose clock says it is a second early serves nothing.
    clock.set(new Date(second.getTime() - 1000));
    expect((await t.http().get(resultsUrl(world))).status).toBe(404);
    expect((await t.http().get(manifestUrl(world))).status).toBe(404);
    clock.set(second);
    expect((await t.http().get(resultsUrl(world))).status).toBe(200);

    // A duplicate of the job after publication changes nothing.
    await release(world, publicationId, second.toISOString());
    expect(
      await countRows(t, 'audit_log', `action = 'publication.published' AND edition_id = $1`, [
        world.edition.id,
      ]),
    ).toBe(1);
  });

  it('a short real delay: the delayed job publishes at `at` on the real queue', async () => {
    const world = await talliedWorld();
    const at = new Date(Date.now() + 1500);
    const scheduled = await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({ at: at.toISOString() });
    expect(scheduled.status).toBe(202);
    await t.flushOutbox();
    for (;;) {
      const response = await t.http().get(resultsUrl(world));
      if (response.status === 200) {
        expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
        break;
      }
      expect(response.status).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});

describe('cancelling a scheduled publication', () => {
  const phaseOf = async (world: JudgedWorld) =>
    (
      await t.db.query<{ phase: string }[]>(`SELECT phase FROM editions WHERE id = $1`, [world.edition.id])
    )[0]!.phase;
  const schedule = (world: JudgedWorld, at: Date) =>
    t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({ at: at.toISOString() })
      .expect(202);
  const cancel = (world: JudgedWorld) =>
    t.http().delete(`/api/v1/editions/${world.edition.id}/publication`).set(organiser.auth).expect(204);

  it('puts back the tallying phase that scheduling left, audited, so the round can again be advanced', async () => {
    const world = await talliedWorld();
    expect(await phaseOf(world)).toBe('tallying');
    const at = new Date(Date.now() + 3600_000);
    await schedule(world, at);
    expect(await phaseOf(world)).toBe('results_ready');
    // Rescheduling keeps the phase it was first scheduled from.
    await schedule(world, new Date(at.getTime() + 3600_000));

    await cancel(world);
    expect(await phaseOf(world)).toBe('tallying');
    const moves = await t.db.query<{ actor_id: string; data: Record<string, string> }[]>(
      `SELECT actor_id, data FROM audit_log WHERE edition_id = $1 AND action = 'editions.phase_changed' ORDER BY id`,
      [world.edition.id],
    );
    expect(moves.at(-1)).toEqual({
      actor_id: organiser.id,
      data: { from: 'results_ready', to: 'tallying', reason: 'publication_cancelled' },
    });
    const readiness = await t.http().get(`/api/v1/editions/${world.edition.id}/phase`).set(organiser.auth);
    expect(readiness.body).toMatchObject({ phase: 'tallying', nextPhase: 'results_ready' });

    // What `tallying` allows and `results_ready` refused: opening another round with the best of this one.
    const advanced = await t
      .http()
      .post(`/api/v1/rounds/${world.roundId}/advance`)
      .set(organiser.auth)
      .send({ topN: 1 });
    expect(advanced.status).toBe(200);
    expect(await phaseOf(world)).toBe('judging');
  });

  it('leaves results_ready when the organiser had moved the edition there before scheduling', async () => {
    const world = await talliedWorld();
    await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/phase`)
      .set(organiser.auth)
      .send({ phase: 'results_ready' })
      .expect(200);
    await schedule(world, new Date(Date.now() + 3600_000));
    await cancel(world);
    expect(await phaseOf(world)).toBe('results_ready');
    expect(
      await countRows(t, 'audit_log', `edition_id = $1 AND data->>'reason' = 'publication_cancelled'`, [
        world.edition.id,
      ]),
    ).toBe(0);
    // Scheduled and published at once from here, as before.
    await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({})
      .expect(200);
    expect(await phaseOf(world)).toBe('published');
  });
});

describe('published results', () => {
  let world: JudgedWorld;
  let manifest: ResultsManifest;
  beforeAll(async () => {
    world = await talliedWorld();
    const response = await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({});
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('published');
    manifest = (await t.http().get(manifestUrl(world))).body as ResultsManifest;
  });

  it('marks winners and finalists, moves the edition to published and records it all', async () => {
    const rows = await t.db.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM nominations WHERE edition_id = $1`,
      [world.edition.id],
    );
    const status = (label: string) => rows.find((r) => r.id === world.nominations[label])?.status;
    expect([status('T1'), status('T2'), status('T3')]).toEqual(['finalist', 'winner', 'eligible']);
    const [{ phase }] = await t.db.query<[{ phase: string }]>(`SELECT phase FROM editions WHERE id = $1`, [
      world.edition.id,
    ]);
    expect(phase).toBe('published');
    const actions = await t.db.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE edition_id = $1 AND action LIKE 'publication.%'`,
      [world.edition.id],
    );
    expect(actions).toEqual([{ action: 'publication.published' }]);
    const view = await t.http().get(`/api/v1/editions/${world.edition.id}/publication`).set(organiser.auth);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      status: 'published',
      manifestSha256: manifest.sha256,
      lastError: null,
    });
    expect(
      (await t.http().get(`/api/v1/editions/${world.edition.id}/publication`).set(entrant.auth)).status,
    ).toBe(403);
  });

  it('are public with a strong ETag, If-None-Match and Cache-Control', async () => {
    const response = await t.http().get(resultsUrl(world));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    expect(response.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(
      response.body.categories[0].nominations.map(
        (n: {
          title: string;
          company: string;
          rank: number | null;
          score: string | null;
          status: string | null;
        }) => [n.title, n.company, n.rank, n.score, n.status],
      ),
    ).toEqual([
      ['Dry port', 'Company of T2', 1, '92.3607', 'winner'],
      ['Rail bridge', 'Company of T1', 2, '47.6393', 'finalist'],
      ['Cold chain', 'Company of T3', null, null, null],
    ]);
    expect(response.body.manifest).toEqual({ sha256: manifest.sha256, url: manifestUrl(world) });

    for (const tag of [
      response.headers.etag!,
      `W/${response.headers.etag}`,
      `"other", ${response.headers.etag}`,
      '*',
    ]) {
      const cached = await t.http().get(resultsUrl(world)).set('If-None-Match', tag);
      expect(cached.status).toBe(304);
      expect(cached.text ?? '').toBe('');
      expect(cached.headers.etag).toBe(response.headers.etag);
    }
    expect((await t.http().get(resultsUrl(world)).set('If-None-Match', '"other"')).status).toBe(200);
    // Everyone sees the same published document, signed in or not.
    expect((await t.http().get(resultsUrl(world)).set(juror.auth)).headers.etag).toBe(response.headers.etag);
  });

  it('are cached in Redis at publication for every instance, and refilled from PostgreSQL when Redis lost them', async () => {
    const redis = t.app.get<Redis>(REDIS);
    const key = `public-results:${world.edition.slug}:results`;
    const etag = await redis.hget(key, 'etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    // Another instance has never seen the document: it reads it from Redis.
    const first = await request((await t.sibling()).getHttpServer()).get(resultsUrl(world));
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe(etag);
    // Redis lost it: a third instance reads PostgreSQL and puts it back.
    await redis.del(key);
    const second = await request((await t.sibling()).getHttpServer()).get(resultsUrl(world));
    expect(second.status).toBe(200);
    expect(second.headers.etag).toBe(etag);
    expect(second.text).toBe(first.text);
    expect(await redis.hget(key, 'etag')).toBe(etag);
  });

  it('the manifest holds the matrix under pseudonyms: no juror ids, names, e-mails or comments', async () => {
    expect(manifest).toMatchObject({
      format: 'magistral-results-manifest/2',
      algorithm: 'magistral-tally/1',
      edition: { slug: world.edition.slug },
    });
    expect(manifest.rules).toEqual({ method: 'zscore', tieBreakers: [], minScorecards: 2 });
    expect(manifest.auditHead).toEqual({
      seq: expect.stringMatching(/^\d+$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const category = manifest.categories[0]!;
    expect(category.criteria).toEqual([{ code: 'impact', weight: '1' }]);
    expect(category.nominations.map((n) => n.title).sort()).toEqual([
      'Cold chain',
      'Dry port',
      'Rail bridge',
    ]);
    expect(category.scorecards).toHaveLength(4);
    expect(new Set(category.scorecards.map((s) => s.juror)).size).toBe(2);
    for (const card of category.scorecards) expect(card.juror).toMatch(/^J-[0-9a-f]{16}$/);
    // The edition does not publish its jury statistics (the rule's default): neither document states them.
    expect(category).not.toHaveProperty('juryStatistics');
    const results = (await t.http().get(resultsUrl(world)).expect(200)).body as PublicResults;
    expect(results.categories[0]).not.toHaveProperty('juryStatistics');
    const text = JSON.stringify(manifest);
    for (const secret of [
      ...Object.values(world.jurors).flatMap((j) => [j.id, j.email, j.fullName]),
      'Secretname',
      'A very private remark',
    ]) {
      expect(text).not.toContain(secret);
    }
    // The same pseudonyms as the organisers' scoresheet.
    const sheet = await t.http().get(`/api/v1/rounds/${world.roundId}/scoresheet.csv`).set(organiser.auth);
    for (const card of category.scorecards) expect(sheet.text).toContain(card.juror);
  });

  it('`npm run verify` accepts the real manifest and rejects one with a single changed score', async () => {
    const keys = await signingKeys();
    const good = await verify(manifest, keys);
    expect(good.output).toContain('OK       efficiency');
    expect(good.output).toContain(
      `OK       signature: Ed25519 by the platform's key ${manifest.signature?.keyId}`,
    );
    expect(good.output).toContain('VERIFIED');
    expect(good.code).toBe(0);

    const tampered = JSON.parse(JSON.stringify(manifest)) as ResultsManifest;
    tampered.categories[0]!.scorecards[0]!.scores.impact! += 1;
    const bad = await verify(tampered, keys);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('MISMATCH manifest: sha256 does not match');
    expect(bad.output).toContain('MISMATCH efficiency');
    expect(bad.output).toContain('NOT VERIFIED');

    // A URL works as well as a file; the keys come from the same site's well-known address.
    const body = (await t.http().get(manifestUrl(world))).text;
    const keysBody = (await t.http().get('/.well-known/magistral-signing-keys.json').expect(200)).text;
    const server = createServer((incoming, response) =>
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(incoming.url === '/.well-known/magistral-signing-keys.json' ? keysBody : body),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { stdout } = await run(process.execPath, [
        'dist/src/verify.js',
        `http://127.0.0.1:${port}/manifest`,
      ]);
      expect(stdout).toContain('OK       signature');
      expect(stdout).toContain('VERIFIED');
    } finally {
      server.close();
    }
  });

  it("is signed by the platform's published key, and a forged or unchecked signature does not verify", async () => {
    const { keys } = await signingKeys();
    const wellKnown = await t.http().get('/.well-known/magistral-signing-keys.json').expect(200);
    expect(wellKnown.body).toEqual({ keys });
    expect(wellKnown.headers['cache-control']).toBe('public, max-age=300');
    const key = keys.find((k) => k.keyId === manifest.signature?.keyId);
    expect(key).toMatchObject({
      algorithm: 'Ed25519',
      publicKey: { kty: 'OKP', crv: 'Ed25519' },
      validUntil: null,
    });
    expect(Date.parse(key!.validFrom)).toBeLessThanOrEqual(Date.parse(manifest.publishedAt!));

    // One character of the signature changed.
    const value = manifest.signature!.value;
    const forged = {
      ...manifest,
      signature: { ...manifest.signature!, value: (value[0] === 'A' ? 'B' : 'A') + value.slice(1) },
    };
    const bad = await verify(forged, { keys });
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('MISMATCH signature: the signature does not verify');
    // Signed by a key that is not the platform's.
    const stranger = await verify(manifest, { keys: [] });
    expect(stranger.output).toContain(
      `MISMATCH signature: the signing key ${manifest.signature!.keyId} is not among the published keys`,
    );
    // No keys given for a file: the signature is not checked, so nothing is verified.
    const unchecked = await verify(manifest);
    expect(unchecked.code).toBe(1);
    expect(unchecked.output).toContain('MISMATCH signature: not checked');
  });

  it('a retired key signs nothing more, and what it signed before still verifies', async () => {
    const keyId = manifest.signature!.keyId;
    const signer = t.app.get(ResultsSigner);
    expect(await signer.retire(keyId)).toBe(true);
    expect(await signer.retire(keyId)).toBe(false);
    try {
      const keys = await signingKeys();
      expect(keys.keys.find((k) => k.keyId === keyId)?.validUntil).not.toBeNull();
      const still = await verify(manifest, keys);
      expect(still.code).toBe(0);
      await expect(
        t.db.transaction((manager) =>
          signer.sign(manager, { ...manifest, publishedAt: new Date().toISOString() }),
        ),
      ).rejects.toThrow(/was retired/);
    } finally {
      await t.db.query(`UPDATE signing_keys SET valid_until = NULL WHERE key_id = $1`, [keyId]);
    }
  });

  it('409 when publishing again', async () => {
    const response = await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({});
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('publication.already_published');
  });
});

describe('published jury statistics (the edition rule publishJuryStatistics)', () => {
  let world: JudgedWorld;
  let manifest: ResultsManifest;
  beforeAll(async () => {
    world = await talliedWorld({ publishJuryStatistics: true });
    // Nothing is stated before publication: the public documents are a 404.
    await t.http().get(manifestUrl(world)).expect(404);
    await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({})
      .expect(200);
    manifest = (await t.http().get(manifestUrl(world)).expect(200)).body as ResultsManifest;
  });

  it('the manifest states each category’s alpha with its interval and units, and the fragile verdict', async () => {
    expect(manifest.format).toBe('magistral-results-manifest/2');
    const category = manifest.categories[0]!;
    expect(category.juryStatistics).toEqual({
      alpha: {
        value: expect.stringMatching(/^-?\d+\.\d{4}$/),
        interval: {
          low: expect.stringMatching(/^-?\d+\.\d{4}$/),
          high: expect.stringMatching(/^-?\d+\.\d{4}$/),
          resamples: 1000,
        },
        // T1 and T2 have two scorecards each; T3 none (its draft counts nowhere).
        units: 2,
        values: 4,
        jurors: 2,
      },
      seed: expect.stringMatching(/^[0-9a-f]{64}$/),
      fragile: expect.any(Boolean),
      fragileMargin: '1',
      causes: expect.any(Array),
    });
    // Jurors only by pseudonym, here too.
    for (const cause of category.juryStatistics!.causes)
      if (cause.kind === 'leave_one_out') expect(cause.juror).toMatch(/^J-[0-9a-f]{16}$/);
    // The same alpha as the organisers' analysis of the round (their interval has its own seed).
    const analytics = await t
      .http()
      .get(`/api/v1/rounds/${world.roundId}/analytics`)
      .set(organiser.auth)
      .expect(200);
    const [analysed] = (
      analytics.body as {
        categories: { alpha: { value: number | null }; sensitivity: { fragile: boolean } }[];
      }
    ).categories;
    expect(analysed!.alpha.value?.toFixed(4)).toBe(category.juryStatistics!.alpha.value);
    expect(analysed!.sensitivity.fragile).toBe(category.juryStatistics!.fragile);
    // The public results document carries them for the page, as stated.
    const results = (await t.http().get(resultsUrl(world)).expect(200)).body as PublicResults;
    expect(results.categories[0]!.juryStatistics).toEqual(category.juryStatistics);
  });

  /** The manifest with `change` made, sealed again and signed by the platform's own key. */
  async function signedLie(change: (manifest: ResultsManifest) => void): Promise<ResultsManifest> {
    const copy = JSON.parse(JSON.stringify(manifest)) as ResultsManifest;
    change(copy);
    const content: Partial<ResultsManifest> = { ...copy };
    delete content.sha256;
    delete content.signature;
    const sealed = sealManifest(content as UnsealedManifest);
    return t.db.transaction((manager) => t.app.get(ResultsSigner).sign(manager, sealed));
  }

  it('`npm run verify` recomputes them and accepts; it refuses a changed alpha or fragile flag, even signed', async () => {
    const keys = await signingKeys();
    const good = await verify(manifest, keys);
    expect(good.output).toContain(
      'OK       efficiency: ranking recomputed from the score matrix matches, and so do its alpha and fragile verdict',
    );
    expect(good.code).toBe(0);

    const alpha = await signedLie((m) => {
      const stated = m.categories[0]!.juryStatistics!.alpha;
      stated.value = stated.value === '0.5000' ? '0.5001' : '0.5000';
    });
    const byAlpha = await verify(alpha, keys);
    expect(byAlpha.code).toBe(1);
    expect(byAlpha.output).toContain('OK       signature');
    expect(byAlpha.output).toMatch(/MISMATCH efficiency:\n\s+jury statistics: alpha published /);
    expect(byAlpha.output).toContain('NOT VERIFIED');

    const flag = await signedLie((m) => {
      const stated = m.categories[0]!.juryStatistics!;
      stated.fragile = !stated.fragile;
    });
    const byFlag = await verify(flag, keys);
    expect(byFlag.code).toBe(1);
    expect(byFlag.output).toMatch(/jury statistics: fragile published (true|false), recomputed (true|false)/);

    // Changed and not sealed again: the digest fails too.
    const unsealed = JSON.parse(JSON.stringify(manifest)) as ResultsManifest;
    unsealed.categories[0]!.juryStatistics!.fragile = !unsealed.categories[0]!.juryStatistics!.fragile;
    const byDigest = await verify(unsealed, keys);
    expect(byDigest.output).toContain('MISMATCH manifest: sha256 does not match');
    expect(byDigest.code).toBe(1);
  });

  it('a manifest published before, in format /1, still verifies', async () => {
    const { code, output } = await verify(
      JSON.parse(readFileSync('test/fixtures/results-manifest-v1.json', 'utf8')),
      JSON.parse(readFileSync('test/fixtures/results-manifest-v1.keys.json', 'utf8')),
    );
    expect(output).toContain('VERIFIED');
    expect(code).toBe(0);
  });
});

/** The jury statistics the tally job stored with the snapshot of the world's (one) category; null: none. */
async function storedStatistics(world: JudgedWorld): Promise<{ snapshotId: string; statistics: unknown }> {
  const [row] = await t.db.query<{ snapshot_id: string; jury_statistics: unknown }[]>(
    `SELECT a.snapshot_id, a.jury_statistics FROM tally_analyses a JOIN tally_snapshots s ON s.id = a.snapshot_id
      WHERE s.round_id = $1`,
    [world.roundId],
  );
  return { snapshotId: row!.snapshot_id, statistics: row!.jury_statistics };
}

/** Puts `statistics` in place of the stored ones (the analysis is immutable: deleted and written again). */
async function replaceStatistics(snapshotId: string, statistics: string | null): Promise<void> {
  await t.db.transaction(async (manager) => {
    // A DELETE … RETURNING answers with its rows and their count.
    const [[row]] = await manager.query<[{ analysis: unknown; created_at: Date }[], number]>(
      `DELETE FROM tally_analyses WHERE snapshot_id = $1 RETURNING analysis, created_at`,
      [snapshotId],
    );
    await manager.query(
      `INSERT INTO tally_analyses (snapshot_id, analysis, created_at, jury_statistics) VALUES ($1, $2::jsonb, $3, $4::jsonb)`,
      [snapshotId, JSON.stringify(row!.analysis), row!.created_at, statistics],
    );
  });
}

/** The organiser's preview of the manifest (computed on the request from the current tallies). */
async function previewManifest(world: JudgedWorld): Promise<ResultsManifest> {
  return (await t.http().get(manifestUrl(world)).set(organiser.auth).expect(200)).body as ResultsManifest;
}

/** The same request made again: a new run of every category's job, waited for. */
async function tallyAgain(world: JudgedWorld): Promise<void> {
  const again = await t.http().post(`/api/v1/rounds/${world.roundId}/tally`).set(organiser.auth).expect(202);
  await waitForRuns(
    t,
    (again.body.jobs as { runId: string }[]).map((job) => job.runId),
  );
}

describe('jury statistics computed once, by the tally job (issue 17: never on a request)', () => {
  it('the job stores them with the snapshot, byte for byte what the manifest states and a verifier recomputes', async () => {
    const world = await talliedWorld({ publishJuryStatistics: true });
    const { statistics } = await storedStatistics(world);
    expect(statistics).not.toBeNull();
    const manifest = await previewManifest(world);
    const category = manifest.categories[0]!;
    // Computed afresh from the category as published (pseudonyms, the manifest's order), as before issue 17.
    const fresh = canonicalJson(publishedStatistics(categoryInput(category)));
    expect(canonicalJson(statistics)).toBe(fresh);
    expect(canonicalJson(category.juryStatistics)).toBe(fresh);
    expect(canonicalJson(statistics)).not.toContain(world.jurors.A!.id);

    // Tallying again (and a job delivered twice) leaves the row as it was.
    const before = await t.db.query(`SELECT * FROM tally_analyses WHERE snapshot_id = $1`, [
      (await storedStatistics(world)).snapshotId,
    ]);
    await tallyAgain(world);
    await tallyAgain(world);
    expect(
      await t.db.query(`SELECT * FROM tally_analyses WHERE snapshot_id = $1`, [
        (await storedStatistics(world)).snapshotId,
      ]),
    ).toEqual(before);

    // Published from the stored statistics, the manifest verifies.
    await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({})
      .expect(200);
    const published = (await t.http().get(manifestUrl(world)).expect(200)).body as ResultsManifest;
    expect(canonicalJson(published.categories[0]!.juryStatistics)).toBe(fresh);
    const verdict = await verify(published, await signingKeys());
    expect(verdict.output).toContain('and so do its alpha and fragile verdict');
    expect(verdict.code).toBe(0);
  });

  it('the publication reads what the job stored instead of computing it', async () => {
    const world = await talliedWorld({ publishJuryStatistics: true });
    const { snapshotId } = await storedStatistics(world);
    // A marker only a read of the stored value can show (no computation gives this seed).
    const { statistics } = await storedStatistics(world);
    await replaceStatistics(snapshotId, JSON.stringify({ ...(statistics as object), seed: 'stored' }));
    expect((await previewManifest(world)).categories[0]!.juryStatistics!.seed).toBe('stored');
  });

  it('a snapshot tallied before they were stored: the publication computes them, and the next tally stores the same', async () => {
    const world = await talliedWorld({ publishJuryStatistics: true });
    const { snapshotId, statistics } = await storedStatistics(world);
    await replaceStatistics(snapshotId, null);
    const manifest = await previewManifest(world);
    expect(canonicalJson(manifest.categories[0]!.juryStatistics)).toBe(canonicalJson(statistics));
    const verdict = await verify(manifest);
    expect(verdict.output).toContain('and so do its alpha and fragile verdict');
    // The preview stored nothing (a request never writes them); the next tally of the same inputs does.
    expect((await storedStatistics(world)).statistics).toBeNull();
    await tallyAgain(world);
    expect(await storedStatistics(world)).toEqual({ snapshotId, statistics });
    // Stored once, they never change again (nor does anything else of the analysis).
    for (const change of [
      'jury_statistics = NULL',
      `jury_statistics = '{}'::jsonb`,
      `analysis = '{}'::jsonb`,
    ])
      await expect(
        t.db.query(`UPDATE tally_analyses SET ${change} WHERE snapshot_id = $1`, [snapshotId]),
      ).rejects.toThrow('tally analyses are immutable');
  });

  it('rule off: the job stores none and the manifest states none', async () => {
    const world = await talliedWorld();
    expect((await storedStatistics(world)).statistics).toBeNull();
    await tallyAgain(world);
    expect((await storedStatistics(world)).statistics).toBeNull();
    expect('juryStatistics' in (await previewManifest(world)).categories[0]!).toBe(false);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { TallyInput } from '../tally/arithmetic/tally.js';
import {
  MANIFEST_FORMAT,
  manifestCategory,
  publicResultsOf,
  sealManifest,
  type ResultsManifest,
} from './manifest.js';
import { NODE_VERIFIER_CRYPTO } from './manifest-signature.js';
import { verifyManifest as verifyWith } from './manifest-verification.js';

const verifyManifest = (value: unknown) => verifyWith(value, NODE_VERIFIER_CRYPTO);

/** SPEC.md's worked z-score example: juror A gives T1 = 40, T2 = 60; juror B gives T1 = 80, T2 = 100. */
const input: TallyInput = {
  rules: { method: 'zscore', tieBreakers: [], minScorecards: 2 },
  criteria: [{ code: 'impact', weight: '1' }],
  nominations: ['t2', 't1'],
  scorecards: [
    { juror: 'J-a', nomination: 't1', scores: { impact: 40 } },
    { juror: 'J-a', nomination: 't2', scores: { impact: 60 } },
    { juror: 'J-b', nomination: 't1', scores: { impact: 80 } },
    { juror: 'J-b', nomination: 't2', scores: { impact: 100 } },
  ],
};

function manifest(): ResultsManifest {
  return sealManifest({
    format: MANIFEST_FORMAT,
    algorithm: 'magistral-tally/1',
    edition: { id: 'e', slug: 'magistral-2025', name: 'Magistral 2025' },
    round: { id: 'r', number: 1, name: 'Final' },
    rules: { method: 'zscore', tieBreakers: [], minScorecards: 2 },
    publishedAt: '2025-12-01T10:00:00.000Z',
    auditHead: { seq: '42', hash: 'a'.repeat(64) },
    categories: [
      manifestCategory({ code: 'efficiency', name: { en: 'Efficiency' } }, input, [
        { id: 't1', title: 'Rail bridge', company: 'Steppe Freight' },
        { id: 't2', title: 'Dry port', company: 'Caspian Lines' },
      ]),
    ],
  });
}

describe('results manifest', () => {
  it('publishes the ranking tally() computes from the matrix', () => {
    const category = manifest().categories[0]!;
    expect(category.result.nominations.map((n) => [n.nomination, n.rank, n.score])).toEqual([
      ['t2', 1, '92.3607'],
      ['t1', 2, '47.6393'],
    ]);
    expect(category.nominations.map((n) => n.id)).toEqual(['t1', 't2']);
  });

  it('verifies an untouched manifest', async () => {
    const verdict = await verifyManifest(JSON.parse(JSON.stringify(manifest())));
    expect(verdict).toEqual({
      ok: true,
      problems: [],
      categories: [
        {
          code: 'efficiency',
          name: { en: 'Efficiency' },
          ok: true,
          statistics: false,
          failure: null,
          problems: [],
        },
      ],
    });
  });

  it('rejects a manifest with one score changed, naming what no longer follows', async () => {
    const tampered = manifest();
    tampered.categories[0]!.scorecards[0]!.scores.impact = 41;
    const verdict = await verifyManifest(tampered);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.map((p) => p.failure)).toEqual(['digest']);
    expect(verdict.problems[0]!.text).toMatch(/sha256 does not match/);
    expect(verdict.categories[0]).toMatchObject({ ok: false, failure: 'ranking' });
    expect(verdict.categories[0]!.problems.join(' ')).toMatch(/nomination t1: scoreExact published/);
  });

  it('rejects a changed ranking even when the SHA-256 is recomputed to match', async () => {
    const content: Partial<ResultsManifest> = manifest();
    delete content.sha256;
    const unsealed = content as Omit<ResultsManifest, 'sha256'>;
    unsealed.categories[0]!.result.nominations[0]!.score = '99.0000';
    const verdict = await verifyManifest(sealManifest(unsealed));
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(false);
    expect(verdict.categories[0]!.failure).toBe('ranking');
  });

  it('rejects what is not a manifest', async () => {
    expect((await verifyManifest({ hello: 'world' })).problems[0]!.failure).toBe('not_a_manifest');
    expect((await verifyManifest(null)).ok).toBe(false);
  });

  it('derives the public results: winners, finalists, titles and companies', () => {
    const results = publicResultsOf(manifest(), '/m');
    expect(results.categories[0]!.nominations.map((n) => [n.title, n.company, n.status, n.score])).toEqual([
      ['Dry port', 'Caspian Lines', 'winner', '92.3607'],
      ['Rail bridge', 'Steppe Freight', 'finalist', '47.6393'],
    ]);
    expect(results.manifest).toEqual({ sha256: manifest().sha256, url: '/m' });
  });
});

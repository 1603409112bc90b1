import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

import { generateSigningKey } from '../../config/signing-keys.js';
import type { TallyInput } from '../tally/arithmetic/tally.js';
import {
  MANIFEST_FORMAT,
  manifestCategory,
  sealManifest,
  type ResultsManifest,
  type UnsealedManifest,
} from './manifest.js';
import { NODE_VERIFIER_CRYPTO, signDigest } from './manifest-signature.js';
import {
  base64UrlBytes,
  verifyResults,
  type PublishedKey,
  type VerifierCrypto,
} from './manifest-verification.js';
import { WEB_VERIFIER_CRYPTO } from './web-verifier-crypto.js';

/*
 * The one verification core behind `npm run verify` and the results page's check in the browser, run here
 * with both cryptographies it is given: node:crypto (the command line) and WebCrypto (the browser's API,
 * which Node has too). Whatever one concludes, the other must conclude alike.
 */

const { key } = generateSigningKey();
const PUBLISHED: PublishedKey = {
  keyId: key.keyId,
  algorithm: 'Ed25519',
  publicKey: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey },
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: null,
};

/** Two categories: mean with a median tie-break, and SPEC.md's worked z-score example. */
function signedManifest({ statistics = false }: { statistics?: boolean } = {}): ResultsManifest {
  const mean: TallyInput = {
    rules: { method: 'mean', tieBreakers: ['median'], minScorecards: 2 },
    criteria: [{ code: 'impact', weight: '1' }],
    nominations: ['e1', 'e2'],
    scorecards: [
      { juror: 'J-a', nomination: 'e1', scores: { impact: 5 } },
      { juror: 'J-b', nomination: 'e1', scores: { impact: 5 } },
      { juror: 'J-c', nomination: 'e1', scores: { impact: 8 } },
      { juror: 'J-a', nomination: 'e2', scores: { impact: 4 } },
      { juror: 'J-b', nomination: 'e2', scores: { impact: 6 } },
      { juror: 'J-c', nomination: 'e2', scores: { impact: 8 } },
    ],
  };
  const zscore: TallyInput = {
    rules: { method: 'zscore', tieBreakers: [], minScorecards: 2 },
    criteria: [{ code: 'impact', weight: '1' }],
    nominations: ['t1', 't2'],
    scorecards: [
      { juror: 'J-a', nomination: 't1', scores: { impact: 40 } },
      { juror: 'J-a', nomination: 't2', scores: { impact: 60 } },
      { juror: 'J-b', nomination: 't1', scores: { impact: 80 } },
      { juror: 'J-b', nomination: 't2', scores: { impact: 100 } },
    ],
  };
  const sealed = sealManifest({
    format: MANIFEST_FORMAT,
    algorithm: 'magistral-tally/1',
    edition: { id: 'e', slug: 'magistral-2026', name: 'Magistral 2026' },
    round: { id: 'r', number: 1, name: 'Final' },
    rules: { method: 'mean', tieBreakers: ['median'], minScorecards: 2 },
    publishedAt: '2026-11-20T12:00:00.000Z',
    auditHead: null,
    categories: [
      manifestCategory(
        { code: 'efficiency', name: { en: 'Efficiency', de: 'Effizienz' } },
        mean,
        [
          { id: 'e1', title: 'Rail bridge', company: 'Steppe Bridges' },
          { id: 'e2', title: 'Dry port', company: 'Khorgos Gateway' },
        ],
        { statistics },
      ),
      manifestCategory(
        { code: 'innovation', name: { en: 'Innovation' } },
        zscore,
        [
          { id: 't1', title: 'Cold chain', company: 'Samarkand Cold' },
          { id: 't2', title: 'Night ferry', company: 'Caspian Ferry Lines' },
        ],
        { statistics },
      ),
    ],
  });
  // As a visitor receives it: JSON, not the objects that built it.
  return JSON.parse(
    JSON.stringify({ ...sealed, signature: signDigest(sealed.sha256, key) }),
  ) as ResultsManifest;
}

describe.each([
  ['node:crypto (npm run verify)', NODE_VERIFIER_CRYPTO],
  ['WebCrypto (the browser)', WEB_VERIFIER_CRYPTO],
] as [string, VerifierCrypto][])('verifying a results manifest with %s', (_, crypto) => {
  it('verifies a genuine manifest: every ranking, the SHA-256 and the signature', async () => {
    const verdict = await verifyResults(signedManifest(), [PUBLISHED], crypto);
    expect(verdict).toEqual({
      ok: true,
      manifest: {
        ok: true,
        problems: [],
        categories: [
          {
            code: 'efficiency',
            name: { en: 'Efficiency', de: 'Effizienz' },
            ok: true,
            statistics: false,
            failure: null,
            problems: [],
          },
          {
            code: 'innovation',
            name: { en: 'Innovation' },
            ok: true,
            statistics: false,
            failure: null,
            problems: [],
          },
        ],
      },
      signature: [],
      keyId: key.keyId,
    });
  });

  it('refuses one changed score: the digest and that category’s ranking, the other category still holds', async () => {
    const tampered = signedManifest();
    tampered.categories[0]!.scorecards[2]!.scores.impact = 2;
    const verdict = await verifyResults(tampered, [PUBLISHED], crypto);
    expect(verdict.ok).toBe(false);
    expect(verdict.manifest.problems.map((p) => p.failure)).toEqual(['digest']);
    expect(verdict.manifest.categories.map((c) => [c.code, c.failure])).toEqual([
      ['efficiency', 'ranking'],
      ['innovation', null],
    ]);
    expect(verdict.manifest.categories[0]!.problems.join('\n')).toMatch(
      /nomination e1: scoreExact published "6/,
    );
    // The signature covers the published digest, which was left as it was: it still holds.
    expect(verdict.signature).toEqual([]);
  });

  it('refuses a changed score even when the digest is recomputed, because the signature no longer covers it', async () => {
    const tampered = signedManifest();
    tampered.categories[1]!.scorecards[0]!.scores.impact = 39;
    const content: Partial<ResultsManifest> = { ...tampered };
    delete content.sha256;
    delete content.signature;
    const resealed = { ...sealManifest(content as UnsealedManifest), signature: tampered.signature };
    const verdict = await verifyResults(resealed, [PUBLISHED], crypto);
    expect(verdict.manifest.problems).toEqual([]);
    expect(verdict.manifest.categories[1]!.failure).toBe('ranking');
    expect(verdict.signature!.map((s) => s.failure)).toEqual(['invalid']);
    expect(verdict.ok).toBe(false);
  });

  it('refuses a wrong signature, a key that is not published, a retired key and a missing signature', async () => {
    const manifest = signedManifest();
    const value = manifest.signature!.value;
    const forged = {
      ...manifest,
      signature: { ...manifest.signature!, value: (value[0] === 'A' ? 'B' : 'A') + value.slice(1) },
    };
    expect((await verifyResults(forged, [PUBLISHED], crypto)).signature).toEqual([
      { failure: 'invalid', text: `the signature does not verify with the key ${key.keyId}` },
    ]);
    const garbage = { ...manifest, signature: { ...manifest.signature!, value: '!!' } };
    expect((await verifyResults(garbage, [PUBLISHED], crypto)).signature!.map((s) => s.failure)).toEqual([
      'invalid',
    ]);
    const stranger = {
      ...PUBLISHED,
      publicKey: { ...PUBLISHED.publicKey, x: generateSigningKey().key.publicKey },
    };
    expect((await verifyResults(manifest, [stranger], crypto)).signature!.map((s) => s.failure)).toEqual([
      'invalid',
    ]);
    expect((await verifyResults(manifest, [], crypto)).signature!.map((s) => s.failure)).toEqual([
      'unknown_key',
    ]);
    const retired = { ...PUBLISHED, validUntil: '2026-06-01T00:00:00.000Z' };
    const late = await verifyResults(manifest, [retired], crypto);
    expect(late.signature!.map((s) => s.failure)).toEqual(['key_not_valid']);
    expect(late.ok).toBe(false);
    const unsigned: Partial<ResultsManifest> = { ...manifest };
    delete unsigned.signature;
    expect((await verifyResults(unsigned, [PUBLISHED], crypto)).signature!.map((s) => s.failure)).toEqual([
      'unsigned',
    ]);
  });

  it('recomputes the stated jury statistics: alpha, its interval, the fragile verdict and its causes', async () => {
    const manifest = signedManifest({ statistics: true });
    expect(manifest.format).toBe('magistral-results-manifest/2');
    const verdict = await verifyResults(manifest, [PUBLISHED], crypto);
    expect(verdict.ok).toBe(true);
    expect(verdict.manifest.categories.map((c) => [c.code, c.ok, c.statistics])).toEqual([
      ['efficiency', true, true],
      ['innovation', true, true],
    ]);
  });

  /** A manifest with statistics whose `change` was made, then sealed and signed again (as by the platform). */
  function resigned(change: (manifest: ResultsManifest) => void): ResultsManifest {
    const manifest = signedManifest({ statistics: true });
    change(manifest);
    const content: Partial<ResultsManifest> = { ...manifest };
    delete content.sha256;
    delete content.signature;
    const sealed = sealManifest(content as UnsealedManifest);
    return { ...sealed, signature: signDigest(sealed.sha256, key) };
  }

  it('refuses a manifest, even one signed by the platform, whose stated alpha or fragile flag is not what its matrix gives', async () => {
    const alpha = resigned((m) => {
      const stated = m.categories[0]!.juryStatistics!.alpha;
      if (stated.value === null) throw new Error('expected an alpha');
      stated.value = stated.value === '0.9000' ? '0.9001' : '0.9000';
    });
    const byAlpha = await verifyResults(alpha, [PUBLISHED], crypto);
    expect(byAlpha.ok).toBe(false);
    expect(byAlpha.signature).toEqual([]);
    expect(byAlpha.manifest.categories.map((c) => [c.code, c.failure])).toEqual([
      ['efficiency', 'statistics'],
      ['innovation', null],
    ]);
    expect(byAlpha.manifest.categories[0]!.problems).toEqual([
      expect.stringMatching(/^jury statistics: alpha published .*"value":"0\.900[01]".*, recomputed /),
    ]);

    const flag = resigned((m) => {
      const stated = m.categories[1]!.juryStatistics!;
      stated.fragile = !stated.fragile;
    });
    const byFlag = await verifyResults(flag, [PUBLISHED], crypto);
    expect(byFlag.manifest.categories.map((c) => [c.code, c.failure])).toEqual([
      ['efficiency', null],
      ['innovation', 'statistics'],
    ]);
    expect(byFlag.manifest.categories[1]!.problems.join('\n')).toMatch(/fragile published (true|false)/);

    const interval = resigned((m) => {
      m.categories[0]!.juryStatistics!.seed = '0'.repeat(64);
    });
    expect((await verifyResults(interval, [PUBLISHED], crypto)).manifest.categories[0]!.failure).toBe(
      'statistics',
    );
    const margin = resigned((m) => {
      m.categories[0]!.juryStatistics!.fragileMargin = 'lots';
    });
    expect((await verifyResults(margin, [PUBLISHED], crypto)).manifest.categories[0]!.problems).toEqual([
      expect.stringMatching(/^jury statistics cannot be recomputed: fragileMargin must be/),
    ]);
  });

  it('still verifies a manifest published in format /1, and refuses jury statistics in one', async () => {
    const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures');
    const old = JSON.parse(
      readFileSync(join(fixtures, 'results-manifest-v1.json'), 'utf8'),
    ) as ResultsManifest;
    const { keys } = JSON.parse(readFileSync(join(fixtures, 'results-manifest-v1.keys.json'), 'utf8')) as {
      keys: PublishedKey[];
    };
    expect(old.format).toBe('magistral-results-manifest/1');
    const verdict = await verifyResults(old, keys, crypto);
    expect(verdict.ok).toBe(true);
    expect(verdict.manifest.categories.map((c) => [c.ok, c.statistics])).toEqual([[true, false]]);

    const claimed = resigned((m) => {
      m.format = 'magistral-results-manifest/1';
    });
    expect(
      (await verifyResults(claimed, [PUBLISHED], crypto)).manifest.problems.map((p) => p.failure),
    ).toEqual(['format']);
  });

  it('verifies nothing without published keys, and refuses what is not a manifest', async () => {
    const verdict = await verifyResults(signedManifest(), null, crypto);
    expect(verdict.manifest.ok).toBe(true);
    expect(verdict.signature).toBeNull();
    expect(verdict.ok).toBe(false);
    const junk = await verifyResults({ hello: 'world' }, [PUBLISHED], crypto);
    expect(junk.manifest.problems.map((p) => p.failure)).toEqual(['not_a_manifest']);
    expect(junk.ok).toBe(false);
  });
});

describe('the verification core', () => {
  it('decodes base64url exactly as Node does, and refuses what is not base64url', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = randomBytes(length);
      expect(Buffer.from(base64UrlBytes(bytes.toString('base64url'))!)).toEqual(bytes);
    }
    expect(base64UrlBytes('!!')).toBeNull();
    expect(base64UrlBytes('abc=')).toBeNull();
    expect(base64UrlBytes('abcde')).toBeNull();
  });

  it('imports nothing from Node, however deep: the browser bundles the same files', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const seen = new Set<string>();
    const todo = [join(here, 'manifest-verification.ts'), join(here, 'web-verifier-crypto.ts')];
    const nodeImports: string[] = [];
    while (todo.length) {
      const file = todo.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, typeOnly, from] of source.matchAll(
        /^(?:import|export) (type )?[^;]*? from '([^']+)';/gms,
      )) {
        if (typeOnly) continue;
        if (from!.startsWith('.')) todo.push(join(dirname(file), from!.replace(/\.js$/, '.ts')));
        else if (from!.startsWith('node:') || !['decimal.js'].includes(from!))
          nodeImports.push(`${file}: ${from}`);
      }
    }
    expect(nodeImports).toEqual([]);
    // The tally is reached through its one public module, not its internals.
    expect([...seen].some((file) => file.endsWith('tally/arithmetic/tally.ts'))).toBe(true);
  });
});

/**
 * `npm run verify -- <manifest file or URL> [--keys <file or URL>]`: recomputes every category's ranking of a
 * published results manifest from its score matrix alone, with the same pure tally the platform uses, checks
 * the manifest's SHA-256, and checks its Ed25519 signature against the platform's published keys (by
 * default, for a manifest URL, those at /.well-known/magistral-signing-keys.json of the same site). Prints a
 * verdict per category and for the signature; exits 0 when everything holds, 1 otherwise.
 * Where the manifest states jury statistics (alpha, fragile), they are recomputed from the matrix too.
 * Needs nothing but this repository: no database, no account. The checks are manifest-verification.ts's,
 * the same the results page runs in a visitor's browser; here with node:crypto.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { NODE_VERIFIER_CRYPTO } from './modules/publication/manifest-signature.js';
import {
  verifyResults,
  type PublishedKey,
  type ResultsVerdict,
} from './modules/publication/manifest-verification.js';

const WELL_KNOWN_KEYS = '/.well-known/magistral-signing-keys.json';

async function load(source: string): Promise<unknown> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${source} answered ${response.status} ${response.statusText}`);
    return response.json();
  }
  return JSON.parse(await readFile(source, 'utf8')) as unknown;
}

function report({ ok, manifest, signature, keyId }: ResultsVerdict): string[] {
  const lines = manifest.problems.map((problem) => `MISMATCH manifest: ${problem.text}`);
  for (const category of manifest.categories) {
    if (category.ok)
      lines.push(
        `OK       ${category.code}: ranking recomputed from the score matrix matches${
          category.statistics ? ', and so do its alpha and fragile verdict' : ''
        }`,
      );
    else
      lines.push(
        `MISMATCH ${category.code}:`,
        ...category.problems.map((problem) => `           ${problem}`),
      );
  }
  if (signature === null)
    lines.push('MISMATCH signature: not checked, no public keys (give --keys <file or URL>)');
  else if (signature.length === 0)
    lines.push(`OK       signature: Ed25519 by the platform's key ${keyId}, valid when published`);
  else lines.push(...signature.map((problem) => `MISMATCH signature: ${problem.text}`));
  lines.push(
    ok
      ? "VERIFIED: every published ranking follows from the score matrix, the SHA-256 matches, and the platform's key signed it."
      : 'NOT VERIFIED.',
  );
  return lines;
}

/** The keys to check against: --keys, else the well-known list beside a manifest URL; null when neither. */
function keysSource(manifest: string, keys: string | undefined): string | null {
  if (keys !== undefined) return keys;
  return /^https?:\/\//i.test(manifest) ? new URL(WELL_KNOWN_KEYS, manifest).href : null;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: { keys: { type: 'string' } },
    allowPositionals: true,
  });
  const [source] = positionals;
  if (!source) {
    console.error('Usage: npm run verify -- <manifest file or URL> [--keys <signing keys file or URL>]');
    return 1;
  }
  let manifest: unknown;
  try {
    manifest = await load(source);
  } catch (error) {
    console.error(`Cannot read ${source}: ${(error as Error).message}`);
    return 1;
  }
  const from = keysSource(source, values.keys);
  let keys: PublishedKey[] | null = null;
  if (from !== null) {
    try {
      const list = (await load(from)) as { keys?: PublishedKey[] };
      keys = Array.isArray(list.keys) ? list.keys : [];
    } catch (error) {
      console.error(`Cannot read the signing keys at ${from}: ${(error as Error).message}`);
      return 1;
    }
  }
  const verdict = await verifyResults(manifest, keys, NODE_VERIFIER_CRYPTO);
  for (const line of report(verdict)) console.log(line);
  return verdict.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));

/**
 * `npm run verify -- <manifest file or URL>`: recomputes every category's ranking of a published results
 * manifest from its score matrix alone, with the same pure tally the platform uses, and checks the
 * manifest's SHA-256. Prints a verdict per category; exits 0 when everything matches, 1 otherwise.
 * Needs nothing but this repository: no database, no server, no account.
 */
import { readFile } from 'node:fs/promises';
import { verifyManifest, type ManifestVerdict } from './modules/publication/manifest.js';

async function load(source: string): Promise<unknown> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${source} answered ${response.status} ${response.statusText}`);
    return response.json();
  }
  return JSON.parse(await readFile(source, 'utf8')) as unknown;
}

function report(verdict: ManifestVerdict): string[] {
  const lines = verdict.problems.map((problem) => `MISMATCH manifest: ${problem}`);
  for (const category of verdict.categories) {
    if (category.ok)
      lines.push(`OK       ${category.code}: ranking recomputed from the score matrix matches`);
    else
      lines.push(
        `MISMATCH ${category.code}:`,
        ...category.problems.map((problem) => `           ${problem}`),
      );
  }
  lines.push(
    verdict.ok
      ? 'VERIFIED: every published ranking follows from the score matrix, and the SHA-256 matches.'
      : 'NOT VERIFIED.',
  );
  return lines;
}

async function main(argv: string[]): Promise<number> {
  const source = argv.find((arg) => arg !== '--');
  if (!source) {
    console.error('Usage: npm run verify -- <manifest file or URL>');
    return 1;
  }
  let manifest: unknown;
  try {
    manifest = await load(source);
  } catch (error) {
    console.error(`Cannot read ${source}: ${(error as Error).message}`);
    return 1;
  }
  const verdict = verifyManifest(manifest);
  for (const line of report(verdict)) console.log(line);
  return verdict.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));

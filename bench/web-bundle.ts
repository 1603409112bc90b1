/**
 * How much JavaScript (gzip) the browser loads before each screen of the web app is shown: the entry script
 * and what index.html preloads, plus the screen's own lazy chunk and every chunk it imports in turn, and the
 * English strings those fetch before the screen renders (the console's). Reads
 * the built app in dist/web (`npm run bench:web` builds it first). The goal (issues 14 and 15): at most 150 KB,
 * the juror's worklist and scorecard included — the bench fails if those screens are no longer found.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const GOAL_BYTES = 150 * 1024;
/** Screens the goal names explicitly (the entrant's first screen, the juror's), which must stay measured. */
const REQUIRED_SCREENS = ['HomePage', 'NominationsPage', 'WorklistPage', 'ScorecardPage'];
const WEB = fileURLToPath(new URL('../web/', import.meta.url));
const ASSETS = join(WEB, 'assets');

/** gzip -9, as a server or CDN compresses static files once. */
const gzipped = (file: string): number => gzipSync(readFileSync(join(ASSETS, file)), { level: 9 }).length;

/** The chunks a chunk imports statically (Vite writes them as `from"./name.js"` or `import"./name.js"`). */
function staticImports(file: string): string[] {
  const source = readFileSync(join(ASSETS, file), 'utf8');
  const found = new Set<string>();
  for (const match of source.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)) found.add(match[1]!);
  return [...found];
}

/**
 * The English strings a chunk fetches before its screen renders (the console's sections: ConsoleLayout waits
 * for them), written by Vite as import(`./en-….js`). Other languages' chunks are not counted: the budget is
 * measured in English, whose base dictionary ships with the entry.
 */
function englishStrings(file: string): string[] {
  const source = readFileSync(join(ASSETS, file), 'utf8');
  return [...source.matchAll(/import\(`\.\/(en-[\w-]+\.js)`\)/g)].map((match) => match[1]!);
}

function closure(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...staticImports(file));
  }
  return seen;
}

function main(): number {
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/assets\/([\w.-]+\.js)"/g)].map((m) => m[1]!);
  const first = closure(initial);
  const screens = readdirSync(ASSETS)
    .filter((f) => /Page-[\w-]+\.js$/.test(f))
    .sort();
  const sum = (files: Iterable<string>) => [...files].reduce((total, f) => total + gzipped(f), 0);
  const shell = sum(first);
  console.log(`web app: ${first.size} chunks before any screen, ${(shell / 1024).toFixed(1)} KB gzip`);
  let worst = 0;
  const rows: [string, number][] = [];
  for (const screen of screens) {
    const own = closure([screen]);
    const strings = closure([...own].flatMap(englishStrings));
    const total = sum(new Set([...first, ...own, ...strings]));
    worst = Math.max(worst, total);
    rows.push([screen.replace(/-[\w-]+\.js$/, ''), total]);
  }
  for (const [name, total] of rows)
    console.log(`  ${name.padEnd(30)} ${(total / 1024).toFixed(1).padStart(6)} KB`);
  const missing = REQUIRED_SCREENS.filter((required) => !rows.some(([name]) => name === required));
  if (missing.length) {
    console.log(`screens not found in dist/web/assets (renamed?): ${missing.join(', ')}`);
    return 1;
  }
  const met = worst <= GOAL_BYTES;
  console.log(
    `largest first screen: ${(worst / 1024).toFixed(1)} KB of JavaScript (gzip); goal ≤ ${GOAL_BYTES / 1024} KB: ` +
      (met ? 'met' : 'MISSED'),
  );
  return met ? 0 : 1;
}

process.exitCode = main();

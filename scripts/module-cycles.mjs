#!/usr/bin/env node
// Import circles between modules (issue 13). dependency-cruiser's no-circular rule sees circles between files;
// this sees them between modules (src/modules/<name>, src/common, src/database, src/queue, src/config …):
// auth → notifications → auth is a circle even when no single file imports back. Type-only imports count.
// Spec files are left out. The circles that existed when this was written are listed in
// scripts/module-cycles-baseline.json; a circle not in it fails, a listed one that is gone is reported.
//
//   node scripts/module-cycles.mjs                   list the circles; exit 1 on a new one
//   node scripts/module-cycles.mjs --details         … with one import that makes each step
//   node scripts/module-cycles.mjs --write-baseline  rewrite the baseline to today's circles
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { moduleOf } from './table-owners-core.mjs';

/** Relative import specifiers of a source, type-only ones included, resolved to .ts paths that exist. */
export function localImportsOf(file, source, exists) {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  const out = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const base = join(dirname(file), fileName).replace(/\.js$/, '');
    const found = [`${base}.ts`, join(base, 'index.ts')].find(exists);
    if (found) out.push(found);
  }
  return out;
}

/** Module → module → one file-level import that makes the edge (for the report). */
export function moduleGraph(importsByFile) {
  const graph = new Map();
  for (const [file, imports] of importsByFile) {
    const from = moduleOf(file);
    for (const target of imports) {
      const to = moduleOf(target);
      if (!from || !to || from === to) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from).has(to)) graph.get(from).set(to, `${file} → ${target}`);
    }
  }
  return graph;
}

/**
 * The import circles between modules, as the module edges that lie on one (edges inside a strongly connected
 * component), each spelled "from → to". Any new circle adds at least one such edge, so a baseline of these
 * edges is a ratchet; listing every elementary circle instead would run into the thousands.
 */
export function circleEdgesOf(graph) {
  const nodes = [...new Set([...graph.keys(), ...[...graph.values()].flatMap((m) => [...m.keys()])])].sort();
  const reaches = (from, to) => {
    const seen = new Set([from]);
    const todo = [from];
    while (todo.length) {
      for (const next of graph.get(todo.pop())?.keys() ?? []) {
        if (next === to) return true;
        if (!seen.has(next)) {
          seen.add(next);
          todo.push(next);
        }
      }
    }
    return false;
  };
  const edges = [];
  for (const from of nodes) {
    for (const to of [...(graph.get(from)?.keys() ?? [])].sort())
      if (reaches(to, from)) edges.push(`${from} → ${to}`);
  }
  return edges;
}

/** Groups of modules that import each other, directly or through others (strongly connected components). */
export function circlesOf(edges) {
  const groups = [];
  for (const edge of edges) {
    const [a, b] = edge.split(' → ');
    const hit = groups.filter((g) => g.has(a) || g.has(b));
    const merged = new Set([a, b, ...hit.flatMap((g) => [...g])]);
    for (const g of hit) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups.map((g) => [...g].sort());
}

// The list of entities TypeORM loads has to name every module's entities: it is wiring, not a dependency.
const WIRING = new Set(['src/database/entities.ts']);

function main() {
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const baselineFile = join(root, 'scripts', 'module-cycles-baseline.json');
  const args = new Set(process.argv.slice(2));
  const files = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .filter((file) => !WIRING.has(file));
  const importsByFile = new Map(
    files.map((file) => [
      file,
      localImportsOf(file, readFileSync(join(root, file), 'utf8'), (p) => existsSync(join(root, p))),
    ]),
  );
  const graph = moduleGraph(importsByFile);
  const edges = circleEdgesOf(graph);

  if (args.has('--write-baseline')) {
    writeFileSync(baselineFile, JSON.stringify(edges, null, 2) + '\n');
    console.log(`module-cycles: wrote ${edges.length} known circle edges to ${relative(root, baselineFile)}`);
    return 0;
  }
  const known = new Set(JSON.parse(readFileSync(baselineFile, 'utf8')));
  const fresh = edges.filter((e) => !known.has(e));
  const groups = circlesOf(edges);
  const pairs = edges.filter(
    (e) => e.split(' → ')[0] < e.split(' → ')[1] && edges.includes(e.split(' → ').reverse().join(' → ')),
  );
  console.log(
    `module-cycles: ${groups.length} group(s) of modules in import circles, ${pairs.length} pairs importing each other, ` +
      `${edges.length} module imports on a circle (${edges.length - fresh.length} known; * = new)`,
  );
  for (const group of groups) console.log(`  circle: ${group.join(', ')}`);
  for (const pair of pairs) console.log(`  each other: ${pair.replace(' → ', ' ↔ ')}`);
  for (const edge of edges) {
    const isFresh = !known.has(edge);
    if (!args.has('--details') && !isFresh) continue;
    const [from, to] = edge.split(' → ');
    console.log(`  ${isFresh ? '* ' : ''}${edge}   (${graph.get(from).get(to)})`);
  }
  for (const edge of known) {
    if (!edges.includes(edge)) {
      console.log(
        `module-cycles: "${edge}" is no longer on a circle: delete it from scripts/module-cycles-baseline.json`,
      );
    }
  }
  for (const edge of fresh) console.error(`module-cycles: the import ${edge} closes a new circle`);
  return fresh.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());

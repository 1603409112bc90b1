#!/usr/bin/env node
// One owner per table (issue 13): lists, for each table the migrations create, the modules whose SQL names it
// (raw SQL in string literals, and entity classes handed to TypeORM calls), and fails when a module other than
// the table's owner names it, unless that (table, module) pair is a known violation in
// scripts/table-owners-baseline.json. The baseline is a ratchet: it may only shrink.
//
//   node scripts/table-owners.mjs                   summary per table; exit 1 on a new violation
//   node scripts/table-owners.mjs --details         … with file:line of every mention outside the owner
//   node scripts/table-owners.mjs --write-baseline  rewrite the baseline to today's violations
//
// Owners are declared in scripts/table-owners.json, of tables and of views. A view is what its owner lets other
// modules read of its tables: any module may read it (FROM/JOIN), only its owner may write through it.
// Spec files are not read (tests of internals may look
// anywhere); neither are test/ and bench/.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  baselineOf,
  entitiesDeclaredIn,
  findMentions,
  judge,
  relationsCreatedBy,
} from './table-owners-core.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const ownersFile = join(root, 'scripts', 'table-owners.json');
const baselineFile = join(root, 'scripts', 'table-owners-baseline.json');
const args = new Set(process.argv.slice(2));

const tsFiles = (dir) =>
  readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));

const tables = new Set();
const views = new Set();
for (const file of tsFiles('migrations')) {
  const created = relationsCreatedBy(readFileSync(join(root, file), 'utf8'));
  created.tables.forEach((t) => tables.add(t));
  created.views.forEach((v) => views.add(v));
}
const relations = new Set([...tables, ...views]);

const sources = tsFiles('src')
  .filter((f) => !f.endsWith('.spec.ts'))
  .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));
const entities = new Map();
for (const { text } of sources) for (const [cls, table] of entitiesDeclaredIn(text)) entities.set(cls, table);

const mentions = sources.flatMap(({ file, text }) =>
  findMentions(file, text, relations, entities).map((m) => ({ ...m, file })),
);
const owners = JSON.parse(readFileSync(ownersFile, 'utf8'));
const baseline = args.has('--write-baseline') ? {} : JSON.parse(readFileSync(baselineFile, 'utf8'));
const { byRelation, unowned, violations, fresh, stale } = judge(mentions, owners, baseline, relations);

if (args.has('--write-baseline')) {
  writeFileSync(baselineFile, JSON.stringify(baselineOf(violations), null, 2) + '\n');
  console.log(`table-owners: wrote ${violations.length} known violations to ${relative(root, baselineFile)}`);
  process.exit(0);
}

const short = (file) => file.replace(/^src\/modules\//, '').replace(/^src\//, '');
const describe = (perFile) => {
  const files = perFile.size;
  const count = [...perFile.values()].reduce((n, lines) => n + lines.length, 0);
  const writes = [...perFile.values()].reduce((n, lines) => n + lines.filter((l) => l < 0).length, 0);
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(files, 'file')}, ${plural(count, 'mention')}${writes ? `, ${plural(writes, 'write')}` : ''}`;
};
const isFresh = (relation, mod) => fresh.some(([r, m]) => r === relation && m === mod);

console.log(
  'table-owners: who names each table (owner first; * = not in the baseline; 12w = a write on line 12)',
);
for (const relation of [...byRelation.keys()].sort()) {
  const perModule = byRelation.get(relation);
  const isView = views.has(relation) && !tables.has(relation);
  const owner = (isView ? owners.views : owners.tables)[relation] ?? '(no owner declared)';
  const own = perModule.get(owner);
  const others = [...perModule.entries()]
    .filter(([mod]) => mod !== owner)
    .sort(([a], [b]) => a.localeCompare(b));
  const head = `${relation}${isView ? ' (view)' : ''}: owner ${owner}${own ? ` (${describe(own)})` : ''}`;
  const tail = others.map(
    ([mod, perFile]) => `${mod}${isFresh(relation, mod) ? '*' : ''} (${describe(perFile)})`,
  );
  console.log(`  ${head}${tail.length ? `; also named by ${tail.join(', ')}` : ''}`);
  if (args.has('--details') || others.some(([mod]) => isFresh(relation, mod))) {
    for (const [mod, perFile] of others) {
      if (!args.has('--details') && !isFresh(relation, mod)) continue;
      for (const [file, lines] of perFile)
        console.log(`      ${mod}: ${short(file)}:${lines.map((l) => (l < 0 ? `${-l}w` : l)).join(',')}`);
    }
  }
}

const shared = [...byRelation.entries()].filter(
  ([relation, perModule]) => tables.has(relation) && perModule.size > 1,
).length;
const writtenOutside = [...byRelation.entries()].filter(([relation, perModule]) =>
  [...perModule.entries()].some(
    ([mod, perFile]) =>
      mod !== (owners.tables[relation] ?? owners.views[relation]) &&
      [...perFile.values()].some((lines) => lines.some((l) => l < 0)),
  ),
).length;
console.log(
  `table-owners: ${tables.size} tables, ${views.size} views; ${shared} tables named by more than one module, ` +
    `${writtenOutside} written outside their owner; ` +
    `${violations.length} (table, module) pairs outside the owner, ${violations.length - fresh.length} of them known`,
);
for (const [relation, mod] of stale) {
  console.log(
    `table-owners: ${mod} no longer names ${relation}: delete it from scripts/table-owners-baseline.json`,
  );
}
let failed = false;
for (const relation of unowned) {
  console.error(`table-owners: ${relation} has no owner: declare one in scripts/table-owners.json`);
  failed = true;
}
for (const [relation, mod] of fresh) {
  console.error(
    `table-owners: ${mod} names ${relation}, owned by ${owners.tables[relation] ?? owners.views[relation]}: call the owner's functions instead`,
  );
  failed = true;
}
process.exit(failed ? 1 : 0);

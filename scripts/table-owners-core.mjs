// The logic of scripts/table-owners.mjs, apart from the file system so a unit test can feed it sources
// (src/database/table-owners.spec.ts). Plain ESM JavaScript: `npm run lint` runs it without a build.
import ts from 'typescript';

// Keywords after which SQL names a table. FROM also covers DELETE FROM; TABLE covers TRUNCATE/LOCK TABLE.
const TABLE_AFTER_KEYWORD =
  /\b(DELETE\s+FROM|FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE)\s+(?:ONLY\s+)?(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(?:"?public"?\.)?"?([A-Za-z_][A-Za-z0-9_]*)"?/gi;
// A string literal is read as SQL only when it holds an upper-case SQL keyword, so that prose such as an error
// message ("removed from nominations") is not mistaken for a query.
const LOOKS_LIKE_SQL = /\b(?:SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|WITH|INTO|TRUNCATE)\b/;

// EntityManager / QueryBuilder methods that write the entity's table when handed its class.
const ORM_WRITES = new Set([
  'insert',
  'update',
  'delete',
  'save',
  'upsert',
  'remove',
  'softDelete',
  'increment',
  'decrement',
]);

/** Table and view names a migration creates (CREATE TABLE / CREATE VIEW / ALTER TABLE … RENAME TO). */
export function relationsCreatedBy(migrationSource) {
  const tables = new Set();
  const views = new Set();
  for (const m of migrationSource.matchAll(
    /\bCREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)/gi,
  )) {
    tables.add(m[1].toLowerCase());
  }
  for (const m of migrationSource.matchAll(/\bRENAME\s+TO\s+"?([a-z_][a-z0-9_]*)/gi))
    tables.add(m[1].toLowerCase());
  for (const m of migrationSource.matchAll(
    /\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:MATERIALIZED\s+)?VIEW\s+(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)/gi,
  )) {
    views.add(m[1].toLowerCase());
  }
  return { tables, views };
}

/** The module a source file belongs to: `src/modules/<name>/…` → name, `src/<dir>/…` → dir, `src/x.ts` → app. */
export function moduleOf(path) {
  const parts = path.split('/');
  const at = parts.indexOf('src');
  if (at < 0) return null;
  const rest = parts.slice(at + 1);
  if (rest[0] === 'modules' && rest.length > 2) return rest[1];
  if (rest.length > 1) return rest[0];
  return 'app';
}

/** Entity class name → table name, from `@Entity('table') export class Name` in a source. */
export function entitiesDeclaredIn(source) {
  const found = new Map();
  for (const m of source.matchAll(
    /@Entity\(\s*['"]([a-z_][a-z0-9_]*)['"][\s\S]*?\bclass\s+([A-Za-z_$][\w$]*)/g,
  )) {
    found.set(m[2], m[1]);
  }
  return found;
}

/**
 * Every place a source names a known relation: in a string literal that reads as SQL (`kind: 'sql'`), or by
 * passing an entity class to a call (`getRepository(Nomination)`, `manager.update(Nomination, …)`,
 * `@InjectRepository(Nomination)`, `forFeature([Nomination])`: `kind: 'orm'`).
 * @param {string} fileName
 * @param {string} source
 * @param {Set<string>} relations table and view names
 * @param {Map<string, string>} entities entity class name → table
 * @returns {{ relation: string, line: number, kind: 'sql' | 'orm', write: boolean }[]}
 */
export function findMentions(fileName, source, relations, entities = new Map()) {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const mentions = [];
  const lineAt = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;

  const scanLiteral = (node, isSql) => {
    if (!isSql) return;
    const raw = node.getText(sf);
    const start = node.getStart(sf);
    for (const m of raw.matchAll(TABLE_AFTER_KEYWORD)) {
      const name = m[2].toLowerCase();
      const write = !/^(FROM|JOIN)$/i.test(m[1]);
      if (relations.has(name))
        mentions.push({ relation: name, line: lineAt(start + m.index), kind: 'sql', write });
    }
  };
  const entityArgument = (arg, write) => {
    if (ts.isIdentifier(arg) && entities.has(arg.text)) {
      mentions.push({ relation: entities.get(arg.text), line: lineAt(arg.getStart(sf)), kind: 'orm', write });
    } else if (ts.isArrayLiteralExpression(arg)) {
      arg.elements.forEach((e) => entityArgument(e, false));
    }
  };

  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      scanLiteral(node, LOOKS_LIKE_SQL.test(node.text));
    } else if (ts.isTemplateExpression(node)) {
      // Judge the whole template (its literal parts together) as SQL or not, then scan each part.
      const whole = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? ');
      const isSql = LOOKS_LIKE_SQL.test(whole);
      scanLiteral(node.head, isSql);
      for (const span of node.templateSpans) {
        visit(span.expression);
        scanLiteral(span.literal, isSql);
      }
      return;
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      const write = ts.isPropertyAccessExpression(callee) && ORM_WRITES.has(callee.name.text);
      for (const arg of node.arguments ?? []) entityArgument(arg, write);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return mentions;
}

/**
 * Group mentions by relation and module, and judge them against the owners and the baseline.
 * @param {{ file: string, relation: string, line: number, kind: string }[]} mentions
 * @param {{ tables: Record<string, string>, views: Record<string, string> }} owners
 * @param {Record<string, string[]>} baseline table → modules allowed to name it for now (known violations)
 */
export function judge(mentions, owners, baseline, relations) {
  /** @type {Map<string, Map<string, Map<string, number[]>>>} relation → module → file → lines (-line: a write) */
  const byRelation = new Map();
  for (const r of relations) byRelation.set(r, new Map());
  for (const m of mentions) {
    const mod = moduleOf(m.file);
    const perModule = byRelation.get(m.relation) ?? new Map();
    byRelation.set(m.relation, perModule);
    const perFile = perModule.get(mod) ?? new Map();
    perModule.set(mod, perFile);
    const lines = perFile.get(m.file) ?? [];
    perFile.set(m.file, lines);
    lines.push(m.write ? -m.line : m.line); // a negative line is a write, so the report can count them
  }

  const unowned = [];
  const violations = []; // [table, module] pairs, known or not
  const fresh = []; // violations not in the baseline: these fail
  for (const [relation, perModule] of byRelation) {
    const isView = relation in (owners.views ?? {});
    const owner = isView ? owners.views[relation] : owners.tables[relation];
    if (!owner) {
      unowned.push(relation);
      continue;
    }
    for (const [mod, perFile] of perModule) {
      if (mod === owner) continue;
      // Other modules may read the views their owner defines, never write them (through an updatable view).
      if (isView && ![...perFile.values()].some((lines) => lines.some((l) => l < 0))) continue;
      violations.push([relation, mod]);
      if (!(baseline[relation] ?? []).includes(mod)) fresh.push([relation, mod]);
    }
  }
  const stale = [];
  for (const [relation, mods] of Object.entries(baseline)) {
    for (const mod of mods) {
      if (!violations.some(([r, m]) => r === relation && m === mod)) stale.push([relation, mod]);
    }
  }
  return { byRelation, unowned, violations, fresh, stale };
}

/** The baseline that lists exactly the given violations, sorted so regenerating it gives a stable diff. */
export function baselineOf(violations) {
  const out = {};
  for (const [relation, mod] of [...violations].sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1]))) {
    (out[relation] ??= []).push(mod);
  }
  for (const mods of Object.values(out)) mods.sort();
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

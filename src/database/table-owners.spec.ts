// The checks `npm run lint` makes of the data layer (issue 13): which SQL names which table, who owns it, and
// which module imports close a circle. The scripts live in scripts/ (plain ESM, run without a build).
import { describe, expect, it } from '@jest/globals';
import { circleEdgesOf, circlesOf, localImportsOf, moduleGraph } from '../../scripts/module-cycles.mjs';
import {
  baselineOf,
  entitiesDeclaredIn,
  findMentions,
  judge,
  moduleOf,
  relationsCreatedBy,
} from '../../scripts/table-owners-core.mjs';

const relations = new Set(['nominations', 'editions', 'users', 'rounds', 'active_assignments']);
const named = (source: string, entities = new Map<string, string>()) =>
  findMentions('x.ts', source, relations, entities).map(
    (m) => `${m.relation}:${m.line}:${m.kind}${m.write ? ':write' : ''}`,
  );

describe('table-owners: the tables a source names', () => {
  it.each([
    ['select', 'q(`SELECT n.id FROM nominations n WHERE n.id = $1`)', ['nominations:1:sql']],
    [
      'join',
      "q('SELECT 1 FROM rounds r JOIN editions e ON e.id = r.edition_id')",
      ['rounds:1:sql', 'editions:1:sql'],
    ],
    ['insert', "q('INSERT INTO users (email) VALUES ($1)')", ['users:1:sql:write']],
    ['update', 'q(`UPDATE nominations SET status = $2 WHERE id = $1`)', ['nominations:1:sql:write']],
    ['delete', 'q(`DELETE FROM editions WHERE id = $1`)', ['editions:1:sql:write']],
    [
      'a locking read',
      'q(`SELECT 1 FROM nominations n WHERE n.id = $1 FOR UPDATE OF n`)',
      ['nominations:1:sql'],
    ],
    ['quoted and schema-qualified', 'q(`SELECT 1 FROM public."users" u`)', ['users:1:sql']],
    ['lower-case keywords in a query', 'q(`SELECT 1 from nominations`)', ['nominations:1:sql']],
    ['a view', 'q(`SELECT 1 FROM active_assignments`)', ['active_assignments:1:sql']],
  ])('finds a table in %s', (_, source, expected) => {
    expect(named(source)).toEqual(expected);
  });

  it('reads every literal part of a template and reports the line of each table', () => {
    const source = [
      'const scope = "x";',
      'q(`SELECT n.id',
      '      FROM nominations n',
      '     WHERE ${scope}',
      '       AND n.round_id IN (SELECT id FROM rounds)`);',
    ].join('\n');
    expect(named(source)).toEqual(['nominations:3:sql', 'rounds:5:sql']);
  });

  it.each([
    ['prose that mentions a table', "throw new Error('cannot remove it from nominations')"],
    ['a column named after a keyword', 'q(`SELECT extract(epoch FROM created_at) FROM audit`)'],
    ['a table name in a comment', '// SELECT * FROM nominations\nconst a = 1;'],
    ['an entity named in a type only', 'let e: Relation<Edition>;'],
  ])('ignores %s', (_, source) => {
    expect(named(source, new Map([['Edition', 'editions']]))).toEqual([]);
  });

  it('counts an entity class handed to TypeORM as naming its table', () => {
    const entities = entitiesDeclaredIn("@Entity('editions')\nexport class Edition {}\n");
    expect(entities).toEqual(new Map([['Edition', 'editions']]));
    const source = [
      'ds.getRepository(Edition).findOneBy({ id });',
      'TypeOrmModule.forFeature([Edition]);',
      '@ManyToOne(() => Edition) edition!: Relation<Edition>;',
      'await manager.update(Edition, { id }, { phase });',
    ].join('\n');
    expect(named(source, entities)).toEqual(['editions:1:orm', 'editions:2:orm', 'editions:4:orm:write']);
  });

  it('reads the tables and views the migrations create', () => {
    const migration = [
      'await q.query(`CREATE TABLE nominations (id uuid)`);',
      'await q.query(`CREATE TABLE IF NOT EXISTS "tally_runs" (id uuid)`);',
      'await q.query(`ALTER TABLE old_name RENAME TO new_name`);',
      'await q.query(`CREATE OR REPLACE VIEW juror_conflicts AS SELECT 1`);',
    ].join('\n');
    const { tables, views } = relationsCreatedBy(migration);
    expect([...tables].sort()).toEqual(['new_name', 'nominations', 'tally_runs']);
    expect([...views]).toEqual(['juror_conflicts']);
  });

  it.each([
    ['src/modules/tally/rounds.ts', 'tally'],
    ['src/modules/jury/assignments/assignments.service.ts', 'jury'],
    ['src/queue/outbox-relay.ts', 'queue'],
    ['src/cli.ts', 'app'],
  ])('puts %s in module %s', (path, module) => {
    expect(moduleOf(path)).toBe(module);
  });
});

describe('table-owners: the ratchet', () => {
  const owners = {
    tables: { nominations: 'nominations', editions: 'editions' },
    views: { active_assignments: 'jury' },
  };
  const at = (file: string, relation: string) => ({
    file,
    relation,
    line: 1,
    kind: 'sql' as const,
    write: false,
  });
  const all = new Set(['nominations', 'editions', 'active_assignments', 'stray']);
  const mentions = [
    at('src/modules/nominations/a.ts', 'nominations'),
    at('src/modules/tally/b.ts', 'nominations'),
    at('src/modules/jury/c.ts', 'nominations'),
    at('src/modules/tally/d.ts', 'active_assignments'),
  ];

  it('fails a module that names a table it does not own and that the baseline does not list', () => {
    const result = judge(mentions, owners, { nominations: ['tally'] }, all);
    expect(result.violations).toEqual([
      ['nominations', 'tally'],
      ['nominations', 'jury'],
    ]);
    expect(result.fresh).toEqual([['nominations', 'jury']]);
  });

  it('lets other modules read a view, and asks for an owner of a table that has none', () => {
    const result = judge(mentions, owners, { nominations: ['jury', 'tally'] }, all);
    expect(result.fresh).toEqual([]);
    expect(result.unowned).toEqual(['stray']);
  });

  it("refuses a write through another module's view", () => {
    const write = { ...at('src/modules/tally/e.ts', 'active_assignments'), write: true };
    const result = judge([...mentions, write], owners, { nominations: ['jury', 'tally'] }, all);
    expect(result.fresh).toEqual([['active_assignments', 'tally']]);
  });

  it('reports a baseline entry that no longer occurs, and writes a sorted baseline', () => {
    const result = judge(mentions, owners, { nominations: ['jury', 'publication', 'tally'] }, all);
    expect(result.stale).toEqual([['nominations', 'publication']]);
    expect(baselineOf(result.violations)).toEqual({ nominations: ['jury', 'tally'] });
  });
});

describe('module-cycles', () => {
  const files = new Set([
    'src/modules/auth/auth.service.ts',
    'src/modules/notifications/notifications.service.ts',
    'src/modules/notifications/index.ts',
    'src/modules/audit/audit.service.ts',
  ]);

  it('resolves relative imports, type-only ones included, to the .ts files they name', () => {
    const source = [
      "import { A } from '../notifications/notifications.service.js';",
      "import type { B } from '../notifications/index.js';",
      "import { Injectable } from '@nestjs/common';",
      "export { C } from '../audit/audit.service.js';",
    ].join('\n');
    expect(localImportsOf('src/modules/auth/auth.service.ts', source, (p) => files.has(p))).toEqual([
      'src/modules/notifications/notifications.service.ts',
      'src/modules/notifications/index.ts',
      'src/modules/audit/audit.service.ts',
    ]);
  });

  it('finds the module imports that lie on a circle, and the groups they form', () => {
    const graph = moduleGraph(
      new Map([
        ['src/modules/auth/a.ts', ['src/modules/notifications/n.ts', 'src/modules/audit/x.ts']],
        ['src/modules/notifications/n.ts', ['src/modules/jury/j.ts']],
        ['src/modules/jury/j.ts', ['src/modules/auth/b.ts', 'src/modules/jury/k.ts']],
        ['src/modules/audit/x.ts', ['src/common/c.ts']],
      ]),
    );
    const edges = circleEdgesOf(graph);
    expect(edges).toEqual(['auth → notifications', 'jury → auth', 'notifications → jury']);
    expect(circlesOf(edges)).toEqual([['auth', 'jury', 'notifications']]);
  });
});

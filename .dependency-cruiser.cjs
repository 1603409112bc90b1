// Import boundaries of src/, checked by `npm run lint` (issue 13). The violations that existed when a rule
// was written are listed in .dependency-cruiser-known-violations.json (regenerate it with
// `npx depcruise-baseline src` after removing some; never to let a new one in): lint fails only on new ones.
// test/ and bench/ are not cruised: they may import anything.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import circle (type-only imports included: they still tie two concepts together). ' +
        'Move the shared piece to the module that owns it, or invert the dependency.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-foreign-controller',
      severity: 'error',
      comment:
        "A controller is a module's HTTP edge, not an API for other modules: call its service instead.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/.+\\.controller\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'no-foreign-entities',
      severity: 'error',
      comment:
        "Another module's entities are its tables: only the owning module queries them (see " +
        "scripts/table-owners.mjs). Call the owner's functions; entities may still relate to each other.",
      from: { path: '^src/modules/([^/]+)/', pathNot: '^src/modules/[^/]+/entities/' },
      to: { path: '^src/modules/[^/]+/entities/', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'infrastructure-not-to-modules',
      severity: 'error',
      comment:
        'src/common, src/database and src/config sit below the feature modules: they must not import them ' +
        '(src/database/entities.ts, the list TypeORM loads, is the one exception).',
      from: { path: '^src/(common|database|config)/', pathNot: '^src/database/entities\\.ts$' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      comment: 'The application must not depend on test or benchmark code.',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve to a file or an installed package.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Spec files test internals and may reach into them.
    exclude: { path: ['(^|/)dist/', '\\.spec\\.ts$'] },
    // Type-only imports count: the circles of issue 13 include type-only ones.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

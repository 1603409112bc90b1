// Jest runs the ESM build of NestJS 12 only through Node's VM modules (see package.json "test").
/** @type {import('ts-jest').TsJestTransformerOptions} */
const tsJest = { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false };

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', tsJest] },
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
  testTimeout: 30_000,
  // On a run without earlier timings, the slow files that are small start first (see the file).
  testSequencer: '<rootDir>/test/setup/test-sequencer.js',
  projects: [
    { ...common, displayName: 'unit', rootDir: '.', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.js',
      globalTeardown: '<rootDir>/test/setup/global-teardown.js',
      setupFiles: ['<rootDir>/test/setup/env.ts'],
    },
    {
      ...common,
      // A real Chromium against the real server on a free port; needs `npm run build` (dist/web).
      displayName: 'browser',
      rootDir: '.',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/setup/browser-global-setup.js',
      globalTeardown: '<rootDir>/test/setup/global-teardown.js',
      setupFiles: ['<rootDir>/test/setup/env.ts'],
    },
  ],
};

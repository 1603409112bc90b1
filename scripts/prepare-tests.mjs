// What `npm test` does before Jest: the same checks and build as `npm run typecheck && npm run build`, in
// three chains that run side by side (tsc uses one core; the machines have two), and without checking the
// server's sources twice: the typecheck of tsconfig.json covers them, so the build's tsc only emits
// (--noCheck writes the same files, decorator metadata included). Each command's output is printed when it
// ends; the first failure fails the whole, once every chain has finished.
import { spawn } from 'node:child_process';

const tsc = (...args) => ['node_modules/typescript/bin/tsc', ...args];
const CHAINS = [
  [tsc('-p', 'tsconfig.json', '--noEmit')],
  [
    tsc('-p', 'tsconfig.build.json', '--noCheck'),
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts'],
  ],
  [tsc('-p', 'web/tsconfig.json', '--noEmit'), tsc('-p', 'web/src/public-verify/tsconfig.json')],
];

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ ok: false, output: `${output}${error.message}\n` }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

async function runChain(commands) {
  for (const args of commands) {
    const label = args.map((arg) => arg.replace(/^node_modules\/\w+\/bin\//, '')).join(' ');
    const { ok, output } = await run(args);
    process.stdout.write(`> ${label}\n${output}`);
    if (!ok) {
      process.stderr.write(`prepare-tests: \`${label}\` failed\n`);
      return false;
    }
  }
  return true;
}

const results = await Promise.all(CHAINS.map(runChain));
process.exit(results.every(Boolean) ? 0 : 1);

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartupError } from '../common/lifecycle/process-lifecycle.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { loadDotEnv } from '../config/env-file.js';
import { DEMO_COMPANIES, DEMO_JURORS, DEMO_ORGANISER, DEMO_PASSWORD, EDITIONS } from './data.js';

/*
 * `npm run demo`: fills the configured database (the one `npm start` uses) with a realistic install, built
 * through the application's own routes in-process, so every rule, phase check and audit entry holds:
 * last year's edition published with results, this year's in judging with part of the scorecards done, and
 * this year's special prize open for nominations, where the demo entrant has a draft to finish.
 */

const REFUSED_IN_PRODUCTION =
  'npm run demo refuses to run with NODE_ENV=production: it would add invented accounts with a shared password.\n';

async function main(): Promise<number> {
  loadDotEnv();
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write(REFUSED_IN_PRODUCTION);
    return 1;
  }
  // Mail the demo causes (verification links, invitations, receipts, results) goes to a throwaway folder:
  // never to an SMTP server, since every address is invented. The workers run in this process, so that
  // the tally jobs run and nothing is left queued for the server.
  const mailDir = mkdtempSync(join(tmpdir(), 'magistral-demo-mail-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MAIL_DIR: mailDir,
    WORKERS_IN_API: 'true',
    OUTBOX_RELAY: 'true',
    AUDIT_SEALER: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // One client (this process) registers a dozen entrants and signs everyone in.
    RATE_LIMIT_REGISTER_POINTS: '1000',
    RATE_LIMIT_IP_POINTS: '1000',
    RATE_LIMIT_ACCOUNT_POINTS: '1000',
  };
  delete env.SMTP_URL;
  const config = loadConfig(env);
  if (config.isProduction) {
    process.stderr.write(REFUSED_IN_PRODUCTION);
    return 1;
  }
  const [
    { createApp },
    { prepareDatabase },
    { assertRedisReachable },
    { buildDemo, demoState, waitForQuietQueues },
  ] = await Promise.all([
    import('../app.setup.js'),
    import('../database/prepare-database.js'),
    import('../common/redis/redis-state.js'),
    import('./build.js'),
  ]);
  await assertRedisReachable(config);
  await prepareDatabase(config);
  const app = await createApp(config, { workers: true });
  try {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const state = await demoState(app);
    if (state === 'complete') {
      process.stdout.write(
        `The demo is already there (${DEMO_ORGANISER.email}, ${EDITIONS.specialPrize.slug}): nothing changed.\n` +
          `Sign in at ${config.PUBLIC_URL} with these accounts, password ${DEMO_PASSWORD}:\n`,
      );
      printAccounts(config.PUBLIC_URL);
      return 0;
    }
    if (state === 'partial') {
      process.stderr.write(
        'This database holds part of the demo: an earlier npm run demo stopped half-way, or an older ' +
          'version of it (without the special prize) made it. ' +
          'Drop it (or point DATABASE_URL at a new one) and run npm run demo again.\n',
      );
      return 1;
    }
    const started = Date.now();
    const summary = await buildDemo(app, (line) =>
      process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`),
    );
    await waitForQuietQueues(app);
    process.stdout.write(
      `\nDemo ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary}\n` +
        `Start the server (npm start) and open ${config.PUBLIC_URL}\n` +
        `Password for every demo account: ${DEMO_PASSWORD}\n`,
    );
    printAccounts(config.PUBLIC_URL);
    return 0;
  } finally {
    await app.close();
    rmSync(mailDir, { recursive: true, force: true });
  }
}

/** What each juror has done in this year's judging (by position in DEMO_JURORS): as `score` in build.ts does it. */
const JUROR_PROGRESS = [
  'every scorecard submitted',
  'every scorecard submitted',
  'half submitted, a quarter in draft, the rest to do',
  'two drafts, the rest to do',
  'not started',
];

function printAccounts(publicUrl: string): void {
  const [first, ...others] = DEMO_COMPANIES;
  const width = Math.max(
    DEMO_ORGANISER.email.length,
    ...DEMO_JURORS.map((juror) => juror.email.length),
    ...DEMO_COMPANIES.map((company) => company.contact.email.length),
  );
  const account = (role: string, email: string, what: string) =>
    `  ${role.padEnd(14)} ${email.padEnd(width)}   ${what}`;
  const lines = [
    '',
    account('demo entrant', first!.contact.email, `(${first!.name}; start here)`),
    `  ${''.padEnd(14)} a draft nomination in ${EDITIONS.specialPrize.name} to finish and submit;`,
    `  ${''.padEnd(14)} last year's entry (published) and this year's (in judging) to follow`,
    account('organiser', DEMO_ORGANISER.email, '(runs the editions: eligibility, jury, tally, publication)'),
    ...DEMO_JURORS.map((juror, index) =>
      account(
        'juror',
        juror.email,
        `(judging ${EDITIONS.thisYear.name}: ${JUROR_PROGRESS[index] ?? 'not started'})`,
      ),
    ),
    ...others.map((company) => account('entrant', company.contact.email, `(${company.name})`)),
    '',
    `  published results: ${publicUrl}/results/${EDITIONS.lastYear.slug}`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const worded = error instanceof ConfigError || error instanceof StartupError;
    console.error(worded ? error.message : error);
    process.exit(1);
  },
);

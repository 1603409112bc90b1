import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { LOCALES, type Locale } from './common/auth/roles.js';
import { StartupError } from './common/lifecycle/process-lifecycle.js';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config.js';
import { loadDotEnv } from './config/env-file.js';

const USAGE = `Usage: npm run --silent cli -- <command> [options]   (or: node dist/src/cli.js <command> [options])

Commands:
  organiser:create --email <e-mail> [--name <full name>] [--locale en|ru|kk|de]
      Create an organiser account (or give an existing account the organiser role and this password).
      The password is asked for (hidden) on a terminal, or read from the first line of standard input:
        printf '%s\\n' "$ORGANISER_PASSWORD" | npm run --silent cli -- organiser:create --email …
  keys:generate
      Make a new Ed25519 key for signing published results; prints the RESULTS_SIGNING_KEY line to configure.
      Rotate by configuring a new one: manifests signed with the old key keep verifying.
  keys:retire --key-id <key id>
      End an old key's validity (after rotating): it can sign nothing more; what it signed stays valid.
`;

/** Prompts on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let answer = '';
    // Echo off before the question shows: an answer typed the moment it appears must not be echoed.
    input.setRawMode(true);
    process.stderr.write(question);
    input.resume();
    input.setEncoding('utf8');
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done();
        if (char === '\u0003') return done(new Error('Cancelled'));
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    input.on('data', onData);
  });
}

/** The first line of standard input (a pipe or a file), without its line ending. */
async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const password = await promptHidden('Password for the organiser (12 to 128 characters): ');
  const again = await promptHidden('The same password again: ');
  if (password !== again) throw new UsageError('The two passwords differ');
  return password;
}

class UsageError extends Error {}

/** Resolves after `work`, or after `ms` at the latest (what is left is abandoned: the process exits next). */
async function within(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'organiser:create') return createOrganiser(rest);
  if (command === 'keys:generate') return generateKey();
  if (command === 'keys:retire') return retireKey(rest);
  process.stdout.write(USAGE);
  return command ? 2 : 0;
}

/** Needs nothing but node:crypto: no configuration, no database. */
async function generateKey(): Promise<number> {
  const { generateSigningKey } = await import('./config/signing-keys.js');
  const { privateKey, key } = generateSigningKey();
  process.stderr.write(
    `A new results signing key (key id ${key.keyId}). Keep the line below secret, like JWT_SECRET: put it in\n` +
      'the environment (or .env) of every API and worker process. Its public key is published when it first signs.\n',
  );
  process.stdout.write(`RESULTS_SIGNING_KEY=${privateKey}\n`);
  return 0;
}

async function retireKey(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'key-id': { type: 'string' } } });
  const keyId = values['key-id'];
  if (!keyId) {
    process.stderr.write(`--key-id is required\n\n${USAGE}`);
    return 2;
  }
  return withApplication(async (app) => {
    const { ResultsSigner } = await import('./modules/publication/results-signer.js');
    if (!(await app.get(ResultsSigner).retire(keyId))) {
      process.stderr.write(`No key ${keyId} in use: it never signed results, or it is already retired\n`);
      return 1;
    }
    process.stdout.write(`Key ${keyId} retired: it signs nothing more; manifests it signed stay valid.\n`);
    return 0;
  });
}

type ApplicationContext = Awaited<
  ReturnType<(typeof import('@nestjs/core'))['NestFactory']['createApplicationContext']>
>;

/** The application without HTTP or queue workers, for one command; closed after it, however it ends. */
async function withApplication(
  run: (app: ApplicationContext, config: AppConfig) => Promise<number>,
): Promise<number> {
  // The same configuration as the server's: the environment, then a .env file where there is one.
  loadDotEnv();
  const config = loadConfig({
    ...process.env,
    WORKERS_IN_API: 'false',
    AUDIT_SEALER: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  // Loaded only now, so that usage errors and the password prompt come at once (the application takes seconds).
  const [{ NestFactory }, { AppModule }, { prepareDatabase }] = await Promise.all([
    import('@nestjs/core'),
    import('./app.module.js'),
    import('./database/prepare-database.js'),
  ]);
  await prepareDatabase(config);
  const app = await NestFactory.createApplicationContext(
    // No queue workers: the CLI does its one thing and leaves background work to the server.
    AppModule.forRoot(config, { workers: false }),
    { logger: ['error', 'warn'] },
  );
  try {
    return await run(app, config);
  } finally {
    await within(config.SHUTDOWN_TIMEOUT_MS, app.close());
  }
}

async function createOrganiser(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      locale: { type: 'string' },
    },
  });
  if (values.password !== undefined) {
    // Refused rather than used: a password on the command line stays in shell history and process lists.
    process.stderr.write(
      "--password is not accepted: it would show in your shell history, in process lists and in npm's echo " +
        'of the command.\nType it at the prompt, or pipe it on standard input.\n',
    );
    return 2;
  }
  const email = values.email;
  if (!email) {
    process.stderr.write(`--email is required\n\n${USAGE}`);
    return 2;
  }
  const password = await readPassword();
  if (password.length < 12 || password.length > 128) {
    process.stderr.write('The password must have 12 to 128 characters\n');
    return 2;
  }
  const locale = (LOCALES as readonly string[]).includes(values.locale ?? 'en')
    ? ((values.locale ?? 'en') as Locale)
    : 'en';
  return withApplication(async (app, config) => {
    const [{ DomainError }, { OutboxRelay }, { UsersService }] = await Promise.all([
      import('./common/errors/domain-error.js'),
      import('./queue/outbox-relay.js'),
      import('./modules/users/users.service.js'),
    ]);
    try {
      const user = await app.get(UsersService).createOrganiser({
        email,
        password,
        fullName: values.name ?? email,
        locale,
      });
      // Mail rows wait in the outbox (PostgreSQL) when Redis is away; the server relays them later.
      // Bounded like every process's shutdown (SHUTDOWN_TIMEOUT_MS): Redis may be away.
      await within(config.SHUTDOWN_TIMEOUT_MS, app.get(OutboxRelay).flush());
      process.stdout.write(
        `Organiser ${user.email} ready (id ${user.id}). Log in with POST /api/v1/auth/login.\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof DomainError) {
        process.stderr.write(`${error.definition.title}${error.detail ? `: ${error.detail}` : ''}\n`);
        return 1;
      }
      throw error;
    }
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Worded for the operator already (one line naming the variable to fix): no stack.
    const worded =
      error instanceof ConfigError || error instanceof UsageError || error instanceof StartupError;
    console.error(worded ? error.message : error);
    process.exit(1);
  },
);

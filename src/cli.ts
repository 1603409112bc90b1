import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './app.module.js';
import { LOCALES, type Locale } from './common/auth/roles.js';
import { DomainError } from './common/errors/domain-error.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { prepareDatabase } from './database/prepare-database.js';
import { OutboxRelay } from './queue/outbox-relay.js';
import { UsersService } from './modules/users/users.service.js';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  organiser:create --email <e-mail> --password <password> [--name <full name>] [--locale en|ru|kk|de]
      Create an organiser account (or give an existing account the organiser role and this password).
`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'organiser:create') {
    process.stdout.write(USAGE);
    return command ? 2 : 0;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      locale: { type: 'string' },
    },
  });
  if (!values.email || !values.password) {
    process.stderr.write(`--email and --password are required\n\n${USAGE}`);
    return 2;
  }
  if (values.password.length < 12 || values.password.length > 128) {
    process.stderr.write('The password must have 12 to 128 characters\n');
    return 2;
  }
  const locale = (LOCALES as readonly string[]).includes(values.locale ?? 'en')
    ? ((values.locale ?? 'en') as Locale)
    : 'en';
  const config = loadConfig({
    ...process.env,
    WORKERS_IN_API: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  await prepareDatabase(config);
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ ...config, WORKERS_IN_API: false } as typeof config),
    { logger: ['error', 'warn'] },
  );
  try {
    const user = await app.get(UsersService).createOrganiser({
      email: values.email,
      password: values.password,
      fullName: values.name ?? values.email,
      locale,
    });
    await app
      .get(OutboxRelay)
      .flush()
      .catch(() => undefined);
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
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);

import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { StartupError } from '../config/startup-error.js';
import type { AppConfig } from '../config/app-config.js';
import { maskUrl } from '../config/config-messages.js';
import { dataSourceOptions } from './data-source-options.js';

const MIGRATION_LOCK = 72_616_001;
/** A PostgreSQL that accepts the connection but never answers must not hold the start for ever. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Checks that PostgreSQL answers, and creates the database when it is missing and `create` allows (the role
 * may), so that `npm start` works on a fresh machine.
 */
export async function ensureDatabase(
  databaseUrl: string,
  logger = new Logger('Database'),
  create = true,
): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const probe = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000' || !create) throw error; // 3D000: invalid_catalog_name
  } finally {
    await probe.end().catch(() => undefined);
  }
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    logger.log(`Created database ${name}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // created meanwhile by another instance
  } finally {
    await client.end();
  }
}

/** Applies pending migrations; an advisory lock lets several instances start at once. */
export async function runMigrations(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  logger = new Logger('Database'),
): Promise<void> {
  const dataSource = new DataSource({
    ...dataSourceOptions(config),
    extra: { max: 1, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
  });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  } finally {
    await dataSource.destroy();
  }
}

/** What went wrong with PostgreSQL at start, in one line that names DATABASE_URL and the likely fix. */
export function describeDatabaseFailure(error: unknown, config: Pick<AppConfig, 'DATABASE_URL'>): string {
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string };
  const url = new URL(config.DATABASE_URL);
  const at = `DATABASE_URL=${maskUrl(config.DATABASE_URL)}`;
  const where = `${url.hostname}:${url.port || 5432}`;
  const database = decodeURIComponent(url.pathname.slice(1));
  switch (code) {
    case 'ECONNREFUSED':
      return `PostgreSQL refused the connection at ${where} (${at}): start PostgreSQL there, or set DATABASE_URL to where it runs`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `PostgreSQL host ${url.hostname} not found (${at}): correct the host in DATABASE_URL`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `PostgreSQL at ${where} is unreachable (${at}): check the host and port in DATABASE_URL and the network`;
    case '28P01':
    case '28000':
      return `PostgreSQL refused the credentials (${message}) (${at}): correct the user and password in DATABASE_URL`;
    case '3D000':
      return `PostgreSQL database "${database}" does not exist (${at}): create it, or set DATABASE_CREATE=true to let the server create it`;
    case '42501':
      return `PostgreSQL role may not create database "${database}" (${at}): create it as an administrator, or grant CREATEDB`;
    case '57P03':
      return `PostgreSQL at ${where} is starting up or shutting down (${at}): try again in a moment`;
  }
  if (/timeout/i.test(message))
    return `PostgreSQL at ${where} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s (${at}): check that it is PostgreSQL listening there`;
  if (/migration/i.test(message) || (error as { query?: string })?.query)
    return `PostgreSQL migrations failed (${at}): ${message.split('\n')[0]}`;
  return `PostgreSQL start-up failed (${at}): ${message.split('\n')[0]}`;
}

/** Connects, creates the database if allowed, migrates if allowed; a failure is one StartupError line. */
export async function prepareDatabase(config: AppConfig): Promise<void> {
  try {
    await ensureDatabase(config.DATABASE_URL, undefined, config.DATABASE_CREATE);
    if (config.MIGRATIONS_RUN) await runMigrations(config);
  } catch (error) {
    throw new StartupError(describeDatabaseFailure(error, config));
  }
}

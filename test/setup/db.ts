import pg from 'pg';

/** Base URL of the PostgreSQL server the tests use (the database part is ignored). */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Created by global setup for this run. */
export const TEMPLATE_DB = process.env.MAGISTRAL_TEST_TEMPLATE ?? 'magistral_test_template';

/** Tests create and drop databases: refuse any whose name does not say it is a test database. */
export function assertTestDatabase(name: string): void {
  if (!/(^test_|_test_|_test$|^test$)/.test(name))
    throw new Error(`Refusing to use database "${name}": its name does not mark it as a test database`);
}

export function databaseUrl(name: string): string {
  assertTestDatabase(name);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  assertTestDatabase(name);
  await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
}

/** A fresh copy of the migrated template: each test file gets its own, so files run in parallel. */
export async function cloneTemplate(name: string): Promise<string> {
  assertTestDatabase(name);
  await withAdmin(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(
          `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(TEMPLATE_DB)}`,
        );
        return;
      } catch (error) {
        // 55006: the template is busy (another clone in progress); wait and retry.
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  return databaseUrl(name);
}

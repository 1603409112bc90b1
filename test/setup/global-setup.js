// Plain JavaScript on purpose: Jest loads global setup outside its module mapper, so it uses the compiled
// build (`npm test` builds first). Migrates once into a template database; every test file clones it.
import pg from 'pg';
import { runMigrations } from '../../dist/src/database/prepare-database.js';

const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEMPLATE_DB = process.env.TEST_TEMPLATE_DB ?? 'magistral_test_template';
const silent = { log: () => undefined };

export default async function globalSetup() {
  if (!/(^test_|_test_|_test$|^test$)/.test(TEMPLATE_DB)) throw new Error(`Refusing to use "${TEMPLATE_DB}": not a test database name`);
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    // Leftovers of interrupted runs, then a fresh template.
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'magistral_test_f%' OR datname = $1`, [TEMPLATE_DB]);
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(row.datname)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(TEMPLATE_DB)}`);
  } finally {
    await client.end();
  }
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${TEMPLATE_DB}`;
  await runMigrations({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: 1 }, silent);
}

// Plain JavaScript on purpose: Jest loads global setup outside its module mapper, so it uses the compiled
// build (`npm test` builds first). Migrates once into a template database that this run's test files clone
// (test/support/test-app.ts); the name is unique per run, so parallel runs never touch each other.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '../../dist/src/database/prepare-database.js';

const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const silent = { log: () => undefined };

export default async function globalSetup() {
  const template = `magistral_test_tpl_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(template)}`);
  } finally {
    await client.end();
  }
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${template}`;
  await runMigrations({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: 1 }, silent);
  // Read by the test workers, which Jest starts after this.
  process.env.MAGISTRAL_TEST_TEMPLATE = template;
}

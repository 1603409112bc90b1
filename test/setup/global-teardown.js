import pg from 'pg';

const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Drops in parallel: each DROP DATABASE waits for a checkpoint, and concurrent requests share one. */
const DROPPING_CLIENTS = 6;

/** Drops this run's template and every clone of it the test files made (named `<template>_…`). */
export default async function globalTeardown() {
  const template = process.env.MAGISTRAL_TEST_TEMPLATE;
  if (!template || !template.startsWith('magistral_test_')) return;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  let names;
  try {
    const { rows } = await admin.query(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname DESC`,
      [`${template}_`],
    );
    names = [...rows.map((row) => row.datname), template];
  } finally {
    await admin.end();
  }
  const drop = async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    try {
      for (let name = names.shift(); name !== undefined; name = names.shift())
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: DROPPING_CLIENTS }, drop));
}

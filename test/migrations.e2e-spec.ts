import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { databaseUrl, dropDatabase, withAdmin } from './setup/db.js';

/** Runs the given migrations against the database, as the server does on start. */
async function migrate(url: string, migrations: typeof MIGRATIONS): Promise<void> {
  const dataSource = new DataSource({
    ...dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 }),
    migrations,
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

describe('the migration that moves attachment files into PostgreSQL', () => {
  const name = `magistral_test_mig_${randomBytes(4).toString('hex')}`;
  const uploadDir = mkdtempSync(join(tmpdir(), 'magistral-legacy-uploads-'));
  let url: string;

  beforeAll(async () => {
    await withAdmin((client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
    url = databaseUrl(name);
  });
  afterAll(async () => {
    await withAdmin((client) => dropDatabase(client, name));
    rmSync(uploadDir, { recursive: true, force: true });
  });

  it('copies the files earlier versions kept in UPLOAD_DIR, skipping those already lost', async () => {
    const copying = MIGRATIONS.findIndex((migration) => migration.name === 'AttachmentFiles1764317400000');
    expect(copying).toBeGreaterThan(0);
    await migrate(url, MIGRATIONS.slice(0, copying));
    const kept = `${randomUUID()}.pdf`;
    const lost = `${randomUUID()}.png`;
    const content = Buffer.from(`%PDF-1.4\n${randomBytes(64).toString('hex')}\n%%EOF\n`);
    writeFileSync(join(uploadDir, kept), content);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Two attachments as an earlier version recorded them (their nomination and author do not matter here).
      await client.query(`SET session_replication_role = replica`);
      for (const storedName of [kept, lost])
        await client.query(
          `INSERT INTO attachments (nomination_id, original_name, stored_name, media_type, size_bytes, sha256, created_by)
           VALUES (gen_random_uuid(), 'evidence', $1, 'application/pdf', 1, repeat('a', 64), gen_random_uuid())`,
          [storedName],
        );
      await client.query(`RESET session_replication_role`);

      const before = process.env.UPLOAD_DIR;
      process.env.UPLOAD_DIR = uploadDir;
      try {
        await migrate(url, MIGRATIONS);
      } finally {
        if (before === undefined) delete process.env.UPLOAD_DIR;
        else process.env.UPLOAD_DIR = before;
      }
      const { rows } = await client.query<{ stored_name: string; content: Buffer }>(
        `SELECT stored_name, content FROM attachment_files`,
      );
      expect(rows.map((r) => r.stored_name)).toEqual([kept]);
      expect(rows[0]!.content.equals(content)).toBe(true);
    } finally {
      await client.end();
    }
  });
});

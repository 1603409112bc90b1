import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachment contents move from the API's disk (UPLOAD_DIR) into PostgreSQL, next to the rows that
 * describe them: every API instance can serve every file, a file lands or goes in the same transaction as
 * its row (no orphans either way), and a database backup holds the whole record. Files of attachments
 * recorded before this migration are read from UPLOAD_DIR, where the API kept them, and their copies on
 * disk are left alone.
 */
export class AttachmentFiles1764317400000 implements MigrationInterface {
  name = 'AttachmentFiles1764317400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachment_files (
        stored_name text PRIMARY KEY REFERENCES attachments(stored_name) ON DELETE CASCADE,
        content bytea NOT NULL
      )`);
    // PDF, PNG and JPEG are compressed already: store them out of line as they are, without trying again.
    await q.query(`ALTER TABLE attachment_files ALTER COLUMN content SET STORAGE EXTERNAL`);
    const dir = resolve(process.env.UPLOAD_DIR || 'var/uploads');
    const rows = (await q.query(`SELECT stored_name FROM attachments`)) as { stored_name: string }[];
    for (const { stored_name: storedName } of rows) {
      const path = join(dir, storedName); // names are generated and CHECK-ed: no way out of the folder
      if (existsSync(path))
        await q.query(`INSERT INTO attachment_files (stored_name, content) VALUES ($1, $2)`, [
          storedName,
          readFileSync(path),
        ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachment_files`);
  }
}

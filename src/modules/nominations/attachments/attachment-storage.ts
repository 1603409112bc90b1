import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error.js';
import { AppConfig } from '../../../config/app-config.js';
import { AttachmentErrors } from '../nominations.errors.js';

/** An upload read in full (at most UPLOAD_MAX_BYTES), not yet part of any nomination. */
export interface ReceivedFile {
  content: Buffer;
  sizeBytes: number;
  sha256: string;
}

/**
 * Attachment contents, in PostgreSQL (`attachment_files`, keyed by the attachment's generated
 * `stored_name`): every API instance serves every file, a file is written in the transaction that records
 * its attachment and goes with the row (ON DELETE CASCADE), and backups hold them with the rest. Names
 * are always generated (`<uuid>.<ext>`), never taken from the upload.
 */
@Injectable()
export class AttachmentStorage {
  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  /** Reads the upload while hashing it; more than UPLOAD_MAX_BYTES is a 413, read no further. */
  async receive(file: Readable & { truncated?: boolean }): Promise<ReceivedFile> {
    const limit = this.config.UPLOAD_MAX_BYTES;
    const tooLarge = () =>
      new DomainError(AttachmentErrors.tooLarge, `At most ${limit} bytes per file.`, { maxBytes: limit });
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let sizeBytes = 0;
    try {
      for await (const chunk of file as AsyncIterable<Buffer>) {
        sizeBytes += chunk.length;
        if (sizeBytes > limit) throw tooLarge();
        hash.update(chunk);
        chunks.push(chunk);
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw error;
    }
    if (file.truncated) throw tooLarge();
    return { content: Buffer.concat(chunks, sizeBytes), sizeBytes, sha256: hash.digest('hex') };
  }

  /** A generated name for a file of this kind; the file is stored under it by `keep`. */
  newName(extension: string): string {
    return `${randomUUID()}.${extension}`;
  }

  /** Stores the content in the transaction that records its attachment (whose row must exist first). */
  async keep(manager: EntityManager, storedName: string, received: ReceivedFile): Promise<void> {
    await manager.query(`INSERT INTO attachment_files (stored_name, content) VALUES ($1, $2)`, [
      storedName,
      received.content,
    ]);
  }

  /** The content, or null when the attachment has none (its file was lost before it moved to the database). */
  async read(storedName: string): Promise<Buffer | null> {
    const [row] = await this.dataSource.query<{ content: Buffer }[]>(
      `SELECT content FROM attachment_files WHERE stored_name = $1`,
      [storedName],
    );
    return row?.content ?? null;
  }
}

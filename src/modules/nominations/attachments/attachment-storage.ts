import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error.js';
import { AppConfig } from '../../../config/app-config.js';
import { AttachmentErrors } from '../nominations.errors.js';

/** A file received into UPLOAD_DIR under a temporary name, not yet part of any nomination. */
export interface ReceivedFile {
  tempPath: string;
  sizeBytes: number;
  sha256: string;
  /** The first bytes, enough to recognise the format. */
  head: Buffer;
}

const HEAD_BYTES = 16;
const STORED_NAME = /^[a-z0-9-]+\.(pdf|png|jpg)$/;

/**
 * Attachment files on disk. Names are always generated (`<uuid>.<ext>`), never taken from the upload,
 * so nothing a client sends can choose or escape the folder. Files land under a temporary name first
 * and get their final one only inside the transaction that records them.
 */
@Injectable()
export class AttachmentStorage {
  private readonly logger = new Logger(AttachmentStorage.name);
  readonly dir: string;

  constructor(private readonly config: AppConfig) {
    this.dir = resolve(config.UPLOAD_DIR);
  }

  /** Streams the upload to disk while hashing it; more than UPLOAD_MAX_BYTES is a 413 and leaves nothing behind. */
  async receive(file: Readable & { truncated?: boolean }): Promise<ReceivedFile> {
    await mkdir(this.dir, { recursive: true });
    const tempPath = join(this.dir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const limit = this.config.UPLOAD_MAX_BYTES;
    let sizeBytes = 0;
    let head = Buffer.alloc(0);
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sizeBytes += chunk.length;
        if (sizeBytes > limit)
          return done(
            new DomainError(AttachmentErrors.tooLarge, `At most ${limit} bytes per file.`, {
              maxBytes: limit,
            }),
          );
        hash.update(chunk);
        if (head.length < HEAD_BYTES)
          head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        done(null, chunk);
      },
    });
    try {
      await pipeline(file, tap, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
      if (file.truncated)
        throw new DomainError(AttachmentErrors.tooLarge, `At most ${limit} bytes per file.`, {
          maxBytes: limit,
        });
    } catch (error) {
      await rm(tempPath, { force: true });
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw new DomainError(AttachmentErrors.tooLarge, `At most ${limit} bytes per file.`, {
          maxBytes: limit,
        });
      throw error;
    }
    return { tempPath, sizeBytes, sha256: hash.digest('hex'), head };
  }

  /** Gives a received file its permanent generated name. */
  async keep(received: ReceivedFile, extension: string): Promise<string> {
    const storedName = `${randomUUID()}.${extension}`;
    await rename(received.tempPath, this.path(storedName));
    return storedName;
  }

  async discard(received: ReceivedFile): Promise<void> {
    await rm(received.tempPath, { force: true });
  }

  /** Null when the file is gone from disk (its row outlived it): the caller answers 404. */
  async open(storedName: string): Promise<ReadStream | null> {
    const path = this.path(storedName);
    try {
      await stat(path);
    } catch {
      this.logger.error({ storedName }, 'Attachment file missing on disk');
      return null;
    }
    return createReadStream(path);
  }

  /** Best effort after the rows are gone: a file that cannot be removed is logged, not fatal. */
  async removeAll(storedNames: readonly string[]): Promise<void> {
    for (const name of storedNames) {
      try {
        await rm(this.path(name), { force: true });
      } catch (error) {
        this.logger.warn({ err: error, storedName: name }, 'Could not remove an attachment file');
      }
    }
  }

  private path(storedName: string): string {
    if (!STORED_NAME.test(storedName)) throw new Error(`Not a generated attachment name: ${storedName}`);
    return join(this.dir, storedName);
  }
}

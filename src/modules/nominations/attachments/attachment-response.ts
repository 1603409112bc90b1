import { StreamableFile } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsOptional } from 'class-validator';
import type { AttachmentMediaType } from '../entities/attachment.entity.js';
import { contentDisposition } from './file-names.js';

/** Types a browser may show in place; anything else is only ever downloaded. */
const VIEWABLE: ReadonlySet<string> = new Set<AttachmentMediaType>([
  'application/pdf',
  'image/png',
  'image/jpeg',
]);

/**
 * The file as its own sandboxed document: an opaque origin (no script in it can reach ours, its cookies or
 * its storage), nothing loaded from anywhere but itself. Chromium's PDF viewer still renders under it (its
 * viewer runs as an extension frame, not in the document), as the browser test checks.
 */
export const ATTACHMENT_INLINE_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
const ATTACHMENT_DOWNLOAD_CSP = "default-src 'none'; sandbox";

export class AttachmentDownloadQuery {
  @ApiPropertyOptional({
    enum: ['attachment', 'inline'],
    default: 'attachment',
    description:
      '`inline` to view a PDF, PNG or JPEG in the browser (under a sandboxing Content-Security-Policy); other files are always downloaded',
  })
  @IsOptional()
  @IsIn(['attachment', 'inline'])
  disposition?: 'attachment' | 'inline';
}

export interface AttachmentFile {
  /** The name shown (a blind edition's juror gets a generated one). */
  fileName: string;
  mediaType: AttachmentMediaType;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

/** Headers and body of an attachment answer, downloaded or (on request, for viewable types) shown inline. */
export function attachmentResponse(
  reply: FastifyReply,
  file: AttachmentFile,
  requested: AttachmentDownloadQuery['disposition'],
): StreamableFile {
  const inline = requested === 'inline' && VIEWABLE.has(file.mediaType);
  const disposition = contentDisposition(file.fileName);
  void reply
    .header('etag', `"${file.sha256}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', inline ? ATTACHMENT_INLINE_CSP : ATTACHMENT_DOWNLOAD_CSP);
  return new StreamableFile(file.content, {
    type: file.mediaType,
    length: file.sizeBytes,
    disposition: inline ? disposition.replace(/^attachment;/, 'inline;') : disposition,
  });
}

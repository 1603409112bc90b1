import type { AttachmentMediaType } from '../entities/attachment.entity.js';

const MAX_NAME = 255;

/**
 * The uploader's file name as harmless metadata: the last path segment only (no `../`, no drive or
 * folder), without control or bidi-override characters, no leading dots, at most 255 characters. Files
 * are stored under generated names; this is only ever shown back.
 */
export function sanitiseFileName(raw: string | undefined): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.replace(/[\p{Cc}\p{Cf}]/gu, '');
  name = name.replace(/^[\s.]+/, '').trim();
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME - extension.length) + extension;
  }
  return name || 'attachment';
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback and the exact name as RFC 6266 / RFC 8187
 * `filename*`, so no name can break out of the header or be taken for a path.
 */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .replace(/[^\x20-\x7e]+/g, '_')
      .replace(/["\\;%]/g, '_')
      .trim() || 'attachment';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const SIGNATURES: { type: AttachmentMediaType; extension: string; bytes: number[] }[] = [
  { type: 'application/pdf', extension: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', extension: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', extension: 'jpg', bytes: [0xff, 0xd8, 0xff] },
];

/** The media type the file's first bytes prove, or null: names and the client's Content-Type count for nothing. */
export function sniffMediaType(head: Buffer): { type: AttachmentMediaType; extension: string } | null {
  const match = SIGNATURES.find(
    (s) => head.length >= s.bytes.length && s.bytes.every((byte, i) => head[i] === byte),
  );
  return match ? { type: match.type, extension: match.extension } : null;
}

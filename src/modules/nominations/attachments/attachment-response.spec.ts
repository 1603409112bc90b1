import { describe, expect, it } from '@jest/globals';
import type { FastifyReply } from 'fastify';
import type { AttachmentMediaType } from '../entities/attachment.entity.js';
import { ATTACHMENT_INLINE_CSP, attachmentResponse } from './attachment-response.js';

function answer(mediaType: string, disposition: 'inline' | 'attachment' | undefined) {
  const headers: Record<string, string> = {};
  const reply = {
    header(name: string, value: string) {
      headers[name] = value;
      return reply;
    },
  } as unknown as FastifyReply;
  const file = attachmentResponse(
    reply,
    {
      fileName: 'Отчёт "2026".pdf',
      mediaType: mediaType as AttachmentMediaType,
      sizeBytes: 3,
      sha256: 'a'.repeat(64),
      content: Buffer.from('abc'),
    },
    disposition,
  );
  return { headers, options: file.getHeaders() };
}

describe('attachmentResponse', () => {
  it.each(['application/pdf', 'image/png', 'image/jpeg'])('shows %s inline only when asked', (type) => {
    const inline = answer(type, 'inline');
    expect(inline.options.disposition).toMatch(/^inline; filename="_ _2026_.pdf"; filename\*=UTF-8''/);
    expect(inline.headers['content-security-policy']).toBe(ATTACHMENT_INLINE_CSP);
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    for (const asked of [undefined, 'attachment'] as const) {
      const download = answer(type, asked);
      expect(download.options.disposition).toMatch(/^attachment; /);
      expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    }
  });

  it('any other type is downloaded even when inline is asked for', () => {
    for (const type of ['image/svg+xml', 'text/html', 'application/octet-stream']) {
      const answered = answer(type, 'inline');
      expect(answered.options.disposition).toMatch(/^attachment; /);
      expect(answered.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    }
  });
});

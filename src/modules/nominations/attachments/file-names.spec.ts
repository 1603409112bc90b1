import { describe, expect, it } from '@jest/globals';
import { contentDisposition, sanitiseFileName, sniffMediaType } from './file-names.js';

describe('sanitiseFileName', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['..\\..\\Windows\\win.ini.pdf', 'win.ini.pdf'],
    ['C:\\Users\\me\\report.pdf', 'report.pdf'],
    ['.htaccess', 'htaccess'],
    ['..', 'attachment'],
    ['', 'attachment'],
    [undefined, 'attachment'],
    ['a\u0000b\r\nc\u202e.pdf', 'abc.pdf'],
    ['  Отчёт 2025.pdf  ', 'Отчёт 2025.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('caps the length at 255 characters and keeps the extension', () => {
    const name = sanitiseFileName(`${'x'.repeat(400)}.pdf`);
    expect(name).toHaveLength(255);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact name as filename*', () => {
    expect(contentDisposition('report.pdf')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(contentDisposition('Отчёт "1"; a\\b.pdf')).toBe(
      `attachment; filename="_ _1__ a_b.pdf"; filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20%221%22%3B%20a%5Cb.pdf`,
    );
  });

  it('never lets a name end the header', () => {
    const header = contentDisposition("it's (a) *test*\r\nX-Evil: 1");
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain(`filename*=UTF-8''it%27s%20%28a%29%20%2Atest%2A%0D%0AX-Evil%3A%201`);
  });
});

describe('sniffMediaType', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.4\n'))).toEqual({ type: 'application/pdf', extension: 'pdf' });
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toEqual({
      type: 'image/png',
      extension: 'png',
    });
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toEqual({
      type: 'image/jpeg',
      extension: 'jpg',
    });
  });

  it('refuses executables, archives, text and truncated signatures', () => {
    for (const head of [
      Buffer.from('MZ\x90\x00'),
      Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
      Buffer.from('PK\x03\x04'),
      Buffer.from('%PDF'),
      Buffer.from('<html>'),
      Buffer.alloc(0),
    ]) {
      expect(sniffMediaType(head)).toBeNull();
    }
  });
});

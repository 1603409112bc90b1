import { describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { addressHeader, buildMime, encodeWords, envelopeAddress, type MimeMail } from './mime.js';

const base: MimeMail = {
  from: 'Magistral Awards <no-reply@magistral.example>',
  to: 'aigerim@example.kz',
  subject: 'Reset your password',
  text: 'Hello,\n\nthe link: https://magistral.example/reset?token=abc\n',
  html: '<!doctype html><p>Hello</p>',
  messageId: '<0b6f6c1e-5d7e-4f55-9f0e-1d2c3b4a5f60@magistral.example>',
  date: new Date('2026-11-28T08:00:00.000Z'),
};

const parse = (mail: Partial<MimeMail>) => simpleParser(buildMime({ ...base, ...mail }));

describe('MIME', () => {
  it('round-trips through a mail parser: addresses, subject, both parts, id, date and extra headers', async () => {
    const parsed = await parse({
      headers: { 'List-Unsubscribe': '<https://magistral.example/u?token=x.y.z>' },
    });
    expect(parsed.from?.value).toEqual([{ name: 'Magistral Awards', address: 'no-reply@magistral.example' }]);
    expect((Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)?.value).toEqual([
      { name: '', address: 'aigerim@example.kz' },
    ]);
    expect(parsed.subject).toBe('Reset your password');
    expect(parsed.text).toBe(base.text);
    expect(parsed.html).toBe(base.html);
    expect(parsed.messageId).toBe(base.messageId);
    expect(parsed.date?.toISOString()).toBe(base.date.toISOString());
    expect(JSON.stringify(parsed.headers.get('list'))).toContain('https://magistral.example/u?token=x.y.z');
  });

  it('encodes long subjects in every script, never splitting a character', async () => {
    for (const subject of [
      'Напоминание: оценочных листов к отправке — 1 234 (Финальный тур конкурса Magistral Awards 2026)',
      'Еске салу: жіберілетін бағалау парақтары — 3 (Қорытынды кезең) 🚂🚛🚢✈️',
      `Nominierung eingegangen: ${'Trockenhafen Chorgos '.repeat(20)}`.trim(),
      '=?UTF-8?B?Zm9v?= looks encoded',
      '',
    ]) {
      expect((await parse({ subject })).subject ?? '').toBe(subject);
    }
    for (const line of encodeWords('Ж'.repeat(200)).split('\r\n'))
      expect(line.length).toBeLessThanOrEqual(76);
  });

  it('a subject or header value from a user cannot add a header or end the headers', async () => {
    const subject = 'Dry port\r\nBcc: victim@example.test\r\n\r\n<script>alert(1)</script>';
    const raw = buildMime({
      ...base,
      subject,
      headers: { 'X-Title': 'a\r\nBcc: x@example.test' },
    }).toString();
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(head).not.toMatch(/^Bcc:/im);
    const parsed = await parse({ subject });
    expect(parsed.subject).toBe(subject.replace(/\r\n/g, '\r\n'));
    expect(parsed.bcc).toBeUndefined();
    expect(() => buildMime({ ...base, headers: { 'Bad\r\nName': 'x' } })).toThrow(/header name/);
  });

  it('encodes a display name that is not plain ASCII and refuses what is not an address', async () => {
    expect(addressHeader('Магистраль <noreply@magistral.kz>')).toMatch(
      /^=\?UTF-8\?B\?.+\?= <noreply@magistral.kz>$/,
    );
    expect((await parse({ from: 'Магистраль «Награды» <noreply@magistral.kz>' })).from?.value[0]).toEqual({
      name: 'Магистраль «Награды»',
      address: 'noreply@magistral.kz',
    });
    expect(addressHeader('"Awards, Ltd" <a@b.example>')).toBe('"Awards, Ltd" <a@b.example>');
    for (const bad of ['not an address', 'a@b.example\r\nBcc: c@d.example', '<a b@c.example>'])
      expect(() => addressHeader(bad)).toThrow();
    expect(envelopeAddress('Magistral Awards <no-reply@magistral.example>')).toBe(
      'no-reply@magistral.example',
    );
  });

  it('keeps body lines short and the boundary out of both parts', () => {
    const raw = buildMime({ ...base, text: 'x'.repeat(5000), html: `<p>${'ж'.repeat(5000)}</p>` }).toString();
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    const boundary = /boundary="([^"]+)"/.exec(raw)![1]!;
    expect(boundary.length).toBeLessThanOrEqual(70);
    expect(raw.split(`--${boundary}`)).toHaveLength(4);
  });
});

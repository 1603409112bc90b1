import { createHash } from 'node:crypto';

/**
 * The MIME text of one platform mail: a text and an HTML part of the same words (multipart/alternative),
 * UTF-8, base64. Built here in a few string operations rather than by nodemailer's streaming composer,
 * which costs more CPU per mail than the whole rest of its delivery (bench/mail.ts); nodemailer still
 * speaks SMTP (pooling, TLS, authentication) and receives this as `raw`.
 *
 * Every header value is either ours and ASCII (dates, ids, URLs) or encoded (RFC 2047), so nothing a user
 * typed — a nomination title in a subject, say — can end a header line or add one.
 */
export interface MimeMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  date: Date;
  headers?: Record<string, string>;
}

const CRLF = '\r\n';
/** Source bytes per encoded word: 45 bytes are 60 base64 characters, 72 with `=?UTF-8?B?…?=` (limit 75). */
const WORD_BYTES = 45;
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const HEADER_NAME = /^[A-Za-z0-9-]{1,76}$/;

/** `text` as RFC 2047 encoded words, split only between characters, folded one word per line. */
export function encodeWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > WORD_BYTES) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  if (chunk || !words.length) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** A header value: plain when it is printable ASCII that can't be mistaken for an encoded word, else encoded. */
function headerText(value: string): string {
  return ASCII_PRINTABLE.test(value) && !value.includes('=?') && value.length <= 900
    ? value
    : encodeWords(value);
}

/**
 * `Name <address>` or a bare address. The address must be plain (we never send to anything else); a display
 * name that is not plain ASCII is encoded.
 */
export function addressHeader(value: string): string {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  const address = match ? match[2]! : value.trim();
  if (!/^[^\s<>()",;:\\[\]]+@[^\s<>()",;:\\[\]]+$/.test(address) || !ASCII_PRINTABLE.test(address))
    throw new Error(`Not a mail address: ${JSON.stringify(value)}`);
  const name = match?.[1]?.replace(/^"(.*)"$/, '$1') ?? '';
  if (!name) return address;
  const plain = ASCII_PRINTABLE.test(name) && !name.includes('=?');
  return `${plain ? `"${name.replace(/["\\]/g, '\\$&')}"` : encodeWords(name)} <${address}>`;
}

/** Base64 in lines of 76 characters (RFC 2045). */
function base64Lines(content: string): string {
  const encoded = Buffer.from(content, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF);
}

/** The bare address of a `Name <address>` value, for the SMTP envelope. */
export function envelopeAddress(value: string): string {
  return /<([^<>\s]+)>\s*$/.exec(value)?.[1] ?? value.trim();
}

export function buildMime(mail: MimeMail): Buffer {
  if (!/^<[\x21-\x7e]+>$/.test(mail.messageId))
    throw new Error(`Not a Message-ID: ${JSON.stringify(mail.messageId)}`);
  // "=_" never occurs in base64, so no line of either part can be taken for the boundary.
  const boundary = `=_magistral_${createHash('sha256').update(mail.messageId).digest('hex').slice(0, 32)}`;
  const extra = Object.entries(mail.headers ?? {}).map(([name, value]) => {
    if (!HEADER_NAME.test(name)) throw new Error(`Not a header name: ${JSON.stringify(name)}`);
    return `${name}: ${headerText(value)}`;
  });
  return Buffer.from(
    [
      `From: ${addressHeader(mail.from)}`,
      `To: ${addressHeader(mail.to)}`,
      `Subject: ${headerText(mail.subject)}`,
      `Message-ID: ${mail.messageId}`,
      `Date: ${mail.date.toUTCString().replace('GMT', '+0000')}`,
      ...extra,
      'MIME-Version: 1.0',
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(mail.text),
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(mail.html),
      `--${boundary}--`,
      '',
    ].join(CRLF),
    'utf8',
  );
}

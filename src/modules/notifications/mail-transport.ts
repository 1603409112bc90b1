import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';
import { buildMime, envelopeAddress } from './mime.js';
import type { RenderedMail } from './templates/compose.js';

export interface OutgoingMail extends RenderedMail {
  to: string;
  /** Stable Message-ID so that a resend after a lost acknowledgement is recognisable as the same mail. */
  messageId: string;
  /** The template the mail was rendered from (`account.invitation`); names the .eml file. */
  template?: string;
  headers?: Record<string, string>;
}

/**
 * SMTP through a pooled nodemailer transport when `SMTP_URL` is set; otherwise each mail is written as
 * an .eml file under `MAIL_DIR`, so a fresh install loses nothing and needs no mail server.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter;
  private readonly toFiles: boolean;
  private readonly dir: string;

  constructor(private readonly config: AppConfig) {
    this.toFiles = !config.SMTP_URL;
    this.dir = resolve(config.MAIL_DIR);
    this.transporter = config.SMTP_URL
      ? nodemailer.createTransport({ url: config.SMTP_URL, pool: true, maxConnections: 5, maxMessages: 1000 })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const raw = buildMime({ ...mail, from: this.config.MAIL_FROM, date: new Date() });
    const info = (await this.transporter.sendMail({
      envelope: { from: envelopeAddress(this.config.MAIL_FROM), to: [mail.to] },
      raw,
      // Already in `raw`; given here too so that nodemailer does not draw random bytes for one of its own.
      messageId: mail.messageId,
    })) as { message?: Buffer };
    if (this.toFiles && info.message) {
      await mkdir(this.dir, { recursive: true });
      const file = join(this.dir, emlFileName(new Date(), mail.template ?? 'mail', mail.to, mail.messageId));
      // Written aside, then renamed: whoever watches the directory never reads half a mail, and a crash
      // in between leaves no .eml, so `delivered` rightly answers no.
      await writeFile(`${file}.partial`, info.message);
      await rename(`${file}.partial`, file);
      this.logger.log(`Mail to ${mail.to} written to ${file}`);
    }
  }

  /**
   * Whether a mail with this Message-ID was already handed over, for an attempt that died after claiming it:
   * the .eml transport knows (the file is there or not; a half-written one is removed); SMTP can't tell
   * (`undefined`), since the server may have accepted the mail just before the worker died.
   */
  async delivered(messageId: string): Promise<boolean | undefined> {
    if (!this.toFiles) return undefined;
    const suffix = `-${fileId(messageId)}.eml`;
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    for (const name of names)
      if (name.endsWith(`${suffix}.partial`)) await rm(join(this.dir, name), { force: true });
    return names.some((name) => name.endsWith(suffix));
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}

/** The Message-ID's unique part (`<id@host>` → `id`), safe in a file name. */
function fileId(messageId: string): string {
  return safe(messageId.replace(/^<|>$/g, '').split('@')[0]!, 100);
}

function safe(value: string, max: number): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, max);
}

/**
 * `20261206T094012Z-account-invitation-aigerim_example.kz-<id>.eml`: sorted by time, and a developer finds a
 * mail by its recipient or template with `ls`. Ends in the Message-ID's unique part, one file per mail.
 */
export function emlFileName(date: Date, template: string, to: string, messageId: string): string {
  const stamp = date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${safe(template, 40).replace(/[._]/g, '-')}-${safe(to, 64) || 'unknown'}-${fileId(messageId)}.eml`;
}

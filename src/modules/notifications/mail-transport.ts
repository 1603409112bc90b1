import { mkdir, rename, writeFile } from 'node:fs/promises';
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

  constructor(private readonly config: AppConfig) {
    this.toFiles = !config.SMTP_URL;
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
      const dir = resolve(this.config.MAIL_DIR);
      await mkdir(dir, { recursive: true });
      const file = join(
        dir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^a-zA-Z0-9.-]/g, '_')}.eml`,
      );
      // Written aside, then renamed: whoever watches the directory never reads half a mail.
      await writeFile(`${file}.partial`, info.message);
      await rename(`${file}.partial`, file);
      this.logger.log(`Mail to ${mail.to} written to ${file}`);
    }
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Notifications } from '../src/modules/notifications/notifications.service.js';
import { countRows, uniqueEmail } from './support/factories.js';
import { TestSmtpServer } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const SUBJECTS = {
  en: 'Confirm your e-mail address',
  ru: 'Подтвердите адрес электронной почты',
  kk: 'Электрондық пошта мекенжайыңызды растаңыз',
  de: 'Bestätigen Sie Ihre E-Mail-Adresse',
} as const;

describe('mail over SMTP', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SMTP_URL: await smtp.start(), MAIL_ATTEMPTS: '3', MAIL_BACKOFF_MS: '50' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('sends the verification mail in the recipient language', async () => {
    for (const [locale, subject] of Object.entries(SUBJECTS)) {
      const email = uniqueEmail(`mail-${locale}`);
      await t
        .http()
        .post('/api/v1/auth/register')
        .send({ email, password: 'Caspian-Ferry-Route-77', fullName: 'Мира <Test>', locale })
        .expect(201);
      await t.flushOutbox();
      await smtp.waitFor(Object.keys(SUBJECTS).indexOf(locale) + 1);
      const [mail] = smtp.to(email);
      expect(mail!.subject).toBe(subject);
      expect(mail!.text).toMatch(/token=[A-Za-z0-9_-]{20,}/);
      expect(mail!.html).toContain('&lt;Test&gt;');
      expect(mail!.messageId).toMatch(/^<[0-9a-f-]{36}@/);
    }
  });

  it('retries while the SMTP server refuses, then delivers once', async () => {
    smtp.refuse = true;
    const before = smtp.mails.length;
    const email = uniqueEmail('retry');
    await t.app.get(Notifications).notify(t.db.manager, {
      template: 'account.password_reset',
      subject: 'retry-1',
      recipient: { email, locale: 'de' },
      params: { name: 'Retry', link: 'https://example.test/r?token=x', expiresAt: new Date().toISOString() },
    });
    await t.flushOutbox();
    await waitUntil(
      async () =>
        (await countRows(t, 'notifications', 'recipient_email = $1 AND attempts >= 1', [email])) === 1,
    );
    smtp.refuse = false;
    await smtp.waitFor(before + 1);
    await waitUntil(
      async () =>
        (await countRows(t, 'notifications', `recipient_email = $1 AND status = 'sent'`, [email])) === 1,
    );
    expect(smtp.to(email)).toHaveLength(1);
    expect(smtp.to(email)[0]!.subject).toBe('Passwort zurücksetzen');
  });

  it('marks a mail failed with the SMTP error once its attempts are spent', async () => {
    smtp.refuse = true;
    const email = uniqueEmail('failed');
    await t.app.get(Notifications).notify(t.db.manager, {
      template: 'account.password_reset',
      subject: 'fail-1',
      recipient: { email, locale: 'en' },
      params: { name: 'Fail', link: 'https://example.test/r?token=x', expiresAt: new Date().toISOString() },
    });
    await t.flushOutbox();
    await waitUntil(
      async () =>
        (await countRows(t, 'notifications', `recipient_email = $1 AND status = 'failed'`, [email])) === 1,
    );
    const [row] = (await t.db.query(
      `SELECT attempts, last_error FROM notifications WHERE recipient_email = $1`,
      [email],
    )) as { attempts: number; last_error: string }[];
    expect(row!.attempts).toBe(3);
    expect(row!.last_error).toMatch(/451|Try again later/);
    smtp.refuse = false;
    expect(smtp.to(email)).toHaveLength(0);
  });
});

describe('mail without SMTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('writes each mail as an .eml file under MAIL_DIR', async () => {
    const email = uniqueEmail('eml');
    await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email, password: 'Caspian-Ferry-Route-77', fullName: 'Eml Test', locale: 'kk' })
      .expect(201);
    await t.flushOutbox();
    await waitUntil(async () => readdirSync(t.config.MAIL_DIR).some((f) => f.endsWith('.eml')));
    const file = readdirSync(t.config.MAIL_DIR).find((f) => f.endsWith('.eml'))!;
    const raw = readFileSync(`${t.config.MAIL_DIR}/${file}`, 'utf8');
    expect(raw).toContain(`To: ${email}`);
    expect(raw).toMatch(/Subject: =\?UTF-8\?/);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

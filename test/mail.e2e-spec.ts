import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Notifications } from '../src/modules/notifications/notifications.service.js';
import type { JobContext } from '../src/queue/job-handler.js';
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
    const [row] = await t.db.query<{ attempts: number; last_error: string }[]>(
      `SELECT attempts, last_error FROM notifications WHERE recipient_email = $1`,
      [email],
    );
    expect(row!.attempts).toBe(3);
    expect(row!.last_error).toMatch(/451|Try again later/);
    smtp.refuse = false;
    expect(smtp.to(email)).toHaveLength(0);
  });

  it('a mail left in flight by a dead attempt is sent again over SMTP with the same Message-ID, and counted', async () => {
    const email = uniqueEmail('takeover');
    // A worker claimed it an hour ago and died: SMTP can't tell whether the server took the mail.
    const id = await insertNotification(t, email, { claimedMinutesAgo: 60 });
    expect(await t.app.get(Notifications).deliver(id, CONTEXT)).toBe('sent');
    const mails = await waitForMails(smtp, email, 1);
    expect(mails[0]!.messageId).toBe(`<${id}@${new URL(t.config.PUBLIC_URL).hostname}>`);
    expect(await rowOf(t, id)).toMatchObject({ status: 'sent', resends: 1, claimed: false });
  });

  it('two workers delivering the same mail at once send it once', async () => {
    const email = uniqueEmail('race');
    const id = await insertNotification(t, email);
    const sibling = await t.sibling({ WORKERS_IN_API: 'false' });
    const outcomes = await Promise.all([
      t.app.get(Notifications).deliver(id, CONTEXT),
      sibling.get(Notifications).deliver(id, CONTEXT),
      t.app.get(Notifications).deliver(id, CONTEXT),
    ]);
    expect(outcomes.sort()).toEqual(['nothing_to_do', 'nothing_to_do', 'sent']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(email)).toHaveLength(1);
    expect(await rowOf(t, id)).toMatchObject({ status: 'sent', attempts: 1, resends: 0 });
  });
});

describe('a mail claimed by a live attempt', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SMTP_URL: await smtp.start(), WORKERS_IN_API: 'false', QUEUE_LOCK_MS: '1000' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('is left to that attempt: a second one waits and sends nothing once the first marks it sent', async () => {
    const email = uniqueEmail('live');
    const id = await insertNotification(t, email, { claimedMinutesAgo: 0 });
    const second = t.app.get(Notifications).deliver(id, CONTEXT);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The first attempt finishes: its claim goes as the row turns sent.
    await t.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM notification_claims WHERE notification_id = $1`, [id]);
      await manager.query(`UPDATE notifications SET status = 'sent' WHERE id = $1`, [id]);
    });
    expect(await second).toBe('nothing_to_do');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.to(email)).toHaveLength(0);
  });

  it('is taken over once its claim outlives the queue lock (its worker died)', async () => {
    const email = uniqueEmail('lapsed');
    const id = await insertNotification(t, email, { claimedMinutesAgo: 0 });
    const started = Date.now();
    expect(await t.app.get(Notifications).deliver(id, CONTEXT)).toBe('sent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await waitForMails(smtp, email, 1)).toHaveLength(1);
    expect(await rowOf(t, id)).toMatchObject({ status: 'sent', resends: 1 });
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
    // Named so that a developer finds it: time, template, recipient, then the Message-ID's unique part.
    const [{ id }] = await t.db.query<[{ id: string }]>(
      `SELECT id FROM notifications WHERE recipient_email = $1`,
      [email],
    );
    expect(file).toMatch(
      new RegExp(
        `^\\d{8}T\\d{6}Z-account-verify-email-${email.replace('@', '_').replace(/\./g, '\\.')}-${id}\\.eml$`,
      ),
    );
    expect(raw).toContain(`Message-ID: <${id}@`);
  });

  it('a mail whose dead attempt had written its .eml is marked sent, not written twice', async () => {
    const email = uniqueEmail('written');
    const id = await insertNotification(t, email, { claimedMinutesAgo: 60 });
    const name = `20261206T094012Z-account-password-reset-${email.replace('@', '_')}-${id}.eml`;
    writeFileSync(`${t.config.MAIL_DIR}/${name}`, 'written before the crash');
    expect(await t.app.get(Notifications).deliver(id, CONTEXT)).toBe('found_delivered');
    expect(readdirSync(t.config.MAIL_DIR).filter((f) => f.includes(id))).toEqual([name]);
    expect(await rowOf(t, id)).toMatchObject({ status: 'sent', resends: 0 });
  });

  it('a mail whose dead attempt died mid-write is written whole, and the half file removed', async () => {
    const email = uniqueEmail('half');
    const id = await insertNotification(t, email, { claimedMinutesAgo: 60 });
    const half = `20261206T094012Z-account-password-reset-${email.replace('@', '_')}-${id}.eml.partial`;
    writeFileSync(`${t.config.MAIL_DIR}/${half}`, 'half');
    expect(await t.app.get(Notifications).deliver(id, CONTEXT)).toBe('sent');
    const files = readdirSync(t.config.MAIL_DIR).filter((f) => f.includes(id));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    expect(readFileSync(`${t.config.MAIL_DIR}/${files[0]}`, 'utf8')).toContain(`Message-ID: <${id}@`);
    expect(await rowOf(t, id)).toMatchObject({ status: 'sent', resends: 0 });
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const CONTEXT: JobContext = { id: 'test', attempt: 1, maxAttempts: 3 };

/** A notification row with no delivery job (the test calls `deliver` itself), claimed or not. */
async function insertNotification(
  t: TestApp,
  email: string,
  state: { claimedMinutesAgo?: number } = {},
): Promise<string> {
  const [{ id }] = await t.db.query<[{ id: string }]>(
    `INSERT INTO notifications (event, subject, recipient_email, locale, params)
     VALUES ('account.password_reset', $1, $2, 'en', $3)
     RETURNING id`,
    [
      randomUUID(),
      email,
      { name: 'Claim', link: 'https://example.test/r?token=x', expiresAt: '2026-12-31T00:00:00Z' },
    ],
  );
  if (state.claimedMinutesAgo !== undefined)
    await t.db.query(
      `INSERT INTO notification_claims (notification_id, token, claimed_at)
       VALUES ($1, gen_random_uuid(), now() - $2 * interval '1 minute')`,
      [id, state.claimedMinutesAgo],
    );
  return id;
}

async function rowOf(t: TestApp, id: string): Promise<Record<string, unknown>> {
  const [row] = await t.db.query<Record<string, unknown>[]>(
    `SELECT status, attempts, resends,
            EXISTS (SELECT 1 FROM notification_claims WHERE notification_id = n.id) AS claimed
       FROM notifications n WHERE id = $1`,
    [id],
  );
  return row!;
}

async function waitForMails(smtp: TestSmtpServer, email: string, count: number) {
  const deadline = Date.now() + 10_000;
  while (smtp.to(email).length < count) {
    if (Date.now() > deadline) throw new Error(`Expected ${count} mails to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return smtp.to(email);
}

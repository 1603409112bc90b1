import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Transactions } from '../src/database/transaction.js';
import { Notifications } from '../src/modules/notifications/notifications.service.js';
import { createEdition } from './support/editions.js';
import { countRows, createUser, type TestUser } from './support/factories.js';
import { createCompany, type TestCompany } from './support/nominations.js';
import { eventually } from './support/notifications.js';
import { ThrowawayRedis } from './support/redis-server.js';
import { TestSmtpServer } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const SUBMISSIONS = 1000;
const SUBJECT_PREFIX: Record<string, string> = {
  en: 'Nomination received: ',
  ru: 'Номинация получена: ',
  kk: 'Номинация қабылданды: ',
  de: 'Nominierung eingegangen: ',
};

describe('1,000 submissions while Redis is down', () => {
  const smtp = new TestSmtpServer();
  const redis = new ThrowawayRedis();
  let t: TestApp;

  beforeAll(async () => {
    await redis.start();
    t = await createTestApp({ SMTP_URL: await smtp.start(), REDIS_URL: redis.url, MAIL_BACKOFF_MS: '50' });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
    await smtp.stop();
  });

  it('every receipt is delivered once Redis is back, none twice', async () => {
    const edition = await createEdition(t, { phase: 'nominations' });
    const categoryId = edition.categories[0]!.id;
    const entrants: { user: TestUser; locale: string; company: TestCompany }[] = [];
    for (const locale of ['en', 'ru', 'kk', 'de', 'en', 'ru', 'kk', 'de']) {
      const user = await createUser(t, { roles: ['entrant'], locale });
      entrants.push({ user, locale, company: await createCompany(t, user.id) });
    }

    await redis.stop();
    const notifications = t.app.get(Notifications);
    const transactions = t.app.get(Transactions);
    // As POST /nominations/{id}/submit does: the submission and its receipt commit together, touching only PostgreSQL.
    for (let i = 0; i < SUBMISSIONS; i++) {
      const { user, locale, company } = entrants[i % entrants.length]!;
      await transactions.run(async (manager) => {
        const [nomination] = await manager.query<{ id: string }[]>(
          `INSERT INTO nominations (edition_id, category_id, company_id, created_by, title, status, submitted_at, submitted_by)
           VALUES ($1, $2, $3, $4, $5, 'submitted', now(), $4) RETURNING id`,
          [edition.id, categoryId, company.id, user.id, `Entry ${i}`],
        );
        await notifications.notify(manager, {
          template: 'nomination.submitted',
          subject: nomination!.id,
          recipient: { email: user.email, userId: user.id, locale },
          params: {
            name: user.fullName,
            nominationId: nomination!.id,
            title: `Entry ${i}`,
            companyName: company.name,
            editionName: 'Magistral Awards',
            categoryName: { en: 'Efficiency', ru: 'Эффективность', kk: 'Тиімділік', de: 'Effizienz' },
            summary: '',
            metricCount: 0,
            attachmentCount: 0,
            submittedAt: new Date().toISOString(),
            editableUntil: new Date(Date.now() + 86_400_000).toISOString(),
            link: `https://example.test/nominations/${nomination!.id}`,
          },
        });
      });
    }
    await t.flushOutbox().catch(() => undefined);
    expect(await countRows(t, 'nominations', `status = 'submitted' AND edition_id = $1`, [edition.id])).toBe(
      SUBMISSIONS,
    );
    expect(await countRows(t, 'outbox', `name = 'notification.send' AND dispatched_at IS NULL`)).toBe(
      SUBMISSIONS,
    );
    expect(smtp.mails).toHaveLength(0);

    await redis.start();
    await smtp.waitFor(SUBMISSIONS, 120_000);
    await eventually(
      t,
      async () => (await countRows(t, 'notifications', `status = 'sent'`)) === SUBMISSIONS,
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(smtp.mails).toHaveLength(SUBMISSIONS);
    expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(SUBMISSIONS);
    expect(new Set(smtp.mails.map((m) => m.subject.replace(/^.*: /, ''))).size).toBe(SUBMISSIONS);
    for (const { user, locale } of entrants) {
      const mails = smtp.to(user.email);
      expect(mails).toHaveLength(SUBMISSIONS / entrants.length);
      for (const mail of mails) expect(mail.subject.startsWith(SUBJECT_PREFIX[locale]!)).toBe(true);
    }
    expect(await countRows(t, 'outbox', 'dispatched_at IS NULL')).toBe(0);
  }, 240_000);
});

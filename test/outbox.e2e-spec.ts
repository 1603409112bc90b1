import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Transactions } from '../src/database/transaction.js';
import { Notifications } from '../src/modules/notifications/notifications.service.js';
import { OutboxRelay } from '../src/queue/outbox-relay.js';
import { countRows } from './support/factories.js';
import { ThrowawayRedis } from './support/redis-server.js';
import { TestSmtpServer } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const resetMail = (email: string, subject: string) => ({
  template: 'account.password_reset' as const,
  subject,
  recipient: { email, locale: 'en' },
  params: {
    name: 'Outbox Test',
    link: 'https://example.test/reset?token=x',
    expiresAt: new Date().toISOString(),
  },
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('outbox', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SMTP_URL: await smtp.start() });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('never runs a job whose transaction rolled back', async () => {
    const notifications = t.app.get(Notifications);
    await expect(
      t.app.get(Transactions).run(async (manager) => {
        await notifications.notify(manager, resetMail('rolled-back@example.test', 'rollback'));
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    await notifications.notify(t.db.manager, resetMail('committed@example.test', 'commit'));
    await t.flushOutbox();
    await smtp.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to('rolled-back@example.test')).toHaveLength(0);
    expect(smtp.to('committed@example.test')).toHaveLength(1);
    expect(await countRows(t, 'outbox', `payload::text LIKE '%' || $1 || '%'`, ['x'])).toBe(0);
    expect(await countRows(t, 'notifications', 'recipient_email = $1', ['rolled-back@example.test'])).toBe(0);
  });

  it('records one mail per event and recipient however often it is requested', async () => {
    const notifications = t.app.get(Notifications);
    const created = await Promise.all(
      Array.from({ length: 5 }, () =>
        notifications.notify(t.db.manager, resetMail('once@example.test', 'same-event')),
      ),
    );
    expect(created.filter(Boolean)).toHaveLength(1);
    await t.flushOutbox();
    await eventually(async () => smtp.to('once@example.test').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to('once@example.test')).toHaveLength(1);
  });

  it('enqueues each job exactly once with two relays (two API instances) draining at once', async () => {
    const sibling = await t.sibling();
    const before = smtp.mails.length;
    await t.app.get(Transactions).run(async (manager) => {
      const notifications = t.app.get(Notifications);
      for (let i = 0; i < 200; i++)
        await notifications.notify(manager, resetMail(`pair-${i}@example.test`, 'two-relays'));
    });
    await Promise.all([t.flushOutbox(), sibling.get(OutboxRelay).flush()]);
    await smtp.waitFor(before + 200, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const received = smtp.mails.slice(before).map((m) => m.to[0]);
    expect(received).toHaveLength(200);
    expect(new Set(received).size).toBe(200);
    expect(await countRows(t, 'notifications', `subject = 'two-relays' AND status = 'sent'`)).toBe(200);
  });
});

describe('outbox while Redis is down', () => {
  const smtp = new TestSmtpServer();
  const redis = new ThrowawayRedis();
  let t: TestApp;

  beforeAll(async () => {
    await redis.start();
    t = await createTestApp({ SMTP_URL: await smtp.start(), REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
    await smtp.stop();
  });

  it('commits without waiting on Redis and delivers once Redis is back', async () => {
    await redis.stop();
    const notifications = t.app.get(Notifications);
    // The producer side only writes PostgreSQL: this must not hang while Redis is unreachable.
    for (let i = 0; i < 20; i++)
      await notifications.notify(t.db.manager, resetMail(`outage-${i}@example.test`, 'redis-outage'));
    await t.flushOutbox().catch(() => undefined);
    expect(await countRows(t, 'outbox', 'dispatched_at IS NULL')).toBeGreaterThanOrEqual(20);
    expect(smtp.mails).toHaveLength(0);

    await redis.start();
    await smtp.waitFor(20, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(new Set(smtp.mails.map((m) => m.to[0])).size).toBe(20);
    expect(smtp.mails).toHaveLength(20);
    expect(await countRows(t, 'outbox', 'dispatched_at IS NULL')).toBe(0);
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Notifications,
  type NotificationRequest,
} from '../src/modules/notifications/notifications.service.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Mails in the fan-out, and how many times the worker is killed while it sends them. Each kill costs a
 * worker start (2–3 s on a quiet machine): the suite runs 300 × 4; a longer run, e.g.
 * `MAIL_CRASH_MAILS=900 MAIL_CRASH_KILLS=10`, is the same test.
 */
const MAILS = Number(process.env.MAIL_CRASH_MAILS ?? 300);
const KILLS = Number(process.env.MAIL_CRASH_KILLS ?? 4);
/** The queue lock (and mail claim) of the spawned workers: a killed worker's jobs run again after this. */
const LOCK_MS = 3000;
const LOCALES = ['en', 'ru', 'kk', 'de'];

/**
 * Issue 11, finding 5: a worker killed while it sends a fan-out of mails must not send any of them twice,
 * nor lose one. A real worker process (`node dist/src/worker.js`, as `npm run start:worker` runs it) writes
 * the mails as .eml files; it is killed with SIGKILL at random points of the fan-out and started again,
 * several times; then every mail must be there exactly once.
 */
describe('mail delivery across worker crashes (kill -9)', () => {
  let t: TestApp;
  const workers = new Set<ChildProcess>();

  beforeAll(async () => {
    // The API instance only records and relays: the mail is sent by the separate worker processes.
    t = await createTestApp({ WORKERS_IN_API: 'false', AUDIT_SEALER: 'false' });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await t.close();
  });

  function startWorker(): ChildProcess {
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    for (const [key, value] of Object.entries(t.config))
      if (value !== undefined && value !== null) env[key] = String(value);
    Object.assign(env, {
      NODE_ENV: 'test',
      DATABASE_CREATE: 'false',
      MIGRATIONS_RUN: 'false',
      OUTBOX_RELAY: 'false',
      AUDIT_SEALER: 'false',
      LOG_LEVEL: 'error',
      QUEUE_LOCK_MS: String(LOCK_MS),
    });
    const worker = spawn(process.execPath, ['dist/src/worker.js'], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    worker.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    worker.once('exit', (code, signal) => {
      workers.delete(worker);
      if (code && code !== 0) process.stderr.write(`worker exited ${code} ${signal ?? ''}: ${stderr}\n`);
    });
    workers.add(worker);
    return worker;
  }

  async function stop(worker: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    if (worker.exitCode !== null || worker.signalCode !== null) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill(signal);
    await exited;
  }

  const mailFiles = () => readdirSync(t.config.MAIL_DIR).filter((name) => name.endsWith('.eml'));

  it(
    `kill -9 during a ${MAILS}-mail fan-out ×${KILLS}: 0 duplicates, 0 lost`,
    async () => {
      const requests: NotificationRequest<'account.password_reset'>[] = Array.from(
        { length: MAILS },
        (_, i) => ({
          template: 'account.password_reset',
          subject: `crash-test-${i}`,
          recipient: { email: `crash-${i}@example.test`, locale: LOCALES[i % LOCALES.length]! },
          params: {
            name: `Nominee ${i}`,
            link: `https://awards.example/reset?token=t${i}`,
            expiresAt: '2026-12-31T00:00:00Z',
          },
        }),
      );
      const recorded = await t.db.transaction((manager) =>
        t.app.get(Notifications).notifyMany(manager, requests),
      );
      expect(recorded).toBe(MAILS);
      await t.flushOutbox();

      // Kill points spread over the fan-out, each at a random moment after its share of mails went out.
      const targets = Array.from({ length: KILLS }, (_, i) =>
        Math.floor(((i + 0.2 + Math.random() * 0.6) * MAILS * 0.9) / KILLS),
      );
      let killed = 0;
      for (const target of targets) {
        const worker = startWorker();
        await until(() => mailFiles().length >= target || worker.exitCode !== null, 20_000, 5);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
        expect(worker.exitCode).toBeNull(); // the worker did not die by itself
        await stop(worker, 'SIGKILL');
        killed++;
      }

      const last = startWorker();
      await until(async () => {
        const [{ left }] = await t.db.query<[{ left: number }]>(
          `SELECT count(*)::int AS left FROM notifications WHERE status <> 'sent'`,
        );
        return left === 0;
      }, 60_000);
      // Time for a stray second delivery, if any were still coming, to land.
      await new Promise((resolve) => setTimeout(resolve, LOCK_MS));
      await stop(last, 'SIGTERM');

      const files = mailFiles();
      const byMessageId = new Map<string, number>();
      const byRecipient = new Map<string, number>();
      for (const name of files) {
        const raw = readFileSync(join(t.config.MAIL_DIR, name), 'utf8');
        const messageId = /^Message-ID: (<[^>]+>)$/m.exec(raw)![1]!;
        const to = /^To: (\S+)$/m.exec(raw)![1]!;
        byMessageId.set(messageId, (byMessageId.get(messageId) ?? 0) + 1);
        byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
        // The file is named after its recipient and template, and ends in the Message-ID's unique part.
        expect(name).toContain(
          `-account-password-reset-${to.replace('@', '_')}-${messageId.slice(1, 37)}.eml`,
        );
      }
      const duplicates = [...byMessageId.values()].filter((n) => n > 1).length;
      const lost = requests.filter((r) => !byRecipient.has(r.recipient.email)).length;
      process.stdout.write(
        `kill -9 during a ${MAILS}-mail fan-out ×${killed}: ${duplicates} duplicates, ${lost} lost (${files.length} .eml files, ${byMessageId.size} Message-IDs)\n`,
      );
      expect({ duplicates, lost, files: files.length, recipients: byRecipient.size }).toEqual({
        duplicates: 0,
        lost: 0,
        files: MAILS,
        recipients: MAILS,
      });
      expect([...byRecipient.values()].every((n) => n === 1)).toBe(true);
      // No half-written mail is left behind, and the file transport never had to send one again.
      expect(readdirSync(t.config.MAIL_DIR).filter((name) => name.endsWith('.partial'))).toEqual([]);
      const [row] = await t.db.query<{ sent: number; resends: number; claimed: number }[]>(
        `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, sum(resends)::int AS resends,
                (SELECT count(*)::int FROM notification_claims) AS claimed
           FROM notifications`,
      );
      expect(row).toEqual({ sent: MAILS, resends: 0, claimed: 0 });
    },
    60_000 + KILLS * 20_000,
  );
});

async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

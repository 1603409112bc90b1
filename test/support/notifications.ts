import type { ReceivedMail, TestSmtpServer } from './smtp.js';
import type { TestApp } from './test-app.js';

/** Polls until `check` holds, relaying the outbox on each turn (rejects after the timeout). */
export async function eventually(
  t: TestApp,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await t.flushOutbox().catch(() => undefined);
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every notification recorded for `template` has left (sent or failed): nothing more is on its way. */
export async function settled(t: TestApp, template?: string): Promise<void> {
  await eventually(t, async () => {
    const [row] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notifications WHERE status = 'pending' AND ($1::text IS NULL OR event = $1)`,
      [template ?? null],
    );
    return row!.n === 0;
  });
  // A duplicate delivery would arrive just after the row turned `sent`: give it the chance to show up.
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** The signed token of the unsubscribe link in a reminder. */
export function unsubscribeToken(mail: ReceivedMail): string {
  const match = /\/notifications\/unsubscribe\?token=([A-Za-z0-9._-]+)/.exec(mail.text);
  if (!match) throw new Error(`No unsubscribe link in mail "${mail.subject}"`);
  return match[1]!;
}

/** The mails received by each address, by address. */
export function mailsByRecipient(smtp: TestSmtpServer, emails: string[]): Record<string, ReceivedMail[]> {
  return Object.fromEntries(emails.map((email) => [email, smtp.to(email)]));
}

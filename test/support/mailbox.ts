import type { ReceivedMail, TestSmtpServer } from './smtp.js';
import type { TestApp } from './test-app.js';

/**
 * The mails one address has received, once there are at least `count`: relays the outbox now and again
 * until they arrive (the mail job runs in the app's own worker).
 */
export async function mailsTo(
  t: TestApp,
  smtp: TestSmtpServer,
  email: string,
  count = 1,
  timeoutMs = 15_000,
): Promise<ReceivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await t.flushOutbox();
    const mails = smtp.to(email);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`Expected ${count} mails to ${email}, got ${mails.length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The newest mail to this address, waiting until the `count`-th one has arrived. */
export async function nthMailTo(
  t: TestApp,
  smtp: TestSmtpServer,
  email: string,
  count: number,
): Promise<ReceivedMail> {
  const mails = await mailsTo(t, smtp, email, count);
  return mails[count - 1]!;
}

/**
 * Results-mail benchmark: an edition with 10,000 nominated companies (one member each, in all four
 * languages) is published, and every results mail goes out.
 *
 *   npm run bench:mail
 *
 * Measures, in one run:
 *   - 10,000 no-op BullMQ jobs: a plain Queue and Worker (no-op processor, the notifications queue's
 *     concurrency), from the first `addBulk` until the last job completed — the ceiling of the queue itself;
 *   - 10,000 results mails: `ResultsMailer.enqueue` in one transaction (what publication calls: 10,000
 *     notification rows and their outbox rows), then the outbox relay, the `notifications` workers, rendering
 *     and pooled SMTP, until a local SMTP sink (smtp-server, accepting and discarding) has accepted the
 *     10,000th mail; mails/s, and the check that each arrived once.
 * Goal (issue 6): mails/s at least a tenth of the no-op jobs/s.
 * BENCH_DATABASE_URL names the server and an admin database (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_REDIS_URL the Redis (default redis://127.0.0.1:6379), BENCH_MAILS the count (default 10000);
 * BENCH_KEEP=1 keeps the database. Exits 1 when the goal is missed.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Queue, Worker } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.setup.js';
import { first } from '../src/common/checked-index.js';
import { loadConfig } from '../src/config/app-config.js';
import { ResultsMailer } from '../src/modules/publication/results-mailer.js';
import { jobOptions } from '../src/queue/outbox-relay.js';
import { bullConnection } from '../src/queue/redis-connection.js';
import {
  appEnv,
  createDatabase,
  dropDatabase,
  localised,
  migrate,
  REDIS_URL,
  runMain,
  seconds,
  suffix,
  withClient,
} from './support.js';

const MAILS = Number(process.env.BENCH_MAILS ?? 10_000);
/** The notifications queue's worker concurrency (src/queue/queue-processors.ts). */
const CONCURRENCY = 20;

const rate = (count: number, ms: number) => Math.round(count / (ms / 1000));

/**
 * A local SMTP server that accepts every mail and keeps nothing but the Message-IDs it saw. It runs in a
 * child process of its own, as a real mail server would: its parsing must not eat the app's event loop.
 */
function runSink(): void {
  const messageIds = new Map<string, number>();
  let accepted = 0;
  let expected = Infinity;
  const report = () => {
    if (accepted < expected) return;
    expected = Infinity;
    process.send!({
      accepted,
      distinct: messageIds.size,
      duplicates: [...messageIds.values()].filter((n) => n > 1).length,
    });
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    maxClients: 200,
    onData: (stream, _session, callback) => {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? `unknown-${accepted}`;
        messageIds.set(id, (messageIds.get(id) ?? 0) + 1);
        accepted++;
        callback();
        report();
      });
    },
  });
  process.on('message', (message: { expect: number }) => {
    expected = message.expect;
    report();
  });
  process.on('disconnect', () => server.close(() => process.exit(0)));
  server.listen(0, '127.0.0.1', () => {
    const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    process.send!({ url: `smtp://127.0.0.1:${port}` });
  });
}

interface SinkReport {
  accepted: number;
  distinct: number;
  duplicates: number;
}

class SmtpSink {
  private child?: ChildProcess;

  async start(): Promise<string> {
    this.child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, MAGISTRAL_MAIL_SINK: '1' },
    });
    return new Promise((resolve) =>
      this.child!.once('message', (message: { url: string }) => resolve(message.url)),
    );
  }

  /** Resolves once the sink has accepted `count` mails. */
  waitFor(count: number): Promise<SinkReport> {
    const report = new Promise<SinkReport>((resolve) =>
      this.child!.once('message', (message: SinkReport) => resolve(message)),
    );
    this.child!.send({ expect: count });
    return report;
  }

  async stop(): Promise<void> {
    if (!this.child?.connected) return;
    const exited = new Promise((resolve) => this.child!.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }
}

/** 10,000 no-op jobs through a plain BullMQ queue and worker: the ceiling the mail pipeline is held against. */
async function noopJobs(): Promise<number> {
  const prefix = `bench-noop-${suffix()}`;
  const queue = new Queue('noop', { connection: bullConnection(REDIS_URL), prefix });
  let completed = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const worker = new Worker('noop', async () => undefined, {
    connection: bullConnection(REDIS_URL),
    prefix,
    concurrency: CONCURRENCY,
  });
  worker.on('completed', () => {
    if (++completed === MAILS) done();
  });
  await worker.waitUntilReady();
  await queue.waitUntilReady();
  const options = jobOptions('notification.send', loadConfig({ NODE_ENV: 'test' }));
  const start = performance.now();
  for (let i = 0; i < MAILS; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, MAILS - i) }, (_, j) => ({
        name: 'noop',
        data: { n: i + j },
        opts: { ...options, attempts: 1 },
      })),
    );
  }
  await finished;
  const elapsed = performance.now() - start;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return elapsed;
}

/** A published edition: 10,000 eligible nominations, each of its own company with one member. */
async function seed(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const { id: editionId } = first(
      (
        await client.query(
          `INSERT INTO editions (slug, name, phase, nominations_open_at, nominations_close_at, judging_open_at, judging_close_at)
         VALUES ('bench-mail', 'Magistral Awards Bench', 'published', now() - interval '60 days', now() - interval '40 days', now() - interval '30 days', now() - interval '1 day')
         RETURNING id`,
        )
      ).rows as { id: string }[],
    );
    const { id: categoryId } = first(
      (
        await client.query(
          `INSERT INTO categories (edition_id, code, name, description, position) VALUES ($1, 'efficiency', $2, $3, 0) RETURNING id`,
          [editionId, localised('Efficiency'), localised('About efficiency')],
        )
      ).rows as { id: string }[],
    );
    await client.query(
      `INSERT INTO users (email, password_hash, full_name, locale, roles, email_verified_at)
       SELECT 'bench-' || i || '@bench.example', 'x', 'Entrant ' || i, (ARRAY['en','ru','kk','de'])[1 + i % 4], '{entrant}', now()
         FROM generate_series(1, $1) AS i`,
      [MAILS],
    );
    await client.query(
      `INSERT INTO companies (name, country, registration_number, created_by)
       SELECT 'Company ' || u.full_name, 'KZ', 'BENCH-' || u.id, u.id FROM users u WHERE u.email LIKE 'bench-%'`,
    );
    await client.query(
      `INSERT INTO company_members (company_id, user_id, role) SELECT id, created_by, 'owner' FROM companies`,
    );
    await client.query(
      `INSERT INTO nominations (edition_id, category_id, company_id, created_by, title, status, submitted_at, submitted_by)
       SELECT $1, $2, c.id, c.created_by, 'Project of ' || c.name,
              CASE WHEN row_number() OVER (ORDER BY c.id) <= 3 THEN 'winner' WHEN row_number() OVER (ORDER BY c.id) <= 10 THEN 'finalist' ELSE 'eligible' END,
              now() - interval '45 days', c.created_by
         FROM companies c`,
      [editionId, categoryId],
    );
    const { id: roundId } = first(
      (
        await client.query(
          `INSERT INTO rounds (edition_id, number, name, status, closed_at) VALUES ($1, 1, 'Final', 'closed', now()) RETURNING id`,
          [editionId],
        )
      ).rows as { id: string }[],
    );
    await client.query(
      `INSERT INTO publications (edition_id, round_id, status, release_at, published_at, manifest, manifest_sha256, results)
       VALUES ($1, $2, 'published', now(), now(), '{}', repeat('0', 64), '{}')`,
      [editionId, roundId],
    );
    await client.query('VACUUM ANALYZE');
    return editionId;
  });
}

async function main(): Promise<void> {
  const name = `magistral_bench_mail_${suffix()}`;
  const url = await createDatabase(name);
  const sink = new SmtpSink();
  try {
    await migrate(url);
    const editionId = await seed(url);
    console.log(
      `Mail benchmark: ${MAILS.toLocaleString('en')} results mails vs ${MAILS.toLocaleString('en')} no-op BullMQ jobs (concurrency ${CONCURRENCY}, database ${name})\n`,
    );

    const noop = await noopJobs();
    console.log(`No-op BullMQ jobs      ${seconds(noop)}  ${rate(MAILS, noop).toLocaleString('en')} jobs/s`);

    const smtpUrl = await sink.start();
    const app = await createApp(
      loadConfig({
        ...appEnv(url, `bench-mail-${suffix()}`),
        // This benchmark measures the workers and the relay: both run in this process.
        WORKERS_IN_API: 'true',
        OUTBOX_RELAY: 'true',
        SMTP_URL: smtpUrl,
        PUBLIC_URL: 'https://awards.example',
        OUTBOX_POLL_MS: '1000',
      }),
    );
    await app.init();
    try {
      const dataSource = app.get(DataSource);
      const start = performance.now();
      const recorded = await dataSource.transaction((manager) =>
        app.get(ResultsMailer).enqueue(manager, editionId),
      );
      const committed = performance.now() - start;
      await sink.waitFor(MAILS);
      const elapsed = performance.now() - start;
      // Let a duplicate delivery, if any, arrive before counting.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const received = await sink.waitFor(MAILS);
      const { sent } = first(
        await dataSource.query<{ sent: number }[]>(
          `SELECT count(*)::int AS sent FROM notifications WHERE status = 'sent'`,
        ),
      );

      const mailRate = rate(MAILS, elapsed);
      const noopRate = rate(MAILS, noop);
      const ok =
        recorded === MAILS &&
        received.accepted === MAILS &&
        received.duplicates === 0 &&
        mailRate * 10 >= noopRate;
      console.log(`Results mails          ${seconds(elapsed)}  ${mailRate.toLocaleString('en')} mails/s`);
      console.log(
        `  recorded and enqueued in the publication's transaction: ${recorded.toLocaleString('en')} in ${seconds(committed)}`,
      );
      console.log(
        `  accepted by the SMTP sink: ${received.accepted.toLocaleString('en')} (${received.distinct.toLocaleString('en')} distinct, ${received.duplicates} twice); rows marked sent: ${sent.toLocaleString('en')}`,
      );
      console.log(
        `\nMails/s ÷ no-op jobs/s = ${(mailRate / noopRate).toFixed(3)} (goal ≥ 0.1: ${ok ? 'met' : 'NOT met'})`,
      );
      process.exitCode = ok ? 0 : 1;
    } finally {
      await app.close();
    }
  } finally {
    await sink.stop();
    if (process.env.BENCH_KEEP === '1') console.log(`Kept database ${name} (BENCH_KEEP=1)`);
    else await dropDatabase(name);
  }
}

if (process.env.MAGISTRAL_MAIL_SINK === '1') {
  runSink();
} else {
  runMain(main);
}

import { getQueueToken } from '@nestjs/bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { Clock } from '../src/common/clock.js';
import { ReminderRoundHandler } from '../src/modules/jury/reminders/reminder-round.handler.js';
import { ReminderScheduler } from '../src/modules/jury/reminders/reminder-scheduler.js';
import { Reminders } from '../src/modules/jury/reminders/reminders.service.js';
import { reminderJobId, reminderMoments } from '../src/modules/jury/reminders/reminder-slots.js';
import { UnsubscribeLinks } from '../src/modules/notifications/unsubscribe-links.js';
import { REPEATING_JOBS } from '../src/queue/repeating-jobs.js';
import type { TestEdition } from './support/editions.js';
import { countRows, createUser, login, signIn, type SignedIn, type TestUser } from './support/factories.js';
import { assign, createJudgingEdition, createRound, putOnPanel, recordConflict } from './support/jury.js';
import { createCompany, createNomination } from './support/nominations.js';
import { eventually, settled, unsubscribeToken } from './support/notifications.js';
import { TestSmtpServer } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3600_000;

let t: TestApp;
const smtp = new TestSmtpServer();
let organiser: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ SMTP_URL: await smtp.start() });
  organiser = await signIn(t, ['organiser']);
});

afterEach(() => t.app.get(Clock).reset());

afterAll(async () => {
  await t.close();
  await smtp.stop();
});

interface ReminderWorld {
  edition: TestEdition;
  roundId: string;
  closesAt: Date;
  nominations: string[];
  companies: string[];
  jurors: Record<string, TestUser>;
}

/**
 * A round closing in five days (lead time 72 h) with three nominations and these jurors:
 * en, ru, kk and de are behind (2, 1, 3 and 1 unsubmitted), `done` has submitted everything, `conflicted` is
 * assigned only to a nomination of a company they are conflicted with, `optedOut` turned reminders off,
 * `disabled` is behind but their account is disabled, `idle` sits on the panel without assignments.
 */
async function reminderWorld(): Promise<ReminderWorld> {
  const edition = await createJudgingEdition(t);
  const categoryId = edition.categories[0]!.id;
  const owner = await createUser(t, { roles: ['entrant'] });
  const companies: string[] = [];
  const nominations: string[] = [];
  for (let i = 0; i < 3; i++) {
    const company = await createCompany(t, owner.id);
    companies.push(company.id);
    nominations.push(
      await createNomination(t, {
        editionId: edition.id,
        categoryId,
        companyId: company.id,
        createdBy: owner.id,
        status: 'eligible',
      }),
    );
  }
  const roundId = await createRound(t, edition.id, 1, 'Final');
  const closesAt = new Date(Date.now() + 5 * 24 * HOUR);
  closesAt.setMilliseconds(0);
  await t.db.query(`UPDATE rounds SET closes_at = $2 WHERE id = $1`, [roundId, closesAt]);

  const jurors: Record<string, TestUser> = {};
  const locales: Record<string, string> = {
    en: 'en',
    ru: 'ru',
    kk: 'kk',
    de: 'de',
    done: 'en',
    conflicted: 'en',
    optedOut: 'en',
    disabled: 'en',
    idle: 'en',
  };
  for (const [label, locale] of Object.entries(locales))
    jurors[label] = await createUser(t, { roles: ['juror'], locale, fullName: `Juror ${label}` });
  await putOnPanel(
    t,
    edition,
    categoryId,
    Object.values(jurors).map((j) => j.id),
  );
  const [n1, n2, n3] = nominations as [string, string, string];
  const scorecard = async (juror: string, nomination: string, status: 'draft' | 'submitted') => {
    await assign(t, roundId, nomination, jurors[juror]!.id);
    await t.db.query(
      `INSERT INTO scorecards (round_id, nomination_id, juror_id, status, scores, submitted_at) VALUES ($1, $2, $3, $4, '{}', $5)`,
      [roundId, nomination, jurors[juror]!.id, status, status === 'submitted' ? new Date() : null],
    );
  };
  // en: a draft and a missing scorecard count as behind, a submitted one does not → 2.
  await scorecard('en', n1, 'draft');
  await assign(t, roundId, n2, jurors.en!.id);
  await scorecard('en', n3, 'submitted');
  await assign(t, roundId, n1, jurors.ru!.id);
  await scorecard('ru', n2, 'submitted');
  for (const n of nominations) await assign(t, roundId, n, jurors.kk!.id);
  await scorecard('de', n1, 'submitted');
  await assign(t, roundId, n3, jurors.de!.id);
  for (const n of nominations) await scorecard('done', n, 'submitted');
  await assign(t, roundId, n1, jurors.conflicted!.id);
  await recordConflict(t, edition.id, jurors.conflicted!.id, companies[0]!);
  await assign(t, roundId, n1, jurors.optedOut!.id);
  await t.db.query(`INSERT INTO notification_opt_outs (user_id, topic) VALUES ($1, 'reminders')`, [
    jurors.optedOut!.id,
  ]);
  await assign(t, roundId, n1, jurors.disabled!.id);
  await t.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [jurors.disabled!.id]);
  return { edition, roundId, closesAt, nominations, companies, jurors };
}

const reminderCount = (roundId: string) =>
  countRows(t, 'notifications', `event = 'jury.scoring_reminder' AND subject LIKE $1`, [
    `reminder:${roundId}:%`,
  ]);

function runJob(world: ReminderWorld, slot: 'lead' | 'day', closesAt = world.closesAt): Promise<void> {
  return t.app
    .get(ReminderRoundHandler)
    .handle({ roundId: world.roundId, slot, closesAt: closesAt.toISOString() });
}

describe('scoring reminders', () => {
  let world: ReminderWorld;
  beforeAll(async () => {
    world = await reminderWorld();
  });

  it('nothing before the lead time', async () => {
    t.app.get(Clock).set(new Date(world.closesAt.getTime() - 72 * HOUR - 60_000));
    await runJob(world, 'lead');
    expect(await t.app.get(Reminders).sweep()).toBe(0);
    expect(await reminderCount(world.roundId)).toBe(0);
  });

  it('at the lead time: only the jurors behind, each once with their count, in their language; twice run, once sent', async () => {
    t.app.get(Clock).set(new Date(world.closesAt.getTime() - 72 * HOUR + 60_000));
    await runJob(world, 'lead');
    await runJob(world, 'lead');
    expect(await t.app.get(Reminders).sweep()).toBe(0);
    await settled(t, 'jury.scoring_reminder');

    const { jurors } = world;
    const behind = ['en', 'ru', 'kk', 'de'].map((label) => jurors[label]!.email);
    const received = smtp.mails.filter((m) => Object.values(jurors).some((j) => m.to.includes(j.email)));
    expect(received.map((m) => m.to[0]).sort()).toEqual([...behind].sort());
    expect(smtp.to(jurors.en!.email)[0]!.subject).toBe('Reminder: 2 scorecard(s) to submit in Final');
    expect(smtp.to(jurors.ru!.email)[0]!.subject).toBe(
      'Напоминание: оценочных листов к отправке — 1 (Final)',
    );
    expect(smtp.to(jurors.kk!.email)[0]!.subject).toBe(
      'Еске салу: жіберілетін бағалау парақтары — 3 (Final)',
    );
    expect(smtp.to(jurors.de!.email)[0]!.subject).toBe('Erinnerung: 1 Bewertung(en) in Final einzureichen');
    // Two left: the round's worklist; one left (n3): straight to its scorecard.
    expect(smtp.to(jurors.en!.email)[0]!.text).toContain(`/jury?roundId=${world.roundId}`);
    const mail = smtp.to(jurors.de!.email)[0]!;
    expect(mail.text).toContain(`/jury/rounds/${world.roundId}/nominations/${world.nominations[2]}`);
    expect(mail.text).not.toContain('/jury/assignments');
    expect(mail.text).toMatch(/\d{1,2}\. \S+ \d{4}/);
    expect(JSON.stringify(mail.headers.get('list'))).toContain(
      `/api/v1/notifications/unsubscribe?token=${unsubscribeToken(mail)}`,
    );
    // RFC 8058: mail clients' own button posts `List-Unsubscribe=One-Click` to that link.
    expect(mail.headers.get('list')).toMatchObject({
      'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' },
    });
    expect(await reminderCount(world.roundId)).toBe(4);
  });

  it('a juror who follows the unsubscribe link gets no further reminder; others still do, with their new count', async () => {
    const { jurors } = world;
    const url = `/api/v1/notifications/unsubscribe?token=${unsubscribeToken(smtp.to(jurors.de!.email)[0]!)}`;
    // Opening the link (as mail scanners do) only asks, in the juror's language.
    const page = await t.http().get(url).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain('<form method="post">');
    expect(await countRows(t, 'notification_opt_outs', 'user_id = $1', [jurors.de!.id])).toBe(0);
    // The page's button, like a mail client's one-click button, posts the RFC 8058 form to the link.
    const done = await t.http().post(url).type('form').send({ 'List-Unsubscribe': 'One-Click' }).expect(200);
    expect(done.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(done.text).toContain('Sie erhalten keine Bewertungserinnerungen mehr.');
    expect(await countRows(t, 'notification_opt_outs', 'user_id = $1', [jurors.de!.id])).toBe(1);
    // The en juror submits one more scorecard: one left.
    await t.db.query(
      `UPDATE scorecards SET status = 'submitted', submitted_at = now() WHERE round_id = $1 AND juror_id = $2 AND status = 'draft'`,
      [world.roundId, jurors.en!.id],
    );

    t.app.get(Clock).set(new Date(world.closesAt.getTime() - 24 * HOUR + 60_000));
    // The lead job running late (a later reminder is due) sends nothing; the day job and the sweep send once.
    await runJob(world, 'lead');
    expect(await reminderCount(world.roundId)).toBe(4);
    await runJob(world, 'day');
    expect(await t.app.get(Reminders).sweep()).toBe(0);
    await settled(t, 'jury.scoring_reminder');

    expect(smtp.to(jurors.de!.email)).toHaveLength(1);
    expect(smtp.to(jurors.en!.email)).toHaveLength(2);
    expect(smtp.to(jurors.en!.email)[1]!.subject).toBe('Reminder: 1 scorecard(s) to submit in Final');
    expect(smtp.to(jurors.ru!.email)).toHaveLength(2);
    expect(smtp.to(jurors.kk!.email)).toHaveLength(2);
    for (const label of ['done', 'conflicted', 'optedOut', 'disabled', 'idle'])
      expect(smtp.to(jurors[label]!.email)).toHaveLength(0);
    expect(await reminderCount(world.roundId)).toBe(7);
  });

  it('a job for an old deadline, or for a closed round, sends nothing', async () => {
    const old = world.closesAt;
    const later = new Date(old.getTime() + 48 * HOUR);
    await t.db.query(`UPDATE rounds SET closes_at = $2 WHERE id = $1`, [world.roundId, later]);
    t.app.get(Clock).set(new Date(old.getTime() - 24 * HOUR + 120_000));
    await runJob(world, 'day', old);
    expect(await reminderCount(world.roundId)).toBe(7);

    // The new deadline gets reminders of its own (a new subject), at its own time.
    t.app.get(Clock).set(new Date(later.getTime() - 24 * HOUR + 60_000));
    await t.db.query(`UPDATE rounds SET status = 'closed', closed_at = now() WHERE id = $1`, [world.roundId]);
    await runJob(world, 'day', later);
    expect(await t.app.get(Reminders).sweep()).toBe(0);
    expect(await reminderCount(world.roundId)).toBe(7);

    await t.db.query(`UPDATE rounds SET status = 'open', closed_at = NULL WHERE id = $1`, [world.roundId]);
    expect(await t.app.get(Reminders).sweep()).toBe(3);
    expect(
      await countRows(t, 'notifications', `subject = $1`, [
        `reminder:${world.roundId}:day:${later.toISOString()}`,
      ]),
    ).toBe(3);
    await settled(t, 'jury.scoring_reminder');
  });

  it('the safety sweep sends a due reminder whose job never ran, once', async () => {
    const other = await reminderWorld();
    t.app.get(Clock).set(new Date(other.closesAt.getTime() - 72 * HOUR + 5 * 60_000));
    const reminders = t.app.get(Reminders);
    const [first, second] = await Promise.all([reminders.sweep(), reminders.sweep()]);
    expect((first ?? 0) + (second ?? 0)).toBe(4);
    expect(await reminders.sweep()).toBe(0);
    await settled(t, 'jury.scoring_reminder');
    for (const label of ['en', 'ru', 'kk', 'de']) expect(smtp.to(other.jurors[label]!.email)).toHaveLength(1);
  });
});

describe('scheduling', () => {
  it('creating a round with a deadline queues both reminders as delayed jobs, once however often it is scheduled', async () => {
    const edition = await createJudgingEdition(t);
    const closesAt = new Date(Date.now() + 10 * 24 * HOUR);
    closesAt.setMilliseconds(0);
    const response = await t
      .http()
      .post(`/api/v1/editions/${edition.id}/rounds`)
      .set(organiser.auth)
      .send({ name: 'Shortlist', closesAt: closesAt.toISOString() });
    expect(response.status).toBe(201);
    const roundId = response.body.id as string;
    const rows = await t.db.query<
      { payload: { slot: string; closesAt: string }; job_id: string; run_at: Date }[]
    >(
      `SELECT payload, job_id, run_at FROM outbox WHERE name = 'reminder.round' AND payload->>'roundId' = $1 ORDER BY run_at`,
      [roundId],
    );
    const moments = reminderMoments(closesAt, 72);
    expect(
      rows.map((r) => ({
        slot: r.payload.slot,
        closesAt: r.payload.closesAt,
        jobId: r.job_id,
        runAt: r.run_at.toISOString(),
      })),
    ).toEqual(
      moments.map((m) => ({
        slot: m.slot,
        closesAt: closesAt.toISOString(),
        jobId: reminderJobId(roundId, m, closesAt),
        runAt: m.dueAt.toISOString(),
      })),
    );

    // Scheduled again (a retried request, say): the outbox gets rows, BullMQ keeps one job per id.
    await t.db.transaction((manager) =>
      t.app
        .get(ReminderScheduler)
        .schedule(manager, { id: roundId, editionId: edition.id, status: 'open', closesAt }),
    );
    await t.flushOutbox();
    const queue = t.app.get<Queue>(getQueueToken('schedule'), { strict: false });
    const delayed = (await queue.getDelayed()).filter(
      (job) => job.name === 'reminder.round' && (job.data as { roundId: string }).roundId === roundId,
    );
    expect(delayed.map((job) => job.id).sort()).toEqual(
      moments.map((m) => reminderJobId(roundId, m, closesAt)).sort(),
    );
    const lead = delayed.find((job) => (job.data as { slot: string }).slot === 'lead')!;
    expect(lead.timestamp + lead.delay).toBeGreaterThanOrEqual(moments[0]!.dueAt.getTime() - 5000);
  });

  it('a real delayed job reminds the jurors behind when it is due', async () => {
    const edition = await createJudgingEdition(t);
    const categoryId = edition.categories[0]!.id;
    const owner = await createUser(t, { roles: ['entrant'] });
    const company = await createCompany(t, owner.id);
    const nomination = await createNomination(t, {
      editionId: edition.id,
      categoryId,
      companyId: company.id,
      createdBy: owner.id,
      status: 'eligible',
    });
    const roundId = await createRound(t, edition.id, 1, 'Quick');
    const juror = await createUser(t, { roles: ['juror'], locale: 'ru' });
    await putOnPanel(t, edition, categoryId, [juror.id]);
    await assign(t, roundId, nomination, juror.id);
    // A day and two seconds away: the day-before reminder is due in two seconds.
    const closesAt = new Date(Date.now() + 24 * HOUR + 2000);
    await t.db.query(`UPDATE rounds SET closes_at = $2 WHERE id = $1`, [roundId, closesAt]);
    await t.db.transaction((manager) =>
      t.app
        .get(ReminderScheduler)
        .schedule(manager, { id: roundId, editionId: edition.id, status: 'open', closesAt }),
    );
    await t.flushOutbox();
    expect(smtp.to(juror.email)).toHaveLength(0);
    await eventually(t, () => smtp.to(juror.email).length === 1);
    expect(Date.now()).toBeGreaterThanOrEqual(closesAt.getTime() - 24 * HOUR - 5000);
    expect(smtp.to(juror.email)[0]!.subject).toBe('Напоминание: оценочных листов к отправке — 1 (Quick)');
  });

  it('the sweep repeats every 15 minutes under one scheduler id, however many instances start', async () => {
    await t.sibling();
    const queue = t.app.get<Queue>(getQueueToken('schedule'), { strict: false });
    await eventually(t, async () => (await queue.getJobScheduler('reminder-sweep')) !== undefined);
    const scheduler = await queue.getJobScheduler('reminder-sweep');
    expect(scheduler).toMatchObject({ name: 'reminder.sweep', every: 15 * 60_000 });
    expect(await queue.getJobSchedulersCount()).toBe(REPEATING_JOBS.length);
  });
});

describe('unsubscribe refusals', () => {
  it('400 for a forged, altered, malformed or missing token and for unknown fields; nothing recorded', async () => {
    const juror = await createUser(t, { roles: ['juror'] });
    const other = await createUser(t, { roles: ['juror'] });
    const links = t.app.get(UnsubscribeLinks);
    const genuine = links.token(juror.id, 'reminders');
    const [, , signature] = genuine.split('.');
    const before = await countRows(t, 'notification_opt_outs');
    const bad = [
      `${other.id}.reminders.${signature}`,
      `${juror.id}.reminders.${signature!.slice(0, -1)}${signature!.endsWith('A') ? 'B' : 'A'}`,
      `${juror.id}.results.${signature}`,
      'not-a-token',
      '',
    ];
    for (const token of bad) {
      const response = await t
        .http()
        .get(`/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const posted = await t.http().post('/api/v1/notifications/unsubscribe').send({ token });
      expect(posted.status).toBe(400);
    }
    expect((await t.http().get('/api/v1/notifications/unsubscribe')).status).toBe(400);
    const unsubscribe = '/api/v1/notifications/unsubscribe';
    const oneClick = { 'List-Unsubscribe': 'One-Click' };
    for (const token of bad) {
      const res = await t
        .http()
        .post(`${unsubscribe}?token=${encodeURIComponent(token)}`)
        .type('form')
        .send(oneClick);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // One form or the other: no token, a token in both places, or a form without One-Click.
    expect((await t.http().post(unsubscribe).type('form').send(oneClick)).status).toBe(400);
    expect((await t.http().post(`${unsubscribe}?token=${genuine}`).send({ token: genuine })).status).toBe(
      400,
    );
    expect(
      (
        await t
          .http()
          .post(`${unsubscribe}?token=${genuine}`)
          .send({ token: genuine, ...oneClick })
      ).status,
    ).toBe(400);
    expect(
      (
        await t
          .http()
          .post(`${unsubscribe}?token=${genuine}`)
          .type('form')
          .send({ 'List-Unsubscribe': 'Yes' })
      ).status,
    ).toBe(400);
    // Form bodies reach this route only: elsewhere they stay 415.
    const elsewhere = await t
      .http()
      .post('/api/v1/auth/login')
      .type('form')
      .send({ email: 'x', password: 'y' });
    expect(elsewhere.status).toBe(415);
    expect(
      (await t.http().post('/api/v1/notifications/unsubscribe').send({ token: genuine, topic: 'results' }))
        .status,
    ).toBe(400);
    expect(await countRows(t, 'notification_opt_outs')).toBe(before);

    // A genuine link of a deleted account is refused as well.
    const gone = await createUser(t, { roles: ['juror'] });
    const goneToken = links.token(gone.id, 'reminders');
    await t.db.query(`DELETE FROM users WHERE id = $1`, [gone.id]);
    expect((await t.http().post('/api/v1/notifications/unsubscribe').send({ token: goneToken })).status).toBe(
      400,
    );
    expect(await countRows(t, 'notification_opt_outs')).toBe(before);
  });

  it('POST with the token in a JSON body works too, once, and is audited once', async () => {
    const juror = await createUser(t, { roles: ['juror'] });
    const token = t.app.get(UnsubscribeLinks).token(juror.id, 'reminders');
    for (let i = 0; i < 2; i++) {
      const response = await t.http().post('/api/v1/notifications/unsubscribe').send({ token });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ topic: 'reminders', unsubscribed: true });
    }
    expect(await countRows(t, 'notification_opt_outs', 'user_id = $1', [juror.id])).toBe(1);
    expect(
      await countRows(t, 'audit_log', `action = 'notifications.unsubscribed' AND entity_id = $1`, [juror.id]),
    ).toBe(1);
  });
});

describe('GET|PUT /me/notification-preferences', () => {
  const path = '/api/v1/me/notification-preferences';
  const audited = (userId: string, action: string) =>
    countRows(t, 'audit_log', `action = $1 AND entity_id = $2`, [action, userId]);

  it('every signed-in user reads and sets their own; only a change is recorded, and it is audited', async () => {
    for (const role of ['entrant', 'juror', 'organiser'] as const) {
      const user = await signIn(t, [role]);
      expect((await t.http().get(path).set(user.auth).expect(200)).body).toEqual({ reminders: true });
      for (let i = 0; i < 2; i++) {
        const off = await t.http().put(path).set(user.auth).send({ reminders: false }).expect(200);
        expect(off.body).toEqual({ reminders: false });
      }
      expect((await t.http().get(path).set(user.auth).expect(200)).body).toEqual({ reminders: false });
      expect(await countRows(t, 'notification_opt_outs', 'user_id = $1', [user.id])).toBe(1);
      expect(await audited(user.id, 'notifications.unsubscribed')).toBe(1);
      for (let i = 0; i < 2; i++)
        expect((await t.http().put(path).set(user.auth).send({ reminders: true }).expect(200)).body).toEqual({
          reminders: true,
        });
      expect(await countRows(t, 'notification_opt_outs', 'user_id = $1', [user.id])).toBe(0);
      expect(await audited(user.id, 'notifications.resubscribed')).toBe(1);
    }
  });

  it('reminders turned back on reach a juror who had followed the unsubscribe link', async () => {
    const world = await reminderWorld();
    const juror = world.jurors.optedOut!; // opted out in the world, behind on one scorecard
    const { token } = await login(t, juror.email, juror.password);
    const auth = { Authorization: `Bearer ${token}` };
    expect((await t.http().get(path).set(auth).expect(200)).body).toEqual({ reminders: false });
    await t.http().put(path).set(auth).send({ reminders: true }).expect(200);
    t.app.get(Clock).set(new Date(world.closesAt.getTime() - 72 * HOUR + 60_000));
    await runJob(world, 'lead');
    await settled(t, 'jury.scoring_reminder');
    expect(smtp.to(juror.email)).toHaveLength(1);
    expect(smtp.to(juror.email)[0]!.subject).toBe('Reminder: 1 scorecard(s) to submit in Final');
  });

  it('refuses anonymous callers and bodies that are not preferences, changing nothing', async () => {
    await t.http().get(path).expect(401);
    await t.http().put(path).send({ reminders: false }).expect(401);
    const user = await signIn(t, ['juror']);
    for (const body of [
      {},
      { reminders: 'no' },
      { reminders: null },
      { reminders: false, results: false },
      [],
    ]) {
      const response = await t.http().put(path).set(user.auth).send(body).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('request.validation_failed');
    }
    expect(await countRows(t, 'notification_opt_outs', 'user_id = $1', [user.id])).toBe(0);
    expect(
      await countRows(t, 'audit_log', `entity_id = $1 AND action LIKE 'notifications.%'`, [user.id]),
    ).toBe(0);
  });
});

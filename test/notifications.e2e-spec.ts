import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Notifications } from '../src/modules/notifications/notifications.service.js';
import { QueueDashboardSessions } from '../src/modules/queue-dashboard/queue-dashboard-sessions.js';
import { countRows, createUser, signIn, type SignedIn, uniqueEmail } from './support/factories.js';
import { eventually, settled } from './support/notifications.js';
import { TestSmtpServer } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
const smtp = new TestSmtpServer();
let organiser: SignedIn;
let entrant: SignedIn;
let juror: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ SMTP_URL: await smtp.start(), MAIL_ATTEMPTS: '3', MAIL_BACKOFF_MS: '50' });
  organiser = await signIn(t, ['organiser']);
  entrant = await signIn(t, ['entrant'], { locale: 'de' });
  juror = await signIn(t, ['juror']);
});

afterAll(async () => {
  await t.close();
  await smtp.stop();
});

const resetMail = (email: string, subject: string, userId?: string) => ({
  template: 'account.password_reset' as const,
  subject,
  recipient: { email, userId, locale: 'de' },
  params: {
    name: 'Reset',
    link: 'https://example.test/reset?token=SECRET-RESET-TOKEN',
    expiresAt: '2030-01-01T00:00:00.000Z',
  },
});

const receipt = (email: string, subject: string, title: string) => ({
  template: 'nomination.submitted' as const,
  subject,
  recipient: { email, locale: 'en' },
  params: {
    name: 'Daulet',
    nominationId: subject,
    title,
    companyName: 'KTZ <Express>',
    editionName: 'Magistral Awards 2026',
    categoryName: { en: 'Efficiency', ru: 'Эффективность', kk: 'Тиімділік', de: 'Effizienz' },
    summary: '{{summary}} <img src=x onerror=alert(1)>',
    metricCount: 2,
    attachmentCount: 1,
    submittedAt: '2026-10-01T10:00:00.000Z',
    editableUntil: '2026-12-01T10:00:00.000Z',
    link: 'https://example.test/nominations/1',
  },
});

async function statusOf(
  id: string,
): Promise<{ status: string; attempts: number; last_error: string | null }> {
  const [row] = await t.db.query<{ status: string; attempts: number; last_error: string | null }[]>(
    `SELECT status, attempts, last_error FROM notifications WHERE id = $1`,
    [id],
  );
  return row!;
}

async function idOf(subject: string): Promise<string> {
  const [row] = await t.db.query<{ id: string }[]>(`SELECT id FROM notifications WHERE subject = $1`, [
    subject,
  ]);
  return row!.id;
}

const notifications = () => t.app.get(Notifications);

describe('GET /notifications', () => {
  beforeAll(async () => {
    // To the entrant's account, to their address before they had one, and to somebody else.
    await notifications().notify(t.db.manager, resetMail(entrant.email, 'list-own-account', entrant.id));
    await notifications().notify(t.db.manager, {
      template: 'account.invitation',
      subject: 'list-own-address',
      recipient: { email: entrant.email.toUpperCase(), locale: 'de' },
      params: {
        role: 'juror',
        invitedBy: 'Org',
        link: 'https://example.test/invite?token=SECRET-INVITE-TOKEN',
        expiresAt: '2030-01-01T00:00:00.000Z',
      },
    });
    await notifications().notify(t.db.manager, resetMail(juror.email, 'list-other', juror.id));
    await settled(t);
  });

  it('401 without a token', async () => {
    const response = await t.http().get('/api/v1/notifications');
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('a user sees the mails sent to their account or their address, newest first, without parameters or links', async () => {
    const response = await t.http().get('/api/v1/notifications').set(entrant.auth);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, pageSize: 20, total: 2 });
    const items = response.body.items as Record<string, unknown>[];
    expect(items.map((i) => i.template)).toEqual(['account.invitation', 'account.password_reset']);
    expect(items[1]).toEqual({
      id: expect.any(String),
      template: 'account.password_reset',
      title: 'Passwort zurücksetzen',
      locale: 'de',
      status: 'sent',
      createdAt: expect.any(String),
      sentAt: expect.any(String),
    });
    const json = JSON.stringify(response.body);
    expect(json).not.toMatch(/SECRET|token|params|recipientEmail|list-own/);
  });

  it('paginates and filters its own list', async () => {
    const first = await t.http().get('/api/v1/notifications?pageSize=1').set(entrant.auth);
    expect(first.body).toMatchObject({ pageSize: 1, total: 2 });
    expect(first.body.items).toHaveLength(1);
    const second = await t.http().get('/api/v1/notifications?pageSize=1&page=2').set(entrant.auth);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const filtered = await t
      .http()
      .get('/api/v1/notifications?template=account.invitation&status=sent')
      .set(entrant.auth);
    expect(filtered.body.total).toBe(1);
    expect((await t.http().get('/api/v1/notifications?status=failed').set(entrant.auth)).body.total).toBe(0);
  });

  it("403 for anyone but organisers asking for everyone's or somebody else's", async () => {
    for (const user of [entrant, juror]) {
      for (const query of [
        'scope=all',
        `recipient=${encodeURIComponent(organiser.email)}`,
        'scope=mine&recipient=a@example.test',
      ]) {
        const response = await t.http().get(`/api/v1/notifications?${query}`).set(user.auth);
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('notifications.list_forbidden');
      }
    }
  });

  it('400 for bad filters and unknown parameters', async () => {
    for (const query of [
      'status=lost',
      'template=account.nope',
      'pageSize=101',
      'page=0',
      'scope=some',
      'recipient=not-an-address',
      'params=1',
    ]) {
      const response = await t.http().get(`/api/v1/notifications?${query}`).set(organiser.auth);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('request.validation_failed');
    }
  });

  it("organisers see everyone's, with the recipient and the delivery state, and can narrow it", async () => {
    const all = await t.http().get('/api/v1/notifications?pageSize=100').set(organiser.auth);
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const other = (all.body.items as Record<string, unknown>[]).find((i) => i.subject === 'list-other');
    expect(other).toMatchObject({
      template: 'account.password_reset',
      recipientEmail: juror.email,
      recipientId: juror.id,
      status: 'sent',
      attempts: 1,
      lastError: null,
    });
    expect(JSON.stringify(all.body)).not.toMatch(/SECRET|"params"/);
    const narrowed = await t
      .http()
      .get(`/api/v1/notifications?recipient=${encodeURIComponent(juror.email.toUpperCase())}`)
      .set(organiser.auth);
    expect((narrowed.body.items as { subject: string }[]).map((i) => i.subject)).toEqual(['list-other']);
    const mine = await t.http().get('/api/v1/notifications?scope=mine').set(organiser.auth);
    expect(mine.body.total).toBe(0);
  });
});

describe('delivery through an SMTP outage', () => {
  it('retries while the server refuses and delivers once it accepts; markup in a nomination arrives escaped and inert', async () => {
    smtp.refuse = true;
    const email = uniqueEmail('outage');
    const title = '<script>alert("x")</script> {{constructor.constructor}} ${7*7}';
    await notifications().notify(t.db.manager, receipt(email, 'outage-receipt', title));
    const id = await idOf('outage-receipt');
    await eventually(t, async () => (await statusOf(id)).attempts >= 1);
    expect(smtp.to(email)).toHaveLength(0);
    smtp.refuse = false;
    await eventually(t, async () => (await statusOf(id)).status === 'sent');
    await settled(t);
    const mails = smtp.to(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Nomination received: ${title}`);
    expect(mails[0]!.html).not.toMatch(/<script|<img/i);
    expect(mails[0]!.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; {{constructor.constructor}} ${7*7}',
    );
    expect(mails[0]!.html).toContain('KTZ &lt;Express&gt;');
    expect(mails[0]!.text).toContain(title);
  });

  it('after the attempts are spent: failed with the SMTP error, listed for organisers, and a retry delivers it once', async () => {
    smtp.refuse = true;
    const email = uniqueEmail('failed');
    await notifications().notify(t.db.manager, resetMail(email, 'outage-failed'));
    const id = await idOf('outage-failed');
    await eventually(t, async () => (await statusOf(id)).status === 'failed');
    expect(await statusOf(id)).toMatchObject({
      attempts: 3,
      last_error: expect.stringMatching(/451|Try again later/),
    });
    smtp.refuse = false;

    const failed = await t.http().get('/api/v1/notifications?status=failed').set(organiser.auth);
    expect(failed.status).toBe(200);
    expect(failed.body.items).toEqual([
      expect.objectContaining({
        id,
        status: 'failed',
        attempts: 3,
        recipientEmail: email,
        lastError: expect.stringMatching(/451|Try again later/),
      }),
    ]);

    const retried = await t.http().post(`/api/v1/notifications/${id}/retry`).set(organiser.auth);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id, status: 'pending', attempts: 0, lastError: null });
    await eventually(t, async () => (await statusOf(id)).status === 'sent');
    await settled(t);
    expect(smtp.to(email)).toHaveLength(1);
    expect(smtp.to(email)[0]!.subject).toBe('Passwort zurücksetzen');
    expect(await statusOf(id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(await countRows(t, 'audit_log', `action = 'notification.retried' AND entity_id = $1`, [id])).toBe(
      1,
    );
    expect((await t.http().get('/api/v1/notifications?status=failed').set(organiser.auth)).body.total).toBe(
      0,
    );

    // Sent now: retrying again is a conflict and sends nothing.
    const again = await t.http().post(`/api/v1/notifications/${id}/retry`).set(organiser.auth);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'notifications.not_retryable', currentStatus: 'sent' });
    await settled(t);
    expect(smtp.to(email)).toHaveLength(1);
  });
});

describe('POST /notifications/{id}/retry refusals', () => {
  let failedId: string;
  let pendingId: string;

  beforeAll(async () => {
    const user = await createUser(t);
    const [failed] = await t.db.query<{ id: string }[]>(
      `INSERT INTO notifications (event, subject, recipient_email, locale, params, status, attempts, last_error) VALUES ('account.password_reset', 'refusals-failed', $1, 'en', $2, 'failed', 3, '451 Try again later') RETURNING id`,
      [user.email, JSON.stringify(resetMail(user.email, 'x').params)],
    );
    failedId = failed!.id;
    // Pending with no job (as if still in the outbox): retrying it would send it twice.
    const [pending] = await t.db.query<{ id: string }[]>(
      `INSERT INTO notifications (event, subject, recipient_email, locale, params) VALUES ('account.password_reset', 'refusals-pending', $1, 'en', $2) RETURNING id`,
      [user.email, JSON.stringify(resetMail(user.email, 'x').params)],
    );
    pendingId = pending!.id;
  });

  async function unchanged(action: () => Promise<void>): Promise<void> {
    const before = [
      await countRows(t, 'outbox'),
      await countRows(t, 'audit_log'),
      JSON.stringify(await statusOf(failedId)),
      JSON.stringify(await statusOf(pendingId)),
    ];
    await action();
    expect([
      await countRows(t, 'outbox'),
      await countRows(t, 'audit_log'),
      JSON.stringify(await statusOf(failedId)),
      JSON.stringify(await statusOf(pendingId)),
    ]).toEqual(before);
  }

  it('401 without a token, 403 for entrants and jurors', async () => {
    await unchanged(async () => {
      expect((await t.http().post(`/api/v1/notifications/${failedId}/retry`)).status).toBe(401);
      for (const user of [entrant, juror]) {
        const response = await t.http().post(`/api/v1/notifications/${failedId}/retry`).set(user.auth);
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('auth.forbidden');
      }
    });
  });

  it('404 for an unknown id, 400 for a malformed one, 409 for a notification that has not failed', async () => {
    await unchanged(async () => {
      const unknown = await t
        .http()
        .post('/api/v1/notifications/00000000-0000-4000-8000-000000000000/retry')
        .set(organiser.auth);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('notifications.not_found');
      expect((await t.http().post('/api/v1/notifications/not-a-uuid/retry').set(organiser.auth)).status).toBe(
        400,
      );
      const pending = await t.http().post(`/api/v1/notifications/${pendingId}/retry`).set(organiser.auth);
      expect(pending.status).toBe(409);
      expect(pending.body).toMatchObject({ code: 'notifications.not_retryable', currentStatus: 'pending' });
    });
  });
});

describe('queue dashboard /admin/queues', () => {
  it('401 without, with a forged or with a revoked token; problem+json', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const none = await t.http().get(path);
      expect(none.status).toBe(401);
      expect(none.headers['content-type']).toContain('application/problem+json');
      expect(none.body.code).toBe('auth.unauthenticated');
      expect((await t.http().get(path).set('Authorization', 'Bearer not.a.jwt')).status).toBe(401);
      expect(
        (
          await t
            .http()
            .get(path)
            .set('Authorization', `Bearer ${organiser.token.slice(0, -2)}xx`)
        ).status,
      ).toBe(401);
    }
    const leaving = await signIn(t, ['organiser']);
    expect((await t.http().get('/admin/queues').set(leaving.auth)).status).toBe(200);
    expect((await t.http().post('/api/v1/auth/logout').set(leaving.auth)).status).toBe(204);
    expect((await t.http().get('/admin/queues').set(leaving.auth)).status).toBe(401);
    // The token travels in the Authorization header only, never in the query string.
    expect((await t.http().get(`/admin/queues?access_token=${organiser.token}`)).status).toBe(401);
  });

  it('403 for entrants and jurors, on the page and on its API', async () => {
    for (const user of [entrant, juror]) {
      for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
        const response = await t.http().get(path).set(user.auth);
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('auth.forbidden');
      }
      const action = await t.http().put('/admin/queues/api/queues/notifications/pause').set(user.auth);
      expect(action.status).toBe(403);
    }
  });

  it('organisers get the board and its queues', async () => {
    const page = await t.http().get('/admin/queues').set(organiser.auth);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Magistral queues');
    const api = await t.http().get('/admin/queues/api/queues').set(organiser.auth);
    expect(api.status).toBe(200);
    expect((api.body.queues as { name: string }[]).map((q) => q.name).sort()).toEqual([
      'notifications',
      'schedule',
      'tally',
    ]);
  });
});

describe('the queue dashboard in a browser: ticket, then cookie', () => {
  const ticketFor = async (who: SignedIn): Promise<string> => {
    const res = await t.http().post('/api/v1/queue-dashboard/tickets').set(who.auth).expect(201);
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const url = new URL(res.body.url as string);
    expect(url.pathname).toBe('/admin/queues/enter');
    return `${url.pathname}${url.search}`;
  };
  /** Opens the ticket link as a browser would; the cookie it sets, as a Cookie header. */
  const enter = async (link: string): Promise<string> => {
    const res = await t.http().get(link).expect(303);
    expect(res.headers.location).toBe('/admin/queues/');
    const setCookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(setCookie).toMatch(
      /^magistral_queues=[^;]+; Path=\/admin\/queues; Max-Age=900; HttpOnly; SameSite=Lax$/,
    );
    return setCookie.split(';')[0]!;
  };

  it('an organiser opens the board and its API with the cookie a single-use ticket left', async () => {
    const link = await ticketFor(organiser);
    const cookie = await enter(link);
    const page = await t.http().get('/admin/queues/').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('Magistral queues');
    await t.http().get('/admin/queues/api/queues').set('Cookie', `theme=dark; ${cookie}`).expect(200);
    // Used once: the same link is refused, as is an unknown or malformed ticket.
    for (const again of [
      link,
      '/admin/queues/enter?ticket=' + 'A'.repeat(43),
      '/admin/queues/enter?ticket=x',
      '/admin/queues/enter',
    ]) {
      const refused = await t.http().get(again).expect(401);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
  });

  it('tickets are for organisers only', async () => {
    await t.http().post('/api/v1/queue-dashboard/tickets').expect(401);
    for (const who of [entrant, juror])
      expect(
        (await t.http().post('/api/v1/queue-dashboard/tickets').set(who.auth).expect(403)).body.code,
      ).toBe('auth.forbidden');
  });

  it('a forged, altered or expired cookie is refused, and so is one whose session ended', async () => {
    const cookie = await enter(await ticketFor(organiser));
    const value = cookie.slice('magistral_queues='.length);
    const [userId, sessionId, expires, signature] = value.split('.') as [string, string, string, string];
    const sessions = t.app.get(QueueDashboardSessions);
    const forged = [
      `${userId}.${sessionId}.${expires}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      `${entrant.id}.${sessionId}.${expires}.${signature}`,
      `${userId}.${sessionId}.${Number(expires) + 3600}.${signature}`,
      sessions.cookieValue(userId, sessionId, Math.floor(Date.now() / 1000) - 1),
      'garbage',
    ];
    for (const bad of forged)
      expect(
        (await t.http().get('/admin/queues/api/queues').set('Cookie', `magistral_queues=${bad}`)).status,
      ).toBe(401);

    const leaving = await signIn(t, ['organiser']);
    const theirs = await enter(await ticketFor(leaving));
    await t.http().get('/admin/queues/api/queues').set('Cookie', theirs).expect(200);
    await t.http().post('/api/v1/auth/logout').set(leaving.auth).expect(204);
    await t.http().get('/admin/queues/api/queues').set('Cookie', theirs).expect(401);

    // An account disabled, or no longer an organiser, loses the board at once.
    const demoted = await signIn(t, ['organiser']);
    const demotedCookie = await enter(await ticketFor(demoted));
    await t.db.query(`UPDATE users SET roles = ARRAY['juror'] WHERE id = $1`, [demoted.id]);
    expect((await t.http().get('/admin/queues/api/queues').set('Cookie', demotedCookie)).status).toBe(403);
    await t.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [demoted.id]);
    expect((await t.http().get('/admin/queues/api/queues').set('Cookie', demotedCookie)).status).toBe(401);
  });

  it('with an Authorization header, the header decides alone (the cookie is not looked at)', async () => {
    const cookie = await enter(await ticketFor(organiser));
    expect(
      (await t.http().get('/admin/queues/api/queues').set('Cookie', cookie).set(entrant.auth)).status,
    ).toBe(403);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import { ResultsMailer } from '../src/modules/publication/results-mailer.js';
import { PublicationReleaseHandler } from '../src/modules/publication/jobs/publication-release.handler.js';
import { countRows, createUser, signIn, type SignedIn, type TestUser } from './support/factories.js';
import { settled } from './support/notifications.js';
import { TestSmtpServer } from './support/smtp.js';
import { closeAndTally, createJudgedWorld, score, scoreTable, type JudgedWorld } from './support/tally.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const MALICIOUS = '<script>alert(1)</script> Dry port {{title}}';

let t: TestApp;
const smtp = new TestSmtpServer();
let organiser: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ SMTP_URL: await smtp.start(), PUBLIC_URL: 'https://awards.example' });
  organiser = await signIn(t, ['organiser']);
});

afterEach(() => t.app.get(Clock).reset());

afterAll(async () => {
  await t.close();
  await smtp.stop();
});

interface Nominees {
  world: JudgedWorld;
  editionName: string;
  /** Members of T1's company besides the owner, by locale. */
  members: Record<'ru' | 'kk' | 'de', TestUser>;
  /** A member of T2's company whose account is disabled. */
  disabled: TestUser;
  /** T3's author, no longer a member of its company (which has no member left). */
  formerMember: TestUser;
}

/**
 * SPEC's z-score example, tallied: T2 wins, T1 (titled with markup) is a finalist, T3 is unranked; T4 was
 * found ineligible. The owner of every company writes in English; T1's company has members in ru, kk and de.
 */
async function nominees(): Promise<Nominees> {
  const world = await createJudgedWorld(t, {
    scoringMethod: 'zscore',
    minScorecards: 2,
    scaleMax: 100,
    jurors: ['A', 'B'],
    nominations: {
      T1: { title: MALICIOUS },
      T2: { title: 'Rail bridge' },
      T3: { title: 'Cold chain' },
      T4: { title: 'Late entry', status: 'ineligible' },
    },
  });
  await scoreTable(t, world, { A: { T1: 40, T2: 60 }, B: { T1: 80, T2: 100 } });
  await score(t, world, 'B', 'T3', { impact: 10 }, { status: 'draft' });
  const members = {
    ru: await createUser(t, { locale: 'ru', fullName: 'Марат' }),
    kk: await createUser(t, { locale: 'kk', fullName: 'Айгерім' }),
    de: await createUser(t, { locale: 'de', fullName: 'Greta' }),
  };
  for (const member of Object.values(members)) {
    await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'member')`, [
      world.companies.T1.id,
      member.id,
    ]);
  }
  const disabled = await createUser(t, { locale: 'de' });
  await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'member')`, [
    world.companies.T2.id,
    disabled.id,
  ]);
  await t.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [disabled.id]);
  const formerMember = await createUser(t, { locale: 'en', fullName: 'Former Author' });
  await t.db.query(`UPDATE nominations SET created_by = $2 WHERE id = $1`, [
    world.nominations.T3,
    formerMember.id,
  ]);
  await t.db.query(`DELETE FROM company_members WHERE company_id = $1`, [world.companies.T3.id]);
  await closeAndTally(t, world, organiser.auth);
  const [{ name }] = await t.db.query<[{ name: string }]>(`SELECT name FROM editions WHERE id = $1`, [
    world.edition.id,
  ]);
  return { world, editionName: name, members, disabled, formerMember };
}

const resultsMails = (editionId: string) =>
  countRows(
    t,
    'notifications',
    `event = 'results.published' AND params->>'resultsUrl' LIKE '%/results/' || (SELECT slug FROM editions WHERE id = $1) || '?lang=%'`,
    [editionId],
  );

describe('results mails', () => {
  let n: Nominees;
  let publicationId: string;
  let at: Date;

  beforeAll(async () => {
    n = await nominees();
  });

  it('none while the publication is only scheduled, nor when its job wakes a second before the embargo ends', async () => {
    at = new Date(Date.now() + 3600_000);
    at.setMilliseconds(0);
    const scheduled = await t
      .http()
      .post(`/api/v1/editions/${n.world.edition.id}/publish`)
      .set(organiser.auth)
      .send({ at: at.toISOString() });
    expect(scheduled.status).toBe(202);
    publicationId = scheduled.body.id as string;
    t.app.get(Clock).set(new Date(at.getTime() - 1000));
    await t.app
      .get(PublicationReleaseHandler)
      .handle({ editionId: n.world.edition.id, publicationId, releaseAt: at.toISOString() });
    await t.flushOutbox();
    expect(await resultsMails(n.world.edition.id)).toBe(0);
    expect(await countRows(t, 'notifications', `event = 'results.published'`)).toBe(0);
  });

  it('at the embargo: every member of each nominated company learns, in their language, whether it won', async () => {
    t.app.get(Clock).set(at);
    await t.app
      .get(PublicationReleaseHandler)
      .handle({ editionId: n.world.edition.id, publicationId, releaseAt: at.toISOString() });
    expect((await t.http().get(`/api/v1/public/editions/${n.world.edition.slug}/results`)).status).toBe(200);
    await settled(t, 'results.published');

    const { world, editionName, members } = n;
    const owner = smtp.to(world.owner.email);
    expect(owner.map((m) => m.subject).sort()).toEqual(
      [`${editionName}: "${MALICIOUS}" is a finalist`, `${editionName}: "Rail bridge" has won`].sort(),
    );
    expect(smtp.to(members.ru.email).map((m) => m.subject)).toEqual([
      `${editionName}: «${MALICIOUS}» — финалист`,
    ]);
    expect(smtp.to(members.kk.email).map((m) => m.subject)).toEqual([
      `${editionName}: «${MALICIOUS}» финалға шықты`,
    ]);
    expect(smtp.to(members.de.email).map((m) => m.subject)).toEqual([
      `${editionName}: „${MALICIOUS}“ ist im Finale`,
    ]);
    // The company of T3 has no member left: its author hears that it did not win.
    expect(smtp.to(n.formerMember.email).map((m) => m.subject)).toEqual([
      `${editionName}: the results are published`,
    ]);
    expect(smtp.to(n.formerMember.email)[0]!.text).toContain('did not win');
    // No mail to a disabled account, none about the ineligible T4, none to jurors.
    expect(smtp.to(n.disabled.email)).toHaveLength(0);
    expect(
      await countRows(t, 'notifications', `event = 'results.published' AND params->>'nominationId' = $1`, [
        world.nominations.T4,
      ]),
    ).toBe(0);
    for (const juror of Object.values(world.jurors)) expect(smtp.to(juror.email)).toHaveLength(0);
    expect(await resultsMails(world.edition.id)).toBe(6);

    const winner = owner.find((m) => m.subject.endsWith('has won'))!;
    // The link opens the results page (HTML) in the recipient's language.
    expect(winner.text).toContain(`https://awards.example/results/${world.edition.slug}?lang=en`);
    expect(winner.html).toContain(`href="https://awards.example/results/${world.edition.slug}?lang=en"`);
    const ru = smtp.to(members.ru.email)[0]!;
    expect(ru.text).toContain(`https://awards.example/results/${world.edition.slug}?lang=ru`);
    const page = await t.http().get(`/results/${world.edition.slug}?lang=ru`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="ru">');
  });

  it('a title with markup or template syntax arrives escaped and inert', () => {
    const mail = smtp.to(n.world.owner.email).find((m) => m.subject.endsWith('is a finalist'))!;
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Dry port {{title}}');
    expect(mail.text).toContain(MALICIOUS);
    const german = smtp.to(n.members.de.email)[0]!;
    expect(german.html).not.toMatch(/<script/i);
    expect(german.html).toContain('{{title}}');
  });

  it('mailing the results again sends nothing twice', async () => {
    const before = smtp.mails.length;
    const again = await t.db.transaction((manager) =>
      t.app.get(ResultsMailer).enqueue(manager, n.world.edition.id),
    );
    expect(again).toBe(0);
    // A duplicate of the release job after publication changes nothing either.
    await t.app
      .get(PublicationReleaseHandler)
      .handle({ editionId: n.world.edition.id, publicationId, releaseAt: at.toISOString() });
    await settled(t, 'results.published');
    expect(smtp.mails.length).toBe(before);
    expect(await resultsMails(n.world.edition.id)).toBe(6);
  });
});

describe('ResultsMailer before publication', () => {
  it('refuses an edition whose results are not public, and records nothing', async () => {
    const world = await createJudgedWorld(t, { jurors: ['A'], nominations: { T1: {} }, phase: 'tallying' });
    const before = await countRows(t, 'notifications');
    await expect(
      t.db.transaction((manager) => t.app.get(ResultsMailer).enqueue(manager, world.edition.id)),
    ).rejects.toThrow(/before its results are published/);
    expect(await countRows(t, 'notifications')).toBe(before);
    expect(await countRows(t, 'outbox', `name = 'notification.send' AND dispatched_at IS NULL`)).toBe(0);
  });

  it('publishing at once mails at once', async () => {
    const world = await createJudgedWorld(t, {
      minScorecards: 1,
      jurors: ['A'],
      nominations: { T1: { title: 'Solo' } },
    });
    await scoreTable(t, world, { A: { T1: 70 } });
    await closeAndTally(t, world, organiser.auth);
    const published = await t
      .http()
      .post(`/api/v1/editions/${world.edition.id}/publish`)
      .set(organiser.auth)
      .send({});
    expect(published.status).toBe(200);
    await settled(t, 'results.published');
    expect(smtp.to(world.owner.email).map((m) => m.subject)).toEqual([
      expect.stringMatching(/: "Solo" has won$/),
    ]);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Clock } from '../../src/common/clock.js';
import { ReminderRoundHandler } from '../../src/modules/jury/reminders/reminder-round.handler.js';
import type { TemplateName } from '../../src/modules/notifications/templates/index.js';
import { TEMPLATE_SAMPLES } from '../../src/modules/notifications/templates/samples.js';
import { createUser, signIn } from '../support/factories.js';
import { confirmConflicts, createJudgingEdition, createRound, putOnPanel } from '../support/jury.js';
import { completeNomination, createNominationWorld } from '../support/nomination-world.js';
import { createCompany, createNomination } from '../support/nominations.js';
import type { ReceivedMail } from '../support/smtp.js';
import { closeAndTally, createJudgedWorld, scoreTable } from '../support/tally.js';
import { AppPage } from './pages/app-page.js';
import { ScorecardPage } from './pages/scorecard.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { newAccount } from './support/accounts.js';
import { type BrowserTest, useBrowser } from './support/browser.js';

/*
 * Every link in every mail opens a page of the app that does what the mail says (issue 14). The mails are
 * the real ones, caused through the API (so their links carry real tokens), received by the test SMTP
 * server; every link of ours in the HTML part and the text part is opened in Chromium, as the recipient,
 * and the page must do what its link kind promises, never show the app's 404 page, and log no console error
 * and no failed request (the fixture's PageWatcher).
 */

const API = '/api/v1';
const HOUR = 3600_000;
const NOT_FOUND = 'Page not found';
/** The placeholder of a part of the app not built yet (web/src/i18n/en.ts, comingSoon.lead). */
const BEING_BUILT = 'This part of Magistral Awards is being built.';
/** The juror's workspace heading (web/src/i18n/jury/en.ts, title). */
const JURY_WORKLIST_HEADING = 'Your worklist';
/** Failed sign-ins after which an account locks, in this file's server (the default is 100). */
const LOCKOUT_THRESHOLD = 3;

/** What opening a link is for, by the page it leads to. */
type LinkKind =
  | 'verify-email'
  | 'reset-password'
  | 'unlock-account'
  | 'platform-invitation'
  | 'company-invitation'
  | 'unsubscribe'
  | 'nomination'
  | 'jury-worklist'
  | 'jury-scorecard'
  | 'results';

/** Who received a mail, and what its page should then show. */
interface Sent {
  mail: ReceivedMail;
  /** The recipient, to sign in where the page needs it. */
  recipient: { email: string; password: string; fullName?: string };
  /** What the mail is about: the nomination's title, the company's, the edition's or the round's name. */
  about?: string;
}

interface LinkExpectation {
  /** The link's path (origin and query aside). */
  path: RegExp;
  /** What the mail promises, in a few words (the test's name). */
  says: string;
  /**
   * The page a link of this kind opens is being built in another branch; until it is merged the test is
   * skipped (named "[waits for …]"). Remove the entry's `waitsFor` to switch it on.
   */
  waitsFor?: string;
  /** Opens `link` as the recipient and checks the page does what the mail says. */
  open(b: BrowserTest, link: string, sent: Sent): Promise<void>;
}

/** Opens a link that needs a session: through the sign-in page, which comes back to the link. */
async function openSignedIn(b: BrowserTest, link: string, sent: Sent): Promise<AppPage> {
  const url = new URL(link);
  const signIn = await new SignInPage(b.page).open(`${url.pathname}${url.search}`);
  await signIn.signIn(sent.recipient.email, sent.recipient.password);
  await b.page.waitForURL((now) => now.pathname === url.pathname);
  const page = new AppPage(b.page);
  await page.ready();
  return page;
}

async function expectNotThe404(page: Page): Promise<void> {
  const headings = await page.locator('h1').allInnerTexts();
  expect(headings.map((h) => h.trim())).not.toContain(NOT_FOUND);
}

/** One expectation per link kind: what the page must do when the recipient opens the link. */
const LINKS: Record<LinkKind, LinkExpectation> = {
  'verify-email': {
    path: /^\/verify-email$/,
    says: 'the address is confirmed',
    async open(b, link) {
      const page = new AppPage(b.page);
      await page.goto(link);
      await page.expectHeading('Confirm your e-mail address');
      await b.page.getByRole('status').filter({ hasText: 'Your e-mail address is confirmed.' }).waitFor();
    },
  },
  'reset-password': {
    path: /^\/reset-password$/,
    says: 'a new password can be chosen, and it then opens the account',
    async open(b, link, sent) {
      const page = new AppPage(b.page);
      await page.goto(link);
      await page.expectHeading('Choose a new password');
      const renewed = `${sent.recipient.password}-renewed`;
      await page.field('password').fill(renewed);
      await page.submit.click();
      await b.page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
      await b.app.t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: sent.recipient.email, password: renewed })
        .expect(200);
    },
  },
  'unlock-account': {
    path: /^\/unlock-account$/,
    says: 'the locked account is unlocked',
    async open(b, link, sent) {
      const page = new AppPage(b.page);
      await page.goto(link);
      await page.expectHeading('Unlock your account');
      // Unlocking waits for the click: mail scanners open links too.
      await b.page.getByRole('button', { name: 'Unlock my account' }).click();
      await b.page.getByRole('status').filter({ hasText: 'Your account is unlocked.' }).waitFor();
      await b.app.t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: sent.recipient.email, password: sent.recipient.password })
        .expect(200);
    },
  },
  'platform-invitation': {
    path: /^\/invitations\/accept$/,
    says: 'the invitation is accepted and the new account signs in',
    async open(b, link, sent) {
      const page = new AppPage(b.page);
      await page.goto(link);
      await page.expectHeading('Accept your invitation');
      await page.field('fullName').fill(sent.recipient.fullName ?? 'Invited Juror');
      await page.field('password').fill(sent.recipient.password);
      await page.submit.click();
      await b.page.getByRole('status').filter({ hasText: 'Welcome aboard.' }).waitFor();
      await b.app.t
        .http()
        .post(`${API}/auth/login`)
        .send({ email: sent.recipient.email, password: sent.recipient.password })
        .expect(200);
    },
  },
  'company-invitation': {
    path: /^\/companies\/invitations\/accept$/,
    says: 'the invitee, once signed in, joins the company',
    async open(b, link, sent) {
      const page = new AppPage(b.page);
      await page.goto(link);
      await page.expectHeading('Join a company');
      // Signed out, the page asks to sign in first, and comes back here afterwards.
      await b.page.getByRole('link', { name: 'Sign in', exact: true }).last().click();
      await new SignInPage(b.page).signIn(sent.recipient.email, sent.recipient.password);
      await page.expectHeading('Join a company');
      await b.page.getByRole('button', { name: 'Join the company' }).click();
      await b.page.getByText(`You are now a member of ${sent.about!}.`).waitFor();
    },
  },
  unsubscribe: {
    path: /^\/api\/v1\/notifications\/unsubscribe$/,
    says: 'the page asks, and its button stops the reminders',
    async open(b, link) {
      await b.page.goto(link);
      await b.page.locator('h1', { hasText: 'Scoring reminders' }).waitFor();
      await b.page.getByRole('button', { name: 'Stop reminders' }).click();
      await b.page.getByText('You will receive no more scoring reminders.').waitFor();
    },
  },
  nomination: {
    path: /^\/nominations\/[0-9a-f-]{36}$/,
    says: 'the nomination opens, its title as the heading',
    async open(b, link, sent) {
      const page = await openSignedIn(b, link, sent);
      await page.expectHeading(sent.about!);
      expect(await page.main.innerText()).not.toContain(BEING_BUILT);
    },
  },
  'jury-worklist': {
    path: /^\/jury$/,
    says: "the juror's worklist of the round opens",
    async open(b, link, sent) {
      const page = await openSignedIn(b, link, sent);
      expect(new URL(b.page.url()).searchParams.get('roundId')).toBe(
        new URL(link).searchParams.get('roundId'),
      );
      // The worklist's title (web/src/i18n/jury/en.ts), naming the mail's round; not the placeholder.
      await page.expectHeading(JURY_WORKLIST_HEADING);
      await page.main.getByText(sent.about!).first().waitFor();
      expect(await page.main.innerText()).not.toContain(BEING_BUILT);
    },
  },
  'jury-scorecard': {
    path: /^\/jury\/rounds\/[0-9a-f-]{36}\/nominations\/[0-9a-f-]{36}$/,
    says: 'the scorecard of the one nomination left opens beside the entry',
    async open(b, link, sent) {
      const page = await openSignedIn(b, link, sent);
      await page.expectHeading(sent.about!);
      await new ScorecardPage(b.page).saveStatus.waitFor();
    },
  },
  results: {
    path: /^\/results\/[a-z0-9-]+$/,
    says: "the edition's published results open",
    async open(b, link, sent) {
      const response = await b.page.goto(link);
      expect(response?.status()).toBe(200);
      await b.page.locator('main h1', { hasText: `Results of ${sent.about!}` }).waitFor();
      await b.page.locator('section.category table').first().waitFor();
    },
  },
};

/** Our links in a mail part: hrefs of the HTML part, URLs of the text part (entities decoded). */
function linksOf(origin: string, mail: ReceivedMail): { html: string[]; text: string[] } {
  const decode = (href: string) => href.replace(/&amp;/g, '&');
  const html = [...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => decode(m[1]!));
  const text = mail.text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
  const ours = (links: string[]) => [...new Set(links.filter((l) => l.startsWith(`${origin}/`)))].sort();
  return { html: ours(html), text: ours(text) };
}

function kindOf(link: string): LinkKind {
  const path = new URL(link).pathname;
  const kinds = (Object.keys(LINKS) as LinkKind[]).filter((kind) => LINKS[kind].path.test(path));
  if (kinds.length !== 1)
    throw new Error(`The link ${link} matches ${kinds.length} link kinds: ${kinds.join(', ')}`);
  return kinds[0]!;
}

/** How each mail is caused through the API, as it happens in use; returns the mail its recipient got. */
const SEND: Record<TemplateName, { kinds: LinkKind[]; send(b: BrowserTest): Promise<Sent> }> = {
  'account.verify_email': {
    kinds: ['verify-email'],
    async send(b) {
      const account = newAccount('mail-verify');
      await b.app.t
        .http()
        .post(`${API}/auth/register`)
        .send({ ...account, locale: 'en' })
        .expect(201);
      return { mail: await b.app.mail(account.email), recipient: account };
    },
  },
  'account.password_reset': {
    kinds: ['reset-password'],
    async send(b) {
      const user = await createUser(b.app.t, { roles: ['entrant'] });
      await b.app.t.http().post(`${API}/auth/password-reset`).send({ email: user.email }).expect(202);
      return { mail: await b.app.mail(user.email), recipient: user };
    },
  },
  'account.unlock': {
    kinds: ['unlock-account'],
    async send(b) {
      const user = await createUser(b.app.t, { roles: ['entrant'] });
      for (let i = 0; i < LOCKOUT_THRESHOLD; i++)
        await b.app.t
          .http()
          .post(`${API}/auth/login`)
          .send({ email: user.email, password: 'Not-the-password-1' });
      return { mail: await b.app.mail(user.email), recipient: user };
    },
  },
  'account.invitation': {
    kinds: ['platform-invitation'],
    async send(b) {
      const organiser = await signIn(b.app.t, ['organiser']);
      const invitee = newAccount('mail-juror');
      await b.app.t
        .http()
        .post(`${API}/invitations`)
        .set(organiser.auth)
        .send({ email: invitee.email, role: 'juror', locale: 'en' })
        .expect(201);
      return { mail: await b.app.mail(invitee.email), recipient: invitee };
    },
  },
  'company.member_invitation': {
    kinds: ['company-invitation'],
    async send(b) {
      const { t } = b.app;
      const owner = await signIn(t, ['entrant']);
      const invitee = await createUser(t, { roles: ['entrant'] });
      const name = `Aral Sea Freight ${invitee.id.slice(0, 8)}`;
      const company = await t
        .http()
        .post(`${API}/companies`)
        .set(owner.auth)
        .send({ name, country: 'KZ', registrationNumber: invitee.id.slice(0, 12).replace(/-/g, '7') })
        .expect(201);
      await t
        .http()
        .post(`${API}/companies/${company.body.id as string}/members`)
        .set(owner.auth)
        .send({ email: invitee.email })
        .expect(202);
      return { mail: await b.app.mail(invitee.email), recipient: invitee, about: name };
    },
  },
  'nomination.submitted': {
    kinds: ['nomination'],
    async send(b) {
      const { t } = b.app;
      const w = await createNominationWorld(t);
      const created = await t
        .http()
        .post(`${API}/nominations`)
        .set(w.owner.auth)
        .send(completeNomination(w))
        .expect(201);
      await t
        .http()
        .post(`${API}/nominations/${created.body.id as string}/submit`)
        .set(w.owner.auth)
        .expect(200);
      return {
        mail: await b.app.mail(w.owner.email),
        recipient: w.owner,
        about: created.body.title as string,
      };
    },
  },
  'nomination.eligibility_decision': {
    kinds: ['nomination'],
    async send(b) {
      const { t } = b.app;
      const w = await createNominationWorld(t);
      const body = completeNomination(w, { title: 'Night trains through the Caspian ports' });
      const created = await t.http().post(`${API}/nominations`).set(w.owner.auth).send(body).expect(201);
      const id = created.body.id as string;
      await t.http().post(`${API}/nominations/${id}/submit`).set(w.owner.auth).expect(200);
      // Nominations closed an hour ago; the organisers review them.
      await t.db.query(
        `UPDATE editions SET phase = 'eligibility', nominations_close_at = now() - interval '1 hour' WHERE id = $1`,
        [w.edition.id],
      );
      await t
        .http()
        .post(`${API}/nominations/${id}/eligibility`)
        .set(w.organiser.auth)
        .send({ decision: 'eligible' })
        .expect(200);
      return { mail: await b.app.mail(w.owner.email, 2), recipient: w.owner, about: body.title };
    },
  },
  'jury.assignments': {
    kinds: ['jury-worklist'],
    async send(b) {
      const { t } = b.app;
      const edition = await createJudgingEdition(t);
      const categoryId = edition.categories[0]!.id;
      const owner = await createUser(t, { roles: ['entrant'] });
      const company = await createCompany(t, owner.id);
      // Two nominations: a mail about several links to the worklist (about one, to its scorecard: below).
      for (let i = 0; i < 2; i++)
        await createNomination(t, {
          editionId: edition.id,
          categoryId,
          companyId: company.id,
          createdBy: owner.id,
          status: 'eligible',
        });
      const roundId = await createRound(t, edition.id, 1, 'Final');
      const juror = await createUser(t, { roles: ['juror'] });
      await putOnPanel(t, edition, categoryId, [juror.id]);
      await confirmConflicts(t, edition.id, juror.id);
      const organiser = await signIn(t, ['organiser']);
      await t.http().post(`${API}/rounds/${roundId}/assignments/default`).set(organiser.auth).expect(200);
      return { mail: await b.app.mail(juror.email), recipient: juror, about: 'Final' };
    },
  },
  'jury.scoring_reminder': {
    // One nomination left: the reminder links straight to its scorecard.
    kinds: ['jury-scorecard', 'unsubscribe'],
    async send(b) {
      const { t } = b.app;
      const edition = await createJudgingEdition(t);
      const categoryId = edition.categories[0]!.id;
      const owner = await createUser(t, { roles: ['entrant'] });
      const company = await createCompany(t, owner.id);
      const title = 'Cold chain corridor Almaty–Tashkent';
      const nominationId = await createNomination(t, {
        editionId: edition.id,
        categoryId,
        companyId: company.id,
        createdBy: owner.id,
        status: 'eligible',
        title,
      });
      const roundId = await createRound(t, edition.id, 1, 'Final');
      const closesAt = new Date(Date.now() + 5 * 24 * HOUR);
      closesAt.setMilliseconds(0);
      await t.db.query(`UPDATE rounds SET closes_at = $2 WHERE id = $1`, [roundId, closesAt]);
      const juror = await createUser(t, { roles: ['juror'] });
      await putOnPanel(t, edition, categoryId, [juror.id]);
      await confirmConflicts(t, edition.id, juror.id);
      await t.db.query(`INSERT INTO assignments (round_id, nomination_id, juror_id) VALUES ($1, $2, $3)`, [
        roundId,
        nominationId,
        juror.id,
      ]);
      // The reminder's moment: the lead time (72 h) before the round closes.
      const clock = t.app.get(Clock);
      clock.set(new Date(closesAt.getTime() - 72 * HOUR + 60_000));
      try {
        await t.app
          .get(ReminderRoundHandler)
          .handle({ roundId, slot: 'lead', closesAt: closesAt.toISOString() });
      } finally {
        clock.reset();
      }
      return { mail: await b.app.mail(juror.email), recipient: juror, about: title };
    },
  },
  'results.published': {
    kinds: ['results'],
    async send(b) {
      const { t } = b.app;
      const world = await createJudgedWorld(t, {
        minScorecards: 1,
        jurors: ['A'],
        nominations: { N: { title: 'Block trains Almaty–Duisburg' } },
      });
      const name = `Magistral Awards ${world.edition.slug}`;
      await t.db.query(`UPDATE editions SET name = $2 WHERE id = $1`, [world.edition.id, name]);
      await scoreTable(t, world, { A: { N: 8 } });
      const organiser = await signIn(t, ['organiser']);
      await closeAndTally(t, world, organiser.auth);
      await t
        .http()
        .post(`${API}/editions/${world.edition.id}/publish`)
        .set(organiser.auth)
        .send({})
        .expect(200);
      return { mail: await b.app.mail(world.owner.email), recipient: world.owner, about: name };
    },
  },
};

describe('Every link in every mail opens a page that does what the mail says', () => {
  const b = useBrowser({
    app: { LOCKOUT_THRESHOLD: String(LOCKOUT_THRESHOLD), RATE_LIMIT_ACCOUNT_POINTS: '1000' },
  });

  // Each mail is caused once and shared by its template's tests (a token link is opened once anyway).
  const caused = new Map<TemplateName, Promise<Sent>>();
  const mailOf = (template: TemplateName): Promise<Sent> => {
    if (!caused.has(template)) caused.set(template, SEND[template].send(b));
    return caused.get(template)!;
  };

  it('covers every template the platform sends', () => {
    expect(Object.keys(SEND).sort()).toEqual(Object.keys(TEMPLATE_SAMPLES).sort());
  });

  for (const [template, { kinds }] of Object.entries(SEND) as [TemplateName, (typeof SEND)[TemplateName]][]) {
    describe(template, () => {
      it(`carries the same links of ours in its HTML and text parts: ${kinds.join(', ')}`, async () => {
        const sent = await mailOf(template);
        const { html, text } = linksOf(b.app.origin, sent.mail);
        expect(html).toEqual(text);
        expect(html.map(kindOf).sort()).toEqual([...kinds].sort());
      });

      for (const kind of kinds) {
        const expectation = LINKS[kind];
        const name = `its ${kind} link (HTML and text): ${expectation.says}`;
        const test = async () => {
          const sent = await mailOf(template);
          const { html, text } = linksOf(b.app.origin, sent.mail);
          // The two parts carry the same URL (asserted above), so one visit covers both; a token works once.
          const links = html.filter((link) => kindOf(link) === kind);
          expect(links).toHaveLength(1);
          expect(text).toContain(links[0]);
          await expectation.open(b, links[0]!, sent);
          await expectNotThe404(b.page);
        };
        if (expectation.waitsFor) it.skip(`${name} [waits for ${expectation.waitsFor}]`, test);
        else it(name, test);
      }
    });
  }
});

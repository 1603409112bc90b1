import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PASSWORD } from '../support/factories.js';
import { assign, createJuryWorld, type JuryWorld, putOnPanel } from '../support/jury.js';
import { createCompany, createNomination } from '../support/nominations.js';
import { AppPage } from './pages/app-page.js';
import { DeclarationsPage } from './pages/declarations.page.js';
import { ScorecardPage } from './pages/scorecard.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { WorklistPage } from './pages/worklist.page.js';
import { type BrowserTest, useBrowser } from './support/browser.js';
import { addImage, closeRound, serverScorecard } from './support/juror-world.js';
import { focused, tabTo } from './support/keyboard.js';

const API = '/api/v1';
const CODES = ['cost', 'speed'];
const CONFLICT_NAME = 'Turan Express Cargo';
const TITLES = ['A Caspian ferry slots booked online', 'B Dry port Khorgos', 'C Electric yard tractors'];

interface Journey {
  world: JuryWorld;
  email: string;
  fullName: string;
  /** The juror's three nominations, in worklist order (by title); the first has an image attached. */
  nominations: { id: string; title: string }[];
  conflictCompanyId: string;
  conflictTitle: string;
}

/**
 * An open round with one category (cost and speed, 0–10), and an invitation to a new juror sent by the
 * organiser through the API. The nominations are assigned once the juror has an account.
 */
async function invite(
  b: BrowserTest,
  suffix: string,
): Promise<Pick<Journey, 'world' | 'email' | 'fullName'>> {
  const world = await createJuryWorld(b.app.t, { categories: { efficiency: { cost: '1', speed: '1' } } });
  const email = `journey-${suffix}-${world.edition.id.slice(0, 8)}@example.com`;
  await b.app.t
    .http()
    .post(`${API}/invitations`)
    .set(world.organiser.auth)
    .send({ email, role: 'juror', locale: 'en' })
    .expect(201);
  return { world, email, fullName: 'Aigerim Sadykova' };
}

/** Puts the new juror on the panel with three nominations and a fourth from the company they will name. */
async function assignWork(
  b: BrowserTest,
  invited: Pick<Journey, 'world' | 'email' | 'fullName'>,
): Promise<Journey> {
  const t = b.app.t;
  const { world } = invited;
  const [user] = await t.db.query<{ id: string }[]>(`SELECT id FROM users WHERE email = $1`, [invited.email]);
  expect(user).toBeDefined();
  await putOnPanel(t, world.edition, world.categoryId, [user!.id]);
  const owner = world.otherEntrant;
  const nominations: { id: string; title: string }[] = [];
  for (const title of TITLES) {
    const company = await createCompany(t, owner.id);
    const id = await createNomination(t, {
      editionId: world.edition.id,
      categoryId: world.categoryId,
      companyId: company.id,
      createdBy: owner.id,
      status: 'eligible',
      title,
    });
    await assign(t, world.roundId, id, user!.id);
    nominations.push({ id, title });
  }
  await addImage(t, nominations[0]!.id, owner.id, 'ferry-terminal.png');
  const conflicted = await createCompany(t, owner.id, { name: CONFLICT_NAME });
  const conflictTitle = 'A0 Bonded warehouse on the Silk Road';
  const conflictedNomination = await createNomination(t, {
    editionId: world.edition.id,
    categoryId: world.categoryId,
    companyId: conflicted.id,
    createdBy: owner.id,
    status: 'eligible',
    title: conflictTitle,
  });
  await assign(t, world.roundId, conflictedNomination, user!.id);
  return { ...invited, nominations, conflictCompanyId: conflicted.id, conflictTitle };
}

async function scorecardFor(b: BrowserTest, j: Journey, nominationId: string) {
  const [user] = await b.app.t.db.query<{ id: string }[]>(`SELECT id FROM users WHERE email = $1`, [j.email]);
  return serverScorecard(
    b.app.t,
    { ...j.world, assignedJuror: { ...j.world.assignedJuror, id: user!.id } },
    nominationId,
  );
}

describe('A juror’s whole journey in the browser', () => {
  const b = useBrowser();

  it('from the invitation mail to a read-only scorecard, with the mouse', async () => {
    const invited = await invite(b, 'mouse');
    const app = new AppPage(b.page);

    // The invitation mail's link: a name and a password, and the juror has an account.
    await app.goto(await b.app.mailedLink(invited.email, '/invitations/accept'));
    await app.expectHeading('Accept your invitation');
    await app.field('fullName').fill(invited.fullName);
    await app.field('password').fill(DEFAULT_PASSWORD);
    await app.submit.click();
    await b.page.getByRole('status').filter({ hasText: 'Welcome aboard.' }).waitFor();
    const j = await assignWork(b, invited);
    await app.main.getByRole('link', { name: 'Continue' }).click();
    await new SignInPage(b.page).signIn(j.email, DEFAULT_PASSWORD);
    await app.main.getByRole('link', { name: 'Your jury assignments' }).click();

    // The worklist says the declaration is due, and offers no nomination yet.
    const worklist = new WorklistPage(b.page);
    await worklist.expectHeading('Your worklist');
    await b.page.getByText('Before you open a nomination, complete your declaration').waitFor();
    expect(await worklist.next.count()).toBe(0);
    await worklist.declarationLink.click();

    // The declaration: employer, a conflict with one company by name, the terms.
    const declarations = new DeclarationsPage(b.page);
    await declarations.expectHeading('Your declaration of interests');
    await declarations.employer.selectOption(j.world.company.id);
    await declarations.saveEmployer.click();
    await declarations.status('Your employer is saved.').waitFor();
    await b.page.getByRole('checkbox', { name: CONFLICT_NAME }).check();
    await declarations.reason.fill('I advised them on customs in 2025.');
    await declarations.declare.click();
    await declarations.status('Your conflicts are recorded.').waitFor();
    await declarations.accept.check();
    await declarations.confirm.click();
    await declarations.status('Thank you: your declaration is complete.').waitFor();
    await declarations.main.getByRole('link', { name: 'Go to your worklist' }).click();

    // The worklist: the conflicted company's nomination is gone.
    await worklist.expectHeading('Your worklist');
    await b.page.getByText(/Your declaration for .* is complete/).waitFor();
    // The list read before the declaration shows until its refetch lands: the conflicted one goes.
    await worklist.expectTitles(TITLES);
    await worklist.next.click();

    // Three nominations scored and submitted, the first with its attachment opened in the page.
    const scorecard = new ScorecardPage(b.page);
    const marks = [
      { cost: 7, speed: 8 },
      { cost: 5, speed: 6 },
      { cost: 9, speed: 4 },
    ];
    for (const [i, nomination] of j.nominations.entries()) {
      await scorecard.expectHeading(nomination.title);
      await scorecard.saveStatus.waitFor();
      if (i === 0) {
        await scorecard.main.getByRole('button', { name: 'View ferry-terminal.png' }).click();
        await scorecard.main.locator('img[alt="ferry-terminal.png"]').waitFor();
      }
      await scorecard.mark('cost', marks[i]!.cost);
      await scorecard.mark('speed', marks[i]!.speed);
      await scorecard.expectSaved();
      await scorecard.submitScorecard();
      expect(await scorecardFor(b, j, nomination.id)).toMatchObject({
        status: 'submitted',
        scores: marks[i],
      });
      await scorecard.main.getByRole('button', { name: 'Save and next' }).click();
    }
    // None left: the page says so and stays on the last one.
    await b.page.getByText('Every nomination of this round is submitted.').waitFor();

    // A mark changed after submitting is saved, and the scorecard stays submitted.
    await scorecard.mark('speed', 2);
    await scorecard.expectSaved();
    expect(await scorecardFor(b, j, j.nominations[2]!.id)).toMatchObject({
      status: 'submitted',
      scores: { cost: 9, speed: 2 },
    });

    // The organiser closes the round: the scorecard is read-only and says why.
    await closeRound(b.app.t, j.world);
    await b.page.reload();
    await scorecard.expectReadOnly();
    expect(await scorecard.lockedNote.innerText()).toContain('The round is closed');
    expect(await scorecard.shownMarks(CODES)).toEqual({ cost: 9, speed: 2 });
  });

  it('the same journey with the keyboard alone', async () => {
    const invited = await invite(b, 'keys');
    const page = b.page;
    const app = new AppPage(page);

    await app.goto(await b.app.mailedLink(invited.email, '/invitations/accept'));
    await app.expectHeading('Accept your invitation');
    await tabTo(page, '#field-fullName', { limit: 60 });
    await page.keyboard.type(invited.fullName);
    await tabTo(page, '#field-password');
    await page.keyboard.type(DEFAULT_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Welcome aboard.' }).waitFor();
    const j = await assignWork(b, invited);
    await tabTo(page, 'main a[href="/sign-in"]', { limit: 60 });
    await page.keyboard.press('Enter');
    await app.expectHeading('Sign in');
    await tabTo(page, '#field-email', { limit: 60 });
    await page.keyboard.type(j.email);
    await tabTo(page, '#field-password');
    await page.keyboard.type(DEFAULT_PASSWORD);
    await page.keyboard.press('Enter');
    await app.signOutButton.waitFor();
    await app.ready();
    await tabTo(page, 'main a[href="/jury"]', { limit: 60 });
    await page.keyboard.press('Enter');

    const worklist = new WorklistPage(page);
    await worklist.expectHeading('Your worklist');
    await tabTo(page, '.worklist-round a[href$="/declarations"]', { limit: 60 });
    await page.keyboard.press('Enter');

    const declarations = new DeclarationsPage(page);
    await declarations.expectHeading('Your declaration of interests');
    await declarations.accept.waitFor();
    await tabTo(page, '#field-employer', { limit: 60 });
    for (let press = 0; press < 10; press++) {
      if ((await declarations.employer.inputValue()) === j.world.company.id) break;
      await page.keyboard.press('ArrowDown');
    }
    expect(await declarations.employer.inputValue()).toBe(j.world.company.id);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await declarations.status('Your employer is saved.').waitFor();
    await tabTo(page, `#company-${j.conflictCompanyId}`, { limit: 60 });
    await page.keyboard.press('Space');
    await tabTo(page, '#field-reason');
    await page.keyboard.type('Former employer.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await declarations.status('Your conflicts are recorded.').waitFor();
    await tabTo(page, '#field-accept', { limit: 60 });
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await declarations.status('Thank you: your declaration is complete.').waitFor();
    await tabTo(page, 'main a[href="/jury"]');
    await page.keyboard.press('Enter');

    await worklist.expectHeading('Your worklist');
    await page.getByText(/Your declaration for .* is complete/).waitFor();
    // The list read before the declaration shows until its refetch lands: the conflicted one goes.
    await worklist.expectTitles(TITLES);
    await tabTo(page, '.worklist-next a', { limit: 60 });
    await page.keyboard.press('Enter');

    const scorecard = new ScorecardPage(page);
    // Marks by arrows: three presses from the first radio give 3, Space then one press gives 1.
    const marks = [
      { cost: 3, speed: 1 },
      { cost: 3, speed: 1 },
      { cost: 3, speed: 1 },
    ];
    for (const [i, nomination] of j.nominations.entries()) {
      await scorecard.expectHeading(nomination.title);
      await scorecard.saveStatus.waitFor();
      if (i === 0) {
        await tabTo(page, '.attachment button', { limit: 60 });
        await page.keyboard.press('Enter');
        await scorecard.main.locator('img[alt="ferry-terminal.png"]').waitFor();
      }
      await tabTo(page, 'fieldset[data-criterion="cost"] input[type="radio"]', { limit: 60 });
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      await scorecard.expectSaved();
      // Ctrl+Enter opens the summary; Enter on its focused Submit submits.
      await page.keyboard.press('Control+Enter');
      await scorecard.summaryDialog.waitFor();
      expect((await focused(page)).text).toBe('Submit');
      await page.keyboard.press('Enter');
      await scorecard.submittedNote.waitFor();
      expect(await scorecardFor(b, j, nomination.id)).toMatchObject({
        status: 'submitted',
        scores: marks[i],
      });
      // j (focus on a radio, which is not a text field) goes to the next nomination.
      if (i < 2) await page.keyboard.press('j');
    }

    // A mark changed after submitting, with the arrows.
    await tabTo(page, 'fieldset[data-criterion="speed"] input[type="radio"]:checked', {
      backwards: true,
      limit: 60,
    });
    await page.keyboard.press('ArrowRight');
    await scorecard.expectSaved();
    expect(await scorecardFor(b, j, j.nominations[2]!.id)).toMatchObject({
      status: 'submitted',
      scores: { cost: 3, speed: 2 },
    });

    await closeRound(b.app.t, j.world);
    await page.reload();
    await scorecard.expectReadOnly();
    expect(await scorecard.lockedNote.innerText()).toContain('The round is closed');
  });
});

import { describe, expect, it } from '@jest/globals';
import type { Page, Response } from 'playwright-core';
import { createUser, DEFAULT_PASSWORD } from '../support/factories.js';
import { assign, recordConflict } from '../support/jury.js';
import { DeclarationsPage } from './pages/declarations.page.js';
import { ScorecardPage } from './pages/scorecard.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { WorklistPage } from './pages/worklist.page.js';
import { expectNoAxeViolations } from './support/axe.js';
import { type BrowserTest, useBrowser } from './support/browser.js';
import { addImage, createJurorWorld, type JurorWorld } from './support/juror-world.js';
import { messageProblems } from './support/messages.js';

const API = '/api/v1';
const LOCALES = ['en', 'ru', 'kk', 'de'] as const;

/** What one response brought to the browser: its status, its headers and its body as text. */
interface Received {
  method: string;
  url: string;
  status: number;
  headers: string;
  body: string;
}

/**
 * Records every response of the app's origin, headers and body, except the built scripts and styles
 * (which carry no data). Binary bodies (PDF, PNG) are kept as latin1 text, so a name inside them is found.
 */
function recordResponses(b: BrowserTest): { received: Received[]; settle: () => Promise<void> } {
  const received: Received[] = [];
  const pending: Promise<void>[] = [];
  b.page.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (url.origin !== b.app.origin || url.pathname.startsWith('/assets/')) return;
    pending.push(
      response.body().then(
        (body) => {
          received.push({
            method: response.request().method(),
            url: url.pathname + url.search,
            status: response.status(),
            headers: JSON.stringify(response.headers()),
            body: body.toString('latin1') + '\n' + body.toString('utf8'),
          });
        },
        () => undefined, // a redirect or an aborted navigation has no body
      ),
    );
  });
  return { received, settle: async () => void (await Promise.all(pending)) };
}

async function signInAt(page: Page, email: string, path: string): Promise<void> {
  await new SignInPage(page).open(path).then((s) => s.signIn(email, DEFAULT_PASSWORD));
}

/** Every object in a JSON value, with the keys that lead to it. */
function* objects(value: unknown, path = ''): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* objects(item, `${path}[${i}]`);
  else if (value && typeof value === 'object') {
    yield [path, value as Record<string, unknown>];
    for (const [key, item] of Object.entries(value)) yield* objects(item, `${path}.${key}`);
  }
}

function json(received: Received): unknown {
  if (!received.headers.includes('json')) return undefined;
  try {
    return JSON.parse(received.body.slice(received.body.indexOf('\n') + 1));
  } catch {
    return undefined;
  }
}

async function visitAsJuror(b: BrowserTest, w: JurorWorld): Promise<void> {
  await signInAt(b.page, w.assignedJuror.email, '/jury');
  const worklist = new WorklistPage(b.page);
  await worklist.expectHeading('Your worklist');
  await worklist.items.first().waitFor();
  const scorecard = new ScorecardPage(b.page);
  for (const nomination of [w.first, w.second]) {
    await worklist.goto('/jury');
    await worklist.item(nomination.title).locator('a').click();
    await scorecard.expectHeading(nomination.title);
    await scorecard.saveStatus.waitFor();
    await scorecard.main
      .getByText(/gauge change|Aktau/)
      .first()
      .waitFor({ state: 'attached' });
    for (const button of await scorecard.main.locator('.attachment button').all()) {
      await button.click();
      await scorecard.main.locator('.attachment__panel:not([hidden]) :is(img, iframe)').last().waitFor();
    }
  }
}

describe('Promises to the juror, checked on what the browser receives', () => {
  const b = useBrowser();

  it('in a blind edition no response, header or DOM names the company, its website, registration number or members, file names included', async () => {
    const w = await createJurorWorld(b.app.t, { blind: true });
    const t = b.app.t;
    const website = 'https://caspian-rail-cargo.example.kz';
    await t.db.query(`UPDATE companies SET website = $2 WHERE id = $1`, [w.company.id, website]);
    const member = await createUser(t, { roles: ['entrant'], fullName: 'Nurlan Zhaksybekov' });
    await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'member')`, [
      w.company.id,
      member.id,
    ]);
    await addImage(t, w.first.id, member.id, 'caspian-rail-cargo-site.png');
    const { received, settle } = recordResponses(b);

    await visitAsJuror(b, w);
    await settle();
    const dom = await b.page.content();
    const secrets = [
      w.company.name,
      w.company.registrationNumber,
      website,
      'caspian-rail-cargo',
      'khorgos-report',
      w.entrant.fullName,
      w.entrant.email,
      member.fullName,
      member.email,
    ];
    const leaks = secrets.flatMap((secret) => [
      ...(dom.includes(secret) ? [`the DOM names "${secret}"`] : []),
      ...received
        .filter((r) => r.body.includes(secret) || r.headers.includes(secret))
        .map((r) => `${r.method} ${r.url} (${r.status}) names "${secret}"`),
    ]);
    expect(leaks).toEqual([]);
    // The recording saw the pages' data and both attachments' bytes.
    expect(received.filter((r) => r.url.includes('/attachments/')).length).toBeGreaterThanOrEqual(2);
    expect(
      received.some((r) => r.url.startsWith(`${API}/rounds/${w.roundId}/nominations/${w.first.id}`)),
    ).toBe(true);
  });

  it('no other juror’s marks, comment or any aggregate of others reaches the juror’s browser', async () => {
    const w = await createJurorWorld(b.app.t);
    const t = b.app.t;
    // Another juror submits distinctive marks on the same nomination.
    const other = w.unassignedJuror;
    await assign(t, w.roundId, w.first.id, other.id);
    await assign(t, w.roundId, w.second.id, other.id);
    const otherComment = 'OTHER-JUROR-NOTE: the rail gauge numbers do not add up';
    for (const nominationId of [w.first.id, w.second.id])
      await t
        .http()
        .post(`${API}/rounds/${w.roundId}/scorecards/${nominationId}/submit`)
        .set(other.auth)
        .send({ scores: { cost: 10, speed: 10, reliability: 19 }, comment: otherComment })
        .expect(200);
    // The juror's own: one submitted scorecard, on the second nomination.
    await t
      .http()
      .post(`${API}/rounds/${w.roundId}/scorecards/${w.second.id}/submit`)
      .set(w.assignedJuror.auth)
      .send({ scores: { cost: 2, speed: 3, reliability: 4 } })
      .expect(200);
    const { received, settle } = recordResponses(b);

    await visitAsJuror(b, w);
    await new WorklistPage(b.page).open();
    await b.page.locator('.distribution-table').first().waitFor();
    await settle();

    const dom = await b.page.content();
    const problems: string[] = [];
    for (const secret of [otherComment, other.id, other.email, other.fullName])
      for (const where of [
        ...(dom.includes(secret) ? ['the DOM'] : []),
        ...received.filter((r) => r.body.includes(secret)).map((r) => `${r.method} ${r.url}`),
      ])
        problems.push(`${where} carries "${secret}"`);
    for (const response of received) {
      for (const [path, object] of objects(json(response))) {
        const where = `${response.method} ${response.url} at ${path || '(root)'}`;
        // Marks anywhere are the juror's own: 19 on reliability (or 10 on both) is the other juror's.
        if (object.reliability === 19 || (object.cost === 10 && object.speed === 10))
          problems.push(`${where}: another juror's marks ${JSON.stringify(object)}`);
        for (const [key, value] of Object.entries(object)) {
          if (
            /^(mean|average|avg|median|std.?dev|variance)$/i.test(key) &&
            !response.url.includes('/distribution')
          )
            problems.push(`${where}: an aggregate "${key}" = ${JSON.stringify(value)}`);
          if (/jurors?count|scorecards?count|others?/i.test(key))
            problems.push(`${where}: a count of others "${key}" = ${JSON.stringify(value)}`);
          // The juror has one submitted scorecard: a larger "submitted" count includes someone else's.
          if (/submitted/i.test(key) && typeof value === 'number' && value > 1)
            problems.push(`${where}: "${key}" = ${value} counts others' scorecards`);
        }
      }
    }
    // The distribution counts the juror's own totals only: one submitted scorecard, one total.
    const distribution = received.find((r) => r.url.includes(`/me/rounds/${w.roundId}/distribution`));
    expect(distribution).toBeDefined();
    let counted = 0;
    for (const [, object] of objects(json(distribution!)))
      if (typeof object.count === 'number' && 'value' in object) counted += object.count;
    expect(counted).toBe(1);
    expect(problems).toEqual([]);
  });

  it('shows a conflicted nomination’s URL and an unknown one as the same 404 page, with the same statuses', async () => {
    const w = await createJurorWorld(b.app.t);
    const unknown = '00000000-0000-4000-8000-000000000404';
    const nominationPath = new RegExp(`^${API}/rounds/${w.roundId}/(nominations|scorecards)/[^/]+$`);
    b.expectFailure({ method: 'GET', path: nominationPath, status: 404 });
    await signInAt(b.page, w.conflictedJuror.email, '/jury');
    const scorecard = new ScorecardPage(b.page);

    const seen = async (nominationId: string) => {
      const answers: string[] = [];
      const listen = (response: Response) => {
        const path = new URL(response.url()).pathname;
        if (path.startsWith(API) && path.includes(`/rounds/${w.roundId}/`))
          answers.push(
            `${response.request().method()} ${path.replace(nominationId, ':id')} ${response.status()}`,
          );
      };
      b.page.on('response', listen);
      await scorecard.goto(`/jury/rounds/${w.roundId}/nominations/${nominationId}`);
      await scorecard.expectHeading('Page not found');
      await b.page.waitForLoadState('networkidle');
      b.page.off('response', listen);
      return {
        text: (await scorecard.main.innerText()).replaceAll(nominationId, ':id'),
        title: await b.page.title(),
        answers: answers.sort(),
      };
    };
    const conflicted = await seen(w.first.id);
    const missing = await seen(unknown);
    expect(conflicted).toEqual(missing);
    expect(conflicted.answers.some((a) => a.endsWith(' 404'))).toBe(true);
    expect(conflicted.answers.some((a) => / 200$/.test(a) && a.includes(':id'))).toBe(false);
  });

  it('moving to the next nomination makes at most two API requests, with "Save and next" and with j', async () => {
    const w = await createJurorWorld(b.app.t);
    await signInAt(b.page, w.assignedJuror.email, `/jury/rounds/${w.roundId}/nominations/${w.first.id}`);
    const scorecard = new ScorecardPage(b.page);
    await scorecard.expectHeading(w.first.title);
    await scorecard.saveStatus.waitFor();

    const requestsWhile = async (move: () => Promise<void>, title: string): Promise<string[]> => {
      await b.page.waitForLoadState('networkidle');
      const requests: string[] = [];
      const listen = (request: { url(): string; method(): string }) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/api/'))
          requests.push(`${request.method()} ${url.pathname}${url.search}`);
      };
      b.page.on('request', listen);
      await move();
      await scorecard.expectHeading(title);
      await scorecard.saveStatus.waitFor();
      await b.page.waitForLoadState('networkidle');
      await b.page.waitForTimeout(1000);
      b.page.off('request', listen);
      return requests;
    };

    await scorecard.mark('cost', 5);
    await scorecard.expectSaved();
    const saveAndNext = await requestsWhile(
      () => scorecard.main.getByRole('button', { name: 'Save and next' }).click(),
      w.second.title,
    );
    await scorecard.mark('cost', 6);
    await scorecard.expectSaved();
    await b.page.locator('main h1').click();
    const withK = await requestsWhile(() => b.page.keyboard.press('k'), w.first.title);
    await b.page.locator('main h1').click();
    const withJAgain = await requestsWhile(() => b.page.keyboard.press('j'), w.second.title);
    console.log(
      `requests when moving on:\n  Save and next: ${saveAndNext.join(', ')}\n  k (back): ${withK.join(', ')}\n  j (to a visited one): ${withJAgain.join(', ')}`,
    );
    expect(saveAndNext.length).toBeLessThanOrEqual(2);
    expect(withJAgain.length).toBeLessThanOrEqual(2);
  });

  it.each(LOCALES)(
    'has no axe violations in %s on the declaration with a conflict declared and on a filtered worklist',
    async (locale) => {
      const w = await createJurorWorld(b.app.t);
      const juror = w.assignedJuror;
      await b.app.t.db.query(`UPDATE users SET locale = $2 WHERE id = $1`, [juror.id, locale]);
      await recordConflict(b.app.t, w.edition.id, juror.id, w.otherCompany.id, 'Former adviser');
      await b.page.addInitScript((chosen) => {
        (
          globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
        ).localStorage.setItem('magistral.locale', chosen);
      }, locale);
      await signInAt(b.page, juror.email, `/jury/editions/${w.edition.id}/declarations`);
      const declarations = new DeclarationsPage(b.page);
      await declarations.expectHtmlLang(locale);
      // The juror confirmed before: the conflict declared since shows checked and fixed.
      await declarations.company(w.otherCompany.id).waitFor();
      expect(await declarations.company(w.otherCompany.id).isDisabled()).toBe(true);
      expect(await declarations.company(w.otherCompany.id).isChecked()).toBe(true);
      // Every rule in English; in the other languages, the rules that read the screen's words.
      const rules = locale === 'en' ? 'all' : 'locale';
      await expectNoAxeViolations(b.page, `declarations with a conflict (${locale})`, { rules });
      expect(await messageProblems(b.page)).toEqual([]);

      const worklist = await new WorklistPage(b.page).open();
      await worklist.items.first().waitFor();
      await worklist.stateFilter.selectOption('submitted');
      // Nothing is submitted yet: the list empties (waiting for the list itself, not for what was there).
      await worklist.items.first().waitFor({ state: 'detached' });
      await b.page.waitForLoadState('networkidle');
      expect(await worklist.items.count()).toBe(0);
      await expectNoAxeViolations(b.page, `worklist filtered (${locale})`, { rules });
      expect(await messageProblems(b.page)).toEqual([]);
    },
  );
});

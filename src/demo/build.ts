import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { editionIdBySlug } from '../modules/editions/edition.queries.js';
import { Notifications } from '../modules/notifications/notifications.service.js';
import { findUserByEmail } from '../modules/users/user.queries.js';
import { UsersService } from '../modules/users/users.service.js';
import { OutboxRelay } from '../queue/outbox-relay.js';
import { QUEUE_NAMES } from '../queue/jobs.js';
import {
  DEMO_COMPANIES,
  DEMO_JURORS,
  DEMO_ORGANISER,
  DEMO_DRAFT,
  DEMO_PASSWORD,
  type DemoNomination,
  EDITIONS,
  SPECIAL_PRIZE_CATEGORY,
  SPECIAL_PRIZE_ENTRIES,
} from './data.js';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;
/** Last year's edition is run with the server clock set back to this day (the app's injectable Clock). */
const LAST_YEAR_START = new Date('2025-09-01T08:00:00Z');

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface CategoryView {
  id: string;
  code: string;
  criteria: { code: string; scaleMin?: number; scaleMax?: number }[];
}

/**
 * `complete`: the demo is there (its organiser and the special prize's edition, the last thing it builds);
 * `partial`: a run stopped half-way (the organiser exists, the edition does not); `absent`: neither.
 */
export async function demoState(app: NestFastifyApplication): Promise<'complete' | 'partial' | 'absent'> {
  const { manager } = app.get(DataSource);
  const organiser = await findUserByEmail(manager, DEMO_ORGANISER.email);
  const edition = await editionIdBySlug(manager, EDITIONS.specialPrize.slug);
  if (edition && organiser) return 'complete';
  return organiser || edition ? 'partial' : 'absent';
}

/** Requests to the real routes, in-process: the same validation, rules and audit as over the network. */
class Api {
  constructor(private readonly app: NestFastifyApplication) {}

  async call<T = Record<string, unknown>>(
    token: string | undefined,
    method: Method,
    url: string,
    body?: object,
  ): Promise<T> {
    const response = await this.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body ? { payload: body } : {}),
    });
    if (response.statusCode >= 400) {
      throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
    }
    return (response.body ? response.json() : undefined) as T;
  }

  async signIn(email: string): Promise<string> {
    const session = await this.call<{ accessToken: string }>(undefined, 'POST', '/auth/login', {
      email,
      password: DEMO_PASSWORD,
    });
    return session.accessToken;
  }
}

/**
 * Keeps the newest link mailed to each address (invitations, e-mail verification), read from the
 * notification request as it is queued: the demo follows the links a person would click in the mail.
 */
function captureLinks(app: NestFastifyApplication): Map<string, string> {
  const links = new Map<string, string>();
  const notifications = app.get(Notifications);
  const original = notifications.notifyMany.bind(notifications);
  notifications.notifyMany = (manager, requests) => {
    for (const request of requests) {
      const link = (request.params as { link?: unknown }).link;
      if (typeof link === 'string') links.set(request.recipient.email.toLowerCase(), link);
    }
    return original(manager, requests);
  };
  return links;
}

function tokenOf(links: Map<string, string>, email: string): string {
  const link = links.get(email.toLowerCase());
  const token = link ? new URL(link).searchParams.get('token') : null;
  if (!token) throw new Error(`No link was mailed to ${email}`);
  return token;
}

/** A stable pseudo-random number in [0, 1) from a text: the same demo every run. */
function noise(seed: string): number {
  let h = 2166136261;
  for (const char of seed) h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

/** A juror's marks for a nomination: around its quality, with the juror's own leniency and some spread. */
function marks(
  criteria: CategoryView['criteria'],
  nomination: DemoNomination,
  juror: number,
): Record<string, number> {
  const leniency = [0.4, -0.6, 0, 0.8, -0.3][juror] ?? 0;
  return Object.fromEntries(
    criteria.map((criterion) => {
      const min = criterion.scaleMin ?? 0;
      const max = criterion.scaleMax ?? 10;
      const raw =
        nomination.quality + leniency + (noise(`${juror}:${nomination.title}:${criterion.code}`) - 0.5) * 2.4;
      const scaled = min + ((max - min) * raw) / 10;
      return [criterion.code, Math.max(min, Math.min(max, Math.round(scaled)))];
    }),
  );
}

const iso = (date: Date) => date.toISOString();

interface People {
  organiser: string;
  jurors: { id: string; token: string }[];
  entrants: { token: string; companyId: string }[];
}

/** Builds the whole demo; `log` gets one line per step. Returns a one-line summary of what was created. */
export async function buildDemo(app: NestFastifyApplication, log: (line: string) => void): Promise<string> {
  const api = new Api(app);
  const clock = app.get(Clock);
  const links = captureLinks(app);

  log(`Organiser ${DEMO_ORGANISER.email}`);
  await app.get(UsersService).createOrganiser({
    email: DEMO_ORGANISER.email,
    password: DEMO_PASSWORD,
    fullName: DEMO_ORGANISER.fullName,
    locale: 'en',
  });
  const organiser = await api.signIn(DEMO_ORGANISER.email);

  log(`${DEMO_JURORS.length} jurors, invited and accepting their invitations`);
  const jurors: People['jurors'] = [];
  for (const juror of DEMO_JURORS) {
    await api.call(organiser, 'POST', '/invitations', {
      email: juror.email,
      role: 'juror',
      locale: juror.locale,
    });
    await api.call(undefined, 'POST', '/invitations/accept', {
      token: tokenOf(links, juror.email),
      fullName: juror.fullName,
      password: DEMO_PASSWORD,
    });
    const token = await api.signIn(juror.email);
    const me = await api.call<{ id: string }>(token, 'GET', '/auth/me');
    jurors.push({ id: me.id, token });
  }

  log(`${DEMO_COMPANIES.length} companies, each registered by its entrant (e-mail verified)`);
  const entrants: People['entrants'] = [];
  for (const company of DEMO_COMPANIES) {
    const { contact } = company;
    await api.call(undefined, 'POST', '/auth/register', {
      email: contact.email,
      password: DEMO_PASSWORD,
      fullName: contact.fullName,
      locale: contact.locale,
    });
    await api.call(undefined, 'POST', '/auth/verify-email', { token: tokenOf(links, contact.email) });
    const token = await api.signIn(contact.email);
    const created = await api.call<{ id: string }>(token, 'POST', '/companies', {
      name: company.name,
      country: company.country,
      registrationNumber: company.registrationNumber,
      website: company.website,
    });
    entrants.push({ token, companyId: created.id });
  }
  const people: People = { organiser, jurors, entrants };

  let scorecards = 0;
  try {
    // Last year's edition, run start to finish with the server clock in autumn 2025.
    const start = LAST_YEAR_START.getTime();
    clock.set(new Date(start));
    log(
      `${EDITIONS.lastYear.name}: nominations, eligibility, judging, tally and publication (clock set to 2025)`,
    );
    const lastYear = await runEdition(api, clock, people, {
      ...EDITIONS.lastYear,
      nominationsOpenAt: new Date(start - HOUR),
      nominationsCloseAt: new Date(start + 30 * DAY),
      judgingOpenAt: new Date(start + 35 * DAY),
      judgingCloseAt: new Date(start + 60 * DAY),
      pick: (company) => company.lastYear,
    });
    log('  every juror scores every nomination');
    scorecards += await score(api, lastYear, jurors, () => 'submitted');
    clock.set(new Date(start + 61 * DAY));
    await api.call(organiser, 'POST', `/rounds/${lastYear.roundId}/close`);
    log('  round closed; tallying the four categories');
    await waitForTally(api, organiser, lastYear.roundId);
    log('  results published');
    clock.set(new Date(start + 75 * DAY));
    await api.call(organiser, 'POST', `/editions/${lastYear.editionId}/publish`, {});

    // This year's edition, judging open for four days: some jurors done, some half-way, one not started.
    const now = Date.now();
    clock.set(new Date(now - 40 * DAY));
    log(
      `${EDITIONS.thisYear.name}: nominations and eligibility, then judging with part of the scorecards done`,
    );
    const thisYear = await runEdition(api, clock, people, {
      ...EDITIONS.thisYear,
      nominationsOpenAt: new Date(now - 40 * DAY - HOUR),
      nominationsCloseAt: new Date(now - 5 * DAY),
      judgingOpenAt: new Date(now - 4 * DAY),
      judgingCloseAt: new Date(now + 20 * DAY),
      pick: (company) => company.thisYear,
    });
    clock.reset();
    scorecards += await score(api, thisYear, jurors, (juror, index, total) => {
      if (juror <= 1) return 'submitted';
      if (juror === 2) return index < total / 2 ? 'submitted' : index < (3 * total) / 4 ? 'draft' : undefined;
      if (juror === 3) return index < 2 ? 'draft' : undefined;
      return undefined;
    });

    // The special prize, open for nominations until well after the demo is built: a few entries are in,
    // the demo entrant's is a draft waiting to be finished.
    log(`${EDITIONS.specialPrize.name}: open for nominations, the demo entrant's draft waiting`);
    await openSpecialPrize(api, clock, people, now);
  } finally {
    clock.reset();
  }
  const nominations = DEMO_COMPANIES.length * 2 + SPECIAL_PRIZE_ENTRIES.length + 1;
  return (
    `1 organiser, ${jurors.length} jurors, ${entrants.length} entrants and companies, 3 editions ` +
    `(${EDITIONS.lastYear.name} published and ${EDITIONS.thisYear.name} in judging, 4 categories each; ` +
    `this year's special prize open for nominations, 1 category), ${nominations} nominations (1 a draft), ` +
    `${scorecards} scorecards`
  );
}

/**
 * This year's second call: opened twelve days ago, closing in six weeks, judged after the main edition.
 * The standard categories give way to the prize's own; three entrants have submitted, and the demo
 * entrant started a draft six days ago and last saved it yesterday.
 */
async function openSpecialPrize(api: Api, clock: Clock, people: People, now: number): Promise<void> {
  const { organiser } = people;
  clock.set(new Date(now - 12 * DAY));
  const edition = await api.call<{ id: string }>(organiser, 'POST', '/editions', {
    slug: EDITIONS.specialPrize.slug,
    name: EDITIONS.specialPrize.name,
    nominationsOpenAt: iso(new Date(now - 12 * DAY + HOUR)),
    nominationsCloseAt: iso(new Date(now + 42 * DAY)),
    judgingOpenAt: iso(new Date(now + 49 * DAY)),
    judgingCloseAt: iso(new Date(now + 77 * DAY)),
    scoringMethod: 'zscore',
    tieBreakers: ['median', 'top_marks'],
    minScorecards: 3,
    blind: true,
  });
  const standard = await api.call<CategoryView[]>(organiser, 'GET', `/editions/${edition.id}/categories`);
  for (const category of standard) await api.call(organiser, 'DELETE', `/categories/${category.id}`);
  const category = await api.call<{ id: string }>(
    organiser,
    'POST',
    `/editions/${edition.id}/categories`,
    SPECIAL_PRIZE_CATEGORY,
  );
  clock.advance(2 * HOUR);
  await api.call(organiser, 'POST', `/editions/${edition.id}/phase`, { phase: 'nominations' });

  for (const { company, nomination } of SPECIAL_PRIZE_ENTRIES) {
    clock.advance(2 * DAY);
    const entrant = people.entrants[company]!;
    const created = await api.call<{ id: string }>(entrant.token, 'POST', '/nominations', {
      editionId: edition.id,
      categoryId: category.id,
      companyId: entrant.companyId,
      ...nomination,
    });
    await api.call(entrant.token, 'POST', `/nominations/${created.id}/submit`);
  }

  const demoEntrant = people.entrants[0]!;
  clock.set(new Date(now - 6 * DAY));
  const { summary, answers, ...started } = DEMO_DRAFT;
  const draft = await api.call<{ id: string }>(demoEntrant.token, 'POST', '/nominations', {
    editionId: edition.id,
    categoryId: category.id,
    companyId: demoEntrant.companyId,
    ...started,
    answers: { disruption: answers.disruption },
  });
  clock.set(new Date(now - DAY));
  await api.call(demoEntrant.token, 'PATCH', `/nominations/${draft.id}`, { summary, answers });
}

interface EditionRun {
  editionId: string;
  roundId: string;
  categories: CategoryView[];
  /** Nomination ids with their texts, in the order of DEMO_COMPANIES. */
  nominations: { id: string; categoryId: string; nomination: DemoNomination }[];
}

async function runEdition(
  api: Api,
  clock: Clock,
  people: People,
  spec: {
    slug: string;
    name: string;
    nominationsOpenAt: Date;
    nominationsCloseAt: Date;
    judgingOpenAt: Date;
    judgingCloseAt: Date;
    pick: (company: (typeof DEMO_COMPANIES)[number]) => DemoNomination;
  },
): Promise<EditionRun> {
  const { organiser } = people;
  const edition = await api.call<{ id: string }>(organiser, 'POST', '/editions', {
    slug: spec.slug,
    name: spec.name,
    nominationsOpenAt: iso(spec.nominationsOpenAt),
    nominationsCloseAt: iso(spec.nominationsCloseAt),
    judgingOpenAt: iso(spec.judgingOpenAt),
    judgingCloseAt: iso(spec.judgingCloseAt),
    scoringMethod: 'zscore',
    tieBreakers: ['median', 'top_marks'],
    minScorecards: 3,
    blind: true,
  });
  const categories = await api.call<CategoryView[]>(organiser, 'GET', `/editions/${edition.id}/categories`);
  await api.call(organiser, 'POST', `/editions/${edition.id}/phase`, { phase: 'nominations' });

  clock.advance(DAY);
  const nominations: EditionRun['nominations'] = [];
  for (const [index, company] of DEMO_COMPANIES.entries()) {
    const entrant = people.entrants[index]!;
    const nomination = spec.pick(company);
    const category = categories.find((c) => c.code === nomination.category);
    if (!category) throw new Error(`No ${nomination.category} category in ${spec.name}`);
    const created = await api.call<{ id: string }>(entrant.token, 'POST', '/nominations', {
      editionId: edition.id,
      categoryId: category.id,
      companyId: entrant.companyId,
      title: nomination.title,
      summary: nomination.summary,
      answers: nomination.answers,
      metrics: nomination.metrics,
    });
    await api.call(entrant.token, 'POST', `/nominations/${created.id}/submit`);
    nominations.push({ id: created.id, categoryId: category.id, nomination });
  }

  clock.set(new Date(spec.nominationsCloseAt.getTime() + HOUR));
  await api.call(organiser, 'POST', `/editions/${edition.id}/phase`, { phase: 'eligibility' });
  for (const { id } of nominations) {
    await api.call(organiser, 'POST', `/nominations/${id}/eligibility`, { decision: 'eligible' });
  }
  const round = await api.call<{ id: string }>(organiser, 'POST', `/editions/${edition.id}/rounds`, {
    name: 'Final',
  });
  for (const category of categories) {
    await api.call(organiser, 'POST', `/editions/${edition.id}/panels`, {
      categoryId: category.id,
      jurorIds: people.jurors.map((j) => j.id),
    });
  }
  for (const juror of people.jurors) {
    await api.call(juror.token, 'POST', `/me/declarations/${edition.id}/terms`);
    await api.call(juror.token, 'POST', `/editions/${edition.id}/conflicts/confirm`);
  }

  clock.set(new Date(spec.judgingOpenAt.getTime() + HOUR));
  await api.call(organiser, 'POST', `/editions/${edition.id}/phase`, { phase: 'judging' });
  await api.call(organiser, 'POST', `/rounds/${round.id}/assignments/default`);
  return { editionId: edition.id, roundId: round.id, categories, nominations };
}

/** Each juror scores their assignments as `state` says (submitted, a draft, or not yet); returns how many. */
async function score(
  api: Api,
  run: EditionRun,
  jurors: People['jurors'],
  state: (juror: number, index: number, total: number) => 'submitted' | 'draft' | undefined,
): Promise<number> {
  let count = 0;
  for (const [j, juror] of jurors.entries()) {
    const total = run.nominations.length;
    for (const [index, { id, categoryId, nomination }] of run.nominations.entries()) {
      const wanted = state(j, index, total);
      if (!wanted) continue;
      const category = run.categories.find((c) => c.id === categoryId)!;
      await api.call(juror.token, 'PUT', `/rounds/${run.roundId}/scorecards/${id}`, {
        scores: marks(category.criteria, nomination, j),
        comment: COMMENTS[(j + index) % COMMENTS.length],
      });
      if (wanted === 'submitted') {
        await api.call(juror.token, 'POST', `/rounds/${run.roundId}/scorecards/${id}/submit`);
      }
      count++;
    }
  }
  return count;
}

const COMMENTS = [
  'Clear baseline and convincing, measured results.',
  'Strong project; the figures would benefit from an external audit.',
  'Good idea, but the scale is still small compared with the corridor’s volumes.',
  'Well documented; the effect on partners along the route is less clear.',
  'Impressive results in a short time.',
];

/** The tally runs as background jobs (the workers of this process): waits until every category is done. */
async function waitForTally(api: Api, organiser: string, roundId: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const results = await api.call<{ categories: { latestRun?: { status: string } | null }[] }>(
      organiser,
      'GET',
      `/rounds/${roundId}/results`,
    );
    const statuses = results.categories.map((c) => c.latestRun?.status);
    if (statuses.every((s) => s === 'succeeded')) return;
    if (statuses.some((s) => s === 'failed')) throw new Error(`A tally failed: ${JSON.stringify(statuses)}`);
    if (Date.now() > deadline)
      throw new Error(`The tally did not finish in 2 minutes: ${JSON.stringify(statuses)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Lets the mail the demo caused be written (to the throwaway folder) before the process stops. */
export async function waitForQuietQueues(app: NestFastifyApplication): Promise<void> {
  const relay = app.get(OutboxRelay);
  const queues = QUEUE_NAMES.map((name) => app.get<Queue>(getQueueToken(name), { strict: false }));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await relay.flush();
    let busy = 0;
    for (const queue of queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      busy += Object.values(counts).reduce((sum, n) => sum + n, 0);
    }
    if (busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

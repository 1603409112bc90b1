import type { ScoringMethod } from '../../src/modules/editions/entities/edition.entity.js';
import type { NominationStatus } from '../../src/modules/nominations/entities/nomination.entity.js';
import { createEdition, type TestEdition } from './editions.js';
import { createUser, type TestUser } from './factories.js';
import { createCompany, createNomination, type TestCompany } from './nominations.js';
import type { TestApp } from './test-app.js';

/*
 * A judged edition, inserted by SQL: what the tally and publication tests start from. Scorecards are written
 * straight into the table (with their assignment), so a test states exactly which scores exist.
 */

const DAY = 24 * 3600_000;

/** J: the jurors' labels, N: the nominations' labels, as the test wrote them (a typo does not compile). */
export interface JudgedWorld<J extends string = string, N extends string = string> {
  edition: TestEdition;
  roundId: string;
  /** By label ("A", "B", …). */
  jurors: Record<J, TestUser>;
  /** By label ("T1", …): nomination ids. */
  nominations: Record<N, string>;
  /** By nomination label. */
  companies: Record<N, TestCompany>;
  owner: TestUser;
}

export interface WorldOptions<J extends string = string, N extends string = string> {
  scoringMethod?: ScoringMethod;
  tieBreakers?: string[];
  minScorecards?: number;
  /** Category code → criterion code → weight. Default: `efficiency` with `impact` weight 1. */
  categories?: Record<string, Record<string, string>>;
  /** Upper end of every criterion's scale (default 10). */
  scaleMax?: number;
  jurors: J[];
  /** Label → category code, title and status (default eligible). Each nomination gets its own company. */
  nominations: Record<N, { category?: string; title?: string; status?: NominationStatus; company?: string }>;
  phase?: 'judging' | 'tallying' | 'eligibility';
}

/** An edition in judging with round 1 open, a panel of jurors on every category, and eligible nominations. */
export async function createJudgedWorld<J extends string, N extends string>(
  t: TestApp,
  options: WorldOptions<J, N>,
): Promise<JudgedWorld<J, N>> {
  const now = Date.now();
  const edition = await createEdition(t, {
    phase: options.phase ?? 'judging',
    scoringMethod: options.scoringMethod ?? 'mean',
    tieBreakers: options.tieBreakers ?? [],
    minScorecards: options.minScorecards ?? 3,
    categories: options.categories ?? { efficiency: { impact: '1' } },
    nominationsOpenAt: new Date(now - 10 * DAY),
    nominationsCloseAt: new Date(now - 5 * DAY),
    judgingOpenAt: new Date(now - 4 * DAY),
    judgingCloseAt: new Date(now + 10 * DAY),
  });
  if (options.scaleMax) {
    await t.db.query(`UPDATE criteria SET scale_max = $2 WHERE category_id = ANY($1::uuid[])`, [
      edition.categories.map((c) => c.id),
      options.scaleMax,
    ]);
  }
  const [round] = await t.db.query<[{ id: string }]>(
    `INSERT INTO rounds (edition_id, number, name) VALUES ($1, 1, 'Final') RETURNING id`,
    [edition.id],
  );
  const jurors = {} as Record<J, TestUser>;
  for (const label of options.jurors)
    jurors[label] = await createUser(t, { roles: ['juror'], fullName: `Juror ${label} Secretname` });
  for (const category of edition.categories) {
    for (const juror of Object.values<TestUser>(jurors)) {
      await t.db.query(`INSERT INTO panel_members (category_id, juror_id, edition_id) VALUES ($1, $2, $3)`, [
        category.id,
        juror.id,
        edition.id,
      ]);
    }
  }
  const owner = await createUser(t, { roles: ['entrant'] });
  // By label, and by company name while building (nominations that name the same company share it).
  const companies: Record<string, TestCompany> = {};
  const nominations = {} as Record<N, string>;
  for (const [label, spec] of Object.entries(options.nominations) as [
    N,
    WorldOptions['nominations'][string],
  ][]) {
    const companyName = spec.company ?? `Company of ${label}`;
    companies[label] = companies[companyName] ?? (await createCompany(t, owner.id, { name: companyName }));
    companies[companyName] = companies[label];
    const category = edition.categories.find(
      (c) => c.code === (spec.category ?? edition.categories[0]!.code),
    )!;
    nominations[label] = await createNomination(t, {
      editionId: edition.id,
      categoryId: category.id,
      companyId: companies[label].id,
      createdBy: owner.id,
      status: spec.status ?? 'eligible',
      title: spec.title ?? `Nomination ${label}`,
    });
  }
  return {
    edition,
    roundId: round.id,
    jurors,
    nominations,
    companies: companies,
    owner,
  };
}

/** A scorecard (and the assignment it belongs to), submitted unless said otherwise. */
export async function score(
  t: TestApp,
  world: JudgedWorld,
  juror: string,
  nomination: string,
  scores: Record<string, number>,
  options: { status?: 'draft' | 'submitted'; comment?: string; roundId?: string } = {},
): Promise<void> {
  const roundId = options.roundId ?? world.roundId;
  const jurorId = world.jurors[juror]!.id;
  const nominationId = world.nominations[nomination];
  await t.db.query(
    `INSERT INTO assignments (round_id, nomination_id, juror_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [roundId, nominationId, jurorId],
  );
  const submitted = (options.status ?? 'submitted') === 'submitted';
  await t.db.query(
    `INSERT INTO scorecards (round_id, nomination_id, juror_id, status, scores, comment, submitted_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
    [
      roundId,
      nominationId,
      jurorId,
      submitted ? 'submitted' : 'draft',
      JSON.stringify(scores),
      options.comment ?? null,
      submitted ? new Date() : null,
    ],
  );
}

/** Scores given as a table: `{ A: { T1: 40, T2: 60 } }` on the single criterion `impact`. */
export async function scoreTable(
  t: TestApp,
  world: JudgedWorld,
  table: Record<string, Record<string, number | Record<string, number>>>,
): Promise<void> {
  for (const [juror, row] of Object.entries(table)) {
    for (const [nomination, value] of Object.entries(row)) {
      await score(t, world, juror, nomination, typeof value === 'number' ? { impact: value } : value);
    }
  }
}

export interface RunRow {
  id: string;
  category_id: string;
  status: string;
  attempts: number;
  error: string | null;
  snapshot_id: string | null;
}

/** Waits until every listed tally run has finished (succeeded or failed), polling the database. */
export async function waitForRuns(t: TestApp, runIds: string[], timeoutMs = 20_000): Promise<RunRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await t.flushOutbox();
    const rows = await t.db.query<RunRow[]>(
      `SELECT id, category_id, status, attempts, error, snapshot_id FROM tally_runs WHERE id = ANY($1::uuid[])`,
      [runIds],
    );
    if (rows.length === runIds.length && rows.every((r) => r.status === 'succeeded' || r.status === 'failed'))
      return rows;
    if (Date.now() > deadline) throw new Error(`tally runs still pending: ${JSON.stringify(rows)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Closes the round through the API as an organiser and waits for its tally jobs. */
export async function closeAndTally(
  t: TestApp,
  world: JudgedWorld,
  auth: { Authorization: string },
): Promise<RunRow[]> {
  const response = await t.http().post(`/api/v1/rounds/${world.roundId}/close`).set(auth);
  if (response.status !== 202)
    throw new Error(`close failed: ${response.status} ${JSON.stringify(response.body)}`);
  return waitForRuns(
    t,
    (response.body.jobs as { runId: string }[]).map((job) => job.runId),
  );
}

import { createHash, randomUUID } from 'node:crypto';
import type { Role } from '../../src/common/auth/roles.js';
import { createEdition, type EditionOptions, type TestEdition } from './editions.js';
import { type SignedIn, signIn } from './factories.js';
import { createCompany, createNomination, type TestCompany } from './nominations.js';
import type { TestApp } from './test-app.js';

const HOUR = 3600_000;

/** An edition in `judging` whose judging window is open now (nominations closed two days ago). */
export function createJudgingEdition(t: TestApp, options: EditionOptions = {}): Promise<TestEdition> {
  const now = Date.now();
  return createEdition(t, {
    phase: 'judging',
    nominationsOpenAt: new Date(now - 30 * 24 * HOUR),
    nominationsCloseAt: new Date(now - 48 * HOUR),
    judgingOpenAt: new Date(now - 24 * HOUR),
    judgingCloseAt: new Date(now + 14 * 24 * HOUR),
    ...options,
  });
}

export async function createRound(
  t: TestApp,
  editionId: string,
  number = 1,
  name = `Round ${number}`,
): Promise<string> {
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO rounds (edition_id, number, name) VALUES ($1, $2, $3) RETURNING id`,
    [editionId, number, name],
  );
  return row!.id;
}

export async function putOnPanel(
  t: TestApp,
  edition: TestEdition,
  categoryId: string,
  jurorIds: string[],
): Promise<void> {
  for (const jurorId of jurorIds) {
    await t.db.query(
      `INSERT INTO panel_members (category_id, juror_id, edition_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [categoryId, jurorId, edition.id],
    );
  }
}

export async function assign(
  t: TestApp,
  roundId: string,
  nominationId: string,
  jurorId: string,
): Promise<void> {
  await t.db.query(
    `INSERT INTO assignments (round_id, nomination_id, juror_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [roundId, nominationId, jurorId],
  );
}

/** The juror's terms accepted (unless they were) and declaration confirmed, as the two requests would. */
export async function confirmConflicts(t: TestApp, editionId: string, jurorId: string): Promise<void> {
  await acceptTerms(t, editionId, jurorId);
  await t.db.query(
    `INSERT INTO conflict_confirmations (edition_id, juror_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [editionId, jurorId],
  );
}

/** The juror's acceptance of the edition's terms and confidentiality (POST /me/declarations/{id}/terms). */
export async function acceptTerms(t: TestApp, editionId: string, jurorId: string): Promise<void> {
  await t.db.query(
    `INSERT INTO terms_acceptances (edition_id, juror_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [editionId, jurorId],
  );
}

export async function recordConflict(
  t: TestApp,
  editionId: string,
  jurorId: string,
  companyId: string,
  reason = 'Former adviser',
): Promise<string> {
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO conflicts (edition_id, juror_id, company_id, source, reason, created_by) VALUES ($1, $2, $3, 'declared', $4, $2) RETURNING id`,
    [editionId, jurorId, companyId, reason],
  );
  return row!.id;
}

/**
 * One judging world, with everyone the authorisation matrix names: the entrant whose company is
 * nominated, another entrant with a nomination of their own, a juror assigned to the nomination, a panel
 * juror who is not, a juror assigned but conflicted with the company, and an organiser. Every juror has
 * confirmed their conflicts, so only the rule under test can refuse them.
 */
export interface JuryWorld {
  edition: TestEdition;
  categoryId: string;
  roundId: string;
  organiser: SignedIn;
  entrant: SignedIn;
  otherEntrant: SignedIn;
  assignedJuror: SignedIn;
  unassignedJuror: SignedIn;
  conflictedJuror: SignedIn;
  company: TestCompany;
  otherCompany: TestCompany;
  /** The nomination of `company`, eligible, assigned to the assigned and the conflicted juror. */
  nominationId: string;
  /** The nomination of `otherCompany`, eligible, assigned to nobody. */
  otherNominationId: string;
}

export async function createJuryWorld(
  t: TestApp,
  options: EditionOptions & { companyName?: string; website?: string; entrantName?: string } = {},
): Promise<JuryWorld> {
  const edition = await createJudgingEdition(t, options);
  const categoryId = edition.categories[0]!.id;
  const person = (roles: Role[], fullName?: string) => signIn(t, roles, fullName ? { fullName } : {});
  const organiser = await person(['organiser']);
  const entrant = await person(['entrant'], options.entrantName);
  const otherEntrant = await person(['entrant']);
  const assignedJuror = await person(['juror']);
  const unassignedJuror = await person(['juror']);
  const conflictedJuror = await person(['juror']);
  const company = await createCompany(t, entrant.id, { name: options.companyName });
  if (options.website)
    await t.db.query(`UPDATE companies SET website = $2 WHERE id = $1`, [company.id, options.website]);
  const otherCompany = await createCompany(t, otherEntrant.id);
  const nominationId = await createNomination(t, {
    editionId: edition.id,
    categoryId,
    companyId: company.id,
    createdBy: entrant.id,
    status: 'eligible',
  });
  const otherNominationId = await createNomination(t, {
    editionId: edition.id,
    categoryId,
    companyId: otherCompany.id,
    createdBy: otherEntrant.id,
    status: 'eligible',
  });
  const roundId = await createRound(t, edition.id);
  await putOnPanel(t, edition, categoryId, [assignedJuror.id, unassignedJuror.id, conflictedJuror.id]);
  await assign(t, roundId, nominationId, assignedJuror.id);
  await assign(t, roundId, nominationId, conflictedJuror.id);
  await recordConflict(t, edition.id, conflictedJuror.id, company.id);
  for (const juror of [assignedJuror, unassignedJuror, conflictedJuror])
    await confirmConflicts(t, edition.id, juror.id);
  return {
    edition,
    categoryId,
    roundId,
    organiser,
    entrant,
    otherEntrant,
    assignedJuror,
    unassignedJuror,
    conflictedJuror,
    company,
    otherCompany,
    nominationId,
    otherNominationId,
  };
}

/** Stores a small PDF as an attachment of the nomination, the way the upload route leaves it (row with its hash, then its file). */
export async function addAttachment(
  t: TestApp,
  nominationId: string,
  createdBy: string,
  originalName: string,
): Promise<string> {
  const content = Buffer.from(`%PDF-1.4\n% ${randomUUID()}\n%%EOF\n`);
  const storedName = `${randomUUID()}.pdf`;
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO attachments (nomination_id, original_name, stored_name, media_type, size_bytes, sha256, created_by)
     VALUES ($1, $2, $3, 'application/pdf', $4, $5, $6) RETURNING id`,
    [
      nominationId,
      originalName,
      storedName,
      content.length,
      createHash('sha256').update(content).digest('hex'),
      createdBy,
    ],
  );
  await t.db.query(`INSERT INTO attachment_files (stored_name, content) VALUES ($1, $2)`, [
    storedName,
    content,
  ]);
  return row!.id;
}

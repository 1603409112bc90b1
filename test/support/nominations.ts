import { randomBytes } from 'node:crypto';
import type { NominationStatus } from '../../src/modules/nominations/entities/nomination.entity.js';
import type { TestApp } from './test-app.js';

export interface TestCompany {
  id: string;
  name: string;
  country: string;
  registrationNumber: string;
}

/** Inserts a company with its owner (and further members) directly. */
export async function createCompany(
  t: TestApp,
  ownerId: string,
  options: { name?: string; country?: string; members?: string[] } = {},
): Promise<TestCompany> {
  const registrationNumber = `REG-${randomBytes(5).toString('hex').toUpperCase()}`;
  const name = options.name ?? `Company ${registrationNumber}`;
  const country = options.country ?? 'KZ';
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO companies (name, country, registration_number, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
    [name, country, registrationNumber, ownerId],
  );
  await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'owner')`, [
    row!.id,
    ownerId,
  ]);
  for (const member of options.members ?? [])
    await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'member')`, [
      row!.id,
      member,
    ]);
  return { id: row!.id, name, country, registrationNumber };
}

export interface NominationOptions {
  editionId: string;
  categoryId: string;
  companyId: string;
  createdBy: string;
  status?: NominationStatus;
  title?: string;
  summary?: string;
  answers?: Record<string, string>;
  metrics?: { name: string; value: number; unit: string }[];
}

/** Inserts a nomination directly, complete enough to submit, in whatever status a test needs. */
export async function createNomination(t: TestApp, options: NominationOptions): Promise<string> {
  const status = options.status ?? 'draft';
  const submitted = status !== 'draft' && status !== 'withdrawn';
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO nominations (edition_id, category_id, company_id, created_by, title, summary, answers, metrics, status, submitted_at, submitted_by, ineligibility_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12) RETURNING id`,
    [
      options.editionId,
      options.categoryId,
      options.companyId,
      options.createdBy,
      options.title ?? `Nomination ${randomBytes(3).toString('hex')}`,
      options.summary ?? 'A project that moved freight from road to rail across the steppe.',
      JSON.stringify(options.answers ?? {}),
      JSON.stringify(options.metrics ?? [{ name: 'CO2 avoided', value: 1200, unit: 't' }]),
      status,
      submitted ? new Date() : null,
      submitted ? options.createdBy : null,
      status === 'ineligible' ? 'Test reason' : null,
    ],
  );
  return row!.id;
}

/** Gives a category questions (the edition factory creates none). */
export async function setQuestions(
  t: TestApp,
  categoryId: string,
  questions: { code: string; required: boolean; maxLength: number }[],
): Promise<void> {
  const text = (s: string) => ({ en: s, ru: s, kk: s, de: s });
  await t.db.query(`UPDATE categories SET questions = $2::jsonb WHERE id = $1`, [
    categoryId,
    JSON.stringify(questions.map((q) => ({ ...q, prompt: text(`Question ${q.code}`) }))),
  ]);
}

import type { Phase } from '../../src/modules/editions/entities/edition.entity.js';
import type { TestApp } from './test-app.js';

const HOUR = 3600_000;

let slugCounter = 0;
/** A slug no other edition of this test file's database has. */
export function uniqueSlug(prefix = 'magistral'): string {
  slugCounter += 1;
  return `${prefix}-${process.pid}-${slugCounter}`;
}

/** A valid creation body for POST /editions, its timeline relative to now. */
export function editionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    slug: uniqueSlug(),
    name: 'Magistral Awards 2026',
    nominationsOpenAt: new Date(now + 24 * HOUR).toISOString(),
    nominationsCloseAt: new Date(now + 30 * 24 * HOUR).toISOString(),
    judgingOpenAt: new Date(now + 35 * 24 * HOUR).toISOString(),
    judgingCloseAt: new Date(now + 50 * 24 * HOUR).toISOString(),
    ...overrides,
  };
}

export const editionPhase = async (t: TestApp, id: string): Promise<Phase> =>
  (await t.db.query<{ phase: Phase }[]>(`SELECT phase FROM editions WHERE id = $1`, [id]))[0]!.phase;

/** The edition's row as stored, to prove a refused request changed nothing. */
export const editionRow = async (t: TestApp, id: string) =>
  (await t.db.query<Record<string, unknown>[]>(`SELECT * FROM editions WHERE id = $1`, [id]))[0]!;

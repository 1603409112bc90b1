import { countRows, signIn, type SignedIn } from './factories.js';
import type { TestApp } from './test-app.js';

/** Body builders and row snapshots shared by the category and criterion tests. */

export const LOCALES = ['en', 'ru', 'kk', 'de'] as const;

export const text = (s: string) => ({ en: s, ru: `${s} (ru)`, kk: `${s} (kk)`, de: `${s} (de)` });

export function criterionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: 'safety_record',
    name: text('Safety record'),
    description: text('Fewer incidents per million kilometres'),
    weight: '1.5',
    ...overrides,
  };
}

export function categoryBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: 'safety',
    name: text('Safety'),
    description: text('Projects that make freight safer'),
    questions: [
      { code: 'incidents', prompt: text('How did incidents change?'), required: true, maxLength: 1500 },
    ],
    criteria: [criterionBody(), criterionBody({ code: 'training', weight: 2 })],
    ...overrides,
  };
}

export interface CategoryBody {
  id: string;
  editionId: string;
  code: string;
  name: Record<string, string>;
  description: Record<string, string>;
  questions: { code: string; prompt: Record<string, string>; required: boolean; maxLength: number }[];
  position: number;
  criteria: {
    id: string;
    code: string;
    name: Record<string, string>;
    description: Record<string, string>;
    weight: string;
    scaleMin: number;
    scaleMax: number;
    position: number;
  }[];
}

/** The three roles that the category routes tell apart. */
export interface CatalogueCast {
  organiser: SignedIn;
  entrant: SignedIn;
  juror: SignedIn;
}

export async function signInCatalogueCast(t: TestApp): Promise<CatalogueCast> {
  const [organiser, entrant, juror] = await Promise.all([
    signIn(t, ['organiser']),
    signIn(t, ['entrant']),
    signIn(t, ['juror']),
  ]);
  return { organiser, entrant, juror };
}

/** Rows that any category or criterion change would touch. */
export const categorySnapshot = async (t: TestApp, editionId: string) =>
  t.db.query<Record<string, unknown>[]>(
    `SELECT c.id, c.code, c.name, c.description, c.questions, c.position,
            coalesce(json_agg(json_build_object('id', cr.id, 'code', cr.code, 'weight', cr.weight, 'name', cr.name, 'scale', array[cr.scale_min, cr.scale_max], 'position', cr.position) ORDER BY cr.code) FILTER (WHERE cr.id IS NOT NULL), '[]') AS criteria
     FROM categories c LEFT JOIN criteria cr ON cr.category_id = c.id WHERE c.edition_id = $1 GROUP BY c.id ORDER BY c.code`,
    [editionId],
  );

export const editionAuditCount = (t: TestApp, editionId: string, action: string) =>
  countRows(t, 'audit_log', 'edition_id = $1 AND action = $2', [editionId, action]);

export const judgingOpenAtOf = async (t: TestApp, editionId: string) =>
  (
    await t.db.query<{ judging_open_at: Date }[]>(`SELECT judging_open_at FROM editions WHERE id = $1`, [
      editionId,
    ])
  )[0]!.judging_open_at;

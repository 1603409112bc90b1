import type { Marks } from '../../../api/scorecards';

/**
 * Marks not yet confirmed by the server, kept in this browser so that a closed tab, a reload, an expired
 * session or a server restart loses nothing. One record per juror, round and nomination; `baseVersion` is
 * the scorecard version the marks were made on, so that a change made elsewhere meanwhile is noticed.
 */
export interface LocalMarks {
  marks: Marks;
  baseVersion: number;
  /** When the juror last changed them (ISO). */
  changedAt: string;
}

const PREFIX = 'magistral.scorecard';

export function localMarksKey(userId: string, roundId: string, nominationId: string): string {
  return `${PREFIX}.${userId}.${roundId}.${nominationId}`;
}

function isMarks(value: unknown): value is Marks {
  if (typeof value !== 'object' || value === null) return false;
  const { scores, comment } = value as { scores?: unknown; comment?: unknown };
  return (
    typeof scores === 'object' &&
    scores !== null &&
    Object.values(scores).every((v) => typeof v === 'number' && Number.isInteger(v)) &&
    (comment === null || typeof comment === 'string')
  );
}

export function readLocalMarks(key: string): LocalMarks | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return null;
    const value = JSON.parse(raw) as Partial<LocalMarks>;
    if (!isMarks(value.marks) || typeof value.baseVersion !== 'number') return null;
    return { marks: value.marks, baseVersion: value.baseVersion, changedAt: String(value.changedAt ?? '') };
  } catch {
    return null;
  }
}

export function writeLocalMarks(key: string, record: LocalMarks): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(record));
  } catch {
    // Storage full or refused (private mode): the marks still live in the page and are being saved.
  }
}

/** Forgets the record, unless another tab has since stored different marks under the same key. */
export function clearLocalMarks(key: string, saved?: Marks): void {
  try {
    if (saved) {
      const current = readLocalMarks(key);
      if (current && !sameMarks(current.marks, saved)) return;
    }
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to do: at worst the record is offered again and found equal to the server's.
  }
}

export function sameMarks(a: Marks, b: Marks): boolean {
  const codes = new Set([...Object.keys(a.scores), ...Object.keys(b.scores)]);
  for (const code of codes) if (a.scores[code] !== b.scores[code]) return false;
  return (a.comment ?? '') === (b.comment ?? '');
}

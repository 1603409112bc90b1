import type { EntityManager } from 'typeorm';

/**
 * What other modules read of a round's calibration entries (issue 17). The jury module owns the table
 * `calibration_entries`; the rule "a calibration entry never competes" is the view `contest_entries`
 * (migration CalibrationEntries), which every reader of the contest goes through.
 */
export interface CalibrationEntryRow {
  nominationId: string;
  categoryId: string;
  title: string;
  /** A sample entry: written by an organiser for calibration, no company's nomination. */
  sample: boolean;
  markedBy: string;
  markedAt: Date;
}

/** A round's calibration entries, in category and title order. */
export function calibrationEntriesOf(
  manager: EntityManager,
  roundId: string,
): Promise<CalibrationEntryRow[]> {
  return manager.query<CalibrationEntryRow[]>(
    `SELECT ce.nomination_id AS "nominationId", n.category_id AS "categoryId", n.title, n.sample,
            ce.created_by AS "markedBy", ce.created_at AS "markedAt"
       FROM calibration_entries ce
       JOIN nomination_entries n ON n.id = ce.nomination_id
       JOIN edition_categories c ON c.id = n.category_id
      WHERE ce.round_id = $1
      ORDER BY c.position, c.code, n.title, n.id`,
    [roundId],
  );
}

/** The ids of a round's calibration entries among some nominations (for the automatic assignment). */
export async function calibrationIdsAmong(
  manager: EntityManager,
  roundId: string,
  nominationIds: readonly string[],
): Promise<Set<string>> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT nomination_id AS id FROM calibration_entries WHERE round_id = $1 AND nomination_id = ANY($2::uuid[])`,
    [roundId, nominationIds],
  );
  return new Set(rows.map((r) => r.id));
}

/** The round's sample entries in a category (each is a calibration entry of the round it was written for). */
export async function sampleIdsOf(
  manager: EntityManager,
  roundId: string,
  categoryId: string,
): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT ce.nomination_id AS id
       FROM calibration_entries ce JOIN nomination_entries n ON n.id = ce.nomination_id
      WHERE ce.round_id = $1 AND n.category_id = $2 AND n.sample
      ORDER BY ce.nomination_id`,
    [roundId, categoryId],
  );
  return rows.map((r) => r.id);
}

import type { EntityManager } from 'typeorm';

/**
 * The version of every tally's inputs as this statement sees them: how many transactions changed one, and
 * the last of them (migration `TallyInputChanges`: a trigger on each input table notes the transaction).
 * Rows are only added, and each becomes visible with the changes it notes, so while the version read is the
 * same, so is everything a tally counts; a database restored from an older copy gives another last one.
 */
export async function tallyInputVersion(manager: EntityManager): Promise<string> {
  const [row] = await manager.query<{ changes: string; last: string | null }[]>(
    `SELECT count(*)::text AS changes, max(transaction_id)::text AS last FROM tally_input_changes`,
  );
  return `${row?.changes ?? 0}/${row?.last ?? '-'}`;
}

/**
 * The jury statistics a results manifest states per category (the edition rule `publishJuryStatistics`,
 * issue 17): computed once per snapshot by the tally job and kept with its analysis (`tally_analyses`), so
 * that publishing and an organiser's preview read them instead of computing them on a request.
 */
import type { EntityManager } from 'typeorm';
import { sha256Hex } from '../../common/canonical-json.js';
import type { TallyInput } from './arithmetic/tally.js';
import { juryStatistics, statisticsSeedText, type JuryStatistics } from './analytics/jury-statistics.js';

/**
 * The statistics of a category as published (`publishedInput`: jurors by pseudonym, in the manifest's order),
 * the bootstrap seeded by the SHA-256 of that input: exactly what a verifier recomputes from the manifest.
 */
export function publishedStatistics(published: TallyInput): JuryStatistics {
  return juryStatistics(published, sha256Hex(statisticsSeedText(published)));
}

/**
 * The statistics the tally job stored with each of these snapshots, by snapshot id; a snapshot without any
 * (tallied while the edition did not publish them, or before they were stored) is absent.
 */
export async function storedJuryStatistics(
  manager: EntityManager,
  snapshotIds: readonly string[],
): Promise<Map<string, JuryStatistics>> {
  if (!snapshotIds.length) return new Map();
  const rows = await manager.query<{ snapshot_id: string; jury_statistics: JuryStatistics }[]>(
    `SELECT snapshot_id, jury_statistics FROM tally_analyses
      WHERE snapshot_id = ANY($1::uuid[]) AND jury_statistics IS NOT NULL`,
    [snapshotIds],
  );
  return new Map(rows.map((row) => [row.snapshot_id, row.jury_statistics]));
}

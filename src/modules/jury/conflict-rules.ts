import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit.service.js';

/**
 * The conflict-of-interest rule in SQL, for every query that must respect it (assignments, the juror's
 * view, scoring, the tally). The rule itself is the view `juror_conflicts` (migration Jury): a conflict
 * recorded in the edition (declared by the juror or added by an organiser, not removed), membership of the
 * company, or the juror's declared employer. Nothing else restates it.
 */
export function conflictExists(edition: string, juror: string, company: string): string {
  return `EXISTS (SELECT 1 FROM juror_conflicts jc WHERE jc.edition_id = ${edition} AND jc.juror_id = ${juror} AND jc.company_id = ${company})`;
}

/** A conflict that appeared after the juror had submitted scorecards on the company's nominations, undecided. */
export interface PendingLateConflict {
  id: string;
  jurorId: string;
  companyId: string;
  source: 'declared' | 'membership' | 'employer';
  scorecards: string[];
  detectedAt: Date;
}

/**
 * The late conflicts of an edition that still await an organiser's decision (view `pending_late_conflicts`,
 * migration LateConflicts). While there is one, whatever counts scorecards must refuse rather than count
 * without the juror's scorecards, or with them.
 */
export function pendingLateConflicts(
  manager: EntityManager,
  editionId: string,
): Promise<PendingLateConflict[]> {
  return manager.query<PendingLateConflict[]>(
    `SELECT id, juror_id AS "jurorId", company_id AS "companyId", source, scorecards, detected_at AS "detectedAt"
       FROM pending_late_conflicts WHERE edition_id = $1 ORDER BY detected_at, id`,
    [editionId],
  );
}

/**
 * Audits the late conflicts a change made in this transaction (the triggers of migration LateConflicts
 * record them with the transaction's `now()`), one entry each, so that a membership accepted or an employer
 * named during judging is on the record as such. Returns them for the change's own audit entry.
 */
export async function auditLateConflicts(
  manager: EntityManager,
  audit: Pick<AuditLog, 'appendMany'>,
  change: {
    jurorId: string;
    companyId: string;
    source: PendingLateConflict['source'];
    actorId: string;
    via: string;
  },
): Promise<{ id: string; editionId: string; scorecards: string[] }[]> {
  const rows = await manager.query<{ id: string; editionId: string; scorecards: string[] }[]>(
    `SELECT id, edition_id AS "editionId", scorecards FROM late_conflicts
      WHERE juror_id = $1 AND company_id = $2 AND source = $3 AND status = 'pending' AND detected_at = now()
      ORDER BY edition_id`,
    [change.jurorId, change.companyId, change.source],
  );
  await audit.appendMany(
    manager,
    rows.map((row) => ({
      action: 'conflict.awaiting_decision',
      entityType: 'late_conflict',
      entityId: row.id,
      editionId: row.editionId,
      actorId: change.actorId,
      data: {
        jurorId: change.jurorId,
        companyId: change.companyId,
        source: change.source,
        via: change.via,
        scorecards: row.scorecards,
      },
    })),
  );
  return rows;
}

/**
 * The editions in which this user sits on a panel while judging or tallying is under way: a membership or
 * an employer taken on now is a conflict arising during judging, whether or not the juror has scored yet.
 */
export async function editionsBeingJudgedBy(manager: EntityManager, jurorId: string): Promise<string[]> {
  const rows = await manager.query<{ edition_id: string }[]>(
    `SELECT DISTINCT p.edition_id FROM panel_members p JOIN edition_settings e ON e.id = p.edition_id
      WHERE p.juror_id = $1 AND e.phase IN ('judging', 'tallying', 'results_ready') ORDER BY p.edition_id`,
    [jurorId],
  );
  return rows.map((r) => r.edition_id);
}

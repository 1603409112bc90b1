import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { page, type Page, type PageQuery } from '../../common/http/pagination.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { EditionsService } from '../editions/editions.service.js';
import type { DecideLateConflictDto } from './dto/late-conflicts.dto.js';
import { ConflictErrors } from './jury.errors.js';

export type LateConflictStatus = 'pending' | 'confirmed' | 'dismissed';

/** A conflict of interest that appeared after the juror had scored the company's nominations. */
export interface LateConflictView {
  id: string;
  editionId: string;
  jurorId: string;
  jurorName: string;
  companyId: string;
  companyName: string;
  source: 'declared' | 'membership' | 'employer';
  /** The juror's submitted scorecards on the company's nominations when the conflict appeared. */
  scorecards: string[];
  detectedAt: string;
  status: LateConflictStatus;
  /** False when the conflict no longer holds (the membership ended, the employer changed). */
  holds: boolean;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

interface LateConflictRow {
  id: string;
  editionId: string;
  jurorId: string;
  jurorName: string;
  companyId: string;
  companyName: string;
  source: LateConflictView['source'];
  scorecards: string[];
  detectedAt: Date;
  status: LateConflictStatus;
  holds: boolean;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

const SELECT_VIEW = `
  SELECT l.id, l.edition_id AS "editionId", l.juror_id AS "jurorId", u.full_name AS "jurorName",
         l.company_id AS "companyId", co.name AS "companyName", l.source, l.scorecards, l.detected_at AS "detectedAt",
         l.status, l.decided_by AS "decidedBy", l.decided_at AS "decidedAt", l.decision_reason AS reason,
         (l.status = 'dismissed' OR EXISTS (
           SELECT 1 FROM juror_conflicts jc WHERE jc.edition_id = l.edition_id AND jc.juror_id = l.juror_id
              AND jc.company_id = l.company_id AND jc.source = l.source)) AS holds
    FROM late_conflicts l JOIN user_directory u ON u.id = l.juror_id JOIN company_profiles co ON co.id = l.company_id`;

/**
 * Conflicts that appeared after the juror had scored (recorded by the triggers of migration LateConflicts).
 * Counting or dropping those scorecards is the organisers' decision, never a side effect: until they
 * decide, the tally, the results and the publication of the edition refuse (`tally.conflicts_awaiting_decision`).
 */
@Injectable()
export class LateConflictsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly editions: EditionsService,
  ) {}

  /** Organisers: every late conflict of the edition, undecided first. */
  async list(caller: Caller, editionId: string, query: PageQuery): Promise<Page<LateConflictView>> {
    const edition = await this.editions.findVisible(caller, editionId);
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(
      `SELECT count(*)::int AS total FROM late_conflicts WHERE edition_id = $1`,
      [edition.id],
    );
    const rows = await this.dataSource.query<LateConflictRow[]>(
      `${SELECT_VIEW} WHERE l.edition_id = $1
        ORDER BY (l.status = 'pending') DESC, l.detected_at, l.id OFFSET $2 LIMIT $3`,
      [edition.id, query.offset, query.pageSize],
    );
    return page(rows.map(toView), query, total);
  }

  /** Confirms (the scorecards stop counting) or dismisses (they count) a late conflict; once. */
  async decide(caller: Caller, id: string, dto: DecideLateConflictDto): Promise<LateConflictView> {
    return this.transactions.run(async (manager) => {
      const [current] = await manager.query<
        {
          status: LateConflictStatus;
          edition_id: string;
          juror_id: string;
          company_id: string;
          source: string;
          scorecards: string[];
        }[]
      >(
        `SELECT status, edition_id, juror_id, company_id, source, scorecards FROM late_conflicts WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!current) throw new DomainError(ConflictErrors.lateNotFound);
      if (current.status !== 'pending')
        throw new DomainError(ConflictErrors.lateDecided, undefined, { status: current.status });
      const status: LateConflictStatus = dto.decision === 'confirm' ? 'confirmed' : 'dismissed';
      const reason = dto.reason.trim();
      await manager.query(
        `UPDATE late_conflicts SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4 WHERE id = $1`,
        [id, status, caller.userId, reason],
      );
      await this.audit.append(manager, {
        action: status === 'confirmed' ? 'conflict.late_confirmed' : 'conflict.late_dismissed',
        entityType: 'late_conflict',
        entityId: id,
        editionId: current.edition_id,
        actorId: caller.userId,
        data: {
          jurorId: current.juror_id,
          companyId: current.company_id,
          source: current.source,
          reason,
          [status === 'confirmed' ? 'silencedScorecards' : 'countedScorecards']: current.scorecards,
        },
      });
      const [row] = await manager.query<LateConflictRow[]>(`${SELECT_VIEW} WHERE l.id = $1`, [id]);
      return toView(row!);
    });
  }
}

function toView(row: LateConflictRow): LateConflictView {
  return {
    id: row.id,
    editionId: row.editionId,
    jurorId: row.jurorId,
    jurorName: row.jurorName,
    companyId: row.companyId,
    companyName: row.companyName,
    source: row.source,
    scorecards: row.scorecards,
    detectedAt: new Date(row.detectedAt).toISOString(),
    status: row.status,
    holds: row.holds,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
    reason: row.reason,
  };
}

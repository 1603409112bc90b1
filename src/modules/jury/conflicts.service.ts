import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Caller, hasRole } from '../../common/auth/roles.js';
import { CommonErrors, DomainError } from '../../common/errors/domain-error.js';
import { page, type Page } from '../../common/http/pagination.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { setEmployerCompany, usersWithRole } from '../users/user.queries.js';
import { assertPhase } from '../editions/edition-rules.js';
import { EditionsService } from '../editions/editions.service.js';
import { isUniqueViolation } from '../../database/pg-errors.js';
import type { ConflictListQuery, RecordConflictDto } from './dto/jury.dto.js';
import { auditLateConflicts } from './conflict-rules.js';
import { ConflictErrors } from './jury.errors.js';
import type { ConflictView } from './views.js';

export interface ConfirmationView {
  editionId: string;
  jurorId: string;
  confirmedAt: string;
  /** Conflicts on record at the moment of confirmation (automatic ones included). */
  conflicts: number;
}

interface ConflictRow {
  id: string | null;
  editionId: string;
  jurorId: string;
  jurorName: string;
  companyId: string;
  companyName: string;
  source: ConflictView['source'];
  reason: string | null;
  createdAt: Date | null;
  blind: boolean;
  lateConflictId?: string | null;
}

/** Jurors declare conflicts while the jury can still act on them; organisers may record one up to publication. */
export const JUROR_PHASES = ['nominations', 'eligibility', 'judging'] as const;
const ORGANISER_PHASES = [
  'draft',
  'nominations',
  'eligibility',
  'judging',
  'tallying',
  'results_ready',
] as const;

/** Scorecards a conflict silences (or, once removed, gives back to the tally): the juror's, on the company's nominations. */
const AFFECTED_SCORECARDS = `
  SELECT s.id FROM scorecard_states s
    JOIN rounds r ON r.id = s.round_id
    JOIN nomination_entries n ON n.id = s.nomination_id
   WHERE r.edition_id = $1 AND s.juror_id = $2 AND n.company_id = $3
   ORDER BY s.id`;

@Injectable()
export class ConflictsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly editions: EditionsService,
  ) {}

  /**
   * Conflicts in an edition, recorded and automatic alike (view `juror_conflicts`), of users with the juror
   * role. Organisers see everyone's; a juror only their own.
   */
  async list(caller: Caller, query: ConflictListQuery): Promise<Page<ConflictView>> {
    const edition = await this.editions.findVisible(caller, query.editionId);
    const organiser = hasRole(caller, 'organiser');
    if (!organiser && query.jurorId && query.jurorId !== caller.userId)
      throw new DomainError(CommonErrors.forbidden, 'Jurors see only their own conflicts.');
    const jurorId = organiser ? query.jurorId : caller.userId;
    const params: unknown[] = [edition.id, jurorId ?? null, query.companyId ?? null];
    const where = `jc.edition_id = $1 AND 'juror' = ANY(u.roles) AND ($2::uuid IS NULL OR jc.juror_id = $2) AND ($3::uuid IS NULL OR jc.company_id = $3)`;
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(
      `SELECT count(*)::int AS total FROM juror_conflicts jc JOIN user_directory u ON u.id = jc.juror_id WHERE ${where}`,
      params,
    );
    const rows = await this.dataSource.query<ConflictRow[]>(
      `SELECT jc.conflict_id AS id, jc.edition_id AS "editionId", jc.juror_id AS "jurorId", u.full_name AS "jurorName",
              jc.company_id AS "companyId", co.name AS "companyName", jc.source, c.reason, c.created_at AS "createdAt", e.blind,
              p.id AS "lateConflictId"
         FROM juror_conflicts jc
         JOIN user_directory u ON u.id = jc.juror_id
         JOIN company_profiles co ON co.id = jc.company_id
         JOIN edition_settings e ON e.id = jc.edition_id
         LEFT JOIN conflicts c ON c.id = jc.conflict_id
         LEFT JOIN pending_late_conflicts p
           ON p.edition_id = jc.edition_id AND p.juror_id = jc.juror_id AND p.company_id = jc.company_id AND p.source = jc.source
        WHERE ${where}
        ORDER BY u.full_name, jc.juror_id, co.name, jc.company_id, jc.source
        OFFSET ${query.offset} LIMIT ${query.pageSize}`,
      params,
    );
    return page(
      rows.map((row) => toView(row, organiser || !row.blind)),
      query,
      total,
    );
  }

  /** A juror declares a conflict of their own; an organiser records one for a juror. Scorecards already written on the company's nominations stop counting. */
  async record(caller: Caller, dto: RecordConflictDto): Promise<ConflictView> {
    const byOrganiser = dto.jurorId !== undefined && dto.jurorId !== caller.userId;
    if (byOrganiser && !hasRole(caller, 'organiser'))
      throw new DomainError(CommonErrors.forbidden, 'Jurors declare only their own conflicts.');
    if (!byOrganiser && !hasRole(caller, 'juror')) throw new DomainError(ConflictErrors.jurorRequired);
    const jurorId = dto.jurorId ?? caller.userId;
    const source = byOrganiser ? 'organiser' : 'declared';
    const edition = await this.editions.findVisible(caller, dto.editionId);
    assertPhase(edition, ...(byOrganiser ? ORGANISER_PHASES : JUROR_PHASES));
    return this.transactions.run(async (manager) => {
      const juror = await usersWithRole(manager, [jurorId], 'juror');
      if (!juror.length) throw new DomainError(ConflictErrors.notAJuror);
      const company = await manager.query<unknown[]>(`SELECT 1 FROM company_profiles WHERE id = $1`, [
        dto.companyId,
      ]);
      if (!company.length) throw new DomainError(ConflictErrors.companyNotFound);
      let id: string;
      try {
        const [row] = await manager.query<{ id: string }[]>(
          `INSERT INTO conflicts (edition_id, juror_id, company_id, source, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [edition.id, jurorId, dto.companyId, source, dto.reason.trim(), caller.userId],
        );
        id = row!.id;
      } catch (error) {
        if (isUniqueViolation(error, 'uq_conflicts_active')) throw new DomainError(ConflictErrors.exists);
        throw error;
      }
      const silenced = await manager.query<{ id: string }[]>(AFFECTED_SCORECARDS, [
        edition.id,
        jurorId,
        dto.companyId,
      ]);
      // A juror's own declaration after scoring waits for an organiser (an organiser's record is that decision).
      const late =
        source === 'declared'
          ? await auditLateConflicts(manager, this.audit, {
              jurorId,
              companyId: dto.companyId,
              source,
              actorId: caller.userId,
              via: 'conflict.declared',
            })
          : [];
      await this.audit.append(manager, {
        action: byOrganiser ? 'conflict.recorded' : 'conflict.declared',
        entityType: 'conflict',
        entityId: id,
        editionId: edition.id,
        actorId: caller.userId,
        data: {
          jurorId,
          companyId: dto.companyId,
          source,
          reason: dto.reason.trim(),
          // Out of the counted scorecards now; a late one holds the tally until an organiser decides.
          silencedScorecards: silenced.map((s) => s.id),
          awaitingDecision: late.map((l) => l.id),
        },
      });
      const [row] = await manager.query<ConflictRow[]>(
        `SELECT c.id, c.edition_id AS "editionId", c.juror_id AS "jurorId", u.full_name AS "jurorName", c.company_id AS "companyId",
                co.name AS "companyName", c.source, c.reason, c.created_at AS "createdAt", e.blind
           FROM conflicts c JOIN user_directory u ON u.id = c.juror_id JOIN company_profiles co ON co.id = c.company_id JOIN edition_settings e ON e.id = c.edition_id
          WHERE c.id = $1`,
        [id],
      );
      return toView(
        { ...row!, lateConflictId: late[0]?.id ?? null },
        hasRole(caller, 'organiser') || !row!.blind,
      );
    });
  }

  /** Organisers withdraw a recorded conflict (kept, marked removed); its scorecards count again. */
  async remove(caller: Caller, conflictId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const [rows] = await manager.query<
        [{ editionId: string; jurorId: string; companyId: string; source: string; reason: string }[], number]
      >(
        `UPDATE conflicts SET removed_at = now(), removed_by = $2 WHERE id = $1 AND removed_at IS NULL
         RETURNING edition_id AS "editionId", juror_id AS "jurorId", company_id AS "companyId", source, reason`,
        [conflictId, caller.userId],
      );
      const removed = rows[0];
      if (!removed) throw new DomainError(ConflictErrors.notFound);
      const restored = await manager.query<{ id: string }[]>(AFFECTED_SCORECARDS, [
        removed.editionId,
        removed.jurorId,
        removed.companyId,
      ]);
      await this.audit.append(manager, {
        action: 'conflict.removed',
        entityType: 'conflict',
        entityId: conflictId,
        editionId: removed.editionId,
        actorId: caller.userId,
        data: { ...removed, scorecards: restored.map((s) => s.id) },
      });
    });
  }

  /**
   * The juror declares their list of conflicts in the edition complete and accepts its terms and
   * confidentiality, in one statement; required once before a nomination opens to them.
   */
  async confirm(caller: Caller, editionId: string): Promise<ConfirmationView> {
    const edition = await this.editions.findVisible(caller, editionId);
    assertPhase(edition, ...JUROR_PHASES);
    return this.transactions.run(async (manager) => {
      // The terms are accepted as an act of their own, first (POST /me/declarations/{id}/terms).
      const accepted = await manager.query<unknown[]>(
        `SELECT 1 FROM terms_acceptances WHERE edition_id = $1 AND juror_id = $2`,
        [edition.id, caller.userId],
      );
      if (!accepted.length) throw new DomainError(ConflictErrors.termsNotAccepted);
      const inserted = await manager.query<{ confirmed_at: Date }[]>(
        `INSERT INTO conflict_confirmations (edition_id, juror_id) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT pk_conflict_confirmations DO NOTHING RETURNING confirmed_at`,
        [edition.id, caller.userId],
      );
      const conflicts = await manager.query<{ companyId: string; source: string }[]>(
        `SELECT company_id AS "companyId", source FROM juror_conflicts WHERE edition_id = $1 AND juror_id = $2 ORDER BY company_id, source`,
        [edition.id, caller.userId],
      );
      if (inserted.length) {
        await this.audit.append(manager, {
          action: 'conflicts.confirmed',
          entityType: 'juror',
          entityId: caller.userId,
          editionId: edition.id,
          actorId: caller.userId,
          data: { conflicts },
        });
      }
      const [{ confirmed_at }] = await manager.query<[{ confirmed_at: Date }]>(
        `SELECT confirmed_at FROM conflict_confirmations WHERE edition_id = $1 AND juror_id = $2`,
        [edition.id, caller.userId],
      );
      return {
        editionId: edition.id,
        jurorId: caller.userId,
        confirmedAt: confirmed_at.toISOString(),
        conflicts: conflicts.length,
      };
    });
  }

  /** A juror names their employer (an automatic conflict in every edition) or clears it. */
  async setEmployer(caller: Caller, companyId: string | null): Promise<{ employerCompanyId: string | null }> {
    return this.transactions.run(async (manager) => {
      if (companyId !== null) {
        const company = await manager.query<unknown[]>(`SELECT 1 FROM company_profiles WHERE id = $1`, [
          companyId,
        ]);
        if (!company.length) throw new DomainError(ConflictErrors.companyNotFound);
      }
      const before = await setEmployerCompany(manager, caller.userId, companyId);
      if (before !== companyId) {
        const late = companyId
          ? await auditLateConflicts(manager, this.audit, {
              jurorId: caller.userId,
              companyId,
              source: 'employer',
              actorId: caller.userId,
              via: 'juror.employer_set',
            })
          : [];
        await this.audit.append(manager, {
          action: 'juror.employer_set',
          entityType: 'user',
          entityId: caller.userId,
          actorId: caller.userId,
          data: { before, after: companyId, awaitingDecision: late.map((l) => l.id) },
        });
      }
      return { employerCompanyId: companyId };
    });
  }
}

function toView(row: ConflictRow, showCompanyName: boolean): ConflictView {
  return {
    id: row.id,
    editionId: row.editionId,
    jurorId: row.jurorId,
    jurorName: row.jurorName,
    companyId: row.companyId,
    ...(showCompanyName ? { companyName: row.companyName } : {}),
    source: row.source,
    reason: row.reason,
    createdAt: row.createdAt ? new Date(row.createdAt).toISOString() : null,
    awaitingDecision: row.lateConflictId ?? null,
  };
}

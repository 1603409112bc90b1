import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { page, type Page } from '../../common/http/pagination.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { assertPhase } from '../editions/edition-rules.js';
import type { Edition, Phase } from '../editions/edition.queries.js';
import { EditionErrors } from '../editions/editions.errors.js';
import { EditionsService } from '../editions/editions.service.js';
import { JUROR_PHASES } from './conflicts.service.js';
import type { DeclarationCompaniesQuery } from './dto/jury.dto.js';
import type { ConflictSource } from './views.js';

/** One of the juror's conflicts in the edition, as their own declaration shows it. */
export interface DeclaredConflict {
  /** Null for automatic conflicts (membership, employer). */
  id: string | null;
  companyId: string;
  companyName: string;
  source: ConflictSource;
  reason: string | null;
  createdAt: string | null;
}

/** Where a juror's declaration for an edition stands: what they must have done before a nomination opens. */
export interface DeclarationView {
  editionId: string;
  editionName: string;
  blind: boolean;
  phase: Phase;
  /** Whether the juror may still declare conflicts and confirm (nominations, eligibility, judging). */
  open: boolean;
  /** The juror's employer (an automatic conflict in every edition), or null. */
  employer: { companyId: string; name: string } | null;
  conflicts: DeclaredConflict[];
  /** When the juror accepted the terms and confidentiality (before confirming; null until then). */
  termsAcceptedAt: string | null;
  completedAt: string | null;
  /** True once confirmed: nominations open to the juror only then (409 conflicts.not_confirmed before). */
  complete: boolean;
}

/** A company taking part in the edition, by name only: never linked to a nomination or a category. */
export interface ParticipatingCompany {
  id: string;
  name: string;
  /** The juror's conflicts with it already on record (none: empty). */
  conflicts: ConflictSource[];
}

/**
 * Nominations whose company takes part: entered (no longer a draft) and not withdrawn. Ineligible ones stay,
 * so that the list does not change with eligibility decisions.
 */
const PARTICIPATING = `EXISTS (SELECT 1 FROM nomination_entries n WHERE n.company_id = co.id AND n.edition_id = $1 AND n.status NOT IN ('draft', 'withdrawn'))`;

/**
 * The juror's declaration of interests for one edition: the state of it, and the companies they may have to
 * declare a conflict with. Only jurors on one of the edition's panels reach it; to anyone else the edition
 * is unknown (404), like a draft one.
 */
@Injectable()
export class DeclarationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly editions: EditionsService,
  ) {}

  async state(caller: Caller, editionId: string): Promise<DeclarationView> {
    const edition = await this.panelEdition(caller, editionId);
    const [employer] = await this.dataSource.query<{ companyId: string; name: string }[]>(
      `SELECT co.id AS "companyId", co.name FROM user_directory u JOIN company_profiles co ON co.id = u.employer_company_id WHERE u.id = $1`,
      [caller.userId],
    );
    const conflicts = await this.dataSource.query<
      (Omit<DeclaredConflict, 'createdAt'> & { createdAt: Date | null })[]
    >(
      `SELECT jc.conflict_id AS id, jc.company_id AS "companyId", co.name AS "companyName", jc.source, c.reason, c.created_at AS "createdAt"
         FROM juror_conflicts jc
         JOIN company_profiles co ON co.id = jc.company_id
         LEFT JOIN conflicts c ON c.id = jc.conflict_id
        WHERE jc.edition_id = $1 AND jc.juror_id = $2
        ORDER BY co.name, jc.company_id, jc.source`,
      [edition.id, caller.userId],
    );
    const [confirmation] = await this.dataSource.query<{ confirmedAt: Date }[]>(
      `SELECT confirmed_at AS "confirmedAt" FROM conflict_confirmations WHERE edition_id = $1 AND juror_id = $2`,
      [edition.id, caller.userId],
    );
    const [terms] = await this.dataSource.query<{ acceptedAt: Date }[]>(
      `SELECT accepted_at AS "acceptedAt" FROM terms_acceptances WHERE edition_id = $1 AND juror_id = $2`,
      [edition.id, caller.userId],
    );
    const completedAt = confirmation?.confirmedAt.toISOString() ?? null;
    return {
      editionId: edition.id,
      editionName: edition.name,
      blind: edition.blind,
      phase: edition.phase,
      open: (JUROR_PHASES as readonly Phase[]).includes(edition.phase),
      employer: employer ?? null,
      conflicts: conflicts.map((c) => ({ ...c, createdAt: c.createdAt?.toISOString() ?? null })),
      termsAcceptedAt: terms?.acceptedAt.toISOString() ?? null,
      completedAt,
      complete: completedAt !== null,
    };
  }

  /**
   * The juror accepts the edition's terms and confidentiality: once (a second acceptance keeps the first
   * moment), audited, while the declaration is still open. Confirming the declaration needs it.
   */
  async acceptTerms(caller: Caller, editionId: string): Promise<DeclarationView> {
    const edition = await this.panelEdition(caller, editionId);
    assertPhase(edition, ...JUROR_PHASES);
    await this.transactions.run(async (manager) => {
      const inserted = await manager.query<{ acceptedAt: Date }[]>(
        `INSERT INTO terms_acceptances (edition_id, juror_id) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT pk_terms_acceptances DO NOTHING RETURNING accepted_at AS "acceptedAt"`,
        [edition.id, caller.userId],
      );
      if (inserted.length)
        await this.audit.append(manager, {
          action: 'juror.terms_accepted',
          entityType: 'juror',
          entityId: caller.userId,
          editionId: edition.id,
          actorId: caller.userId,
          data: { acceptedAt: inserted[0]!.acceptedAt.toISOString() },
        });
    });
    return this.state(caller, edition.id);
  }

  /**
   * The companies taking part in the edition, by name, for the juror to declare conflicts with (and name
   * an employer among). Edition-wide on purpose: a list per category would tell a juror of a blind edition
   * whose entries they judge. Only while conflicts can be declared (409 otherwise).
   */
  async companies(
    caller: Caller,
    editionId: string,
    query: DeclarationCompaniesQuery,
  ): Promise<Page<ParticipatingCompany>> {
    const edition = await this.panelEdition(caller, editionId);
    assertPhase(edition, ...JUROR_PHASES);
    const search = query.q?.trim() ? `%${escapeLike(query.q.trim())}%` : null;
    const params: unknown[] = [edition.id, search];
    const where = `${PARTICIPATING} AND ($2::text IS NULL OR co.name ILIKE $2)`;
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(
      `SELECT count(*)::int AS total FROM company_profiles co WHERE ${where}`,
      params,
    );
    const rows = await this.dataSource.query<ParticipatingCompany[]>(
      `SELECT co.id, co.name,
              coalesce((SELECT array_agg(jc.source ORDER BY jc.source) FROM juror_conflicts jc
                         WHERE jc.edition_id = $1 AND jc.juror_id = $3 AND jc.company_id = co.id), '{}') AS conflicts
         FROM company_profiles co
        WHERE ${where}
        ORDER BY co.name, co.id
        OFFSET ${query.offset} LIMIT ${query.pageSize}`,
      [...params, caller.userId],
    );
    return page(rows, query, total);
  }

  /** The edition, when the caller sits on one of its panels; otherwise 404 as for an unknown edition. */
  private async panelEdition(caller: Caller, editionId: string): Promise<Edition> {
    const edition = await this.editions.findVisible(caller, editionId);
    const [member] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM panel_members WHERE edition_id = $1 AND juror_id = $2 LIMIT 1`,
      [edition.id, caller.userId],
    );
    if (!member) throw new DomainError(EditionErrors.notFound);
    return edition;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

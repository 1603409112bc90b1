import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { EditionsService } from '../editions/editions.service.js';
import type { ConflictSource } from './views.js';

export interface ConflictMatrix {
  editionId: string;
  /** Jurors on a panel of the edition, and jurors with a conflict recorded in it. */
  jurors: {
    id: string;
    fullName: string;
    /** The codes of the categories whose panel they sit on. */
    categories: string[];
    employerCompanyId: string | null;
    /** When they declared their list of conflicts complete; null while they have not. */
    confirmedAt: string | null;
  }[];
  /** Companies with a submitted nomination in the edition, and the companies one of these jurors has a conflict with. */
  companies: { id: string; name: string; nominations: number }[];
  /** Only the juror × company pairs with a conflict: each with its sources (one pair may have several). */
  cells: {
    jurorId: string;
    companyId: string;
    sources: ConflictSource[];
    /** A late conflict of the pair awaiting an organiser's decision, or none. */
    awaitingDecision: string | null;
  }[];
}

/** The conflicts overview as a matrix of jurors × companies, for organisers (view `juror_conflicts`). */
@Injectable()
export class ConflictMatrixService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
  ) {}

  async matrix(caller: Caller, editionId: string): Promise<ConflictMatrix> {
    const edition = await this.editions.findVisible(caller, editionId);
    const jurors = await this.dataSource.query<(ConflictMatrix['jurors'][number] & { confirmedAt: Date })[]>(
      `SELECT u.id, u.full_name AS "fullName", u.employer_company_id AS "employerCompanyId", cc.confirmed_at AS "confirmedAt",
              coalesce(array_agg(c.code ORDER BY c.position, c.code) FILTER (WHERE c.code IS NOT NULL), '{}') AS categories
         FROM user_directory u
         LEFT JOIN panel_members pm ON pm.juror_id = u.id AND pm.edition_id = $1
         LEFT JOIN edition_categories c ON c.id = pm.category_id
         LEFT JOIN conflict_confirmations cc ON cc.edition_id = $1 AND cc.juror_id = u.id
        WHERE 'juror' = ANY(u.roles)
          AND (pm.juror_id IS NOT NULL
               OR EXISTS (SELECT 1 FROM conflicts x WHERE x.edition_id = $1 AND x.juror_id = u.id AND x.removed_at IS NULL))
        GROUP BY u.id, u.full_name, u.employer_company_id, cc.confirmed_at
        ORDER BY u.full_name, u.id`,
      [edition.id],
    );
    const jurorIds = jurors.map((j) => j.id);
    const companies = await this.dataSource.query<ConflictMatrix['companies']>(
      `SELECT co.id, co.name,
              count(n.id) FILTER (WHERE n.status NOT IN ('draft', 'withdrawn'))::int AS nominations
         FROM company_profiles co
         LEFT JOIN nomination_entries n ON n.company_id = co.id AND n.edition_id = $1
        WHERE co.id IN (SELECT company_id FROM nomination_entries WHERE edition_id = $1 AND status NOT IN ('draft', 'withdrawn'))
           OR co.id IN (SELECT company_id FROM juror_conflicts WHERE edition_id = $1 AND juror_id = ANY($2::uuid[]))
        GROUP BY co.id, co.name
        ORDER BY co.name, co.id`,
      [edition.id, jurorIds],
    );
    const cells = await this.dataSource.query<ConflictMatrix['cells']>(
      `SELECT jc.juror_id AS "jurorId", jc.company_id AS "companyId",
              array_agg(DISTINCT jc.source ORDER BY jc.source) AS sources,
              min(p.id::text) AS "awaitingDecision"
         FROM juror_conflicts jc
         LEFT JOIN pending_late_conflicts p
           ON p.edition_id = jc.edition_id AND p.juror_id = jc.juror_id AND p.company_id = jc.company_id
        WHERE jc.edition_id = $1 AND jc.juror_id = ANY($2::uuid[])
        GROUP BY jc.juror_id, jc.company_id
        ORDER BY jc.juror_id, jc.company_id`,
      [edition.id, jurorIds],
    );
    return {
      editionId: edition.id,
      jurors: jurors.map((j) => ({ ...j, confirmedAt: j.confirmedAt?.toISOString() ?? null })),
      companies,
      cells,
    };
  }
}

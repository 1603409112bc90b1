import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { escapeLike } from '../../common/escape-like.js';
import type { Page } from '../../common/http/pagination.js';
import { EditionErrors } from '../editions/editions.errors.js';
import { EditionsService } from '../editions/editions.service.js';
import type { ConflictMatrixQuery } from './dto/jury.dto.js';
import type { ConflictSource } from './views.js';

export interface ConflictMatrixJuror {
  id: string;
  fullName: string;
  /** The codes of the categories whose panel they sit on. */
  categories: string[];
  employerCompanyId: string | null;
  /** When they declared their list of conflicts complete; null while they have not. */
  confirmedAt: string | null;
}

export interface ConflictMatrixCompany {
  id: string;
  name: string;
  nominations: number;
}

export interface ConflictMatrix {
  editionId: string;
  /**
   * A page of the jurors in scope (the rows): those on a panel of the edition and those with a conflict recorded
   * in it, or with `categoryId` those on that category's panel. `undeclared`: how many of all of them (every
   * page) have not completed their declaration.
   */
  jurors: Page<ConflictMatrixJuror> & { undeclared: number };
  /**
   * A page of the companies (the columns): those with a nomination in the edition (submitted or later) and those
   * a juror in scope has a conflict with, or with `categoryId` those nominated in that category; narrowed by
   * `q` (name) and `conflicted` (at least one conflict with a juror in scope).
   */
  companies: Page<ConflictMatrixCompany>;
  /** The pairs of this page's jurors × this page's companies with a conflict, each with its sources. */
  cells: {
    jurorId: string;
    companyId: string;
    sources: ConflictSource[];
    /** A late conflict of the pair awaiting an organiser's decision, or none. */
    awaitingDecision: string | null;
  }[];
}

/**
 * The jurors in scope ($1 edition, $2 category or null): the category's panel, or every panel of the edition
 * and whoever has a recorded conflict in it.
 */
const SCOPE_JURORS = `
  scope_jurors AS (
    SELECT pm.juror_id AS id FROM panel_members pm
     WHERE pm.edition_id = $1 AND ($2::uuid IS NULL OR pm.category_id = $2)
    UNION
    SELECT x.juror_id FROM conflicts x
     WHERE $2::uuid IS NULL AND x.edition_id = $1 AND x.removed_at IS NULL
  )`;

/**
 * The companies in scope: a nomination submitted or later (in the category, when one is asked for); without a
 * category, also whoever a juror in scope has a conflict with (an automatic one included).
 */
const SCOPE_COMPANIES = `
  scope_companies AS (
    SELECT company_id AS id FROM nomination_entries
     WHERE edition_id = $1 AND ($2::uuid IS NULL OR category_id = $2) AND status NOT IN ('draft', 'withdrawn')
    UNION
    SELECT jc.company_id FROM juror_conflicts jc JOIN scope_jurors s ON s.id = jc.juror_id
     WHERE $2::uuid IS NULL AND jc.edition_id = $1
  )`;

/** The conflicts overview as a matrix of jurors × companies, a page of each at a time, for organisers. */
@Injectable()
export class ConflictMatrixService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
  ) {}

  async matrix(caller: Caller, editionId: string, query: ConflictMatrixQuery): Promise<ConflictMatrix> {
    const edition = await this.editions.findVisible(caller, editionId);
    const categoryId = query.categoryId ?? null;
    if (categoryId) {
      const [category] = await this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM edition_categories WHERE id = $1 AND edition_id = $2`,
        [categoryId, edition.id],
      );
      if (!category) throw new DomainError(EditionErrors.categoryNotFound);
    }
    const [jurors, companies] = await Promise.all([
      this.jurors(edition.id, categoryId, query),
      this.companies(edition.id, categoryId, query),
    ]);
    const cells =
      jurors.items.length && companies.items.length
        ? await this.dataSource.query<ConflictMatrix['cells']>(
            `SELECT jc.juror_id AS "jurorId", jc.company_id AS "companyId",
                    array_agg(DISTINCT jc.source ORDER BY jc.source) AS sources,
                    min(p.id::text) AS "awaitingDecision"
               FROM juror_conflicts jc
               LEFT JOIN pending_late_conflicts p
                 ON p.edition_id = jc.edition_id AND p.juror_id = jc.juror_id AND p.company_id = jc.company_id
              WHERE jc.edition_id = $1 AND jc.juror_id = ANY($2::uuid[]) AND jc.company_id = ANY($3::uuid[])
              GROUP BY jc.juror_id, jc.company_id
              ORDER BY jc.juror_id, jc.company_id`,
            [edition.id, jurors.items.map((j) => j.id), companies.items.map((c) => c.id)],
          )
        : [];
    return { editionId: edition.id, jurors, companies, cells };
  }

  private async jurors(
    editionId: string,
    categoryId: string | null,
    query: ConflictMatrixQuery,
  ): Promise<ConflictMatrix['jurors']> {
    const offset = (query.jurorPage - 1) * query.jurorPageSize;
    const rows = await this.dataSource.query<
      (Omit<ConflictMatrixJuror, 'confirmedAt'> & {
        confirmedAt: Date | null;
        total: number;
        undeclared: number;
      })[]
    >(
      `WITH ${SCOPE_JURORS},
       listed AS (
         SELECT u.id, u.full_name, u.employer_company_id, cc.confirmed_at,
                count(*) OVER ()::int AS total,
                (count(*) FILTER (WHERE cc.confirmed_at IS NULL) OVER ())::int AS undeclared
           FROM scope_jurors s
           JOIN user_directory u ON u.id = s.id AND 'juror' = ANY(u.roles)
           LEFT JOIN conflict_confirmations cc ON cc.edition_id = $1 AND cc.juror_id = u.id
          ORDER BY u.full_name, u.id
          LIMIT $3 OFFSET $4
       )
       SELECT l.id, l.full_name AS "fullName", l.employer_company_id AS "employerCompanyId",
              l.confirmed_at AS "confirmedAt", l.total, l.undeclared,
              coalesce((SELECT array_agg(c.code ORDER BY c.position, c.code)
                          FROM panel_members pm JOIN edition_categories c ON c.id = pm.category_id
                         WHERE pm.edition_id = $1 AND pm.juror_id = l.id), '{}') AS categories
         FROM listed l
        ORDER BY l.full_name, l.id`,
      [editionId, categoryId, query.jurorPageSize, offset],
    );
    // A page past the end has no row to carry the counts: count them on their own then.
    const counts = rows[0] ?? (await this.jurorCounts(editionId, categoryId));
    return {
      items: rows.map(({ total: _total, undeclared: _undeclared, confirmedAt, ...juror }) => ({
        ...juror,
        confirmedAt: confirmedAt?.toISOString() ?? null,
      })),
      page: query.jurorPage,
      pageSize: query.jurorPageSize,
      total: counts.total,
      undeclared: counts.undeclared,
    };
  }

  private async jurorCounts(
    editionId: string,
    categoryId: string | null,
  ): Promise<{ total: number; undeclared: number }> {
    const [counts] = await this.dataSource.query<[{ total: number; undeclared: number }]>(
      `WITH ${SCOPE_JURORS}
       SELECT count(*)::int AS total, (count(*) FILTER (WHERE cc.confirmed_at IS NULL))::int AS undeclared
         FROM scope_jurors s
         JOIN user_directory u ON u.id = s.id AND 'juror' = ANY(u.roles)
         LEFT JOIN conflict_confirmations cc ON cc.edition_id = $1 AND cc.juror_id = u.id`,
      [editionId, categoryId],
    );
    return counts;
  }

  private async companies(
    editionId: string,
    categoryId: string | null,
    query: ConflictMatrixQuery,
  ): Promise<ConflictMatrix['companies']> {
    const params: unknown[] = [editionId, categoryId];
    const where: string[] = [];
    if (query.q) where.push(`co.name ILIKE $${params.push(`%${escapeLike(query.q)}%`)}`);
    if (query.conflicted)
      where.push(`EXISTS (SELECT 1 FROM juror_conflicts jc JOIN scope_jurors s ON s.id = jc.juror_id
                          WHERE jc.edition_id = $1 AND jc.company_id = co.id)`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = params.push(query.pageSize);
    const offset = params.push(query.offset);
    const rows = await this.dataSource.query<(ConflictMatrixCompany & { total: number })[]>(
      `WITH ${SCOPE_JURORS}, ${SCOPE_COMPANIES},
       listed AS (
         SELECT co.id, co.name, count(*) OVER ()::int AS total
           FROM scope_companies sc JOIN company_profiles co ON co.id = sc.id
          ${filter}
          ORDER BY co.name, co.id
          LIMIT $${limit} OFFSET $${offset}
       )
       SELECT l.id, l.name, l.total,
              (SELECT count(*)::int FROM nomination_entries n
                WHERE n.company_id = l.id AND n.edition_id = $1 AND n.status NOT IN ('draft', 'withdrawn')) AS nominations
         FROM listed l
        ORDER BY l.name, l.id`,
      params,
    );
    let total = rows[0]?.total;
    if (total === undefined) {
      // A page past the end (or nothing at all): the count alone.
      const [counted] = await this.dataSource.query<[{ total: number }]>(
        `WITH ${SCOPE_JURORS}, ${SCOPE_COMPANIES}
         SELECT count(*)::int AS total FROM scope_companies sc JOIN company_profiles co ON co.id = sc.id
          ${filter}`,
        params.slice(0, limit - 1),
      );
      total = counted.total;
    }
    return {
      items: rows.map(({ total: _total, ...company }) => company),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }
}

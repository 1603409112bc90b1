import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CsvCell, toCsv } from '../../common/csv.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { escapeLike } from '../../common/escape-like.js';
import { categoryNamesOf, findEdition } from '../editions/edition.queries.js';
import { EditionErrors } from '../editions/editions.errors.js';
import type { NominationExportQuery } from './dto/nomination.dto.js';

const HEADER = [
  'id',
  'title',
  'company',
  'country',
  'category',
  'category_name',
  'status',
  'submitted_at',
  'eligibility_decided_at',
  'ineligibility_reason',
  'attachments',
  'summary',
] as const;

interface ExportRow {
  id: string;
  title: string;
  company: string;
  country: string;
  category_id: string;
  status: string;
  submitted_at: Date | null;
  eligibility_decided_at: Date | null;
  ineligibility_reason: string | null;
  attachments: number;
  summary: string;
}

/**
 * An edition's nominations as CSV for organisers (the console's export): the list's filters, every matching
 * row (an edition has a few thousand at most), drafts included only when asked for by status. Cells go
 * through the same writer as the results CSV, so text a spreadsheet would run as a formula is defused.
 */
@Injectable()
export class NominationExport {
  constructor(private readonly dataSource: DataSource) {}

  async csv(editionId: string, query: NominationExportQuery): Promise<string> {
    const manager = this.dataSource.manager;
    if (!(await findEdition(manager, editionId))) throw new DomainError(EditionErrors.notFound);
    const params: unknown[] = [editionId];
    const where = ['n.edition_id = $1'];
    // A draft is the company's own business until it is submitted: left out unless asked for.
    where.push(query.status ? `n.status = $${params.push(query.status)}` : `n.status <> 'draft'`);
    if (query.categoryId) where.push(`n.category_id = $${params.push(query.categoryId)}`);
    if (query.companyId) where.push(`n.company_id = $${params.push(query.companyId)}`);
    if (query.q) {
      const pattern = `$${params.push(`%${escapeLike(query.q)}%`)}`;
      where.push(`(n.title ILIKE ${pattern} OR n.summary ILIKE ${pattern})`);
    }
    const [rows, categories] = await Promise.all([
      manager.query<ExportRow[]>(
        `SELECT n.id, n.title, c.name AS company, c.country, n.category_id, n.status, n.submitted_at,
                n.eligibility_decided_at, n.ineligibility_reason, n.summary,
                (SELECT count(*)::int FROM attachments a WHERE a.nomination_id = n.id) AS attachments
           FROM nominations n JOIN company_profiles c ON c.id = n.company_id
          WHERE ${where.join(' AND ')}
          ORDER BY n.submitted_at NULLS LAST, n.id`,
        params,
      ),
      categoryNamesOf(manager, editionId),
    ]);
    const byId = new Map(categories.map((category) => [category.id, category]));
    return toCsv(
      HEADER,
      rows.map((row): CsvCell[] => {
        const category = byId.get(row.category_id);
        return [
          row.id,
          row.title,
          row.company,
          row.country,
          category?.code,
          category?.name.en,
          row.status,
          row.submitted_at?.toISOString(),
          row.eligibility_decided_at?.toISOString(),
          row.ineligibility_reason,
          row.attachments,
          row.summary,
        ];
      }),
    );
  }
}

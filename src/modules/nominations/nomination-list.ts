import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { escapeLike } from '../../common/escape-like.js';
import { NOMINATION_SORTS, type NominationQuery } from './dto/nomination.dto.js';
import type { NominationStatus } from './entities/nomination.entity.js';
import { NominationAccess } from './nomination-access.js';

/** One row of the list, as the JSON the route answers (times as ISO 8601 UTC strings). */
export interface NominationListItem {
  id: string;
  editionId: string;
  categoryId: string;
  companyId: string;
  companyName: string;
  title: string;
  status: NominationStatus;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The list's times leave PostgreSQL as `timestamp` (UTC) inside its JSON, which it writes as ISO 8601 with
 * up to six fractional digits and no zone, whatever the session's DateStyle (formatting them there with
 * to_char made the query a third slower under pgbench). This gives them the API's form, that of
 * JavaScript's toISOString: milliseconds, truncated, and Z. Only real keys match: inside a JSON string
 * every quote is escaped, so text an entrant wrote can never look like `"createdAt":"…`.
 */
const PG_JSON_TIMES =
  /"(submittedAt|createdAt|updatedAt)":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?"/g;

export function isoTimes(json: string): string {
  return json.replace(
    PG_JSON_TIMES,
    (_match, key: string, seconds: string, fraction = '') =>
      `"${key}":"${seconds}.${`${fraction}000`.slice(0, 3)}Z"`,
  );
}

const UTC = (column: string): string => `(${column} AT TIME ZONE 'UTC')`;

/** Totals at least this large may be answered from a count at most TOTAL_TTL_MS old. */
const CACHEABLE_TOTAL = 1000;
const TOTAL_TTL_MS = 1000;
const TOTALS_KEPT = 1000;

/**
 * The nomination list, on the hot path. PostgreSQL renders the page's items as JSON text in one prepared
 * statement and the text goes out as it is: no entity hydration, no class-transformer, no JSON parse and
 * stringify in Node. Which rows the caller may see comes from `NominationAccess.visibleTo`, like
 * everywhere else.
 *
 * The total costs a count over every matching row, which for thousands of rows is most of the request's
 * work. So: a partial page gives the total for free (offset + rows); a small total is counted every time
 * (it is cheap); a large one (≥ 1000) is reused for up to a second per API instance, so under load it lags
 * writes by at most that — the items themselves are always current.
 */
@Injectable()
export class NominationList {
  private readonly totals = new Map<string, { total: number; countedAt: number }>();
  private readonly counting = new Map<string, Promise<number>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: NominationAccess,
  ) {}

  /** The page as a JSON document `{ items, page, pageSize, total }`. */
  async listJson(caller: Caller, query: NominationQuery): Promise<string> {
    const params: unknown[] = [];
    const where = [this.access.visibleTo(caller, params)];
    if (query.editionId) where.push(`n.edition_id = $${params.push(query.editionId)}`);
    if (query.categoryId) where.push(`n.category_id = $${params.push(query.categoryId)}`);
    if (query.companyId) where.push(`n.company_id = $${params.push(query.companyId)}`);
    if (query.status) where.push(`n.status = $${params.push(query.status)}`);
    if (query.q) {
      const pattern = `$${params.push(`%${escapeLike(query.q)}%`)}`;
      where.push(`(n.title ILIKE ${pattern} OR n.summary ILIKE ${pattern})`);
    }
    const filter = where.join(' AND ');
    // Both come from allow-lists (the DTO validated them); the id makes the order total, so pages never
    // overlap. Drafts have no submission time and go last; the other keys are NOT NULL, and leaving their
    // NULLS order at the default lets a (backward) index scan serve the page.
    const column = NOMINATION_SORTS[query.sort];
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const nulls = query.sort === 'submittedAt' ? 'NULLS LAST' : '';
    // Each item is row_to_json of a row with the response's own names: compact JSON text, in page order.
    const pageText = `
      SELECT '[' || coalesce(string_agg(row_to_json(r)::text, ',' ORDER BY p.sort_key ${direction} ${nulls}, p.id ${direction}), '') || ']' AS items,
             count(*)::int AS rows
        FROM (SELECT n.id, n.edition_id, n.category_id, n.company_id, c.name AS company_name, n.title, n.status,
                     n.submitted_at, n.created_at, n.updated_at, ${column} AS sort_key
                FROM nominations n JOIN companies c ON c.id = n.company_id
               WHERE ${filter}
               ORDER BY ${column} ${direction} ${nulls}, n.id ${direction}
               LIMIT $${params.length + 1}::int OFFSET $${params.length + 2}::int) p,
             LATERAL (SELECT p.id, p.edition_id AS "editionId", p.category_id AS "categoryId", p.company_id AS "companyId",
                             p.company_name AS "companyName", p.title, p.status, ${UTC('p.submitted_at')} AS "submittedAt",
                             ${UTC('p.created_at')} AS "createdAt", ${UTC('p.updated_at')} AS "updatedAt") r`;
    const [page] = await this.run<{ items: string; rows: number }>(pageText, [
      ...params,
      query.pageSize,
      query.offset,
    ]);
    const rows = page?.rows ?? 0;
    const total =
      rows < query.pageSize && (rows > 0 || query.offset === 0)
        ? query.offset + rows
        : await this.total(filter, params);
    return `{"items":${page ? isoTimes(page.items) : '[]'},"page":${query.page},"pageSize":${query.pageSize},"total":${total}}`;
  }

  private async total(filter: string, params: unknown[]): Promise<number> {
    const text = `SELECT count(*)::int AS n FROM nominations n WHERE ${filter}`;
    const key = `${text}\u0000${JSON.stringify(params)}`;
    const cached = this.totals.get(key);
    if (cached && cached.total >= CACHEABLE_TOTAL && Date.now() - cached.countedAt < TOTAL_TTL_MS)
      return cached.total;
    // When a large total expires under load, one request recounts and the others arriving meanwhile wait for it.
    const pending = this.counting.get(key);
    if (pending && cached && cached.total >= CACHEABLE_TOTAL) return pending;
    const countedAt = Date.now();
    const counting = this.run<{ n: number }>(text, params).then(([row]) => row?.n ?? 0);
    this.counting.set(key, counting);
    try {
      const total = await counting;
      this.totals.delete(key);
      this.totals.set(key, { total, countedAt });
      // A Map iterates in insertion order: the first key is the least recently counted.
      if (this.totals.size > TOTALS_KEPT) this.totals.delete(this.totals.keys().next().value!);
      return total;
    } finally {
      if (this.counting.get(key) === counting) this.counting.delete(key);
    }
  }

  /** Named: each pooled connection prepares the statement once and skips parsing and planning after. */
  private async run<T extends object>(text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const name = `nominations_list_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    return (await pool.query<T>({ name, text, values })).rows;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { escapeLike } from '../../common/escape-like.js';
import { runPrepared, runPreparedText, StatementNames } from '../../database/prepared-statements.js';
import { NOMINATION_SORTS, type NominationQuery } from './dto/nomination.dto.js';
import type { NominationStatus } from './entities/nomination.entity.js';
import { NominationAccess } from './nomination-access.js';
import { shownStatusSql } from './shortlist-visibility.js';

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
 * A UTC `timestamp` as PostgreSQL writes it under DateStyle ISO (its default, and the only style
 * node-postgres reads times in), e.g. `2026-11-28 10:00:00.123456` with 0–6 fractional digits, in the API's
 * form, that of JavaScript's toISOString: milliseconds, truncated, and Z. Done on the text: a Date per time
 * would cost more than the rest of the row. Any other shape (another DateStyle, a five-digit or BC year,
 * infinity) is refused rather than guessed at.
 */
export function isoTime(text: string): string {
  const n = text.length;
  const shaped =
    (n === 19 || (n >= 21 && n <= 26 && text[19] === '.')) &&
    text[4] === '-' &&
    text[7] === '-' &&
    text[10] === ' ' &&
    text[13] === ':' &&
    text[16] === ':';
  if (!shaped) throw new Error(`Not an ISO timestamp from PostgreSQL: ${text}`);
  const millis = n >= 23 ? text.slice(20, 23) : `${text.slice(20)}000`.slice(0, 3);
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${millis}Z`;
}

const UTC = (column: string): string => `(${column} AT TIME ZONE 'UTC')`;

/**
 * One row of the page statement (see its select list) as the JSON of a `NominationListItem`, written
 * directly: building an object per row for JSON.stringify was most of the server's work on this route.
 * Ids are PostgreSQL uuids, the status one of the values the table's CHECK allows and the times come
 * from `isoTime`, so none of them needs escaping; the two names go through JSON.stringify.
 */
export function listItemJson(row: (string | null)[]): string {
  const [
    id,
    editionId,
    categoryId,
    companyId,
    companyName,
    title,
    status,
    submittedAt,
    createdAt,
    updatedAt,
  ] = row as [string, string, string, string, string, string, string, string | null, string, string];
  return (
    `{"id":"${id}","editionId":"${editionId}","categoryId":"${categoryId}","companyId":"${companyId}",` +
    `"companyName":${JSON.stringify(companyName)},"title":${JSON.stringify(title)},"status":"${status}",` +
    `"submittedAt":${submittedAt === null ? 'null' : `"${isoTime(submittedAt)}"`},` +
    `"createdAt":"${isoTime(createdAt)}","updatedAt":"${isoTime(updatedAt)}"}`
  );
}

/**
 * The statements this list may name: a handful of filter combinations, sorts and page sizes in real use,
 * far fewer than the cap, which only stops a caller from making every connection hold thousands.
 */
const statementNames = new StatementNames('nominations_list', 200);

/** Totals at least this large may be answered from a count at most TOTAL_TTL_MS old. */
const CACHEABLE_TOTAL = 1000;
const TOTAL_TTL_MS = 1000;
const TOTALS_KEPT = 1000;

/**
 * The nomination list, on the hot path: one prepared statement returns the page's rows as text, and they
 * are written out as JSON text — no entity hydration, no class-transformer, no Date objects. Which rows
 * the caller may see comes from `NominationAccess.visibleTo`, like everywhere else.
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
    // The status as the caller sees it: an unannounced shortlist is not found by `status=shortlisted`.
    const status = shownStatusSql(caller);
    if (query.status) where.push(`${status} = $${params.push(query.status)}`);
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
    // A first page (most requests) states its size in the text (a validated integer of 1–100). With LIMIT
    // and OFFSET as parameters, PostgreSQL prices a generic plan as if a tenth of the table were read and so
    // plans afresh every call, which costs as much as running it; later pages still pay that.
    const pageParams = [...params];
    const window =
      query.offset === 0
        ? `LIMIT ${query.pageSize}`
        : `LIMIT $${pageParams.push(query.pageSize)}::int OFFSET $${pageParams.push(query.offset)}::int`;
    // Plain rows in the response's order of fields; Node writes the JSON. (PostgreSQL writing it with
    // row_to_json and string_agg cost it twice the CPU of the rows themselves.)
    const pageText = `
      SELECT n.id, n.edition_id, n.category_id, n.company_id, c.name AS company_name, n.title, ${status} AS status,
             ${UTC('n.submitted_at')} AS submitted_at, ${UTC('n.created_at')} AS created_at,
             ${UTC('n.updated_at')} AS updated_at
        FROM nominations n JOIN company_profiles c ON c.id = n.company_id
       WHERE ${filter}
       ORDER BY ${column} ${direction} ${nulls}, n.id ${direction}
       ${window}`;
    const rows = await runPreparedText(
      this.dataSource,
      statementNames.nameFor(pageText),
      pageText,
      pageParams,
    );
    const total =
      rows.length < query.pageSize && (rows.length > 0 || query.offset === 0)
        ? query.offset + rows.length
        : await this.total(filter, params);
    let items = '';
    for (const row of rows) items += `${items ? ',' : ''}${listItemJson(row)}`;
    return `{"items":[${items}],"page":${query.page},"pageSize":${query.pageSize},"total":${total}}`;
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
    const counting = runPrepared<{ n: number }>(
      this.dataSource,
      statementNames.nameFor(text),
      text,
      params,
    ).then(([row]) => row?.n ?? 0);
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
}

import { createHash } from 'node:crypto';
import type { CustomTypesConfig, Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

function pool(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}

/**
 * Runs a named statement on the application's own connection pool. PostgreSQL parses a named statement
 * once per connection and can reuse its plan; the hot paths (scorecard saves, the nomination list) run
 * statements whose parsing and planning cost as much as running them. TypeORM's `query()` sends unnamed
 * statements, parsed and planned afresh each time. Without a name (`undefined`) it runs unnamed too.
 */
export async function runPrepared<T>(
  dataSource: DataSource,
  name: string | undefined,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const result = await pool(dataSource).query<T & object>({ name, text, values });
  return result.rows;
}

/** Every column as PostgreSQL's text (or null): for callers that write the values out as they came. */
const asText = (value: string): string => value;
const AS_TEXT: CustomTypesConfig = { getTypeParser: () => asText };

/** Like `runPrepared`, with each row as an array of the columns' texts, in the statement's order. */
export async function runPreparedText(
  dataSource: DataSource,
  name: string | undefined,
  text: string,
  values: unknown[],
): Promise<(string | null)[][]> {
  const result = await pool(dataSource).query<(string | null)[]>({
    name,
    text,
    values,
    rowMode: 'array',
    types: AS_TEXT,
  });
  return result.rows;
}

/**
 * Names for statements whose text is built from a request (filters, sort, page size). Every connection
 * keeps each named statement until it closes, so the number of names is capped: the first `max` distinct
 * texts are named, later ones run unnamed (correct, only planned each time). Callers cannot grow the
 * database's memory by varying their queries.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly prefix: string,
    private readonly max: number,
  ) {}

  nameFor(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.max) {
      name = `${this.prefix}_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.names.set(text, name);
    }
    return name;
  }
}

import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * Runs a named statement on the application's own connection pool. PostgreSQL parses and plans a named
 * statement once per connection and reuses the plan; the scorecard queries read views whose expansion
 * (conflicts, standing assignments) costs far more to plan than to run, and they run on every keystroke
 * a juror saves. TypeORM's `query()` sends unnamed statements, planned afresh each time.
 */
export async function runPrepared<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query<T & object>({ name, text, values });
  return result.rows;
}

import { describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { describeDatabaseFailure, ensureDatabase } from './prepare-database.js';

/** What an operator reads when PostgreSQL refuses the start (against the real local server). */
async function failureOf(url: string, create = false): Promise<string> {
  try {
    await ensureDatabase(url, new Logger('test'), create);
  } catch (error) {
    return describeDatabaseFailure(error, { DATABASE_URL: url });
  }
  throw new Error('PostgreSQL accepted the connection');
}

describe('describeDatabaseFailure', () => {
  it('names DATABASE_URL and the fix, password masked', async () => {
    const wrongRole = await failureOf('postgres://no_such_role_zz:hunter2@127.0.0.1:5432/postgres');
    expect(wrongRole).toMatch(
      /^PostgreSQL refused the credentials .*correct the user and password in DATABASE_URL$/,
    );
    expect(wrongRole).toContain('postgres://no_such_role_zz:***@127.0.0.1:5432/postgres');
    expect(wrongRole).not.toContain('hunter2');

    expect(await failureOf('postgres://postgres@127.0.0.1:5432/magistral_missing_zz')).toBe(
      'PostgreSQL database "magistral_missing_zz" does not exist (DATABASE_URL=postgres://postgres@127.0.0.1:5432/magistral_missing_zz): create it, or set DATABASE_CREATE=true to let the server create it',
    );
  });
});

import { QueryFailedError } from 'typeorm';

interface PgDriverError extends Error {
  code?: string;
  constraint?: string;
}

function pgError(error: unknown): PgDriverError | undefined {
  return error instanceof QueryFailedError ? (error.driverError as PgDriverError) : undefined;
}

/** A unique constraint refused the write: the database, not a prior SELECT, decides who was first. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driver = pgError(error);
  return driver?.code === '23505' && driver.constraint === constraint;
}

/** A row another table still refers to (e.g. a nomination in a category) could not be deleted. */
export function isForeignKeyViolation(error: unknown): boolean {
  return pgError(error)?.code === '23503';
}

import type { components } from './schema';

/** An RFC 9457 problem document as the server sends it (see src/common/errors/problem.filter.ts). */
// Those the app makes up itself (an unreachable server) have no `type`.
export type Problem = Omit<components['schemas']['Problem'], 'type'>;
export type FieldProblem = NonNullable<Problem['errors']>[number];
/** One rule a field broke: a code (`maxLength`) and the field's own limits (`{ max: 200 }`). */
export type FieldRule = NonNullable<FieldProblem['codes']>[number];

/** One refusal of a field: the server's English message and, where it sent one, its rule. */
export interface FieldRefusal {
  message: string;
  rule: FieldRule | null;
}

/** What every failed API call throws, so that React Query hands screens the server's own words. */
export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`${problem.code}: ${problem.title}`);
    this.name = 'ApiError';
  }

  /** The refusals of one field of a validation failure, if any, each message with its rule. */
  fieldRefusals(field: string): FieldRefusal[] {
    return (
      this.problem.errors
        ?.filter((e) => e.field === field)
        .flatMap((e) => e.messages.map((message, i) => ({ message, rule: e.codes?.[i] ?? null }))) ?? []
    );
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { title?: unknown }).title === 'string'
  );
}

/** Turns whatever a failed response carried into an ApiError (network failures included). */
export function toApiError(error: unknown, response: Response | undefined): ApiError {
  const retryAfter = Number(response?.headers.get('retry-after') ?? NaN);
  const seconds = Number.isFinite(retryAfter) ? retryAfter : null;
  if (isProblem(error)) return new ApiError({ ...error, status: response?.status ?? 0 }, seconds);
  return new ApiError(
    {
      code: response ? `http.${response.status}` : 'network.unreachable',
      title: response ? response.statusText : 'The server cannot be reached',
      status: response?.status ?? 0,
    },
    seconds,
  );
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

import { CommonErrors, DomainError } from '../errors/domain-error.js';

/** The strong ETag of a versioned resource: `"<version>"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

function badIfMatch(resource: string): DomainError {
  return new DomainError(
    CommonErrors.validation,
    `If-Match must hold the ETag of the ${resource}, e.g. "3"`,
    {
      errors: [{ field: 'If-Match', messages: ['must be an ETag such as "3"'] }],
    },
  );
}

/**
 * Reads `If-Match`: undefined when absent or `*` (no precondition), otherwise the versions the client says
 * it last saw. Weak tags (`W/"3"`) are accepted too: the version names the whole representation.
 */
export function parseIfMatch(header: string | undefined, resource = 'resource'): number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const versions = header.split(',').map((tag) => /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(tag)?.[1]);
  if (!versions.length || versions.some((v) => v === undefined)) throw badIfMatch(resource);
  return versions.map(Number);
}

/** The one version an `If-Match` names, for resources whose writes compare a single version. */
export function parseIfMatchVersion(header: string | undefined, resource: string): number | undefined {
  const versions = parseIfMatch(header, resource);
  if (versions && versions.length !== 1) throw badIfMatch(resource);
  return versions?.[0];
}

/** Refuses with 409 `request.stale_version` when the client's version is not the current one. */
export function assertFresh(expected: number[] | undefined, current: number, resource = 'resource'): void {
  if (expected && !expected.includes(current)) {
    throw new DomainError(
      CommonErrors.staleVersion,
      `The ${resource} is at version ${current}; read it again and reapply your change.`,
      { currentVersion: current },
      { ETag: etagOf(current) },
    );
  }
}

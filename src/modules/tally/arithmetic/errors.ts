/**
 * The input broke an invariant the caller promised (unknown nomination, missing criterion score, malformed
 * weight…). Thrown rather than tallied around: a silently "corrected" input would publish a wrong ranking.
 */
export class TallyInputError extends Error {
  override readonly name = 'TallyInputError';
}

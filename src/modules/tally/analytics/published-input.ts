/**
 * A category's tally input as a results manifest publishes it: jurors by their pseudonym, everything in the
 * one order a manifest lists it. Pure, no Node import. The manifest (publication/manifest.ts) lays out its
 * categories with it, and the tally job computes the published jury statistics from it, so the statistics
 * stored with a snapshot are those a manifest of that snapshot states and a verifier recomputes.
 */
import { compareIds, type TallyInput } from '../arithmetic/tally.js';

/**
 * `input` with each juror replaced by `pseudonym(juror)` (by default, jurors as they are: already
 * pseudonyms), criteria by code, nominations by id, scorecards by nomination then (pseudonymous) juror.
 */
export function publishedInput(
  input: TallyInput,
  pseudonym: (jurorId: string) => string = (juror) => juror,
): TallyInput {
  return {
    rules: {
      method: input.rules.method,
      tieBreakers: [...input.rules.tieBreakers],
      minScorecards: input.rules.minScorecards,
    },
    criteria: [...input.criteria].sort((a, b) => compareIds(a.code, b.code)),
    nominations: [...input.nominations].sort(compareIds),
    scorecards: input.scorecards
      .map((card) => ({
        juror: pseudonym(card.juror),
        nomination: card.nomination,
        scores: { ...card.scores },
      }))
      .sort((a, b) => compareIds(a.nomination, b.nomination) || compareIds(a.juror, b.juror)),
  };
}

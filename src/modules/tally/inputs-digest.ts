import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json.js';
import { at } from '../../common/checked-index.js';
import {
  compareIds,
  TALLY_ALGORITHM_VERSION,
  type TallyInput,
  type TallyScorecard,
} from './arithmetic/tally.js';

/**
 * The document a tally's inputs digest is the SHA-256 of: the algorithm version and the input with every
 * list in a canonical order, so the same scorecards read in any order give the same digest. The algorithm
 * is part of it: a new version of the rules computes a new snapshot from the same scorecards.
 */
export function canonicalInputs(input: TallyInput): {
  algorithm: string;
  criteria: TallyInput['criteria'];
  nominations: string[];
  rules: TallyInput['rules'];
  scorecards: TallyScorecard[];
} {
  return {
    algorithm: TALLY_ALGORITHM_VERSION,
    criteria: [...input.criteria].sort((a, b) => compareIds(a.code, b.code)),
    nominations: [...input.nominations].sort(compareIds),
    rules: input.rules,
    scorecards: sortedScorecards(input.scorecards),
  };
}

/**
 * SHA-256 (hex) of `canonicalJson(canonicalInputs(input))`, written out by hand for the scorecards: a
 * category holds tens of thousands of them and the generic serialiser would dominate the tally's time.
 * A unit test holds the two equal.
 */
export function inputsDigest(input: TallyInput): string {
  const document = canonicalInputs(input);
  const { scorecards, ...rest } = document;
  const head = canonicalJson(rest);
  const hash = createHash('sha256');
  // `scorecards` sorts last among the keys, so the document is `{…rest,"scorecards":[…]}`.
  hash.update(`${head.slice(0, -1)},"scorecards":[`);
  // Usually every scorecard scores exactly the category's criteria with integers: then their canonical
  // form is the sorted codes' prefixes and the numbers. Anything else takes the generic path.
  const codes = document.criteria.map((c) => c.code);
  const prefixes = codes.map((code) => `${JSON.stringify(code)}:`);
  let chunk = '';
  for (const [i, card] of scorecards.entries()) {
    chunk += `${i === 0 ? '' : ','}{"juror":${JSON.stringify(card.juror)},"nomination":${JSON.stringify(card.nomination)},"scores":{${canonicalScores(card.scores, codes, prefixes)}}}`;
    if (chunk.length > 65_536) {
      hash.update(chunk);
      chunk = '';
    }
  }
  hash.update(`${chunk}]}`);
  return hash.digest('hex');
}

function canonicalScores(
  scores: Readonly<Record<string, number>>,
  codes: readonly string[],
  prefixes: readonly string[],
): string {
  let out = '';
  let seen = 0;
  for (const [k, code] of codes.entries()) {
    const value = scores[code];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value)) return genericScores(scores);
    out += `${seen === 0 ? '' : ','}${at(prefixes, k)}${value}`;
    seen++;
  }
  return seen === Object.keys(scores).length ? out : genericScores(scores);
}

function genericScores(scores: Readonly<Record<string, number>>): string {
  return canonicalJson(scores).slice(1, -1);
}

function sortedScorecards(scorecards: readonly TallyScorecard[]): TallyScorecard[] {
  return [...scorecards].sort(
    (a, b) => compareIds(a.nomination, b.nomination) || compareIds(a.juror, b.juror),
  );
}

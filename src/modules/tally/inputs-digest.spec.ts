import { describe, expect, it } from '@jest/globals';
import { canonicalJson, sha256Hex } from '../../common/canonical-json.js';
import type { TallyInput } from './arithmetic/tally.js';
import { canonicalInputs, inputsDigest } from './inputs-digest.js';

const input: TallyInput = {
  rules: { method: 'zscore', tieBreakers: ['median', 'criterion:cost'], minScorecards: 2 },
  criteria: [
    { code: 'speed', weight: '2' },
    { code: 'cost', weight: '1.5' },
  ],
  nominations: ['n2', 'n1', 'n3'],
  scorecards: [
    { juror: 'jb', nomination: 'n2', scores: { speed: 4, cost: 9 } },
    { juror: 'ja', nomination: 'n2', scores: { cost: 1, speed: 10 } },
    { juror: 'ja', nomination: 'n1', scores: { speed: 0, cost: 7 } },
  ],
};

describe('inputsDigest', () => {
  it('is the SHA-256 of the canonical JSON of the canonical inputs', () => {
    expect(inputsDigest(input)).toBe(sha256Hex(canonicalJson(canonicalInputs(input))));
  });

  it('does not depend on the order of anything in the input', () => {
    const shuffled: TallyInput = {
      ...input,
      criteria: [...input.criteria].reverse(),
      nominations: [...input.nominations].reverse(),
      scorecards: [...input.scorecards]
        .reverse()
        .map((card) => ({ ...card, scores: Object.fromEntries(Object.entries(card.scores).reverse()) })),
    };
    expect(inputsDigest(shuffled)).toBe(inputsDigest(input));
  });

  it('changes with a single score, a weight, the field or the rules', () => {
    const digest = inputsDigest(input);
    const changedScore = {
      ...input,
      scorecards: input.scorecards.map((card, i) =>
        i === 0 ? { ...card, scores: { ...card.scores, cost: 8 } } : card,
      ),
    };
    expect(inputsDigest(changedScore)).not.toBe(digest);
    expect(
      inputsDigest({
        ...input,
        criteria: [
          { code: 'speed', weight: '2' },
          { code: 'cost', weight: '1.6' },
        ],
      }),
    ).not.toBe(digest);
    expect(inputsDigest({ ...input, nominations: ['n1', 'n2'] })).not.toBe(digest);
    expect(inputsDigest({ ...input, rules: { ...input.rules, method: 'mean' } })).not.toBe(digest);
  });

  it('handles a category without scorecards', () => {
    const empty = { ...input, scorecards: [] };
    expect(inputsDigest(empty)).toBe(sha256Hex(canonicalJson(canonicalInputs(empty))));
  });
});

describe('inputsDigest on unusual scores', () => {
  it('agrees with the generic serialisation for missing, extra and non-integer scores', () => {
    const odd: TallyInput = {
      ...input,
      scorecards: [
        { juror: 'ja', nomination: 'n1', scores: { speed: 1 } },
        { juror: 'jb', nomination: 'n1', scores: { speed: 1, cost: 2, zeta: 3 } },
        { juror: 'jc', nomination: 'n1', scores: { speed: 1.5, cost: -0 } },
        { juror: 'jd', nomination: 'n1', scores: { 'a"b': 1, cost: 1e21 } },
      ],
    };
    expect(inputsDigest(odd)).toBe(sha256Hex(canonicalJson(canonicalInputs(odd))));
  });
});

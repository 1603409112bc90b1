import { describe, expect, it } from '@jest/globals';
import { scoreProblems } from './scorecard-rules.js';

const criteria = [
  { code: 'cost', min: 0, max: 10 },
  { code: 'speed', min: 1, max: 5 },
];

describe('scoreProblems', () => {
  it('accepts integers within each scale, partially for a draft', () => {
    expect(scoreProblems(criteria, { cost: 0, speed: 5 }, { complete: true })).toEqual([]);
    expect(scoreProblems(criteria, { speed: 1 }, { complete: false })).toEqual([]);
    expect(scoreProblems(criteria, {}, { complete: false })).toEqual([]);
  });

  it('refuses unknown criteria, non-integers and values outside the scale', () => {
    expect(
      scoreProblems(criteria, { cost: 11, speed: 0, taste: 3 }, { complete: false }).map((p) => p.field),
    ).toEqual(['scores.cost', 'scores.speed', 'scores.taste']);
    expect(scoreProblems(criteria, { cost: 7.5 }, { complete: false })[0]!.messages).toEqual([
      'must be an integer',
    ]);
    expect(scoreProblems(criteria, { cost: '7' }, { complete: false })[0]!.messages).toEqual([
      'must be an integer',
    ]);
    expect(scoreProblems(criteria, { cost: null }, { complete: false })[0]!.messages).toEqual([
      'must be an integer',
    ]);
  });

  it('names every missing criterion when the scorecard must be complete', () => {
    expect(scoreProblems(criteria, { cost: 3 }, { complete: true })).toEqual([
      { field: 'scores.speed', messages: ['is required to submit'] },
    ]);
  });
});

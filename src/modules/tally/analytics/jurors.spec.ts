import { describe, expect, it } from '@jest/globals';

import { jurorDiagnostics, spearman, type JurorScorecard } from './jurors.js';

function card(
  juror: string,
  nomination: string,
  total: number,
  scores: Record<string, number> = {},
): JurorScorecard {
  return { juror, nomination, total, scores };
}

describe('juror diagnostics', () => {
  it("computes Spearman's ρ as Wikipedia's worked example does (IQ against hours of TV: ρ = −29/165)", () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    const [rho] = spearman(iq, tv);
    expect(rho).toBeCloseTo(-29 / 165, 12);
  });

  it('says how much higher or lower a juror marks than the others on the same nominations, also in σ', () => {
    const cards = [
      card('kind', 'n1', 9),
      card('kind', 'n2', 8),
      card('kind', 'n3', 10),
      card('a', 'n1', 5),
      card('a', 'n2', 4),
      card('a', 'n3', 6),
      card('b', 'n1', 5),
      card('b', 'n2', 4),
      card('b', 'n3', 6),
      // Nobody else scored n4: it says nothing about leniency.
      card('kind', 'n4', 2),
    ];
    const [a, , kind] = jurorDiagnostics(cards, 2);
    expect(kind).toMatchObject({
      juror: 'kind',
      scorecards: 4,
      shared: 3,
      leniency: 4,
      leniencySigma: 2,
      agreement: 1,
    });
    expect(kind!.flags).toEqual([{ code: 'lenient', value: 2, threshold: 1 }]);
    // "a" against the mean of "b" and "kind": 4 points lower on each.
    expect(a).toMatchObject({ leniency: -2, leniencySigma: -1, agreement: 1, flags: [] });
  });

  it('flags a juror whose order disagrees with the others, with the value and the threshold', () => {
    const cards = ['n1', 'n2', 'n3', 'n4'].flatMap((n, i) => [
      card('x', n, i),
      card('y', n, i),
      card('contrary', n, 3 - i),
    ]);
    const contrary = jurorDiagnostics(cards, 1, { minAgreement: 0.3, maxLeniencySigma: 5 }).find(
      (d) => d.juror === 'contrary',
    );
    expect(contrary?.agreement).toBe(-1);
    expect(contrary?.flags).toEqual([{ code: 'low_agreement', value: -1, threshold: 0.3 }]);
  });

  it('leaves agreement out, with the reason, on fewer than three shared nominations or without variation', () => {
    const few = jurorDiagnostics(
      [card('a', 'n1', 1), card('b', 'n1', 2), card('a', 'n2', 3), card('b', 'n2', 1)],
      1,
    );
    expect(few[0]).toMatchObject({ agreement: null, agreementReason: 'too_few_shared', flags: [] });
    const flat = jurorDiagnostics(
      ['n1', 'n2', 'n3'].flatMap((n, i) => [card('a', n, 5), card('b', n, i)]),
      1,
    );
    expect(flat[0]).toMatchObject({ agreement: null, agreementReason: 'no_variance' });
  });

  it('reports the lowest and highest mark a juror used on each criterion', () => {
    const [only] = jurorDiagnostics(
      [
        card('a', 'n1', 0, { safety: 6, cost: 8 }),
        card('a', 'n2', 0, { safety: 7, cost: 7 }),
        card('a', 'n3', 0, { safety: 8, cost: 6 }),
      ],
      1,
    );
    expect(only!.scaleUse).toEqual([
      { criterion: 'cost', lowest: 6, highest: 8 },
      { criterion: 'safety', lowest: 6, highest: 8 },
    ]);
  });
});

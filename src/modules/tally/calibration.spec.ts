import { calibrationStatistics } from './calibration.js';

const criteria = [
  { code: 'impact', weight: '2' },
  { code: 'novelty', weight: '1' },
];

describe('calibrationStatistics', () => {
  it("gives each juror's total, the panel's median and the deviation from it, exactly", () => {
    const stats = calibrationStatistics(
      [{ nomination: 'n1', criteria }],
      [
        // totals: (2·8 + 1·5)/3 = 7, (2·6 + 1·6)/3 = 6, (2·10 + 1·7)/3 = 9
        { nomination: 'n1', juror: 'b', scores: { impact: 6, novelty: 6 } },
        { nomination: 'n1', juror: 'a', scores: { impact: 8, novelty: 5 } },
        { nomination: 'n1', juror: 'c', scores: { impact: 10, novelty: 7 } },
      ],
    );
    expect(stats.entries).toEqual([
      {
        nomination: 'n1',
        median: '7.0000',
        jurors: [
          { juror: 'a', total: '7.0000', deviation: '0.0000' },
          { juror: 'b', total: '6.0000', deviation: '-1.0000' },
          { juror: 'c', total: '9.0000', deviation: '2.0000' },
        ],
      },
    ]);
    expect(stats.jurors.map((j) => [j.juror, j.meanDeviation])).toEqual([
      ['a', '0.0000'],
      ['b', '-1.0000'],
      ['c', '2.0000'],
    ]);
  });

  it('takes the mean of the middle two for an even panel and averages a juror over entries', () => {
    const stats = calibrationStatistics(
      [
        { nomination: 'n1', criteria },
        { nomination: 'n2', criteria: [{ code: 'x', weight: '1' }] },
        { nomination: 'n3', criteria },
      ],
      [
        { nomination: 'n1', juror: 'a', scores: { impact: 1, novelty: 1 } }, // 1
        { nomination: 'n1', juror: 'b', scores: { impact: 2, novelty: 2 } }, // 2 → median 1.5
        { nomination: 'n2', juror: 'a', scores: { x: 4 } },
        { nomination: 'n2', juror: 'b', scores: { x: 1 } }, // median 2.5
      ],
    );
    expect(stats.entries[0]).toMatchObject({ median: '1.5000' });
    expect(stats.entries[1]).toMatchObject({ median: '2.5000' });
    // n3 has no scorecard yet: no median, no marks.
    expect(stats.entries[2]).toEqual({ nomination: 'n3', median: null, jurors: [] });
    // a: −0.5 and +1.5 → mean 0.5, mean |d| 1; b: +0.5 and −1.5 → −0.5, 1
    expect(stats.jurors).toEqual([
      { juror: 'a', entries: 2, meanDeviation: '0.5000', meanAbsoluteDeviation: '1.0000' },
      { juror: 'b', entries: 2, meanDeviation: '-0.5000', meanAbsoluteDeviation: '1.0000' },
    ]);
  });

  it('is exact where floating point is not: thirds', () => {
    const stats = calibrationStatistics(
      [
        {
          nomination: 'n',
          criteria: [
            { code: 'a', weight: '1' },
            { code: 'b', weight: '2' },
          ],
        },
      ],
      [
        { nomination: 'n', juror: 'j1', scores: { a: 1, b: 0 } }, // 1/3
        { nomination: 'n', juror: 'j2', scores: { a: 0, b: 1 } }, // 2/3
        { nomination: 'n', juror: 'j3', scores: { a: 1, b: 1 } }, // 1
      ],
    );
    expect(stats.entries[0]!.jurors.map((j) => j.deviation)).toEqual(['-0.3333', '0.0000', '0.3333']);
  });
});

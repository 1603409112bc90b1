import { describe, expect, it } from '@jest/globals';
import type { NominationStatus } from './entities/nomination.entity.js';
import { type HistorySource, nominationHistory } from './nomination-history.js';

const at = (day: number) => new Date(Date.UTC(2026, 2, day, 9));
const source = (overrides: Partial<HistorySource> & { status: NominationStatus }): HistorySource => ({
  shownStatus: overrides.status,
  submittedAt: null,
  eligibilityDecidedAt: null,
  ineligibilityReason: null,
  shortlistedInRoundId: null,
  withdrawnAt: null,
  ...overrides,
});
const kinds = (s: HistorySource) => nominationHistory(s).map((e) => e.kind);

describe('nominationHistory', () => {
  it('a draft has none; a submitted one says when', () => {
    expect(nominationHistory(source({ status: 'draft' }))).toEqual([]);
    expect(nominationHistory(source({ status: 'submitted', submittedAt: at(1) }))).toEqual([
      { kind: 'submitted', at: at(1).toISOString(), reason: null },
    ]);
  });

  it('an eligibility decision with its reason only when ineligible', () => {
    const decided = { submittedAt: at(1), eligibilityDecidedAt: at(5) };
    expect(
      nominationHistory(source({ status: 'ineligible', ...decided, ineligibilityReason: 'Late.' }))[1],
    ).toEqual({ kind: 'ineligible', at: at(5).toISOString(), reason: 'Late.' });
    expect(nominationHistory(source({ status: 'eligible', ...decided }))[1]).toEqual({
      kind: 'eligible',
      at: at(5).toISOString(),
      reason: null,
    });
  });

  it('a shortlist only as shown: masked, it is not there', () => {
    const base = { submittedAt: at(1), eligibilityDecidedAt: at(5), shortlistedInRoundId: 'r1' };
    expect(kinds(source({ status: 'shortlisted', shownStatus: 'eligible', ...base }))).toEqual([
      'submitted',
      'eligible',
    ]);
    expect(kinds(source({ status: 'shortlisted', ...base }))).toEqual([
      'submitted',
      'eligible',
      'shortlisted',
    ]);
    expect(kinds(source({ status: 'winner', ...base }))).toEqual([
      'submitted',
      'eligible',
      'shortlisted',
      'winner',
    ]);
    expect(kinds(source({ status: 'finalist', ...base, shortlistedInRoundId: null }))).toEqual([
      'submitted',
      'eligible',
      'finalist',
    ]);
  });

  it('a withdrawal ends it, after what happened before', () => {
    expect(
      kinds(
        source({
          status: 'withdrawn',
          submittedAt: at(1),
          eligibilityDecidedAt: at(5),
          ineligibilityReason: 'Late.',
          withdrawnAt: at(6),
        }),
      ),
    ).toEqual(['submitted', 'ineligible', 'withdrawn']);
  });
});

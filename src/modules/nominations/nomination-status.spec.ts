import { describe, expect, it } from '@jest/globals';
import { NOMINATION_STATUSES } from './entities/nomination.entity.js';
import {
  ADMITTED_STATUSES,
  canMove,
  REVIEWABLE_STATUSES,
  TRANSITIONS,
  WITHDRAWABLE_STATUSES,
} from './nomination-status.js';

// The statements of nomination-status.ts guard their WHERE with these sets; the table of transitions must
// allow every move those guards let through, or the documented lifecycle and the SQL disagree.
describe('nomination status lifecycle', () => {
  it('names every status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...NOMINATION_STATUSES].sort());
  });

  it.each([
    ['submit', ['draft'], ['submitted']],
    ['withdraw', WITHDRAWABLE_STATUSES, ['withdrawn']],
    ['decideEligibility', REVIEWABLE_STATUSES, ['eligible', 'ineligible']],
    ['shortlist', ADMITTED_STATUSES.filter((s) => s !== 'shortlisted'), ['shortlisted']],
    ['publishResults', ADMITTED_STATUSES, ['winner', 'finalist']],
  ] as const)('%s moves only along allowed transitions', (_statement, from, to) => {
    for (const f of from) for (const t of to) if (f !== t) expect(canMove(f, t)).toBe(true);
  });

  it('lets nothing leave withdrawn', () => {
    expect(NOMINATION_STATUSES.filter((to) => canMove('withdrawn', to))).toEqual([]);
  });
});

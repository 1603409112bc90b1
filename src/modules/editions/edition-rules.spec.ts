import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../common/errors/domain-error.js';
import {
  assertPhase,
  assertPhaseMove,
  categoriesEditable,
  isJudgingOpen,
  judgingHasOpened,
  nextPhase,
  nominationsOpen,
  tieBreakersFor,
  timelineProblems,
} from './edition-rules.js';
import { PHASES, type Phase } from './entities/edition.entity.js';
import { assertFresh, parseIfMatch } from '../../common/http/etag.js';
import { plainDecimal } from './views.js';
import { WEIGHT_PATTERN } from './dto/validation.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const edition = (phase: Phase) => ({
  phase,
  nominationsOpenAt: day(1),
  nominationsCloseAt: day(10),
  judgingOpenAt: day(15),
  judgingCloseAt: day(20),
});

describe('edition rules', () => {
  it('assertPhase passes the allowed phases and names the current one otherwise', () => {
    expect(() => assertPhase(edition('nominations'), 'nominations', 'eligibility')).not.toThrow();
    try {
      assertPhase(edition('judging'), 'nominations');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).definition.code).toBe('editions.wrong_phase');
      expect((error as DomainError).extensions).toEqual({
        currentPhase: 'judging',
        allowedPhases: ['nominations'],
      });
    }
  });

  it('nominations are open only in the phase and inside the window, the close instant excluded', () => {
    expect(nominationsOpen(edition('nominations'), day(1))).toBe(true);
    expect(nominationsOpen(edition('nominations'), new Date(day(10).getTime() - 1))).toBe(true);
    expect(nominationsOpen(edition('nominations'), day(10))).toBe(false);
    expect(nominationsOpen(edition('nominations'), new Date(day(1).getTime() - 1))).toBe(false);
    expect(nominationsOpen(edition('draft'), day(5))).toBe(false);
    expect(nominationsOpen(edition('eligibility'), day(5))).toBe(false);
  });

  it('categories are editable before judging, by phase and by clock', () => {
    for (const phase of PHASES)
      expect([phase, categoriesEditable(edition(phase), day(5))]).toEqual([
        phase,
        ['draft', 'nominations', 'eligibility'].includes(phase),
      ]);
    expect(categoriesEditable(edition('eligibility'), day(15))).toBe(false);
    expect(categoriesEditable(edition('eligibility'), new Date(day(15).getTime() - 1))).toBe(true);
  });

  it('judging is open in the phase and window; it has opened once either says so', () => {
    expect(isJudgingOpen(edition('judging'), day(16))).toBe(true);
    expect(isJudgingOpen(edition('judging'), day(14))).toBe(false);
    expect(isJudgingOpen(edition('judging'), day(20))).toBe(false);
    expect(isJudgingOpen(edition('eligibility'), day(16))).toBe(false);
    expect(judgingHasOpened(edition('eligibility'), day(14))).toBe(false);
    expect(judgingHasOpened(edition('eligibility'), day(15))).toBe(true);
    expect(judgingHasOpened(edition('judging'), day(1))).toBe(true);
    expect(judgingHasOpened(edition('archived'), day(1))).toBe(true);
  });

  it('moves one step along the phase list', () => {
    expect(PHASES.map(nextPhase)).toEqual([
      'nominations',
      'eligibility',
      'judging',
      'tallying',
      'results_ready',
      'published',
      'archived',
      undefined,
    ]);
  });

  it('lists every timeline field out of order', () => {
    const ok = { ...edition('draft'), resultsEmbargoUntil: null };
    expect(timelineProblems(ok)).toEqual([]);
    expect(timelineProblems({ ...ok, judgingOpenAt: day(10) })).toEqual([]);
    expect(timelineProblems({ ...ok, resultsEmbargoUntil: day(20) })).toEqual([]);
    const broken = timelineProblems({
      nominationsOpenAt: day(10),
      nominationsCloseAt: day(10),
      judgingOpenAt: day(9),
      judgingCloseAt: day(8),
      resultsEmbargoUntil: day(7),
    });
    expect(broken.map((p) => p.field)).toEqual([
      'nominationsCloseAt',
      'judgingOpenAt',
      'judgingCloseAt',
      'resultsEmbargoUntil',
    ]);
  });

  it('skips criterion tie-breakers a category has no criterion for', () => {
    expect(tieBreakersFor(['criterion:cost', 'median', 'criterion:speed', 'top_marks'], ['speed'])).toEqual([
      'median',
      'criterion:speed',
      'top_marks',
    ]);
  });
});

describe('ETags and decimals', () => {
  it('reads If-Match', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch('"3"')).toEqual([3]);
    expect(parseIfMatch('W/"3", "4"')).toEqual([3, 4]);
    expect(() => parseIfMatch('3')).toThrow(DomainError);
    expect(() => parseIfMatch('"abc"')).toThrow(DomainError);
    expect(() => assertFresh([3], 3)).not.toThrow();
    expect(() => assertFresh(undefined, 3)).not.toThrow();
    expect(() => assertFresh([2], 3)).toThrow(DomainError);
  });

  it('writes weights plainly and accepts only positive numeric(9,4) values', () => {
    expect(['1.5000', '2.0000', '0.2500', '02.50', '10', '0.0001'].map(plainDecimal)).toEqual([
      '1.5',
      '2',
      '0.25',
      '2.5',
      '10',
      '0.0001',
    ]);
    for (const ok of ['1', '1.5', '0.0001', '99999.9999', '0.5'])
      expect([ok, WEIGHT_PATTERN.test(ok)]).toEqual([ok, true]);
    for (const bad of ['0', '0.0', '-1', '1.23456', '100000', '1e3', '', '.5', '1.', ' 1'])
      expect([bad, WEIGHT_PATTERN.test(bad)]).toEqual([bad, false]);
  });
});

describe('assertPhaseMove', () => {
  const refused = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      return (error as DomainError).definition.code;
    }
    return null;
  };

  it.each([
    ['draft', 'nominations', 'organiser'],
    ['judging', 'tallying', 'round_closed'],
    ['tallying', 'judging', 'round_opened'],
    ['tallying', 'results_ready', 'publication_scheduled'],
    ['results_ready', 'tallying', 'publication_cancelled'],
    ['tallying', 'published', 'published'],
    ['results_ready', 'published', 'published'],
  ] as const)('allows %s → %s by %s', (from, to, reason) => {
    expect(refused(() => assertPhaseMove(from, to, reason))).toBeNull();
  });

  it.each([
    ['draft', 'judging', 'organiser'],
    ['tallying', 'judging', 'organiser'],
    ['archived', 'archived', 'organiser'],
    ['eligibility', 'tallying', 'round_closed'],
    ['published', 'judging', 'round_opened'],
    ['judging', 'published', 'published'],
    ['results_ready', 'results_ready', 'publication_scheduled'],
    ['published', 'tallying', 'publication_cancelled'],
    ['tallying', 'tallying', 'publication_cancelled'],
  ] as const)('refuses %s → %s by %s', (from, to, reason) => {
    expect(refused(() => assertPhaseMove(from, to, reason))).toBe('editions.invalid_phase_transition');
  });
});

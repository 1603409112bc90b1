import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../common/errors/domain-error.js';
import type { CategoryQuestion } from '../editions/entities/category.entity.js';
import {
  answerProblems,
  assertNominationsOpen,
  completenessProblems,
  type NominationContent,
} from './nomination-rules.js';

const text = (s: string) => ({ en: s, ru: s, kk: s, de: s });
const QUESTIONS: CategoryQuestion[] = [
  { code: 'approach', prompt: text('How?'), required: true, maxLength: 20 },
  { code: 'partners', prompt: text('With whom?'), required: false, maxLength: 10 },
];
const complete: NominationContent = {
  title: 'Rail',
  summary: 'Trucks to trains.',
  answers: { approach: 'Block trains' },
  metrics: [{ name: 'CO2', value: 1.5, unit: 't' }],
};

const codeOf = (work: () => void): string | undefined => {
  try {
    work();
  } catch (error) {
    return error instanceof DomainError ? error.definition.code : 'not a DomainError';
  }
  return undefined;
};

describe('completenessProblems', () => {
  it('accepts a complete nomination', () => {
    expect(completenessProblems(complete, QUESTIONS)).toEqual([]);
  });

  it('lists everything a submit still needs', () => {
    const problems = completenessProblems(
      { title: ' ', summary: '', answers: { approach: '  ', stray: 'x' }, metrics: [] },
      QUESTIONS,
    );
    expect(problems.map((p) => p.field).sort()).toEqual([
      'answers.approach',
      'answers.stray',
      'metrics',
      'summary',
      'title',
    ]);
  });

  it('refuses metrics whose value is not a finite number', () => {
    const metrics = [
      { name: 'CO2', value: '12' as unknown as number, unit: 't' },
      { name: 'x', value: Number.NaN, unit: 'y' },
    ];
    expect(completenessProblems({ ...complete, metrics }, QUESTIONS).map((p) => p.field)).toEqual([
      'metrics.0.value',
      'metrics.1.value',
    ]);
  });
});

describe('answerProblems', () => {
  it('refuses unknown questions and answers over their maxLength', () => {
    expect(answerProblems(QUESTIONS, { partners: 'x'.repeat(11), other: '' }).map((p) => p.field)).toEqual([
      'answers.partners',
      'answers.other',
    ]);
    expect(answerProblems(QUESTIONS, { partners: 'x'.repeat(10) })).toEqual([]);
  });
});

describe('assertNominationsOpen', () => {
  const edition = {
    phase: 'nominations' as const,
    nominationsOpenAt: new Date('2025-03-01T00:00:00Z'),
    nominationsCloseAt: new Date('2025-06-01T00:00:00Z'),
  };

  it('opens at nominationsOpenAt and closes at nominationsCloseAt, by the clock', () => {
    expect(codeOf(() => assertNominationsOpen(edition, new Date('2025-02-28T23:59:59Z')))).toBe(
      'nominations.not_yet_open',
    );
    expect(codeOf(() => assertNominationsOpen(edition, new Date('2025-03-01T00:00:00Z')))).toBeUndefined();
    expect(
      codeOf(() => assertNominationsOpen(edition, new Date('2025-05-31T23:59:59.999Z'))),
    ).toBeUndefined();
    expect(codeOf(() => assertNominationsOpen(edition, new Date('2025-06-01T00:00:00Z')))).toBe(
      'nominations.closed',
    );
  });

  it('needs the nominations phase, whatever the clock says', () => {
    expect(
      codeOf(() =>
        assertNominationsOpen({ ...edition, phase: 'eligibility' }, new Date('2025-04-01T00:00:00Z')),
      ),
    ).toBe('editions.wrong_phase');
  });
});

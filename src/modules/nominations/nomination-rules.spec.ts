import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../common/errors/domain-error.js';
import type { CategoryQuestion } from '../editions/entities/category.entity.js';
import {
  answerProblems,
  assertNominationsOpen,
  completenessProblems,
  identifyingProblems,
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

  it('asks a sample entry for no key metric, and still checks the ones it has', () => {
    expect(completenessProblems({ ...complete, metrics: [] }, QUESTIONS, { keyMetrics: false })).toEqual([]);
    const metrics = [{ name: ' ', value: 1, unit: 't' }];
    expect(
      completenessProblems({ ...complete, metrics }, QUESTIONS, { keyMetrics: false }).map((p) => p.field),
    ).toEqual(['metrics.0.name']);
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

describe('identifyingProblems (blind editions)', () => {
  const company = {
    name: 'Caspian  Rail Cargo',
    website: 'https://www.caspian-rail.kz/about',
    registrationNumber: '123456789012',
    memberNames: ['Aigerim Nurlanovna', 'Daulet'],
  };
  const content = (overrides: Partial<Parameters<typeof identifyingProblems>[0]> = {}) => ({
    title: 'Dry port Khorgos',
    summary: 'Block trains instead of trucks.',
    answers: { approach: 'Gauge change in 47 minutes.' },
    metrics: [{ name: 'CO2 avoided', value: 1, unit: 't/year' }],
    ...overrides,
  });

  it('finds the name, website, registration number and members in every field jurors read, in any case', () => {
    expect(identifyingProblems(content(), company)).toEqual([]);
    const problems = identifyingProblems(
      content({
        title: 'CASPIAN RAIL\tCARGO moves to rail',
        summary: 'See caspian-rail.kz, company no. 123456789012.',
        answers: { approach: 'Led by aigerim nurlanovna.', other: 'Daulet drove it.' },
        metrics: [{ name: 'Caspian Rail Cargo share', value: 1, unit: 't' }],
      }),
      company,
    );
    expect(problems).toEqual([
      { field: 'title', messages: ['names the company ("Caspian  Rail Cargo")'] },
      {
        field: 'summary',
        messages: [
          'names the company\'s website ("caspian-rail.kz")',
          "gives the company's registration number",
        ],
      },
      { field: 'answers.approach', messages: ['names a member of the company ("Aigerim Nurlanovna")'] },
      { field: 'metrics.0.name', messages: ['names the company ("Caspian  Rail Cargo")'] },
    ]);
  });

  it('matches whole words only, in any script, and takes names literally', () => {
    const trans = { name: 'Trans', website: null, registrationNumber: '1', memberNames: [] };
    expect(identifyingProblems(content({ summary: 'Transport and transit.' }), trans)).toEqual([]);
    expect(identifyingProblems(content({ summary: 'By trans, not by air.' }), trans)).toHaveLength(1);
    const kazakh = { name: 'Қазақстан Темір Жолы', website: null, registrationNumber: '1', memberNames: [] };
    expect(identifyingProblems(content({ summary: 'қазақстан темір жолы жобасы' }), kazakh)).toHaveLength(1);
    const odd = { name: 'A+B (Cargo)', website: 'not a url', registrationNumber: '1', memberNames: [] };
    expect(identifyingProblems(content({ summary: 'AAB Cargo' }), odd)).toEqual([]);
    expect(identifyingProblems(content({ summary: 'a+b (cargo) did it' }), odd)).toHaveLength(1);
    // Too short to tell from ordinary words: not looked for.
    const short = { name: 'DB', website: null, registrationNumber: '42', memberNames: ['Ivan'] };
    expect(identifyingProblems(content({ summary: 'DB and Ivan, reg. 42' }), short)).toEqual([]);
  });
});

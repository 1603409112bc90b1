import { DomainError } from '../../common/errors/domain-error.js';
import { assertPhase } from '../editions/edition-rules.js';
import type { CategoryQuestion, Edition } from '../editions/edition.queries.js';
import { SUMMARY_MAX, TITLE_MAX } from './dto/nomination.dto.js';
import type { NominationMetric } from './entities/nomination.entity.js';
import { NominationErrors } from './nominations.errors.js';

/** What entrants write; the rules below judge it without a database. */
export interface NominationContent {
  title: string;
  summary: string;
  answers: Record<string, string>;
  metrics: NominationMetric[];
}

export interface FieldProblem {
  field: string;
  messages: string[];
}

/**
 * Entrants may create, change and submit nominations only while the edition is in `nominations` and the
 * server clock is inside the window, whatever the phase says.
 */
export function assertNominationsOpen(
  edition: Pick<Edition, 'phase' | 'nominationsOpenAt' | 'nominationsCloseAt'>,
  now: Date,
): void {
  assertPhase(edition, 'nominations');
  if (now < edition.nominationsOpenAt) {
    throw new DomainError(
      NominationErrors.notYetOpen,
      `Nominations open at ${edition.nominationsOpenAt.toISOString()}.`,
      { opensAt: edition.nominationsOpenAt.toISOString() },
    );
  }
  if (now >= edition.nominationsCloseAt) {
    throw new DomainError(
      NominationErrors.closed,
      `Nominations closed at ${edition.nominationsCloseAt.toISOString()}.`,
      { closedAt: edition.nominationsCloseAt.toISOString() },
    );
  }
}

/** Answers must belong to the category's questions and fit their length; drafts may leave them empty. */
export function answerProblems(
  questions: readonly CategoryQuestion[],
  answers: Record<string, string>,
): FieldProblem[] {
  const byCode = new Map(questions.map((q) => [q.code, q]));
  const problems: FieldProblem[] = [];
  for (const [code, text] of Object.entries(answers)) {
    const question = byCode.get(code);
    if (!question)
      problems.push({ field: `answers.${code}`, messages: ['is not a question of this category'] });
    else if (text.length > question.maxLength)
      problems.push({
        field: `answers.${code}`,
        messages: [`must be at most ${question.maxLength} characters`],
      });
  }
  return problems;
}

export function assertAnswersFit(
  questions: readonly CategoryQuestion[],
  answers: Record<string, string>,
): void {
  const problems = answerProblems(questions, answers);
  if (problems.length)
    throw new DomainError(NominationErrors.invalidAnswers, describe(problems), { errors: problems });
}

/**
 * What a nomination lacks before it can be submitted (and what a submitted one must keep). A sample entry
 * (an organiser's, for calibration) need not state key metrics: `keyMetrics: false`.
 */
export function completenessProblems(
  content: NominationContent,
  questions: readonly CategoryQuestion[],
  { keyMetrics = true }: { keyMetrics?: boolean } = {},
): FieldProblem[] {
  const problems: FieldProblem[] = [...answerProblems(questions, content.answers)];
  const title = content.title.trim();
  if (!title.length || title.length > TITLE_MAX)
    problems.push({ field: 'title', messages: [`must be 1–${TITLE_MAX} characters`] });
  const summary = content.summary.trim();
  if (!summary.length || content.summary.length > SUMMARY_MAX)
    problems.push({ field: 'summary', messages: [`must be 1–${SUMMARY_MAX} characters`] });
  for (const question of questions) {
    if (question.required && !(content.answers[question.code] ?? '').trim())
      problems.push({ field: `answers.${question.code}`, messages: ['is required'] });
  }
  if (keyMetrics && !content.metrics.length)
    problems.push({ field: 'metrics', messages: ['at least one key metric is required'] });
  content.metrics.forEach((metric, i) => {
    if (typeof metric.value !== 'number' || !Number.isFinite(metric.value))
      problems.push({ field: `metrics.${i}.value`, messages: ['must be a number'] });
    if (!metric.name?.trim()) problems.push({ field: `metrics.${i}.name`, messages: ['is required'] });
    if (!metric.unit?.trim()) problems.push({ field: `metrics.${i}.unit`, messages: ['is required'] });
  });
  return problems;
}

export function assertComplete(
  content: NominationContent,
  questions: readonly CategoryQuestion[],
  options: { keyMetrics?: boolean } = {},
): void {
  const problems = completenessProblems(content, questions, options);
  if (problems.length)
    throw new DomainError(NominationErrors.incomplete, describe(problems), { errors: problems });
}

/** What would tell a juror of a blind edition whose nomination they are reading. */
export interface CompanyIdentity {
  name: string;
  website: string | null;
  registrationNumber: string;
  /** Full names of the company's members. */
  memberNames: string[];
}

/** `text` as a whole word or phrase, any case, any run of spaces between its words. */
function wholeWords(text: string): RegExp {
  const words = text
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
}

function websiteHost(website: string | null): string | null {
  if (!website) return null;
  try {
    return new URL(website).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/**
 * Where the text jurors read names the company: its name, its website's host, its registration number or
 * a member's full name, each as a whole word in any case. Too short a name (under three characters), a
 * registration number under five and single-word member names are not looked for: they would match
 * ordinary words. Attachments' contents are the entrant's responsibility.
 */
export function identifyingProblems(content: NominationContent, company: CompanyIdentity): FieldProblem[] {
  const terms: { pattern: RegExp; message: string }[] = [];
  if (company.name.trim().length >= 3)
    terms.push({
      pattern: wholeWords(company.name),
      message: `names the company ("${company.name.trim()}")`,
    });
  const host = websiteHost(company.website);
  if (host) terms.push({ pattern: wholeWords(host), message: `names the company's website ("${host}")` });
  if (company.registrationNumber.trim().length >= 5)
    terms.push({
      pattern: wholeWords(company.registrationNumber),
      message: "gives the company's registration number",
    });
  for (const member of company.memberNames)
    if (member.trim().split(/\s+/).length >= 2)
      terms.push({
        pattern: wholeWords(member),
        message: `names a member of the company ("${member.trim()}")`,
      });

  const texts: [string, string][] = [
    ['title', content.title],
    ['summary', content.summary],
    ...Object.entries(content.answers).map(([code, text]): [string, string] => [`answers.${code}`, text]),
    ...content.metrics.flatMap((metric, i): [string, string][] => [
      [`metrics.${i}.name`, metric.name ?? ''],
      [`metrics.${i}.unit`, metric.unit ?? ''],
    ]),
  ];
  const problems: FieldProblem[] = [];
  for (const [field, text] of texts) {
    const messages = terms.filter((term) => term.pattern.test(text)).map((term) => term.message);
    if (messages.length) problems.push({ field, messages });
  }
  return problems;
}

/** In a blind edition, what jurors read must not say whose nomination it is. */
export function assertAnonymous(content: NominationContent, company: CompanyIdentity): void {
  const problems = identifyingProblems(content, company);
  if (problems.length)
    throw new DomainError(NominationErrors.identifiesCompany, describe(problems), { errors: problems });
}

function describe(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.messages.join('; ')}`).join(' | ');
}

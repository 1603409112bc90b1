import type { FieldProblem } from '../../common/http/validation.pipe.js';

/** A criterion as scoring needs it: its code and integer scale. */
export interface ScaleOf {
  code: string;
  min: number;
  max: number;
}

/**
 * What is wrong with a set of scores against a category's criteria: unknown codes, values that are not
 * integers or lie outside the scale and, when `complete` is asked for, criteria without a score.
 */
export function scoreProblems(
  criteria: readonly ScaleOf[],
  scores: Record<string, unknown>,
  options: { complete: boolean },
): FieldProblem[] {
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  const problems: FieldProblem[] = [];
  for (const [code, value] of Object.entries(scores)) {
    const criterion = byCode.get(code);
    if (!criterion)
      problems.push({ field: `scores.${code}`, messages: ['is not a criterion of this category'] });
    else if (typeof value !== 'number' || !Number.isInteger(value))
      problems.push({ field: `scores.${code}`, messages: ['must be an integer'] });
    else if (value < criterion.min || value > criterion.max)
      problems.push({
        field: `scores.${code}`,
        messages: [`must be between ${criterion.min} and ${criterion.max}`],
      });
  }
  if (options.complete) {
    for (const criterion of criteria)
      if (!(criterion.code in scores))
        problems.push({ field: `scores.${criterion.code}`, messages: ['is required to submit'] });
  }
  return problems;
}

/** Why a juror may not write a scorecard now, as `writeRefusalSql` answers it. */
export type WriteRefusal = 'round_closed' | 'wrong_phase' | 'judging_not_open' | 'conflicts_not_confirmed';

/**
 * "May this juror write this scorecard at `at`", stated once, in SQL, for the single lookup and the batched
 * write alike: `ja` is a row of the jury's view `judging_assignments` (a standing assignment: without one
 * there is nothing to write, and the lookup answers 404). NULL when the write may land; otherwise the
 * first reason it may not, in the order the refusals are reported: the round is closed, the edition is
 * not judging, the clock is outside the judging window, the juror has not confirmed their conflicts.
 */
export function writeRefusalSql(ja: string, at: string): string {
  return `CASE WHEN ${ja}.round_status <> 'open' THEN 'round_closed'
              WHEN ${ja}.phase <> 'judging' THEN 'wrong_phase'
              WHEN NOT (${ja}.judging_open_at <= ${at} AND ${at} < ${ja}.judging_close_at) THEN 'judging_not_open'
              WHEN NOT ${ja}.conflicts_confirmed THEN 'conflicts_not_confirmed' END`;
}

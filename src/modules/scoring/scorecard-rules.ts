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

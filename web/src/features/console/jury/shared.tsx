import { useMemo } from 'react';
import type { Category } from '../../../api/nominations';
import { ApiError, isApiError } from '../../../api/problem';
import { format, type Locale, useI18n } from '../../../i18n';
import '../strings/jury';

/** A category's name in the reader's language, by id (its code until the categories are loaded). */
export function categoryName(categories: Category[] | undefined, id: string, locale: Locale): string {
  const category = categories?.find((c) => c.id === id);
  if (!category) return '';
  return category.name[locale] || category.name.en;
}

interface Infeasibility {
  reason: 'too_few_jurors' | 'juror_overconstrained' | 'unbalanceable';
  categoryId?: string;
  nominationTitle?: string;
  jurorName?: string;
  eligibleJurors?: number;
  required?: number;
  panelJurors?: number;
  possibleNominations?: number;
  minimumLoad?: number;
  maximumLoad?: number;
}

/**
 * A refusal of the jury screens in the organiser's language: our words for the codes we know, and for an
 * infeasible assignment a sentence that names the nomination or juror and what to do.
 */
export function useJuryError(error: unknown, categories?: Category[]): unknown {
  const { t, locale } = useI18n();
  return useMemo(() => {
    if (!isApiError(error)) return error;
    const { problem } = error;
    let text = (t.consoleJury.problems as Record<string, string | undefined>)[problem.code];
    if (problem.code === 'assignments.infeasible') {
      const p = problem as unknown as Infeasibility;
      const template = t.consoleJury.round.infeasible[p.reason];
      if (template)
        text = format(template, {
          category: categoryName(categories, p.categoryId ?? '', locale),
          nomination: p.nominationTitle ?? '',
          juror: p.jurorName ?? '',
          eligible: p.eligibleJurors ?? 0,
          required: p.required ?? 0,
          panel: p.panelJurors ?? 0,
          possible: p.possibleNominations ?? 0,
          minimum: p.minimumLoad ?? 0,
          maximum: p.maximumLoad ?? 0,
        });
    }
    return text ? new ApiError({ ...problem, title: text }, error.retryAfterSeconds) : error;
  }, [error, t, locale, categories]);
}

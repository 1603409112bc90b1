import type { Category } from '../../api/nominations';
import { format, useI18n } from '../../i18n';
import { localized } from './shared';

/** Exact decimal weights ("1.5") as shares of the whole, for reading only (the tally uses the decimals). */
function shares(weights: string[]): number[] {
  const values = weights.map(Number);
  const total = values.reduce((sum, w) => sum + w, 0);
  return values.map((w) => (total > 0 ? w / total : 0));
}

const PERCENT: Intl.NumberFormatOptions = { style: 'percent', maximumFractionDigits: 0 };

/**
 * What the category asks for, beside the text being written: its description, the criteria jurors score
 * (with their weights and what each looks for), its questions and the key metrics it expects.
 */
export function CategoryGuide({ category, headingId }: { category: Category; headingId: string }) {
  const { t, locale, formatNumber } = useI18n();
  const criterionShares = shares(category.criteria.map((c) => c.weight));
  const scale = category.criteria[0];
  return (
    // Focusable: on a wide screen the guide scrolls on its own, and keyboards must reach all of it.
    <aside className="nom-guide" aria-labelledby={headingId} tabIndex={0}>
      <h2 id={headingId}>
        {t.nominations.aboutCategory}: {localized(category.name, locale)}
      </h2>
      <p>{localized(category.description, locale)}</p>
      <h3>{t.nominations.criteria}</h3>
      {scale && (
        <p className="muted">
          {format(t.nominations.criteriaLead, { min: scale.scaleMin, max: scale.scaleMax })}
        </p>
      )}
      <ul>
        {category.criteria.map((criterion, i) => (
          <li key={criterion.id}>
            <strong>{localized(criterion.name, locale)}</strong>{' '}
            <span className="nom-criterion__weight">
              (
              {format(t.nominations.weight, {
                weight: formatNumber(Number(criterion.weight), { maximumFractionDigits: 4 }),
              })}
              ; {format(t.nominations.weightShare, { share: formatNumber(criterionShares[i] ?? 0, PERCENT) })}
              )
            </span>
            <br />
            {localized(criterion.description, locale)}
          </li>
        ))}
      </ul>
      {category.questions.length > 0 && (
        <>
          <h3>{t.nominations.questionsGuide}</h3>
          <ul>
            {category.questions.map((question) => (
              <li key={question.code}>
                {localized(question.prompt, locale)}{' '}
                <span className="muted">
                  {question.required ? t.nominations.requiredQuestion : t.nominations.optionalQuestion}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t.nominations.keyMetricsGuide}</h3>
      <p>{t.nominations.keyMetricsGuideText}</p>
    </aside>
  );
}

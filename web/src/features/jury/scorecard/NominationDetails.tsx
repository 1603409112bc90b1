import type { NominationForJuror } from '../../../api/scorecards';
import { useI18n } from '../../../i18n';
import { AttachmentView } from './AttachmentView';
import { localized } from '../../../i18n/localized';

/** The entry as the juror reads it: summary, answers, key metrics and attachments (blind: no company). */
export function NominationDetails({ nomination }: { nomination: NominationForJuror }) {
  const { t, locale, formatNumber } = useI18n();
  const { category } = nomination;
  return (
    <section className="nomination" aria-labelledby="nomination-title">
      <h2 id="nomination-title">{t.scorecard.entry}</h2>
      <dl className="nomination__facts">
        <dt>{t.scorecard.category}</dt>
        <dd>{localized(category.name, locale)}</dd>
        {nomination.sample && !nomination.blind && (
          <>
            <dt>{t.scorecard.company}</dt>
            <dd>{t.scorecard.sampleEntry}</dd>
          </>
        )}
        {nomination.company && (
          <>
            <dt>{t.scorecard.company}</dt>
            <dd>
              {nomination.company.name}
              {nomination.company.website && (
                <>
                  {' · '}
                  <a href={nomination.company.website} rel="noopener noreferrer" target="_blank">
                    {nomination.company.website}
                  </a>
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {nomination.blind && <p className="muted">{t.scorecard.blindEdition}</p>}
      {nomination.sample && !nomination.blind && <p className="muted">{t.scorecard.sampleNote}</p>}

      <h3>{t.scorecard.summary}</h3>
      <p className="nomination__text">{nomination.summary}</p>

      {category.questions.length > 0 && (
        <>
          <h3>{t.scorecard.answers}</h3>
          <dl className="nomination__answers">
            {category.questions.map((question) => {
              const answer = nomination.answers[question.code];
              return (
                <div key={question.code}>
                  <dt>{localized(question.prompt, locale)}</dt>
                  <dd className="nomination__text">
                    {answer?.trim() ? answer : <em>{t.scorecard.noAnswer}</em>}
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      )}

      {nomination.metrics.length > 0 && (
        <>
          <h3>{t.scorecard.metrics}</h3>
          <ul className="nomination__metrics">
            {nomination.metrics.map((metric, index) => (
              <li key={`${metric.name}-${index}`}>
                <span className="nomination__metric-value">
                  {formatNumber(metric.value, { maximumFractionDigits: 6 })} {metric.unit}
                </span>{' '}
                <span>{metric.name}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t.scorecard.attachments}</h3>
      {nomination.attachments.length === 0 ? (
        <p className="muted">{t.scorecard.noAttachments}</p>
      ) : (
        <ul className="attachments">
          {nomination.attachments.map((attachment) => (
            <li key={attachment.id}>
              <AttachmentView
                roundId={nomination.roundId}
                nominationId={nomination.id}
                attachment={attachment}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

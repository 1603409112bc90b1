import { useMemo } from 'react';
import type { CategoryAnalytics, JurorAnalytics, RoundAnalytics } from '../../../api/console-results';
import { Sensitivity } from './Sensitivity';
import { format, useI18n } from '../../../i18n';
import '../strings/results';

/** Statistics in the reader's digits: up to 4 decimals, a real minus sign where the locale has one. */
function useStatistic(): { plain: (value: number) => string; signed: (value: number) => string } {
  const { formatNumber } = useI18n();
  return useMemo(
    () => ({
      plain: (v) => formatNumber(v, { maximumFractionDigits: 4 }),
      signed: (v) => formatNumber(v, { maximumFractionDigits: 4, signDisplay: 'exceptZero' }),
    }),
    [formatNumber],
  );
}

/** Blocks of Kendall's W listed by name; the rest are counted. */
const LISTED_BLOCKS = 5;

/**
 * A category's jury agreement beside its ranking: Krippendorff's alpha with its interval, Kendall's W per
 * group of jurors who scored the same nominations, and each juror's leniency, agreement, marks used and
 * flags under the edition's thresholds. Only what the tally job computed; nothing is computed here.
 */
export function Agreement({
  analytics,
  thresholds,
  categoryName,
  heading,
  jurorName,
  nominationTitle,
  criterionName,
}: {
  analytics: CategoryAnalytics;
  thresholds: RoundAnalytics['thresholds'];
  categoryName: string;
  heading: string;
  jurorName: (id: string) => string;
  nominationTitle: (id: string) => string;
  /** A criterion's name in the reader's language, from its code. */
  criterionName: (code: string) => string;
}) {
  const { t } = useI18n();
  const a = t.consoleResults.analytics;
  const n = useStatistic();
  const alpha = analytics.alpha;
  const listed = analytics.concordance.slice(0, LISTED_BLOCKS);
  return (
    <div className="agreement" role="group" aria-labelledby={heading}>
      <h3 id={heading}>{format(a.title, { category: categoryName })}</h3>
      {analytics.status === 'not_tallied' && <p>{a.notTallied}</p>}
      {analytics.status === 'not_computed' && <p>{a.notComputed}</p>}
      {analytics.status === 'computed' && alpha && (
        <>
          <p className="agreement__alpha">
            {alpha.value === null
              ? format(a.alphaNull, { reason: alpha.reason ? a.reasons[alpha.reason] : '' })
              : format(alpha.interval ? a.alpha : a.alphaNoInterval, {
                  value: n.plain(alpha.value),
                  low: alpha.interval ? n.plain(alpha.interval.low) : '',
                  high: alpha.interval ? n.plain(alpha.interval.high) : '',
                  units: alpha.units ?? 0,
                  values: alpha.values ?? 0,
                  coders: alpha.coders ?? 0,
                })}
          </p>
          {analytics.concordance.length === 0 ? (
            <p>{a.noConcordance}</p>
          ) : (
            <>
              <p className="agreement__subtitle">{a.concordanceTitle}</p>
              <ul className="agreement__blocks">
                {listed.map((block) => (
                  <li key={block.jurors.join()}>
                    {block.value === null
                      ? format(a.concordanceNull, {
                          reason: block.reason ? a.reasons[block.reason] : '',
                          jurors: block.jurors.length,
                          nominations: block.nominations,
                        })
                      : format(a.concordance, {
                          value: n.plain(block.value),
                          jurors: block.jurors.length,
                          nominations: block.nominations,
                        })}
                  </li>
                ))}
                {analytics.concordance.length > listed.length && (
                  <li>{format(a.moreBlocks, { count: analytics.concordance.length - listed.length })}</li>
                )}
              </ul>
            </>
          )}
          {analytics.jurors.length > 0 && (
            <div
              className="results-table-wrap"
              role="region"
              aria-labelledby={`${heading}-jurors`}
              tabIndex={0}
            >
              <table className="results-table">
                <caption id={`${heading}-jurors`}>
                  {format(a.jurorsCaption, { category: categoryName })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{a.juror}</th>
                    <th scope="col" className="num">
                      {a.scorecards}
                    </th>
                    <th scope="col" className="num">
                      {a.leniency}
                    </th>
                    <th scope="col" className="num">
                      {a.leniencySigma}
                    </th>
                    <th scope="col" className="num">
                      {a.agreement}
                    </th>
                    <th scope="col">{a.scaleUse}</th>
                    <th scope="col">{a.flags}</th>
                  </tr>
                </thead>
                <tbody>
                  {analytics.jurors.map((juror) => (
                    <JurorRow
                      key={juror.juror}
                      juror={juror}
                      name={jurorName(juror.juror)}
                      criterionName={criterionName}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="muted">
            {format(a.thresholds, {
              min: n.plain(thresholds.minAgreement),
              max: n.plain(thresholds.maxLeniencySigma),
            })}
          </p>
        </>
      )}
      {analytics.status === 'computed' && (
        <Sensitivity
          sensitivity={analytics.sensitivity}
          heading={`${heading}-sensitivity`}
          jurorName={jurorName}
          nominationTitle={nominationTitle}
        />
      )}
    </div>
  );
}

function JurorRow({
  juror,
  name,
  criterionName,
}: {
  juror: JurorAnalytics;
  name: string;
  criterionName: (code: string) => string;
}) {
  const { t } = useI18n();
  const a = t.consoleResults.analytics;
  const n = useStatistic();
  const dash = '—';
  return (
    <tr className={juror.flags.length ? 'agreement__flagged' : undefined}>
      <th scope="row">{name}</th>
      <td className="num">{juror.scorecards}</td>
      <td className="num">{juror.leniency === null ? dash : n.signed(juror.leniency)}</td>
      <td className="num">{juror.leniencySigma === null ? dash : n.signed(juror.leniencySigma)}</td>
      <td className="num">
        {juror.agreement !== null
          ? n.plain(juror.agreement)
          : juror.agreementReason
            ? a.agreementReasons[juror.agreementReason]
            : dash}
      </td>
      <td>
        <ul className="results-notes">
          {juror.scaleUse.map((s) => (
            <li key={s.criterion}>
              {format(a.scaleRange, {
                criterion: criterionName(s.criterion),
                lowest: n.plain(s.lowest),
                highest: n.plain(s.highest),
              })}
            </li>
          ))}
        </ul>
      </td>
      <td>
        {juror.flags.length === 0 ? (
          a.noFlags
        ) : (
          <ul className="results-notes">
            {juror.flags.map((flag) => (
              <li key={flag.code} className="flag flag--warning">
                {format(a.flagTexts[flag.code], {
                  value: n.plain(flag.code === 'low_agreement' ? flag.value : Math.abs(flag.value)),
                  threshold: n.plain(flag.threshold),
                })}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

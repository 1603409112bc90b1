import type { CategoryAnalytics } from '../../../api/console-results';
import { format, useI18n } from '../../../i18n';
import { useDecimal } from './shared';
import '../strings/results';

type CategorySensitivity = NonNullable<CategoryAnalytics['sensitivity']>;

/**
 * Would the winner change? What the tally job found when it ranked the category again (through the tally
 * itself) under each scoring method, without each juror in turn, and after the smallest change to one total
 * that would level the first two. Only what was stored with the snapshot; nothing is computed here.
 */
export function Sensitivity({
  sensitivity,
  heading,
  jurorName,
  nominationTitle,
}: {
  sensitivity: CategoryAnalytics['sensitivity'];
  heading: string;
  jurorName: (id: string) => string;
  nominationTitle: (id: string) => string;
}) {
  const { t } = useI18n();
  const s = t.consoleResults.analytics.sensitivity;
  return (
    <div className="sensitivity" role="group" aria-labelledby={heading}>
      <h4 id={heading}>{s.title}</h4>
      {sensitivity ? (
        <Verdict sensitivity={sensitivity} jurorName={jurorName} nominationTitle={nominationTitle} />
      ) : (
        <p className="muted">{s.notComputed}</p>
      )}
    </div>
  );
}

function Verdict({
  sensitivity,
  jurorName,
  nominationTitle,
}: {
  sensitivity: CategorySensitivity;
  jurorName: (id: string) => string;
  nominationTitle: (id: string) => string;
}) {
  const { t } = useI18n();
  const s = t.consoleResults.analytics.sensitivity;
  const methods = t.consoleResults.results.methods;
  const decimal = useDecimal();
  const winners = (ids: string[] | undefined) =>
    ids && ids.length ? ids.map(nominationTitle).join(', ') : s.nobody;
  const threshold = sensitivity.causes.find((c) => c.kind === 'margin')?.threshold ?? '1';
  const margin = sensitivity.margin;
  return (
    <>
      {sensitivity.fragile ? (
        <>
          <p className="flag flag--warning sensitivity__verdict">{s.fragile}:</p>
          <ul className="results-notes">
            {sensitivity.causes.map((cause, i) => (
              <li key={i}>
                {cause.kind === 'method'
                  ? format(s.causeMethod, {
                      method: cause.method ? methods[cause.method] : '',
                      winners: winners(cause.winners),
                    })
                  : cause.kind === 'leave_one_out'
                    ? format(s.causeJuror, {
                        juror: cause.juror ? jurorName(cause.juror) : '',
                        winners: winners(cause.winners),
                      })
                    : format(s.causeMargin, {
                        juror: cause.change ? jurorName(cause.change.juror) : '',
                        nomination: cause.change ? nominationTitle(cause.change.nomination) : '',
                        delta: cause.change ? decimal(cause.change.delta) : '',
                        threshold: decimal(cause.threshold ?? threshold),
                        first: margin ? nominationTitle(margin.first) : '',
                        second: margin ? nominationTitle(margin.second) : '',
                      })}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="sensitivity__verdict">{format(s.robust, { threshold: decimal(threshold) })}</p>
      )}
      <p>
        {format(s.byMethod, {
          list: sensitivity.methods
            .map((m) => format(s.methodWinner, { method: methods[m.method], winners: winners(m.winners) }))
            .join('; '),
        })}
      </p>
      <p>
        {format(s.leaveOneOut, {
          jurors: sensitivity.leaveOneOut.length,
          winner: sensitivity.leaveOneOut.filter((l) => l.winnersChanged).length,
          advancing: sensitivity.leaveOneOut.filter((l) => l.advancingChanged).length,
          topN: sensitivity.topN,
        })}
      </p>
      {margin && (
        <p>
          {margin.change
            ? format(s.margin, {
                first: nominationTitle(margin.first),
                second: nominationTitle(margin.second),
                difference: decimal(margin.scoreDifference),
                delta: decimal(margin.change.delta),
                juror: jurorName(margin.change.juror),
                nomination: nominationTitle(margin.change.nomination),
              })
            : format(s.marginNone, {
                first: nominationTitle(margin.first),
                second: nominationTitle(margin.second),
                difference: decimal(margin.scoreDifference),
              })}
        </p>
      )}
    </>
  );
}

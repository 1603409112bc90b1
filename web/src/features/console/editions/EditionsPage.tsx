import { Link } from 'react-router';
import { useConsoleEditions } from '../../../api/console-editions';
import { format, useI18n } from '../../../i18n';
import { Page } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import './editions.css';
import '../strings/editions';

/** `/organiser`: every edition with its phase and key dates, each leading into its own console. */
export default function EditionsPage() {
  const { t, plural, formatDateTime, timeZone } = useI18n();
  const m = t.consoleEditions.list;
  const editions = useConsoleEditions();
  const range = (from: string, to: string) =>
    format(m.range, { from: formatDateTime(from), to: formatDateTime(to) });
  return (
    <Page title={m.title} lead={m.lead}>
      <p>
        <Link className="button" to="/organiser/editions/new">
          {m.create}
        </Link>
      </p>
      <QueryState query={editions}>
        {({ items, total }) =>
          items.length === 0 ? (
            <p>{m.none}</p>
          ) : (
            <div className="ed-table-wrap">
              <table className="ed-table ed-table--stacked">
                <caption>
                  {plural(m.count, total)}. {format(t.common.timeZoneNamed, { zone: timeZone })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{m.edition}</th>
                    <th scope="col">{m.phase}</th>
                    <th scope="col">{m.nominations}</th>
                    <th scope="col">{m.judging}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((edition) => (
                    <tr key={edition.id}>
                      <th scope="row">
                        <Link to={`/organiser/editions/${edition.id}`}>{edition.name}</Link>
                        <span className="ed-slug">{edition.slug}</span>
                      </th>
                      <td data-label={m.phase}>
                        <span className={`ed-phase ed-phase--${edition.phase}`}>
                          {t.console.phases[edition.phase]}
                        </span>
                      </td>
                      <td data-label={m.nominations}>
                        {range(edition.nominationsOpenAt, edition.nominationsCloseAt)}
                      </td>
                      <td data-label={m.judging}>{range(edition.judgingOpenAt, edition.judgingCloseAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </Page>
  );
}

import type { Nomination } from '../../api/nominations';
import { format, useI18n } from '../../i18n';

/** The nomination's way through the award, oldest first, as the server lets its entrants see it. */
export function History({ nomination }: { nomination: Nomination }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section className="section" aria-labelledby="history-title">
      <h2 id="history-title">{t.nominations.history}</h2>
      {nomination.history.length === 0 ? (
        <p className="muted">{t.nominations.historyEmpty}</p>
      ) : (
        <ol className="nom-history">
          {nomination.history.map((event, i) => (
            <li key={`${event.kind}-${i}`}>
              <p className="nom-history__what">{t.nominations.events[event.kind]}</p>
              {event.at && (
                <p className="muted">
                  <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                </p>
              )}
              {event.reason && <p>{format(t.nominations.reason, { reason: event.reason })}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

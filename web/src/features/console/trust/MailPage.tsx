import { useState } from 'react';
import {
  MAIL_PAGE_SIZE,
  type FailedMail,
  useFailedMails,
  useQueueDashboardTicket,
  useRetryMail,
} from '../../../api/console-trust';
import { format, useI18n } from '../../../i18n';
import { Button, ErrorSummary, Notice, Page } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { useConsoleProblem } from '../results/shared';
import './trust.css';
import '../strings/results';

function QueueDashboard() {
  const { t, formatDateTime } = useI18n();
  const m = t.consoleResults.mail;
  const ticket = useQueueDashboardTicket();
  const error = useConsoleProblem(ticket.error);
  return (
    <section className="section" aria-labelledby="queue-title">
      <h2 id="queue-title">{m.queueTitle}</h2>
      <p>{m.queueLead}</p>
      <ErrorSummary error={error} />
      {ticket.data ? (
        <Notice tone="success" live>
          <p>
            <a href={ticket.data.url} target="_blank" rel="noopener noreferrer">
              {m.queueLink}
            </a>
          </p>
          <p>{format(m.queueExpires, { date: formatDateTime(ticket.data.expiresAt) })}</p>
        </Notice>
      ) : (
        <Button
          variant="secondary"
          busy={ticket.isPending}
          busyLabel={t.layout.loading}
          onClick={() => ticket.mutate()}
        >
          {m.openQueue}
        </Button>
      )}
    </section>
  );
}

function MailRow({ mail, onRetry, busy }: { mail: FailedMail; onRetry: () => void; busy: boolean }) {
  const { t, formatDateTime } = useI18n();
  const m = t.consoleResults.mail;
  const recipient = mail.recipientEmail ?? '—';
  return (
    <tr>
      <th scope="row">{recipient}</th>
      <td>{mail.subject ?? mail.title ?? ''}</td>
      <td>{formatDateTime(mail.createdAt)}</td>
      <td className="num">{mail.attempts ?? '—'}</td>
      <td>
        <span className="mail-error">{mail.lastError ?? ''}</span>
      </td>
      <td>
        <Button
          variant="secondary"
          busy={busy}
          busyLabel={t.common.saving}
          aria-label={format(m.retryLabel, { recipient })}
          onClick={onRetry}
        >
          {m.retry}
        </Button>
      </td>
    </tr>
  );
}

/** `/organiser/mail`: the mails that failed, each with a retry, and the way to the queue dashboard. */
export default function MailPage() {
  const { t, plural } = useI18n();
  const m = t.consoleResults.mail;
  const [page, setPage] = useState(1);
  const mails = useFailedMails(page);
  const retry = useRetryMail();
  const retryError = useConsoleProblem(retry.error);
  const [retried, setRetried] = useState<string | null>(null);

  return (
    <Page title={m.title} lead={m.lead}>
      <ErrorSummary error={retryError} />
      {retried && (
        <Notice tone="success" live>
          <p>{format(m.retried, { recipient: retried })}</p>
        </Notice>
      )}
      <QueryState query={mails}>
        {(result) => {
          const pages = Math.max(1, Math.ceil(result.total / MAIL_PAGE_SIZE));
          return (
            <section className="section" aria-labelledby="mails-title">
              <h2 id="mails-title">{plural(m.showing, result.total)}</h2>
              {result.items.length === 0 ? (
                <p>{m.none}</p>
              ) : (
                <div className="trust-table-wrap" role="region" aria-labelledby="mail-caption" tabIndex={0}>
                  <table className="trust-table">
                    <caption id="mail-caption">{m.caption}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{m.recipient}</th>
                        <th scope="col">{m.subject}</th>
                        <th scope="col">{m.failedAt}</th>
                        <th scope="col" className="num">
                          {m.attempts}
                        </th>
                        <th scope="col">{m.error}</th>
                        <th scope="col">
                          <span className="visually-hidden">{m.retry}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {result.items.map((mail) => (
                        <MailRow
                          key={mail.id}
                          mail={mail}
                          busy={retry.isPending && retry.variables === mail.id}
                          onRetry={() =>
                            retry.mutate(mail.id, {
                              onSuccess: () => setRetried(mail.recipientEmail ?? ''),
                            })
                          }
                        />
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {pages > 1 && (
                <nav className="pagination" aria-label={m.caption}>
                  <Button variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    {t.consoleResults.audit.previous}
                  </Button>
                  <span>{format(t.consoleResults.audit.pageOf, { page, pages })}</span>
                  <Button variant="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                    {t.consoleResults.audit.next}
                  </Button>
                </nav>
              )}
            </section>
          );
        }}
      </QueryState>
      <QueueDashboard />
    </Page>
  );
}

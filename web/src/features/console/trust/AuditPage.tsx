import { type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import {
  AUDIT_PAGE_SIZE,
  type AuditEntry,
  type AuditFilters,
  useAuditLog,
  useVerifyChain,
} from '../../../api/console-trust';
import { useEditions } from '../../../api/nominations';
import { format, useI18n } from '../../../i18n';
import { Button, ErrorSummary, Field, formText, Notice, Page, SelectField } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { useConsoleProblem } from '../results/shared';
import './trust.css';
import '../strings/results';

const FILTERS = ['editionId', 'actorId', 'action'] as const;

function filtersOf(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of FILTERS) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

function VerifyChain() {
  const { t, plural } = useI18n();
  const a = t.consoleResults.audit;
  const verify = useVerifyChain();
  const error = useConsoleProblem(verify.error);
  const verdict = verify.data;
  return (
    <section className="section" aria-labelledby="verify-title">
      <h2 id="verify-title">{a.verifyTitle}</h2>
      <p>{a.verifyLead}</p>
      <Button busy={verify.isPending} busyLabel={a.verifying} onClick={() => verify.mutate()}>
        {a.verify}
      </Button>
      <ErrorSummary error={error} />
      {verdict && (
        <Notice tone={verdict.ok ? 'success' : 'warning'} live>
          <p className="verdict">
            {verdict.ok
              ? plural(a.verifiedOk, verdict.checked)
              : format(a.verifiedBroken, {
                  seq: verdict.firstBroken?.seq ?? '?',
                  reason: verdict.firstBroken ? a.reasons[verdict.firstBroken.reason] : '',
                })}
          </p>
          {verdict.head && (
            <p>
              {format(a.head, { seq: verdict.head.seq })} <code className="digest">{verdict.head.hash}</code>
            </p>
          )}
          {verdict.unsealed > 0 && <p>{plural(a.stillUnsealed, verdict.unsealed)}</p>}
        </Notice>
      )}
    </section>
  );
}

/** Who acted, as the server names them with the entry; an account since deleted by the start of its id. */
const actorName = (entry: AuditEntry) => entry.actorName ?? entry.actorId?.slice(0, 8) ?? '';

function EntryRow({ entry, onlyActor }: { entry: AuditEntry; onlyActor: (id: string) => void }) {
  const { t, formatDateTime } = useI18n();
  const a = t.consoleResults.audit;
  const details = JSON.stringify(entry.data);
  return (
    <tr>
      <td className="num">{entry.seq ?? <span className="muted">{a.unsealed}</span>}</td>
      <td>{formatDateTime(entry.occurredAt)}</td>
      <td>
        {entry.actorId ? (
          <>
            {actorName(entry)}{' '}
            <button
              type="button"
              className="link-button"
              aria-label={format(a.onlyActorLabel, { actor: actorName(entry) })}
              onClick={() => onlyActor(entry.actorId!)}
            >
              {a.onlyActor}
            </button>
          </>
        ) : (
          a.platform
        )}
      </td>
      <td>
        <code>{entry.action}</code>
      </td>
      <td>
        {entry.entityType}
        {entry.entityId && <span className="muted"> {entry.entityId.slice(0, 8)}</span>}
      </td>
      <td>
        {details !== '{}' && (
          <details>
            <summary>{a.details}</summary>
            <code className="audit-data">{details}</code>
          </details>
        )}
      </td>
    </tr>
  );
}

/** `/organiser/audit`: the audit log, filtered by edition, actor and action, and the chain's verification. */
export default function AuditPage() {
  const { t, plural } = useI18n();
  const a = t.consoleResults.audit;
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const log = useAuditLog(filters, page);
  const editions = useEditions();
  const logError = useConsoleProblem(log.error);

  const show = (next: AuditFilters, nextPage = 1) => {
    const search = new URLSearchParams();
    for (const name of FILTERS) if (next[name]) search.set(name, next[name]);
    if (nextPage > 1) search.set('page', String(nextPage));
    setParams(search);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    show(Object.fromEntries(FILTERS.map((name) => [name, formText(form, name).trim()])));
  };

  return (
    <Page title={a.title} lead={a.lead}>
      <VerifyChain />
      <section className="section" aria-labelledby="filters-title">
        <h2 id="filters-title">{a.filters}</h2>
        <form key={params.toString()} className="form audit-filters" onSubmit={submit} noValidate>
          <SelectField
            name="editionId"
            label={a.edition}
            defaultValue={filters.editionId ?? ''}
            options={[
              { value: '', label: a.anyEdition },
              ...(editions.data?.items ?? []).map((e) => ({ value: e.id, label: e.name })),
            ]}
          />
          <Field name="actorId" label={a.actor} hint={a.actorHint} defaultValue={filters.actorId ?? ''} />
          <Field name="action" label={a.action} hint={a.actionHint} defaultValue={filters.action ?? ''} />
          <div className="actions">
            <Button type="submit">{a.apply}</Button>
            <Button variant="secondary" onClick={() => show({})}>
              {a.clear}
            </Button>
          </div>
        </form>
      </section>
      {log.isError ? (
        <ErrorSummary error={logError} />
      ) : (
        <QueryState query={log}>
          {(result) => {
            const pages = Math.max(1, Math.ceil(result.total / AUDIT_PAGE_SIZE));
            return (
              <section className="section" aria-labelledby="entries-title">
                <h2 id="entries-title">{plural(a.showing, result.total)}</h2>
                {result.items.length === 0 ? (
                  <p>{a.empty}</p>
                ) : (
                  <div
                    className="trust-table-wrap"
                    role="region"
                    aria-labelledby="audit-caption"
                    tabIndex={0}
                  >
                    <table className="trust-table">
                      <caption id="audit-caption">{a.caption}</caption>
                      <thead>
                        <tr>
                          <th scope="col" className="num">
                            {a.seq}
                          </th>
                          <th scope="col">{a.when}</th>
                          <th scope="col">{a.who}</th>
                          <th scope="col">{a.what}</th>
                          <th scope="col">{a.entity}</th>
                          <th scope="col">{a.details}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {result.items.map((entry) => (
                          <EntryRow
                            key={entry.id}
                            entry={entry}
                            onlyActor={(actorId) => show({ ...filters, actorId })}
                          />
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {pages > 1 && (
                  <nav className="pagination" aria-label={a.pagination}>
                    <Button variant="secondary" disabled={page <= 1} onClick={() => show(filters, page - 1)}>
                      {a.previous}
                    </Button>
                    <span>{format(a.pageOf, { page, pages })}</span>
                    <Button
                      variant="secondary"
                      disabled={page >= pages}
                      onClick={() => show(filters, page + 1)}
                    >
                      {a.next}
                    </Button>
                  </nav>
                )}
              </section>
            );
          }}
        </QueryState>
      )}
    </Page>
  );
}

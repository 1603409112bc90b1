import { useState } from 'react';
import { Link } from 'react-router';
import {
  decideEligibility,
  downloadNominationsCsv,
  type EligibilityDecision,
  type ExportFilters,
  type NominationFilters,
  PAGE_SIZE,
  useEditionNominations,
  useEligibilityDone,
} from '../../../api/console-entries';
import {
  type Nomination,
  type NominationStatus,
  type NominationSummary,
  useCategories,
} from '../../../api/nominations';
import { format, useI18n } from '../../../i18n';
import { Button, ErrorSummary, Field, Notice, Page, SelectField, useProblemText } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { localized, StatusBadge } from '../../nominations/shared';
import { useConsoleEdition } from '../ConsoleLayout';
import { EligibilityForm } from './EligibilityForm';
import { FilterForm, formValue, localizeProblem, Pager, useConsoleError, useListParams } from './shared';
import './entries.css';
import '../strings/entries';

const FILTERS = ['q', 'categoryId', 'status', 'companyId', 'company'] as const;
const STATUSES: NominationStatus[] = [
  'submitted',
  'eligible',
  'ineligible',
  'shortlisted',
  'finalist',
  'winner',
  'withdrawn',
  'draft',
];
/** The statuses an eligibility decision may be taken (or revised) on. */
const REVIEWABLE: readonly NominationStatus[] = ['submitted', 'eligible', 'ineligible'];

interface Outcome {
  id: string;
  title: string;
  ok: boolean;
  problem?: string;
}

function QueueSummary({ editionId, onShow }: { editionId: string; onShow: () => void }) {
  const { t, plural } = useI18n();
  const m = t.consoleEntries.nominations;
  const awaiting = useEditionNominations(editionId, { status: 'submitted', page: 1 });
  const total = awaiting.data?.total;
  if (total === undefined) return null;
  return (
    <div className="entries-queue">
      <p>{total === 0 ? m.queueEmpty : plural(m.queueLead, total)}</p>
      {total > 0 && (
        <Button variant="secondary" onClick={onShow}>
          {m.showQueue}
        </Button>
      )}
    </div>
  );
}

function Export({ editionId, filters }: { editionId: string; filters: ExportFilters }) {
  const { t } = useI18n();
  const m = t.consoleEntries.nominations;
  const [state, setState] = useState<{ busy: boolean; done: boolean; error: unknown }>({
    busy: false,
    done: false,
    error: null,
  });
  const error = useConsoleError(state.error);
  const run = async () => {
    setState({ busy: true, done: false, error: null });
    try {
      await downloadNominationsCsv(editionId, filters);
      setState({ busy: false, done: true, error: null });
    } catch (failure) {
      setState({ busy: false, done: false, error: failure });
    }
  };
  return (
    <div className="entries-export">
      <Button variant="secondary" busy={state.busy} busyLabel={m.exporting} onClick={() => void run()}>
        {m.export}
      </Button>
      <p className="muted">{m.exportHint}</p>
      <ErrorSummary error={error} />
      {state.done && (
        <p role="status" className="muted">
          {m.exported}
        </p>
      )}
    </div>
  );
}

function Table({
  items,
  categoryName,
  selectable,
  selected,
  onToggle,
  onToggleAll,
}: {
  items: NominationSummary[];
  categoryName: (id: string) => string;
  selectable: boolean;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: (ids: string[], on: boolean) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const m = t.consoleEntries.nominations;
  const edition = useConsoleEdition();
  const reviewable = items.filter((n) => REVIEWABLE.includes(n.status)).map((n) => n.id);
  const allOn = reviewable.length > 0 && reviewable.every((id) => selected.has(id));
  return (
    <div className="entries-table-wrap">
      <table className="entries-table">
        <caption className="visually-hidden">{m.caption}</caption>
        <thead>
          <tr>
            {selectable && (
              <th scope="col" className="entries-table__select">
                <input
                  type="checkbox"
                  aria-label={m.selectAll}
                  checked={allOn}
                  disabled={reviewable.length === 0}
                  onChange={(event) => onToggleAll(reviewable, event.currentTarget.checked)}
                />
              </th>
            )}
            <th scope="col">{m.title}</th>
            <th scope="col">{m.company}</th>
            <th scope="col">{m.category}</th>
            <th scope="col">{m.status}</th>
            <th scope="col">{m.submitted}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((nomination) => {
            const title = nomination.title || m.untitled;
            return (
              <tr key={nomination.id} className={selected.has(nomination.id) ? 'is-selected' : undefined}>
                {selectable && (
                  <td className="entries-table__select">
                    {REVIEWABLE.includes(nomination.status) && (
                      <input
                        type="checkbox"
                        aria-label={format(m.select, { title })}
                        checked={selected.has(nomination.id)}
                        onChange={() => onToggle(nomination.id)}
                      />
                    )}
                  </td>
                )}
                <th scope="row">
                  <Link to={`/organiser/editions/${edition.id}/nominations/${nomination.id}`}>{title}</Link>
                </th>
                <td data-label={m.company}>{nomination.companyName}</td>
                <td data-label={m.category}>{categoryName(nomination.categoryId)}</td>
                <td data-label={m.status}>
                  <StatusBadge status={nomination.status} />
                </td>
                <td data-label={m.submitted}>
                  {nomination.submittedAt ? formatDateTime(nomination.submittedAt) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The decisions for the selected nominations, one request each: every decision is its own audited change
 * and its own mail to the company, so one refused nomination (a stale or withdrawn one) must not hold back
 * the others. Each outcome is listed; the refused ones stay selected to be tried again.
 */
function BulkDecision({
  items,
  selected,
  onDecided,
}: {
  items: NominationSummary[];
  selected: Set<string>;
  onDecided: (outcomes: Outcome[]) => void;
}) {
  const { t, plural } = useI18n();
  const m = t.consoleEntries.nominations;
  const describe = useProblemText();
  const done = useEligibilityDone();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  const decide = async (decision: EligibilityDecision, reason: string | undefined) => {
    const chosen = items.filter((n) => selected.has(n.id));
    const outcomes: Outcome[] = [];
    const decided: Nomination[] = [];
    setProgress({ done: 0, total: chosen.length });
    for (const nomination of chosen) {
      const title = nomination.title || m.untitled;
      try {
        decided.push(await decideEligibility(nomination.id, decision, reason));
        outcomes.push({ id: nomination.id, title, ok: true });
      } catch (error) {
        outcomes.push({
          id: nomination.id,
          title,
          ok: false,
          problem: describe(localizeProblem(error, t.consoleEntries.problems)),
        });
      }
      setProgress({ done: outcomes.length, total: chosen.length });
    }
    await done(decided);
    setProgress(null);
    onDecided(outcomes);
  };

  return (
    <section className="section entries-bulk" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{m.bulkTitle}</h2>
      <p>{plural(m.selected, selected.size)}</p>
      <EligibilityForm
        idPrefix="bulk"
        legend={m.decision}
        busy={progress !== null}
        busyLabel={progress ? format(m.deciding, progress) : undefined}
        beforeSubmit={() => (selected.size === 0 ? m.selectFirst : null)}
        onDecide={(decision, reason) => void decide(decision, reason)}
      />
    </section>
  );
}

function Outcomes({ outcomes }: { outcomes: Outcome[] }) {
  const { t, plural } = useI18n();
  const m = t.consoleEntries.nominations;
  const ok = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.length - ok;
  return (
    <Notice tone={failed > 0 ? 'warning' : 'success'} live>
      <h2 className="entries-outcomes__title">{m.results}</h2>
      <p>
        {plural(m.summary, ok)}
        {failed > 0 && ` ${plural(m.failedSummary, failed)}`}
      </p>
      <ul className="entries-outcomes">
        {outcomes.map((o) => (
          <li key={o.id} className={o.ok ? undefined : 'entries-outcomes__failed'}>
            {o.ok
              ? format(m.resultDone, { title: o.title })
              : format(m.resultFailed, { title: o.title, problem: o.problem ?? '' })}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

/** `/organiser/editions/:editionId/nominations`: the list, its filters, the CSV and the eligibility queue. */
export default function NominationsPage() {
  const { t, locale } = useI18n();
  const m = t.consoleEntries.nominations;
  const edition = useConsoleEdition();
  const categories = useCategories(edition.id);
  const [params, setParams] = useListParams(FILTERS);
  const filters: NominationFilters = {
    q: params.q,
    categoryId: params.categoryId,
    companyId: params.companyId,
    status: STATUSES.find((s) => s === params.status),
    page: params.page,
  };
  const nominations = useEditionNominations(edition.id, filters);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const reviewing = edition.phase === 'eligibility';
  const categoryName = (id: string) => {
    const category = categories.data?.find((c) => c.id === id);
    return category ? localized(category.name, locale) : '—';
  };
  const apply = (changes: Parameters<typeof setParams>[0]) => {
    setSelected(new Set());
    setParams(changes);
  };
  const exportFilters: ExportFilters = {
    q: filters.q,
    categoryId: filters.categoryId,
    companyId: filters.companyId,
    status: filters.status,
  };

  return (
    <Page title={t.console.editionSections.nominations} lead={m.lead}>
      {params.companyId && (
        <Notice>
          <p>
            {format(m.companyFilter, { name: params.company ?? '' })}{' '}
            <Link to={`/organiser/editions/${edition.id}/nominations`} onClick={() => setSelected(new Set())}>
              {m.allCompanies}
            </Link>
          </p>
        </Notice>
      )}
      <section className="section" aria-labelledby="queue-title">
        <h2 id="queue-title">{m.queueTitle}</h2>
        {reviewing ? (
          <QueueSummary editionId={edition.id} onShow={() => apply({ status: 'submitted' })} />
        ) : (
          <p>{format(m.queueClosed, { phase: t.console.phases[edition.phase] })}</p>
        )}
      </section>
      <FilterForm
        key={JSON.stringify(filters)}
        onApply={(data) =>
          apply({
            q: formValue(data, 'q'),
            categoryId: formValue(data, 'categoryId'),
            status: formValue(data, 'status'),
          })
        }
        onClear={() => apply({ q: undefined, categoryId: undefined, status: undefined })}
      >
        <Field
          name="q"
          type="search"
          label={t.consoleEntries.search}
          hint={m.searchHint}
          defaultValue={filters.q ?? ''}
          maxLength={200}
        />
        <SelectField
          name="categoryId"
          label={m.category}
          defaultValue={filters.categoryId ?? ''}
          options={[
            { value: '', label: t.consoleEntries.all },
            ...(categories.data ?? []).map((c) => ({ value: c.id, label: localized(c.name, locale) })),
          ]}
        />
        <SelectField
          name="status"
          label={m.status}
          defaultValue={filters.status ?? ''}
          options={[
            { value: '', label: t.consoleEntries.all },
            ...STATUSES.map((s) => ({ value: s, label: t.nominations.statuses[s] })),
          ]}
        />
      </FilterForm>
      <Export editionId={edition.id} filters={exportFilters} />
      {outcomes && <Outcomes outcomes={outcomes} />}
      <QueryState query={nominations}>
        {(result) =>
          result.items.length === 0 ? (
            <p>{t.consoleEntries.none}</p>
          ) : (
            <>
              <Table
                items={result.items}
                categoryName={categoryName}
                selectable={reviewing}
                selected={selected}
                onToggle={(id) =>
                  setSelected((current) => {
                    const next = new Set(current);
                    if (!next.delete(id)) next.add(id);
                    return next;
                  })
                }
                onToggleAll={(ids, on) =>
                  setSelected((current) => {
                    const next = new Set(current);
                    for (const id of ids)
                      if (on) next.add(id);
                      else next.delete(id);
                    return next;
                  })
                }
              />
              <Pager
                page={filters.page}
                pageSize={PAGE_SIZE}
                total={result.total}
                onPage={(page) => apply({ page: String(page) })}
              />
              {reviewing && (
                <BulkDecision
                  items={result.items}
                  selected={selected}
                  onDecided={(done) => {
                    setOutcomes(done);
                    setSelected(new Set(done.filter((o) => !o.ok).map((o) => o.id)));
                  }}
                />
              )}
            </>
          )
        }
      </QueryState>
    </Page>
  );
}

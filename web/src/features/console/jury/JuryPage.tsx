import { useId, useState } from 'react';
import {
  type ConflictMatrix,
  type ConflictSource,
  type LateConflict,
  type Panel,
  useAddPanelJurors,
  useConflictMatrix,
  useDecideLateConflict,
  useLateConflicts,
  usePanels,
  useRemovePanelJuror,
} from '../../../api/console-jury';
import { type Category, useCategories } from '../../../api/nominations';
import { format, useI18n } from '../../../i18n';
import { Button, Checkbox, ErrorSummary, Field, Notice, Page, SelectField } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { useConsoleEdition } from '../ConsoleLayout';
import { FilterForm, formValue, Pager, useListParams } from '../entries/shared';
import { AccountSearch } from '../people/AccountSearch';
import { categoryName, useJuryError } from './shared';
import './jury-admin.css';
import '../strings/jury';

const SOURCES: ConflictSource[] = ['declared', 'organiser', 'membership', 'employer'];

/** `/organiser/editions/:editionId/jury`: panels per category, the conflicts matrix and the late conflicts. */
export default function JuryPage() {
  const { t } = useI18n();
  const m = t.consoleJury.jury;
  const edition = useConsoleEdition();
  const panels = usePanels(edition.id);
  const categories = useCategories(edition.id);
  return (
    <Page title={m.title} lead={m.lead}>
      <section className="section" aria-labelledby="panels-title">
        <h2 id="panels-title">{m.panels}</h2>
        <p className="muted">{m.panelsLead}</p>
        <QueryState query={panels}>
          {(list) => (
            <div className="jury-panels">
              {list.map((panel) => (
                <PanelSection key={panel.categoryId} panel={panel} categories={categories.data} />
              ))}
            </div>
          )}
        </QueryState>
      </section>
      <MatrixSection editionId={edition.id} categories={categories.data} />
      <LateConflictsSection editionId={edition.id} />
    </Page>
  );
}

function PanelSection({ panel, categories }: { panel: Panel; categories: Category[] | undefined }) {
  const { t, locale } = useI18n();
  const m = t.consoleJury.jury;
  const edition = useConsoleEdition();
  const add = useAddPanelJurors(edition.id);
  const remove = useRemovePanelJuror(edition.id);
  const [done, setDone] = useState<string | null>(null);
  const name = categoryName(categories, panel.categoryId, locale) || panel.categoryCode;
  const headingId = useId();
  const onPanel = new Set(panel.jurors.map((j) => j.id));
  const error = useJuryError(add.error ?? remove.error);

  const addJuror = (juror: { id: string; fullName: string }) => {
    remove.reset();
    add.mutate(
      { categoryId: panel.categoryId, jurorIds: [juror.id] },
      { onSuccess: () => setDone(format(m.added, { name: juror.fullName, category: name })) },
    );
  };

  return (
    <section className="jury-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{format(m.panelOf, { category: name })}</h3>
      {done && (
        <Notice tone="success" live>
          {done}
        </Notice>
      )}
      <ErrorSummary error={error} />
      {panel.jurors.length === 0 ? (
        <p className="muted">{m.noJurors}</p>
      ) : (
        <ul className="jury-panel__jurors">
          {panel.jurors.map((juror) => (
            <li key={juror.id}>
              <span>
                {juror.fullName} <span className="muted">{juror.email}</span>
              </span>
              <Button
                variant="secondary"
                aria-label={format(m.removeNamed, { name: juror.fullName, category: name })}
                busy={remove.isPending}
                onClick={() => {
                  add.reset();
                  remove.mutate(
                    { categoryId: panel.categoryId, jurorId: juror.id },
                    {
                      onSuccess: () => setDone(format(m.removed, { name: juror.fullName, category: name })),
                    },
                  );
                }}
              >
                {m.remove}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <AccountSearch
        name={`panel-${panel.categoryCode}`}
        label={format(m.addJuror, { category: name })}
        role="juror"
        exclude={onPanel}
        action={m.add}
        actionLabel={(juror) => format(m.addNamed, { name: juror.fullName, category: name })}
        busy={add.isPending}
        onPick={addJuror}
      />
    </section>
  );
}

const MATRIX_FILTERS = ['q', 'category', 'conflicted', 'jurorPage'] as const;

/**
 * The conflicts matrix a page of companies (columns) and a page of jurors (rows) at a time, narrowed by company
 * name, to one category, or to the companies with a conflict; the filters and pages are kept in the address.
 */
function MatrixSection({ editionId, categories }: { editionId: string; categories: Category[] | undefined }) {
  const { t, locale } = useI18n();
  const m = t.consoleJury.jury;
  const [filters, setFilters] = useListParams(MATRIX_FILTERS);
  const jurorPage = Math.max(1, Number.parseInt(filters.jurorPage ?? '1', 10) || 1);
  const matrix = useConflictMatrix(editionId, {
    q: filters.q,
    categoryId: filters.category,
    conflicted: filters.conflicted === 'true',
    page: filters.page,
    jurorPage,
  });
  const filtered = Boolean(filters.q || filters.category || filters.conflicted);
  return (
    <section className="section" aria-labelledby="matrix-title">
      <h2 id="matrix-title">{m.matrix}</h2>
      <p className="muted">{m.matrixLead}</p>
      <FilterForm
        key={JSON.stringify(filters)}
        onApply={(data) =>
          setFilters({
            q: formValue(data, 'q'),
            category: formValue(data, 'category'),
            conflicted: formValue(data, 'conflicted'),
            jurorPage: undefined,
          })
        }
        onClear={() =>
          setFilters({ q: undefined, category: undefined, conflicted: undefined, jurorPage: undefined })
        }
      >
        <Field name="q" type="search" label={m.matrixSearch} defaultValue={filters.q ?? ''} maxLength={200} />
        <SelectField
          name="category"
          label={m.matrixCategory}
          hint={m.matrixCategoryHint}
          defaultValue={filters.category ?? ''}
          options={[
            { value: '', label: m.allCategories },
            ...(categories ?? []).map((c) => ({
              value: c.id,
              label: categoryName(categories, c.id, locale),
            })),
          ]}
        />
        <Checkbox
          name="conflicted"
          value="true"
          label={m.conflictedOnly}
          defaultChecked={filters.conflicted === 'true'}
        />
      </FilterForm>
      <QueryState query={matrix}>
        {(data) => (
          <Matrix
            data={data}
            filtered={filtered}
            onPage={(page) => setFilters({ page: String(page), jurorPage: String(jurorPage) })}
            onJurorPage={(page) => setFilters({ page: String(filters.page), jurorPage: String(page) })}
          />
        )}
      </QueryState>
    </section>
  );
}

function Matrix({
  data,
  filtered,
  onPage,
  onJurorPage,
}: {
  data: ConflictMatrix;
  filtered: boolean;
  onPage: (page: number) => void;
  onJurorPage: (page: number) => void;
}) {
  const { t, plural } = useI18n();
  const m = t.consoleJury.jury;
  const { jurors, companies } = data;
  if (!filtered && !jurors.total && !companies.total) return <p className="muted">{m.matrixEmpty}</p>;
  const cells = new Map(data.cells.map((c) => [`${c.jurorId}|${c.companyId}`, c]));
  const missing = jurors.undeclared;
  return (
    <>
      <Notice tone={missing ? 'warning' : 'info'}>
        <p>{missing ? plural(m.notDeclared, missing) : m.allDeclared}</p>
      </Notice>
      <h3 className="jury-legend__title" id="matrix-legend">
        {m.legend}
      </h3>
      <dl className="jury-legend" aria-labelledby="matrix-legend">
        {SOURCES.map((source) => (
          <div key={source}>
            <dt>
              <span className={`jury-mark jury-mark--${source}`}>{m.sourceShort[source]}</span>
            </dt>
            <dd>{m.sources[source]}</dd>
          </div>
        ))}
        <div>
          <dt>
            <span className="jury-mark jury-mark--late">!</span>
          </dt>
          <dd>{m.awaiting}</dd>
        </div>
      </dl>
      {!jurors.items.length || !companies.items.length ? (
        <p>{m.matrixNoMatch}</p>
      ) : (
        <div className="jury-matrix-wrap" role="region" aria-labelledby="matrix-caption" tabIndex={0}>
          <table className="jury-matrix">
            <caption id="matrix-caption">{m.matrixCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.consoleJury.jurorColumn}</th>
                <th scope="col">{m.declaration}</th>
                {companies.items.map((company) => (
                  <th scope="col" key={company.id} className="jury-matrix__company">
                    <span>{company.name}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {jurors.items.map((juror) => (
                <tr key={juror.id}>
                  <th scope="row">{juror.fullName}</th>
                  <td className={juror.confirmedAt ? undefined : 'jury-matrix__missing'}>
                    {juror.confirmedAt ? m.declarationDone : m.declarationMissing}
                  </td>
                  {companies.items.map((company) => {
                    const cell = cells.get(`${juror.id}|${company.id}`);
                    return (
                      <td key={company.id} className={cell ? 'jury-matrix__conflict' : undefined}>
                        {cell ? (
                          <>
                            {cell.sources.map((source) => (
                              <abbr
                                key={source}
                                className={`jury-mark jury-mark--${source}`}
                                title={m.sources[source]}
                              >
                                {m.sourceShort[source]}
                                <span className="visually-hidden"> {m.sources[source]}</span>
                              </abbr>
                            ))}
                            {cell.awaitingDecision && (
                              <span className="jury-mark jury-mark--late" title={m.awaiting}>
                                !<span className="visually-hidden"> {m.awaiting}</span>
                              </span>
                            )}
                          </>
                        ) : (
                          <span className="visually-hidden">{m.none}</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="jury-matrix-pagers">
        <Pager
          page={companies.page}
          pageSize={companies.pageSize}
          total={companies.total}
          onPage={onPage}
          words={m.companyPages}
        />
        <Pager
          page={jurors.page}
          pageSize={jurors.pageSize}
          total={jurors.total}
          onPage={onJurorPage}
          words={m.jurorPages}
        />
      </div>
    </>
  );
}

function LateConflictsSection({ editionId }: { editionId: string }) {
  const { t } = useI18n();
  const m = t.consoleJury.jury;
  const late = useLateConflicts(editionId);
  return (
    <section className="section" aria-labelledby="late-title">
      <h2 id="late-title">{m.late}</h2>
      <p className="muted">{m.lateLead}</p>
      <QueryState query={late}>
        {(page) => {
          const pending = page.items.filter((item) => item.status === 'pending');
          return pending.length === 0 ? (
            <p>{m.noLate}</p>
          ) : (
            <ul className="jury-late">
              {pending.map((item) => (
                <LateConflictItem key={item.id} item={item} editionId={editionId} />
              ))}
            </ul>
          );
        }}
      </QueryState>
    </section>
  );
}

function LateConflictItem({ item, editionId }: { item: LateConflict; editionId: string }) {
  const { t, plural, formatDateTime } = useI18n();
  const m = t.consoleJury.jury;
  const decide = useDecideLateConflict(editionId);
  const [decision, setDecision] = useState<'confirm' | 'dismiss'>('confirm');
  const [reason, setReason] = useState('');
  const error = useJuryError(decide.error);
  const id = useId();
  return (
    <li className="jury-late__item" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{format(m.lateTitle, { juror: item.jurorName, company: item.companyName })}</h3>
      <p className="muted">
        {format(m.lateSource, { source: m.sources[item.source] })} ·{' '}
        {plural(m.lateScorecards, item.scorecards.length)} ·{' '}
        {format(m.lateDetected, { date: formatDateTime(item.detectedAt) })}
      </p>
      <ErrorSummary error={error} />
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          decide.mutate({ id: item.id, decision, reason });
        }}
      >
        <fieldset className="jury-choice">
          <legend>{m.decision}</legend>
          {(['confirm', 'dismiss'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name={`decision-${item.id}`}
                value={value}
                checked={decision === value}
                onChange={() => setDecision(value)}
              />{' '}
              {m[value]}
            </label>
          ))}
        </fieldset>
        <Field
          name={`reason-${item.id}`}
          label={m.reason}
          value={reason}
          required
          onChange={(e) => setReason(e.target.value)}
        />
        <Button type="submit" busy={decide.isPending} busyLabel={t.consoleJury.saving}>
          {m.decide}
        </Button>
      </form>
    </li>
  );
}
